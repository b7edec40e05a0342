// ssmlink-soak's command line: how many cycles and kills, the emulator's fault rates, and
// where the two executables are.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>

namespace ssmlink::soak {

struct SoakOptions {
  int cycles = 20;
  int kills = 5;
  double throttle = 0.30;
  double server_errors = 0.10;
  double resets = 0.02;
  uint64_t seed = 1;
  int provision_ms = 200;
  int max_kill_delay_ms = 3000;
  // Longer than up's own wait for the agent (300 s) plus the stack: a command that takes
  // longer is hung.
  std::chrono::seconds command_timeout{420};
  std::string ssmlink;   // default: the build tree's
  std::string emulator;  // default: the build tree's
  bool json = false;
};

// The options, or the exit code to return at once (0 after --help, 2 for bad usage, with
// the message printed).
std::variant<SoakOptions, int> parse_soak_options(int argc, char** argv);

}  // namespace ssmlink::soak
