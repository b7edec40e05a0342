#include "cli/interrupt.hpp"

namespace ssmlink::cli {

namespace {
std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_interrupt(int /*signal*/) {
  interrupted.store(true);
}
}  // namespace

InterruptGuard::InterruptGuard(bool and_terminate) : and_terminate_(and_terminate) {
  interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_);
  if (and_terminate_) sigaction(SIGTERM, &action, &previous_terminate_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_, nullptr);
  if (and_terminate_) sigaction(SIGTERM, &previous_terminate_, nullptr);
}

const std::atomic<bool>* InterruptGuard::flag() const {
  return &interrupted;
}

}  // namespace ssmlink::cli
