#include "tests/soak/soak_options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "tests/support/paths.hpp"

namespace ssmlink::soak {

std::variant<SoakOptions, int> parse_soak_options(int argc, char** argv) {
  SoakOptions options;
  options.ssmlink = testing::binary_path("ssmlink");
  options.emulator = testing::binary_path("emulator/ssmlink-emulator");
  int timeout_seconds = static_cast<int>(options.command_timeout.count());

  CLI::App app(
      "ssmlink-soak: runs the real ssmlink binary through up -> status -> down cycles and "
      "SIGKILL tests against ssmlink-emulator with injected faults, and counts successes, "
      "API faults, leftovers and duplicate stacks. Exit 0 only when every cycle succeeded, "
      "every kill converged, nothing was left over and no stack was duplicated; 1 otherwise; "
      "2 for bad usage or when the emulator cannot start; 130 when interrupted.");
  app.name("ssmlink-soak");
  app.add_option("--cycles", options.cycles, "up -> status -> down cycles")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--kills", options.kills, "commands killed with SIGKILL, then run again")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--throttle", options.throttle, "share of AWS calls throttled")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--server-errors", options.server_errors, "share of AWS calls failing with 5xx")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--resets", options.resets, "share of AWS calls whose connection is reset")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "seed of the emulator's faults and of the kill plan")
      ->capture_default_str();
  app.add_option("--provision-ms", options.provision_ms, "emulator time per stack resource")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  app.add_option("--max-kill-delay-ms", options.max_kill_delay_ms,
                 "a kill comes 0 to this many ms after the command starts")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  app.add_option("--command-timeout", timeout_seconds, "seconds before a command counts as hung")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--ssmlink", options.ssmlink, "the ssmlink executable")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  app.add_option("--emulator", options.emulator, "the ssmlink-emulator executable")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  app.add_flag("--json", options.json, "print one JSON object instead of the table");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error, std::cout, std::cerr);
    return code == 0 ? 0 : 2;
  }
  options.command_timeout = std::chrono::seconds(timeout_seconds);
  return options;
}

}  // namespace ssmlink::soak
