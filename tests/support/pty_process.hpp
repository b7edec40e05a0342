// Test helper: a program on a pseudo-terminal, driven as a person at a terminal would:
// type into it, read the screen's bytes back, resize the window. Killed and reaped on
// destruction.
#pragma once
#include <sys/types.h>
#include <termios.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ssmlink::testing {

class PtyProcess {
 public:
  PtyProcess(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
             int columns = 100, int rows = 30);
  ~PtyProcess();
  PtyProcess(const PtyProcess&) = delete;
  PtyProcess& operator=(const PtyProcess&) = delete;

  void type(const std::string& keys);
  // Reads until `text` has appeared in everything read so far; false on timeout.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout);
  const std::string& screen() const { return seen_; }
  void resize(int columns, int rows);
  // The terminal's modes now (as the program left them).
  termios modes() const;
  // The exit code once it has exited (-1 for a signal), or nullopt after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout);

 private:
  void read_some(std::chrono::milliseconds timeout);
  pid_t pid_ = -1;
  int master_ = -1;
  bool reaped_ = false;
  std::string seen_;
};

}  // namespace ssmlink::testing
