// Sends the agent's frames through DataChannelFaults: seeded draws decide whether a frame
// cuts the connection, goes twice, waits behind the next one, or is delayed, so a
// client's reliability (section 7) and resume (section 4.3) are exercised.
#pragma once
#include <deque>
#include <optional>
#include <random>
#include <string>

#include "emulator/sessions/agent_reliability.hpp"
#include "emulator/sessions/agent_session.hpp"

namespace ssmlink::emulator::sessions {

class FaultySender {
 public:
  explicit FaultySender(DataChannelFaults faults) : faults_(faults), random_(faults.seed) {}

  // A new connection: frames held back for the old one are forgotten (retransmission
  // brings back what matters).
  void attach(WebSocketConnection& connection);
  // Sends `frame`, through the faults unless `reliable` (channel_closed).
  void send(std::string frame, SteadyTime now, bool reliable = false);
  // Sends what was delayed or held back and is now due.
  void flush_due(SteadyTime now);
  // When flush_due() next has something to send.
  std::optional<SteadyTime> next_due() const;

 private:
  double draw() { return static_cast<double>(random_() >> 11) * 0x1.0p-53; }

  DataChannelFaults faults_;
  std::mt19937_64 random_;
  WebSocketConnection* connection_ = nullptr;
  std::deque<std::pair<SteadyTime, std::string>> delayed_;
  std::optional<std::pair<SteadyTime, std::string>> held_;
};

}  // namespace ssmlink::emulator::sessions
