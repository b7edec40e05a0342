// The receiving half of the data channel: acknowledgements, in-order delivery, the
// out-of-order buffer, the handshake and the no-handshake fallback (reference sections 6,
// 7.2, 7.4 and 8).
#include "session/data_channel.hpp"

namespace ssmlink::session {

namespace {

// A payload that parses becomes an event; one that does not, a warning (it was acked: the
// agent will not send it again, and the session goes on without it).
template <typename Parsed, typename MakeEvent>
void push_parsed_payload(const Result<Parsed>& parsed, MakeEvent make_event, Step& step) {
  if (parsed) {
    step.events.push_back(make_event(*parsed));
  } else {
    step.events.push_back(ProtocolWarning{parsed.error().message});
  }
}

}  // namespace

Step DataChannel::receive(std::string_view frame, Time now) {
  Step step;
  if (state_ == ChannelState::Closed) return step;
  auto message = decode(frame);
  if (!message) {
    // A damaged frame is dropped unacknowledged: if it was stream data, the agent resends it.
    step.events.push_back(ProtocolWarning{message.error().message});
    return step;
  }
  const std::string& type = message->message_type;
  if (type == kOutputStreamData) {
    receive_stream_data(std::move(*message), now, step);
  } else if (type == kAcknowledge) {
    receive_acknowledge(*message, now, step);
  } else if (type == kChannelClosed) {
    auto closed = parse_channel_closed(message->payload);
    if (!closed) step.events.push_back(ProtocolWarning{closed.error().message});
    state_ = ChannelState::Closed;
    step.events.push_back(SessionClosed{closed ? closed->session_id : std::string(),
                                        closed ? closed->output : std::string()});
  } else if (type == kInputStreamData) {
    step.events.push_back(ProtocolWarning{"input_stream_data received from the service: ignored"});
  }
  // start_publication, pause_publication and agent_session_state need nothing from a client
  // (sections 4.3 and 6): the plugin ignores them too.
  return step;
}

Step DataChannel::receive_holding_output(std::string_view frame, Time now) {
  auto message = decode(frame);
  if (message && message->message_type == kOutputStreamData) return {};
  return receive(frame, now);
}

void DataChannel::receive_stream_data(ClientMessage message, Time now, Step& step) {
  int64_t sequence = message.sequence_number;
  if (sequence < expected_incoming_) {
    // A duplicate: its ack was probably lost. Acknowledge again (the plugin does not,
    // section 7.2) so the agent stops resending; deliver nothing.
    send_acknowledge(message, now, step);
    return;
  }
  if (sequence > expected_incoming_) {
    // Held for later if there is room and it is within the window the buffer could ever
    // fill; otherwise dropped without an ack, and the agent resends it (section 7.4).
    bool in_window = static_cast<uint64_t>(sequence - expected_incoming_) <=
                     static_cast<uint64_t>(config_.incoming_capacity);
    if (!in_window || (early_.size() >= config_.incoming_capacity && !early_.contains(sequence))) {
      return;
    }
    send_acknowledge(message, now, step);
    early_.try_emplace(sequence, std::move(message));
    return;
  }
  // In order: acknowledge first, then handle (section 7.2), then drain what was waiting.
  send_acknowledge(message, now, step);
  ++expected_incoming_;
  handle_stream_data(message, now, step);
  for (auto next = early_.find(expected_incoming_); next != early_.end();
       next = early_.find(expected_incoming_)) {
    ClientMessage held = std::move(next->second);
    early_.erase(next);
    ++expected_incoming_;
    if (state_ != ChannelState::Closed) handle_stream_data(held, now, step);
  }
}

void DataChannel::handle_stream_data(const ClientMessage& message, Time now, Step& step) {
  switch (message.payload_type) {
    case PayloadType::HandshakeRequest:
      handle_handshake_request(message, now, step);
      return;
    case PayloadType::HandshakeComplete:
      handle_handshake_complete(message, now, step);
      return;
    case PayloadType::EncChallengeRequest:
      // Only sent after a client accepted KMSEncryption, which this one never does.
      fail_session("the agent sent an encryption challenge although encryption was refused", step);
      return;
    case PayloadType::None:
    case PayloadType::Output:
      // Section 8.6: an agent that does no handshake starts with Output: a shell.
      if (state_ == ChannelState::AwaitingAgent) {
        start_session({.type = SessionType::StandardStream, .handshake = false}, now, step);
      }
      if (state_ != ChannelState::Failed) step.events.push_back(OutputReceived{message.payload});
      return;
    case PayloadType::Error:
    case PayloadType::StdErr:
      if (state_ != ChannelState::Failed) step.events.push_back(StderrReceived{message.payload});
      return;
    case PayloadType::ExitCode:
      push_parsed_payload(
          parse_exit_code(message.payload), [](int code) { return ExitCodeReceived{code}; }, step);
      return;
    case PayloadType::Flag:
      push_parsed_payload(
          parse_flag(message.payload), [](PortFlag flag) { return FlagReceived{flag}; }, step);
      return;
    case PayloadType::Size:
    case PayloadType::Parameter:
    case PayloadType::HandshakeResponse:
    case PayloadType::EncChallengeResponse:
      break;
  }
  step.events.push_back(
      ProtocolWarning{"output_stream_data " + std::to_string(message.sequence_number) +
                      " carries a client-only PayloadType " +
                      std::string(payload_type_name(message.payload_type)) + ": ignored"});
}

void DataChannel::handle_handshake_request(const ClientMessage& message, Time now, Step& step) {
  if (state_ != ChannelState::AwaitingAgent) {
    step.events.push_back(ProtocolWarning{"a second HandshakeRequest was ignored"});
    return;
  }
  auto answer = answer_handshake_request(message.payload, config_.client_version);
  if (!answer) {
    fail_session("the session's handshake failed: " + answer.error().message, step);
    return;
  }
  // The response goes out even when it refuses: the agent then cancels the session at once
  // instead of waiting 15 s for an answer (section 8.1).
  transmit(PayloadType::HandshakeResponse, answer->response_payload, now, step);
  session_type_ = answer->session_type;
  pending_start_ = {.type = answer->session_type.value_or(SessionType::StandardStream),
                    .properties = answer->properties,
                    .agent_version = answer->agent_version,
                    .handshake = true};
  if (!answer->errors.empty()) {
    std::string reasons;
    for (const std::string& error : answer->errors) {
      reasons += (reasons.empty() ? "" : "; ") + error;
    }
    fail_session("the session's handshake was refused: " + reasons, step);
    return;
  }
  state_ = ChannelState::Handshaking;
}

void DataChannel::handle_handshake_complete(const ClientMessage& message, Time now, Step& step) {
  if (state_ != ChannelState::Handshaking) {
    if (state_ == ChannelState::AwaitingAgent) {
      // Section 8.4: without a SessionType the plugin cannot start any session either.
      fail_session("the agent completed the handshake without saying the session type", step);
    }
    return;
  }
  auto complete = parse_handshake_complete(message.payload);
  if (!complete) step.events.push_back(ProtocolWarning{complete.error().message});
  SessionStarted started = pending_start_;
  if (complete) started.customer_message = complete->customer_message;
  start_session(std::move(started), now, step);
}

void DataChannel::start_session(SessionStarted started, Time now, Step& step) {
  state_ = ChannelState::Open;
  session_type_ = started.type;
  bool has_terminal = started.type != SessionType::Port;
  step.events.push_back(std::move(started));
  // Section 9.2: the first Size goes out as soon as the session type is known, before any
  // input that waited for the session to open.
  if (has_terminal) {
    last_size_sent_ = terminal_size_.value_or(kFallbackTerminalSize);
    waiting_.push_front({PayloadType::Size, size_json(*last_size_sent_)});
  }
  send_waiting(now, step);
}

}  // namespace ssmlink::session
