#include "tests/soak/stop_request.hpp"

#include <csignal>
#include <initializer_list>

namespace ssmlink::soak {

namespace {

volatile std::sig_atomic_t stop_flag = 0;

extern "C" void on_stop_signal(int) {
  stop_flag = 1;
}

}  // namespace

void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  for (int number : {SIGINT, SIGTERM, SIGHUP})
    sigaction(number, &action, nullptr);
}

bool stop_requested() {
  return stop_flag != 0;
}

}  // namespace ssmlink::soak
