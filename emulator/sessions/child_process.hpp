// Starting and ending the agent's child processes: the scratch directory they run in, the
// environment they get, and killing everything they left behind.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace ssmlink::emulator::sessions {

// A fresh directory under the temp dir, removed with its content when destroyed.
class ScratchDirectory {
 public:
  ScratchDirectory();
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// argv or envp for exec, built before fork (nothing may allocate after it).
class ExecStrings {
 public:
  explicit ExecStrings(std::vector<std::string> strings);
  char* const* get() { return pointers_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> pointers_;
};

// In a forked child, before exec: signals as a fresh process has them. The emulator blocks
// SIGINT and SIGTERM for its sigwait thread (startup.cpp), and a blocked mask survives
// exec: without this a session's Ctrl-C would never reach the remote command.
void reset_signals_for_exec();

// This process's environment with TERM set as the agent sets it for its shells.
std::vector<std::string> child_environment();

// SIGKILLs every process in session `sid` or process group `pgid` (shells put jobs in
// their own groups; a session leader's children keep its session), then reaps `child`.
void kill_and_reap(pid_t child, bool reaped);

// "exit status" of a waitpid status: the code, or 128 + signal as shells report it.
int exit_code_of(int wait_status);

}  // namespace ssmlink::emulator::sessions
