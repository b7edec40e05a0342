// Test helper: `ssmlink forward --output json` running as a child process against an
// emulator, its event lines read as they come; and a transfer through a forwarded port.
#pragma once
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/running_emulator.hpp"

namespace ssmlink::testing {

// Agent versions on either side of the multiplexing threshold (3.0.196.0, section 11).
inline constexpr const char* kBasicAgentVersion = "3.0.161.0";
inline constexpr const char* kMuxAgentVersion = "3.3.1142.0";

// Loads a scenario (emulator/scenarios/<scenario>.json) with the seed instance's agent at
// `version`.
void use_agent_version(const RunningEmulator& emulator, const std::string& version,
                       const std::string& scenario = "endpoints-present");

// The environment ssmlink runs with against the emulator.
std::vector<std::string> ssmlink_environment(const RunningEmulator& emulator,
                                             const std::string& home);
// The ssmlink binary, run to its end.
ProcessResult run_ssmlink_process(const RunningEmulator& emulator, const std::string& home,
                                  const std::vector<std::string>& args);

class ForwardRun {
 public:
  ForwardRun(const RunningEmulator& emulator, const std::string& home,
             const std::vector<std::string>& args);

  // The next event line of that kind (in order, each returned once), or null after
  // `timeout`.
  nlohmann::json wait_for(const std::string& event,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // The local port of the first listening event.
  uint16_t local_port() const { return local_port_; }
  void stop();  // SIGINT, as Ctrl-C
  // The exit code, waiting up to 30 s (-1 if killed or still running).
  int exit_code();
  std::string output();  // what was printed so far, for failure messages

 private:
  ChildProcess child_;
  std::vector<nlohmann::json> lines_;
  std::vector<bool> taken_;
  std::string out_, err_;
  uint16_t local_port_ = 0;
};

}  // namespace ssmlink::testing
