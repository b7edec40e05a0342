// ssmlink-soak: the harness that measures whether up and down converge on an unreliable
// AWS. See soak_run.hpp for what it does and README.md ("Soak test") for how to run it.
#include <csignal>
#include <iostream>

#include "tests/soak/soak_emulator.hpp"
#include "tests/soak/soak_options.hpp"
#include "tests/soak/soak_report.hpp"
#include "tests/soak/soak_run.hpp"
#include "tests/soak/stop_request.hpp"

int main(int argc, char** argv) {
  using namespace ssmlink::soak;
  auto parsed = parse_soak_options(argc, argv);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const SoakOptions& options = std::get<SoakOptions>(parsed);
  std::signal(SIGPIPE, SIG_IGN);
  catch_stop_signals();

  SoakReport report(options);
  try {
    SoakEmulator emulator(options);
    Soak soak(options, emulator, report);
    soak.run_cycles();
    soak.run_kills();
  } catch (const std::exception& error) {
    report.harness_error = error.what();
  }
  if (stop_requested()) report.interrupted = true;

  if (options.json) {
    std::cout << report.json().dump(2) << std::endl;
  } else {
    report.print_table(std::cout);
  }
  if (report.interrupted) return 130;
  if (!report.harness_error.empty()) return 2;
  return report.passed() ? 0 : 1;
}
