// Sequence numbers, acknowledgements and retransmission of the agent's data channel
// (reference/ssm-session-protocol.md section 7, agent column): the unacknowledged output
// with its RTO, and the incoming messages held until they are next in order.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "emulator/sessions/agent_message.hpp"

namespace ssmlink::emulator::sessions {

using SteadyTime = std::chrono::steady_clock::time_point;

// Section 7.3: what was sent and not yet acknowledged, and when to send it again.
class OutgoingStream {
 public:
  static constexpr size_t kCapacity = 100000;

  // The next sequence number; output_stream_data numbers are never reused or reset.
  int64_t allocate_sequence() { return next_sequence_++; }
  // Keeps the frame until its ack; when full it is not kept (the agent's rule: sent once).
  void remember(int64_t sequence, std::string frame, SteadyTime sent);
  // Removes `sequence` and feeds the RTT estimate; false when it was not waiting.
  bool acknowledge(int64_t sequence, SteadyTime now);
  // The oldest frame if it is overdue (now - last sent > RTO); its send time is updated.
  std::optional<std::string> overdue_head(SteadyTime now);
  // Every unacknowledged frame, oldest first, all marked sent now (a new connection).
  std::deque<std::string> all_unacknowledged(SteadyTime now);
  bool empty() const { return pending_.empty(); }
  size_t size() const { return pending_.size(); }
  std::chrono::microseconds rto() const { return rto_; }

 private:
  struct Pending {
    int64_t sequence;
    std::string frame;
    SteadyTime last_sent;
  };
  std::deque<Pending> pending_;
  int64_t next_sequence_ = 0;
  // Section 7.3: initial RTT 100 ms, RTTVAR 0, RTO 200 ms; RTO at most 1 s.
  double rtt_us_ = 100000, rttvar_us_ = 0;
  std::chrono::microseconds rto_{200000};
};

// Section 7.2/7.4: the client's input_stream_data in sequence order.
class IncomingStream {
 public:
  static constexpr size_t kCapacity = 100000;
  enum class Verdict { kInOrder, kHeld, kDuplicate, kFull };

  // What to do with a message numbered `sequence`; kHeld stores it (and it is acked).
  Verdict classify(const AgentMessage& message);
  // After an in-order message was handled: the expected number moves on.
  void advance() { ++expected_; }
  // The held message that is now next in order, if any (removed from the buffer).
  std::optional<AgentMessage> next_held();
  int64_t expected() const { return expected_; }

 private:
  int64_t expected_ = 0;
  std::map<int64_t, AgentMessage> held_;
};

}  // namespace ssmlink::emulator::sessions
