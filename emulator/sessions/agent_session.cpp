#include "emulator/sessions/agent_session.hpp"

#include <atomic>
#include <iostream>
#include <mutex>

#include "emulator/sessions/agent_message.hpp"
#include "emulator/sessions/agent_payloads.hpp"
#include "emulator/sessions/agent_reliability.hpp"
#include "emulator/sessions/agent_workload.hpp"
#include "emulator/sessions/faulty_sender.hpp"
#include "emulator/sessions/session_worker.hpp"

namespace ssmlink::emulator::sessions {

namespace {

using namespace std::chrono_literals;

// How long receive() waits before the loop polls the worker and the timers again.
constexpr auto kLoopWait = 5ms;
constexpr auto kResendTick = 100ms;     // section 7.3
constexpr auto kHandshakeWait = 15s;    // section 8.1
constexpr auto kDrainBeforeClose = 2s;  // section 7.3, PrepareToCloseChannel

// Section 6.3 says the service writes these; their text is not in the sources, so the
// emulator says plainly what happened.
constexpr const char* kIdleTimeoutOutput =
    "Your session timed out due to inactivity and has been terminated.";
constexpr const char* kMaxDurationOutput =
    "Your session has reached its maximum duration and has been terminated.";
constexpr const char* kHandshakeTimeoutOutput =
    "Handshake timed out. Please ensure that you have the latest version of the session "
    "manager plugin.";

uint64_t epoch_ms() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace

struct AgentSession::State {
  enum class Phase { kNotStarted, kHandshake, kRunning, kClosing, kEnded };

  State(SessionSpec s, DataChannelFaults f) : spec(std::move(s)), sender(f) {}

  SessionSpec spec;
  FaultySender sender;
  std::mutex serving;  // held by serve(): one connection at a time
  mutable std::mutex status_lock;
  std::string status_text = "Connecting";
  std::string terminate_reason;
  std::atomic<bool> terminate_requested{false};
  std::atomic<bool> is_ended{false};

  // Everything below is used only by the thread holding `serving`.
  WebSocketConnection* connection = nullptr;
  Phase phase = Phase::kNotStarted;
  OutgoingStream outgoing;
  IncomingStream incoming;
  std::unique_ptr<SessionWorker> worker;
  std::string client_version;
  std::string close_output;
  bool paused = false;
  SteadyTime started{}, last_activity{}, handshake_sent{}, closing_since{}, last_tick{};

  void log(const std::string& text) const {
    std::cerr << "ssmlink-emulator: session " << spec.session_id << ": " << text << "\n";
  }
  void set_status(const std::string& text) {
    std::lock_guard lock(status_lock);
    status_text = text;
  }

  // --- sending -------------------------------------------------------------------------
  void send_stream(PayloadType type, std::string data, SteadyTime now) {
    if (data.empty()) return;  // section 5.1: never rely on empty stream payloads
    AgentMessage message;
    message.message_type = message_type::kOutputStreamData;
    message.created_date_ms = epoch_ms();
    message.sequence_number = outgoing.allocate_sequence();
    message.flags = message.sequence_number == 0 ? kFlagSyn : 0;
    message.message_id = new_uuid();
    message.payload_type = type;
    message.payload = std::move(data);
    std::string frame = encode_agent_message(message);
    outgoing.remember(message.sequence_number, frame, now);
    if (!paused) sender.send(std::move(frame), now);
    last_activity = now;
  }

  void send_ack(const AgentMessage& acked, SteadyTime now) {
    AgentMessage ack;
    ack.message_type = message_type::kAcknowledge;
    ack.created_date_ms = epoch_ms();
    ack.flags = kFlagSyn | kFlagFin;
    ack.message_id = new_uuid();
    ack.payload = acknowledge_json(acked);
    sender.send(encode_agent_message(ack), now);
  }

  void send_channel_closed(const std::string& output, SteadyTime now) {
    AgentMessage closed;
    closed.message_type = message_type::kChannelClosed;
    closed.created_date_ms = epoch_ms();
    closed.message_id = new_uuid();
    closed.payload = channel_closed_json(spec, closed.message_id, closed.created_date_ms, output);
    sender.send(encode_agent_message(closed), now, /*reliable=*/true);
  }

  void resend_all(SteadyTime now) {
    for (auto& frame : outgoing.all_unacknowledged(now))
      sender.send(std::move(frame), now);
  }

  // --- session life --------------------------------------------------------------------
  void begin(SteadyTime now) {
    started = last_activity = now;
    if (std::string refusal = unsupported_request(spec); !refusal.empty()) {
      log("refused: " + refusal);
      return close_with(refusal, now);
    }
    if (needs_handshake(spec)) {
      phase = Phase::kHandshake;
      handshake_sent = now;
      send_stream(PayloadType::kHandshakeRequest, handshake_request_json(spec), now);
      return;
    }
    run_worker(now);
  }

  void run_worker(SteadyTime now) {
    auto started_worker = start_worker(spec, client_version);
    if (!started_worker) {
      log("cannot start: " + started_worker.error());
      // Section 9.4: errors before a command starts are sent as StdErr text.
      if (spec.session_type == "NonInteractiveCommands") {
        send_stream(PayloadType::kStdErr, started_worker.error(), now);
      }
      return close_with(started_worker.error(), now);
    }
    worker = std::move(*started_worker);
    phase = Phase::kRunning;
  }

  // Waits (at most kDrainBeforeClose) for the client to ack what is pending, then ends.
  void close_with(const std::string& output, SteadyTime now) {
    phase = Phase::kClosing;
    close_output = output;
    closing_since = now;
  }

  void end(const std::string& output, SteadyTime now) {
    send_channel_closed(output, now);
    phase = Phase::kEnded;
    is_ended = true;
    worker.reset();  // kills what the session started, removes its scratch directory
    set_status("Terminated");
    if (connection) connection->close(1000, "session ended");
  }

  // --- receiving -----------------------------------------------------------------------
  void receive_frame(const WebSocketMessage& frame, SteadyTime now) {
    if (!frame.binary) return log("ignored a text message on the data channel");
    auto decoded = decode_agent_message(frame.data);
    if (!decoded) return log("dropped a malformed message: " + decoded.error());
    const AgentMessage& message = *decoded;
    const std::string& type = message.message_type;
    if (type == message_type::kInputStreamData) return receive_stream(message, now);
    if (type == message_type::kAcknowledge) {
      resume_publication(now);
      auto sequence = acknowledged_sequence(message.payload);
      if (!sequence) return log("dropped an acknowledge: " + sequence.error());
      outgoing.acknowledge(*sequence, now);
      return;
    }
    if (type == message_type::kPausePublication) {
      paused = true;  // section 4.3: stop sending and retransmitting, keep buffering
      return;
    }
    if (type == message_type::kStartPublication) return resume_publication(now);
    if (type == message_type::kChannelClosed) {
      log("the client closed the channel");
      return end("", now);
    }
    log("ignored a message of type " + type);
  }

  void resume_publication(SteadyTime now) {
    if (!paused) return;
    paused = false;
    resend_all(now);
  }

  // Section 7.2, agent column.
  void receive_stream(const AgentMessage& message, SteadyTime now) {
    resume_publication(now);
    last_activity = now;
    switch (incoming.classify(message)) {
      case IncomingStream::Verdict::kInOrder:
        send_ack(message, now);
        incoming.advance();
        handle(message, now);
        while (auto held = incoming.next_held()) {
          incoming.advance();
          handle(*held, now);
        }
        return;
      case IncomingStream::Verdict::kHeld:
      case IncomingStream::Verdict::kDuplicate:  // re-acked: the ack may have been lost
        return send_ack(message, now);
      case IncomingStream::Verdict::kFull:
        return log("incoming buffer full: dropped sequence " +
                   std::to_string(message.sequence_number));
    }
  }

  void handle(const AgentMessage& message, SteadyTime now) {
    if (phase == Phase::kHandshake) {
      // Section 7.2: before the handshake completes, other payloads are discarded.
      if (message.payload_type == PayloadType::kHandshakeResponse) handshake_response(message, now);
      return;
    }
    if (phase != Phase::kRunning || !worker) return;
    switch (message.payload_type) {
      case PayloadType::kOutput:
        return worker->input(message.payload);
      case PayloadType::kSize: {
        auto size = parse_terminal_size(message.payload);
        if (!size) return log("ignored a Size message: " + size.error());
        return worker->resize(size->cols, size->rows);
      }
      case PayloadType::kFlag: {
        if (message.payload.size() != 4) return log("ignored a Flag message that is not 4 bytes");
        uint32_t value = 0;
        for (char byte : message.payload)
          value = (value << 8) | static_cast<unsigned char>(byte);
        return worker->flag(value);
      }
      default:
        return log("ignored payload type " +
                   std::to_string(static_cast<uint32_t>(message.payload_type)));
    }
  }

  void handshake_response(const AgentMessage& message, SteadyTime now) {
    auto response = parse_handshake_response(message.payload);
    if (!response) {
      log("handshake failed: " + response.error());
      return close_with("Handshake failed: " + response.error(), now);
    }
    if (!response->failure.empty()) {  // section 8.3: any ActionStatus != 1 is fatal
      log("handshake failed: " + response->failure);
      return close_with("Handshake failed: " + response->failure, now);
    }
    client_version = response->client_version;
    send_stream(
        PayloadType::kHandshakeComplete,
        handshake_complete_json(now - handshake_sent, customer_message(spec, client_version)), now);
    run_worker(now);
  }

  // --- the loop ------------------------------------------------------------------------
  // One pass over the timers and the worker; false once the session has ended.
  bool tick(SteadyTime now) {
    sender.flush_due(now);
    if (terminate_requested) {
      std::string reason;
      {
        std::lock_guard lock(status_lock);
        reason = terminate_reason;
      }
      log("terminated: " + reason);
      close_output = reason;
      end(reason, now);
      return false;
    }
    if (phase == Phase::kRunning && !paused) {
      for (auto& output : worker->poll())
        send_stream(output.type, std::move(output.data), now);
      if (auto finished = worker->finished()) close_with(*finished, now);
    }
    if (phase == Phase::kClosing &&
        (outgoing.empty() || now - closing_since >= kDrainBeforeClose)) {
      end(close_output, now);
      return false;
    }
    if (phase == Phase::kHandshake && now - handshake_sent >= kHandshakeWait) {
      log("handshake timed out");
      close_with(kHandshakeTimeoutOutput, now);
    }
    if (phase != Phase::kClosing && now - last_activity >= spec.idle_timeout) {
      log("idle timeout");
      close_with(kIdleTimeoutOutput, now);
    }
    if (phase != Phase::kClosing && spec.max_duration.count() > 0 &&
        now - started >= spec.max_duration) {
      log("maximum session duration reached");
      close_with(kMaxDurationOutput, now);
    }
    if (!paused && now - last_tick >= kResendTick) {
      last_tick = now;
      if (auto frame = outgoing.overdue_head(now)) sender.send(std::move(*frame), now);
    }
    return true;
  }
};

AgentSession::AgentSession(SessionSpec spec, DataChannelFaults faults)
    : state_(std::make_unique<State>(std::move(spec), faults)) {}

AgentSession::~AgentSession() {
  std::lock_guard serving(state_->serving);  // serve() has returned
  state_->worker.reset();
}

void AgentSession::serve(WebSocketConnection& connection) {
  State& s = *state_;
  std::lock_guard serving(s.serving);
  if (s.is_ended) {  // a resume after the end: say so again, as on the last connection
    s.sender.attach(connection);
    s.send_channel_closed(s.close_output, std::chrono::steady_clock::now());
    connection.close(1000, "session ended");
    return;
  }
  s.connection = &connection;
  s.sender.attach(connection);
  s.set_status("Connected");
  auto now = std::chrono::steady_clock::now();
  if (s.phase == State::Phase::kNotStarted) {
    s.begin(now);
  } else {
    s.paused = false;
    s.resend_all(now);  // ResumeSession: what the last connection did not get acked
  }
  while (s.tick(std::chrono::steady_clock::now())) {
    auto frame = connection.receive(kLoopWait);
    if (frame) s.receive_frame(*frame, std::chrono::steady_clock::now());
    if (s.phase == State::Phase::kEnded) break;
    if (connection.closed()) {
      s.log("connection lost; waiting for ResumeSession");
      s.set_status("Disconnected");
      break;
    }
  }
  s.connection = nullptr;
}

void AgentSession::terminate(const std::string& reason) {
  {
    std::lock_guard lock(state_->status_lock);
    state_->terminate_reason = reason;
  }
  state_->terminate_requested = true;
  // Not being served: end it here (serve() would otherwise see the flag).
  std::unique_lock serving(state_->serving, std::try_to_lock);
  if (serving.owns_lock() && !state_->is_ended) {
    state_->close_output = reason;
    state_->phase = State::Phase::kEnded;
    state_->worker.reset();
    state_->is_ended = true;
    state_->set_status("Terminated");
  }
}

bool AgentSession::ended() const {
  return state_->is_ended;
}

std::string AgentSession::status() const {
  std::lock_guard lock(state_->status_lock);
  return state_->status_text;
}

}  // namespace ssmlink::emulator::sessions
