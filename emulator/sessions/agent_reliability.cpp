#include "emulator/sessions/agent_reliability.hpp"

#include <algorithm>
#include <cmath>

namespace ssmlink::emulator::sessions {

namespace {
// Section 7.3 constants.
constexpr double kRttGain = 1.0 / 8, kRttVarGain = 1.0 / 4;
constexpr double kClockGranularityUs = 10000;
constexpr double kMaxRtoUs = 1000000;
}  // namespace

void OutgoingStream::remember(int64_t sequence, std::string frame, SteadyTime sent) {
  if (pending_.size() >= kCapacity) return;
  pending_.push_back({sequence, std::move(frame), sent});
}

bool OutgoingStream::acknowledge(int64_t sequence, SteadyTime now) {
  auto found = std::find_if(pending_.begin(), pending_.end(),
                            [&](const Pending& p) { return p.sequence == sequence; });
  if (found == pending_.end()) return false;
  double sample = static_cast<double>(
      std::chrono::duration_cast<std::chrono::microseconds>(now - found->last_sent).count());
  rttvar_us_ = (1 - kRttVarGain) * rttvar_us_ + kRttVarGain * std::abs(rtt_us_ - sample);
  rtt_us_ = (1 - kRttGain) * rtt_us_ + kRttGain * sample;
  double rto = std::min(kMaxRtoUs, rtt_us_ + std::max(kClockGranularityUs, 4 * rttvar_us_));
  rto_ = std::chrono::microseconds(static_cast<int64_t>(rto));
  pending_.erase(found);
  return true;
}

std::optional<std::string> OutgoingStream::overdue_head(SteadyTime now) {
  if (pending_.empty() || now - pending_.front().last_sent <= rto_) return std::nullopt;
  pending_.front().last_sent = now;  // the agent updates it (unlike the plugin, section 7.3)
  return pending_.front().frame;
}

std::deque<std::string> OutgoingStream::all_unacknowledged(SteadyTime now) {
  std::deque<std::string> frames;
  for (auto& p : pending_) {
    p.last_sent = now;
    frames.push_back(p.frame);
  }
  return frames;
}

IncomingStream::Verdict IncomingStream::classify(const AgentMessage& message) {
  if (message.sequence_number == expected_) return Verdict::kInOrder;
  if (message.sequence_number < expected_) return Verdict::kDuplicate;
  if (held_.size() >= kCapacity) return Verdict::kFull;
  held_.emplace(message.sequence_number, message);
  return Verdict::kHeld;
}

std::optional<AgentMessage> IncomingStream::next_held() {
  auto found = held_.find(expected_);
  if (found == held_.end()) return std::nullopt;
  AgentMessage message = std::move(found->second);
  held_.erase(found);
  return message;
}

}  // namespace ssmlink::emulator::sessions
