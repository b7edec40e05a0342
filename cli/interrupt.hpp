// Ctrl-C while ssmlink watches a stack: the watch stops at its next pause and the command
// says how to resume or undo, instead of dying mid-sentence. The previous handler comes
// back when the guard goes away.
#pragma once
#include <atomic>
#include <csignal>

namespace ssmlink::cli {

class InterruptGuard {
 public:
  // `and_terminate`: SIGTERM too (forward: a service manager stops it like Ctrl-C).
  explicit InterruptGuard(bool and_terminate = false);
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  const std::atomic<bool>* flag() const;

 private:
  struct sigaction previous_ {};
  struct sigaction previous_terminate_ {};
  bool and_terminate_ = false;
};

}  // namespace ssmlink::cli
