// The client side of the Session Manager data channel (what AWS's session-manager-plugin
// does), as a state machine with no sockets, threads, clock or environment: frames and time
// go in, frames to send and events come out (reference sections 6-10).
//
// One DataChannel lives for the whole session, across reconnections. The caller owns the
// WebSocket and the clock, and calls one method at a time (it is not thread-safe):
//
//   DataChannel channel({.client_version = "1.2.677.0"});
//   ws.send_text(open_data_channel_json({token, client_id, version, random_uuid()}));
//   channel.set_terminal_size({80, 24}, now);        // shell: sent once the session starts
//   loop:
//     on a WebSocket message:  apply(channel.receive(bytes, now));
//     on stdin bytes:          apply(channel.send_input(bytes, now));
//                              (read stdin only while channel.ready_for_input())
//     on a resize:             apply(channel.set_terminal_size(size, now));
//     every 100 ms:            apply(channel.tick(now));
//     after ResumeSession and a new WebSocket (its OpenDataChannel text frame first):
//                              apply(channel.connection_replaced(now));
//   where apply() sends step.frames as binary WebSocket messages, in order, and acts on
//   step.events: OutputReceived -> stdout, StderrReceived -> stderr, ExitCodeReceived ->
//   the command's exit status, SessionClosed -> done, SessionFailed -> TerminateSession,
//   report the message and close.
//
// Guarantees: every output_stream_data is acknowledged (duplicates again, so a lost ack
// costs nothing), its payload is delivered once and in sequence order; out-of-order
// messages wait in a bounded buffer; sent messages are kept until acknowledged and sent
// again after the retransmission timeout, or all at once after connection_replaced(), so
// a reconnection loses and repeats nothing.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "session/client_message.hpp"
#include "session/events.hpp"
#include "session/round_trip_timer.hpp"

namespace ssmlink::session {

struct DataChannelConfig {
  // Goes into the HandshakeResponse; the agent compares it (section 11): report a released
  // plugin number > 1.2.331.0, e.g. "1.2.677.0".
  std::string client_version;
  // Messages sent but not yet acknowledged, at most (section 7.3: the plugin's 10000).
  // When it is full, input waits (ready_for_input() is false) instead of evicting.
  size_t outgoing_capacity = 10000;
  // Out-of-order messages held, at most (section 7.4); beyond that they are dropped
  // unacknowledged and the agent sends them again.
  size_t incoming_capacity = 10000;
  // Stream data chunk size (section 12: StreamDataPayloadSize).
  size_t max_payload_size = 1024;
  // With the oldest message unacknowledged this long, the session fails (section 7.3: the
  // plugin gives up after ~5 minutes of resending).
  std::chrono::milliseconds give_up_after = std::chrono::minutes(5);
  // MessageIds for the frames this side creates. Empty: random_uuid().
  std::function<Uuid()> new_message_id;
};

enum class ChannelState {
  AwaitingAgent,  // nothing in order from the agent yet: a handshake or the first Output
  Handshaking,    // HandshakeRequest answered, waiting for HandshakeComplete
  Open,           // input flows (SessionStarted was emitted)
  Failed,         // SessionFailed was emitted; acks and retransmission go on, input does not
  Closed,         // channel_closed received: nothing more is sent or delivered
};

class DataChannel {
 public:
  explicit DataChannel(DataChannelConfig config);

  // A WebSocket message from the service (binary or text: the plugin parses both alike).
  Step receive(std::string_view frame, Time now);
  // The same, while the caller cannot take output (a port session's local reader is slow):
  // stream data is dropped unacknowledged, so the agent keeps it and sends it again, as the
  // plugin does before a port's stream exists (section 10.1); acknowledgements and
  // channel_closed are handled as by receive().
  Step receive_holding_output(std::string_view frame, Time now);

  // User input (stdin, or TCP bytes of a port session): chunks of max_payload_size sent as
  // Output. Before the session is open, and beyond the outgoing window, the input waits
  // here, in order, and goes out as acknowledgements free room; see ready_for_input().
  Step send_input(std::string_view bytes, Time now);
  // A control byte for the remote process (section 9.3): 0x03 Ctrl-C, 0x1A Ctrl-Z, 0x1C
  // Ctrl-\. The same as send_input of one byte.
  Step send_signal(char control_byte, Time now) { return send_input({&control_byte, 1}, now); }
  // The terminal's size (section 9.2). Sent when the session starts (the plugin's fallback
  // 300x100 if it was never set), then whenever it changes. Not sent for Port sessions.
  Step set_terminal_size(TerminalSize size, Time now);
  // A Flag (section 10.4), e.g. TerminateSession to end a port session, DisconnectToPort
  // when basic mode's local client goes away. Sequenced like input.
  Step send_flag(PortFlag flag, Time now);

  // Call every ~100 ms (section 7.3's scheduler tick): resends the oldest unacknowledged
  // message when its timeout has passed; fails the session after give_up_after.
  Step tick(Time now);
  // The WebSocket was replaced (ResumeSession, then a new connection and its
  // OpenDataChannel frame): every unacknowledged message is sent again, in order; the
  // incoming side goes on at the sequence number it expects (section 4.3).
  Step connection_replaced(Time now);

  // Flow control: true when input given now would be sent at once. Stop reading the input
  // while it is false; an acknowledgement (in receive()) opens the window again.
  bool ready_for_input() const;
  // How many more messages may be sent before acknowledgements must come back.
  size_t send_window() const;
  size_t unacknowledged() const { return outgoing_.size(); }
  size_t waiting_input() const { return waiting_.size(); }  // chunks held back
  ChannelState state() const { return state_; }
  std::chrono::milliseconds retransmission_timeout() const { return timer_.timeout(); }
  int64_t next_incoming_sequence() const { return expected_incoming_; }
  int64_t next_outgoing_sequence() const { return next_outgoing_; }

 private:
  struct SentMessage {
    int64_t sequence_number;
    std::string frame;
    Time first_sent;
    Time last_sent;
  };
  struct WaitingMessage {
    PayloadType type;
    std::string payload;
  };

  void receive_stream_data(ClientMessage message, Time now, Step& step);
  void handle_stream_data(const ClientMessage& message, Time now, Step& step);
  void handle_handshake_request(const ClientMessage& message, Time now, Step& step);
  void handle_handshake_complete(const ClientMessage& message, Time now, Step& step);
  void receive_acknowledge(const ClientMessage& message, Time now, Step& step);
  void start_session(SessionStarted started, Time now, Step& step);
  void fail_session(std::string message, Step& step);
  void send_acknowledge(const ClientMessage& message, Time now, Step& step);
  void transmit(PayloadType type, std::string payload, Time now, Step& step);
  void send_waiting(Time now, Step& step);
  Uuid next_message_id();

  DataChannelConfig config_;
  ChannelState state_ = ChannelState::AwaitingAgent;
  std::optional<SessionType> session_type_;
  SessionStarted pending_start_;  // what the handshake learnt, until HandshakeComplete
  std::optional<TerminalSize> terminal_size_;
  std::optional<TerminalSize> last_size_sent_;

  int64_t next_outgoing_ = 0;
  std::deque<SentMessage> outgoing_;    // sent, unacknowledged, in sequence order
  std::deque<WaitingMessage> waiting_;  // not numbered yet: before Open, or window full
  RoundTripTimer timer_;

  int64_t expected_incoming_ = 0;
  std::map<int64_t, ClientMessage> early_;  // out-of-order, seq > expected
};

}  // namespace ssmlink::session
