// The retransmission timeout of the data channel (reference section 7.3): the smoothed
// round-trip time and its variation, as both the plugin and the agent compute them.
#pragma once
#include <chrono>

namespace ssmlink::session {

class RoundTripTimer {
 public:
  static constexpr std::chrono::milliseconds kInitialTimeout{200};
  static constexpr std::chrono::milliseconds kMaxTimeout{1000};

  // One round trip measured: from sending a message to its acknowledgement.
  void add_sample(std::chrono::milliseconds sample);
  // How long an unacknowledged message waits before it is sent again.
  std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  double rtt_ms_ = 100;   // initial RTT
  double rttvar_ms_ = 0;  // initial RTTVAR
  std::chrono::milliseconds timeout_ = kInitialTimeout;
};

}  // namespace ssmlink::session
