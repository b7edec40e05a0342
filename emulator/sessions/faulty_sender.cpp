#include "emulator/sessions/faulty_sender.hpp"

#include <iostream>

namespace ssmlink::emulator::sessions {

namespace {
// A frame held back for reordering goes anyway once nothing followed it for this long.
constexpr auto kLongestHold = std::chrono::milliseconds(100);
}  // namespace

void FaultySender::attach(WebSocketConnection& connection) {
  connection_ = &connection;
  delayed_.clear();
  held_.reset();
}

void FaultySender::send(std::string frame, SteadyTime now, bool reliable) {
  if (!connection_) return;
  if (reliable) {
    connection_->send_binary(frame);
    return;
  }
  // One draw per fault, in a fixed order, so a seed always gives the same run.
  double drop = draw(), delay = draw(), reorder = draw(), duplicate = draw();
  if (drop < faults_.drop_connection) {
    std::cerr << "ssmlink-emulator: data channel fault: connection dropped\n";
    connection_->drop();
    return;
  }
  if (delay < faults_.delay) {
    delayed_.emplace_back(now + faults_.delay_ms, std::move(frame));
    return;
  }
  if (reorder < faults_.reorder && !held_) {
    held_.emplace(now, std::move(frame));
    return;
  }
  connection_->send_binary(frame);
  if (duplicate < faults_.duplicate) connection_->send_binary(frame);
  if (held_) {
    connection_->send_binary(held_->second);
    held_.reset();
  }
}

std::optional<SteadyTime> FaultySender::next_due() const {
  std::optional<SteadyTime> next;
  if (!delayed_.empty()) next = delayed_.front().first;
  if (held_ && (!next || held_->first + kLongestHold < *next)) next = held_->first + kLongestHold;
  return next;
}

void FaultySender::flush_due(SteadyTime now) {
  if (!connection_) return;
  while (!delayed_.empty() && delayed_.front().first <= now) {
    connection_->send_binary(delayed_.front().second);
    delayed_.pop_front();
  }
  if (held_ && now - held_->first >= kLongestHold) {
    connection_->send_binary(held_->second);
    held_.reset();
  }
}

}  // namespace ssmlink::emulator::sessions
