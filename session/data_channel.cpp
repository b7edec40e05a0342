// The sending half of the data channel: sequence numbers, the outgoing buffer, flow control
// and retransmission (reference sections 7.1 and 7.3). Receiving is in
// data_channel_receive.cpp.
#include "session/data_channel.hpp"

#include <algorithm>

namespace ssmlink::session {

namespace {

uint64_t created_date(Time now) {
  // CreatedDate 0 is refused by the plugin (section 5.1): a clock at the epoch still sends 1.
  return static_cast<uint64_t>(std::max<int64_t>(now.time_since_epoch().count(), 1));
}

}  // namespace

DataChannel::DataChannel(DataChannelConfig config) : config_(std::move(config)) {
  config_.max_payload_size = std::max<size_t>(config_.max_payload_size, 1);
  config_.outgoing_capacity = std::max<size_t>(config_.outgoing_capacity, 1);
}

Uuid DataChannel::next_message_id() {
  return config_.new_message_id ? config_.new_message_id() : random_uuid();
}

bool DataChannel::ready_for_input() const {
  return state_ == ChannelState::Open && waiting_.empty() && send_window() > 0;
}

size_t DataChannel::send_window() const {
  return outgoing_.size() >= config_.outgoing_capacity
             ? 0
             : config_.outgoing_capacity - outgoing_.size();
}

Step DataChannel::send_input(std::string_view bytes, Time now) {
  Step step;
  if (state_ == ChannelState::Closed || state_ == ChannelState::Failed) return step;
  for (size_t offset = 0; offset < bytes.size(); offset += config_.max_payload_size) {
    waiting_.push_back(
        {PayloadType::Output, std::string(bytes.substr(offset, config_.max_payload_size))});
  }
  send_waiting(now, step);
  return step;
}

Step DataChannel::send_flag(PortFlag flag, Time now) {
  Step step;
  if (state_ == ChannelState::Closed) return step;
  if (state_ == ChannelState::Failed) {
    // Ending a failed session is still worth saying: TerminateSession goes out at once.
    transmit(PayloadType::Flag, flag_payload(flag), now, step);
    return step;
  }
  waiting_.push_back({PayloadType::Flag, flag_payload(flag)});
  send_waiting(now, step);
  return step;
}

Step DataChannel::set_terminal_size(TerminalSize size, Time now) {
  Step step;
  terminal_size_ = size;
  // Before the session opens, start_session() sends the latest size; a Port session has no
  // terminal; the plugin sends a size only when it differs from the last one (section 9.2).
  if (state_ != ChannelState::Open || session_type_ == SessionType::Port ||
      last_size_sent_ == size) {
    return step;
  }
  last_size_sent_ = size;
  waiting_.push_back({PayloadType::Size, size_json(size)});
  send_waiting(now, step);
  return step;
}

void DataChannel::send_waiting(Time now, Step& step) {
  if (state_ != ChannelState::Open) return;
  while (!waiting_.empty() && send_window() > 0) {
    WaitingMessage message = std::move(waiting_.front());
    waiting_.pop_front();
    transmit(message.type, std::move(message.payload), now, step);
  }
}

void DataChannel::transmit(PayloadType type, std::string payload, Time now, Step& step) {
  ClientMessage message{.message_type = std::string(kInputStreamData),
                        .created_date_ms = created_date(now),
                        .sequence_number = next_outgoing_++,
                        .flags = 0,  // the plugin sends 0 even on seq 0 (section 5.3)
                        .message_id = next_message_id(),
                        .payload_type = type,
                        .payload = std::move(payload)};
  std::string frame = encode(message);
  step.frames.push_back(frame);
  outgoing_.push_back({message.sequence_number, std::move(frame), now, now});
}

void DataChannel::send_acknowledge(const ClientMessage& message, Time now, Step& step) {
  // Section 6.2: seq 0, flags SYN|FIN, PayloadType 0; never buffered or retransmitted.
  ClientMessage ack{
      .message_type = std::string(kAcknowledge),
      .created_date_ms = created_date(now),
      .sequence_number = 0,
      .flags = kFlagSyn | kFlagFin,
      .message_id = next_message_id(),
      .payload_type = PayloadType::None,
      .payload = acknowledge_json(
          {message.message_type, to_string(message.message_id), message.sequence_number})};
  step.frames.push_back(encode(ack));
}

void DataChannel::receive_acknowledge(const ClientMessage& message, Time now, Step& step) {
  auto ack = parse_acknowledge(message.payload);
  if (!ack) {
    step.events.push_back(ProtocolWarning{ack.error().message});
    return;
  }
  // Matched by sequence number only (section 6.2); an ack for nothing we hold is a late
  // duplicate and changes nothing.
  auto acked = std::find_if(outgoing_.begin(), outgoing_.end(), [&](const SentMessage& sent) {
    return sent.sequence_number == ack->sequence_number;
  });
  if (acked == outgoing_.end()) return;
  // Measured from the first sending, as the plugin does: a resent message gives a long
  // sample, which moves the timeout up (towards its 1 s cap), never below the real delay.
  timer_.add_sample(std::chrono::duration_cast<std::chrono::milliseconds>(now - acked->first_sent));
  outgoing_.erase(acked);
  send_waiting(now, step);
}

Step DataChannel::tick(Time now) {
  Step step;
  if (state_ == ChannelState::Closed || outgoing_.empty()) return step;
  SentMessage& head = outgoing_.front();
  if (state_ != ChannelState::Failed && now - head.first_sent > config_.give_up_after) {
    fail_session("the agent has not acknowledged message " + std::to_string(head.sequence_number) +
                     " for " + std::to_string(config_.give_up_after.count() / 1000) +
                     " s: the session is lost",
                 step);
    return step;
  }
  // Section 7.3: only the oldest message is resent. Unlike the plugin, its send time is
  // updated, so an overdue message goes out once per timeout, not on every tick.
  if (now - head.last_sent > timer_.timeout()) {
    head.last_sent = now;
    step.frames.push_back(head.frame);
  }
  return step;
}

Step DataChannel::connection_replaced(Time now) {
  Step step;
  if (state_ == ChannelState::Closed) return step;
  // Both counters and both buffers survive a reconnection (section 4.3). The old socket may
  // have swallowed anything unacknowledged, so all of it goes again now, not one per timeout.
  for (SentMessage& sent : outgoing_) {
    sent.last_sent = now;
    step.frames.push_back(sent.frame);
  }
  send_waiting(now, step);
  return step;
}

void DataChannel::fail_session(std::string message, Step& step) {
  if (state_ == ChannelState::Failed || state_ == ChannelState::Closed) return;
  state_ = ChannelState::Failed;
  waiting_.clear();
  step.events.push_back(SessionFailed{std::move(message)});
}

}  // namespace ssmlink::session
