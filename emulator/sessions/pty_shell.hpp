// A shell (or InteractiveCommands' command) on a real pty, in its own scratch directory,
// as the agent runs Standard_Stream sessions (reference section 9): keystrokes go to the
// pty as they come (the line discipline turns 0x03 into SIGINT), its output comes back.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "emulator/sessions/child_process.hpp"
#include "emulator/sessions/session_worker.hpp"

namespace ssmlink::emulator::sessions {

class PtyShell : public SessionWorker {
 public:
  // argv[0] is the program; throws std::runtime_error when the pty cannot be made.
  explicit PtyShell(std::vector<std::string> argv);
  ~PtyShell() override;

  std::vector<WorkerOutput> poll() override;
  void wait_on(WorkerWait& wait, bool reading) const override;
  void input(std::string_view bytes) override;
  void resize(uint16_t cols, uint16_t rows) override;
  std::optional<std::string> finished() const override;

 private:
  ScratchDirectory scratch_;
  int master_ = -1;
  pid_t child_ = -1;
  bool reaped_ = false;
  bool drained_ = false;
};

}  // namespace ssmlink::emulator::sessions
