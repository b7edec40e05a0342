// The local terminal during an interactive session. In raw mode every key (Ctrl-C, Ctrl-Z,
// Ctrl-D included) goes to the remote shell as a byte, so the local terminal must be put
// back however the session ends: normally, by a remote close, by SIGTERM/SIGHUP, or on a
// crash signal (the handlers restore it, then let the signal do what it would have done).
#pragma once
#include <atomic>
#include <optional>

#include "session/payloads.hpp"

namespace ssmlink::cli {

struct TerminalSize {
  int columns = 0;
  int rows = 0;
};

// The window size of the terminal on `fd`, if it is one.
std::optional<TerminalSize> terminal_size(int fd);
// The size a remote shell is told: the terminal on stdout, else the one on stdin.
std::optional<session::TerminalSize> remote_window_size();

class RawTerminal {
 public:
  // Raw mode on `fd` if it is a terminal; otherwise does nothing (pipes, CI logs).
  explicit RawTerminal(int fd);
  ~RawTerminal();  // restores the terminal and the previous signal handlers
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

  bool active() const { return active_; }
  // Set by SIGWINCH; the session sends the new size when it sees it.
  static std::atomic<bool>& resized();
  // Set by SIGTERM and SIGHUP: the session ends cleanly (and a stack it made goes).
  static std::atomic<bool>& terminated();

 private:
  int fd_;
  bool active_ = false;
};

}  // namespace ssmlink::cli
