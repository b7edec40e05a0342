// One run of the real ssmlink binary against the emulator: the emulator's test keys, its
// URL, a fresh empty HOME and nothing else of the machine's AWS configuration; killed when
// it outlives its timeout, when the harness is asked to stop, or on purpose after a delay
// (the kill tests).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tests/soak/soak_emulator.hpp"

namespace ssmlink::soak {

struct CommandResult {
  std::vector<std::string> args;
  int exit_code = -1;  // -1 when ended by a signal
  bool timed_out = false;
  bool killed = false;       // by the harness, on purpose
  bool interrupted = false;  // the harness was asked to stop
  double seconds = 0;
  std::string out;
  std::string err;
  RequestStats requests;

  bool ok() const { return exit_code == 0 && !timed_out && !killed && !interrupted; }
  // "exit 0", "exit 1", "timeout", "killed", "signal", "interrupted".
  std::string outcome() const;
  // The last line the command wrote on stderr (else stdout), for the failure list.
  std::string last_line() const;
};

class SsmlinkRunner {
 public:
  SsmlinkRunner(std::string executable, std::string endpoint_url, std::chrono::seconds timeout)
      : executable_(std::move(executable)),
        endpoint_url_(std::move(endpoint_url)),
        timeout_(timeout) {}

  // Runs `ssmlink args...` to its end, or SIGKILLs it once `kill_after` has passed.
  CommandResult run(const std::vector<std::string>& args,
                    std::optional<std::chrono::milliseconds> kill_after = std::nullopt) const;

 private:
  std::string executable_;
  std::string endpoint_url_;
  std::chrono::seconds timeout_;
};

}  // namespace ssmlink::soak
