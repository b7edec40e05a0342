#include "tests/soak/soak_options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "tests/support/paths.hpp"

namespace ssmlink::soak {

namespace {

template <typename Number>
void add_number(CLI::App& app, const std::string& flag, Number& value, const std::string& help,
                Number low, Number high) {
  app.add_option(flag, value, help)->check(CLI::Range(low, high))->capture_default_str();
}

}  // namespace

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
  // The last of a repeated option wins, so scripts/soak.sh's defaults can be overridden.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  add_number(app, "--cycles", options.cycles, "up -> status -> down cycles", 0, 100000);
  add_number(app, "--kills", options.kills, "commands killed with SIGKILL, then run again", 0,
             100000);
  add_number(app, "--throttle", options.throttle, "share of AWS calls throttled", 0.0, 1.0);
  add_number(app, "--server-errors", options.server_errors, "share of AWS calls failing with 5xx",
             0.0, 1.0);
  add_number(app, "--resets", options.resets, "share of AWS calls whose connection is reset", 0.0,
             1.0);
  app.add_option("--seed", options.seed, "seed of the emulator's faults and of the kill plan")
      ->capture_default_str();
  add_number(app, "--provision-ms", options.provision_ms, "emulator time per stack resource", 0,
             60000);
  add_number(app, "--max-kill-delay-ms", options.max_kill_delay_ms,
             "a kill comes 0 to this many ms after the command starts", 0, 600000);
  add_number(app, "--command-timeout", timeout_seconds, "seconds before a command counts as hung",
             1, 3600);
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
