// NonInteractiveCommands (AWS-StartNonInteractiveCommand, reference section 9.4): one
// command without a terminal; stdout as Output, stderr as StdErr, then "EXIT_CODE: <n>"
// as ExitCode, the agent's "separateOutputStream" shape. Bytes pass unchanged.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "emulator/sessions/child_process.hpp"
#include "emulator/sessions/session_worker.hpp"

namespace ssmlink::emulator::sessions {

class CommandRunner : public SessionWorker {
 public:
  // Runs `shell -c command`; throws std::runtime_error when it cannot start.
  CommandRunner(const std::string& shell, const std::string& command);
  ~CommandRunner() override;

  std::vector<WorkerOutput> poll() override;
  void wait_on(WorkerWait& wait, bool reading) const override;
  // Section 9.3: only 0x03 (SIGINT) and 0x1C (SIGQUIT) mean anything; the rest is ignored.
  void input(std::string_view bytes) override;
  std::optional<std::string> finished() const override;

 private:
  void read_from(int& fd, PayloadType type, std::vector<WorkerOutput>& out);

  ScratchDirectory scratch_;
  int stdout_ = -1, stderr_ = -1;
  pid_t child_ = -1;
  bool reaped_ = false;
  bool exit_code_sent_ = false;
  int wait_status_ = 0;
};

}  // namespace ssmlink::emulator::sessions
