#include "session/round_trip_timer.hpp"

#include <algorithm>
#include <cmath>

namespace ssmlink::session {

void RoundTripTimer::add_sample(std::chrono::milliseconds sample) {
  // Section 7.3: RTTVAR with gain 1/4 (from the previous RTT), RTT with gain 1/8, and
  // RTO = RTT + max(clock granularity 10 ms, 4 RTTVAR), at most 1 s.
  double sample_ms = static_cast<double>(std::max<int64_t>(sample.count(), 0));
  rttvar_ms_ = 0.75 * rttvar_ms_ + 0.25 * std::abs(rtt_ms_ - sample_ms);
  rtt_ms_ = 0.875 * rtt_ms_ + 0.125 * sample_ms;
  double timeout_ms = rtt_ms_ + std::max(10.0, 4 * rttvar_ms_);
  timeout_ = std::min(kMaxTimeout, std::chrono::milliseconds(std::llround(timeout_ms)));
}

}  // namespace ssmlink::session
