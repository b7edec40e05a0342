#include "emulator/sessions/agent_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

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

// With a connection that has no descriptor to poll (the tests' fake), how long receive()
// waits before the loop looks at the worker and the timers again.
constexpr auto kLoopWait = 5ms;
// The longest the loop sleeps with nothing to do: every wakeup has a descriptor or a
// timer, this only bounds the cost of a missed one.
constexpr auto kLongestSleep = 1000ms;
// Flow control. Section 7.3 lets the agent keep 100000 unacknowledged messages (100 MiB
// of a fast destination's output). The emulator stops reading its worker (the
// destination socket, the pty) while kSendWindow messages wait for their ack: 2048 x 1 KiB
// = 2 MiB in flight is far more than loopback needs to keep a client busy, and a fifth of
// the plugin's 10000-message incoming buffer, so reordering and retransmission never
// overflow it. A client that stops acknowledging (its local reader is slow) stops the
// destination's reads here, and the destination's own TCP window does the rest.
constexpr size_t kSendWindow = 2048;
// While the loop does not read the WebSocket (the destination is not taking the input it
// has), acks cannot arrive and the window cannot open; but a destination that answers
// what it reads (an echo server) may wait for its answer to be read before it reads more.
// Reading goes on up to this hard limit, so that case does not deadlock and memory stays
// bounded (8192 x ~1.2 KiB).
constexpr size_t kSendLimit = 8192;
// Messages taken from the WebSocket in one pass, so output and timers get their turn.
constexpr int kFramesPerPass = 64;
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

  State(SessionSpec s, DataChannelFaults f) : spec(std::move(s)), sender(f) {
    if (pipe2(wakeup, O_CLOEXEC | O_NONBLOCK) != 0) wakeup[0] = wakeup[1] = -1;
  }
  ~State() {
    for (int fd : wakeup)
      if (fd >= 0) ::close(fd);
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  SessionSpec spec;
  FaultySender sender;
  std::mutex serving;  // held by serve(): one connection at a time
  mutable std::mutex status_lock;
  std::string status_text = "Connecting";
  std::string terminate_reason;
  std::atomic<bool> terminate_requested{false};
  std::atomic<bool> is_ended{false};
  int wakeup[2] = {-1, -1};  // terminate() writes a byte: the loop's poll(2) wakes

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
    if (!spec.startup_failure.empty()) {
      log("cannot start: " + spec.startup_failure);
      return close_with(spec.startup_failure, now);
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
    // Section 7.2: a handler that is not ready (here: the destination has not taken what
    // it was given) means no ack and no advance; the client sends it again. The loop
    // stops reading the WebSocket then, so this is rare; it keeps memory bounded.
    if (!worker_takes_input() && message.sequence_number >= incoming.expected()) return;
    switch (incoming.classify(message)) {
      case IncomingStream::Verdict::kInOrder:
        send_ack(message, now);
        incoming.advance();
        handle(message, now);
        drain_held(now);
        return;
      case IncomingStream::Verdict::kHeld:
      case IncomingStream::Verdict::kDuplicate:  // re-acked: the ack may have been lost
        return send_ack(message, now);
      case IncomingStream::Verdict::kFull:
        return log("incoming buffer full: dropped sequence " +
                   std::to_string(message.sequence_number));
    }
  }

  // The held messages that are next in order, while the worker takes them.
  void drain_held(SteadyTime now) {
    while (worker_takes_input()) {
      auto held = incoming.next_held();
      if (!held) return;
      incoming.advance();
      handle(*held, now);
    }
  }

  bool worker_takes_input() const {
    return phase != Phase::kRunning || !worker || worker->accepts_input();
  }
  // Whether the loop reads the worker's output now (flow control, see kSendWindow).
  bool reading_worker() const {
    if (phase != Phase::kRunning || paused || !worker) return false;
    return outgoing.size() < (worker_takes_input() ? kSendWindow : kSendLimit);
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
    if (phase == Phase::kRunning) {
      worker->flush();
      if (reading_worker()) {
        for (auto& output : worker->poll())
          send_stream(output.type, std::move(output.data), now);
      }
      drain_held(now);
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

  // When the loop must next look at its timers, whatever the descriptors say.
  SteadyTime next_timer(SteadyTime now) const {
    SteadyTime next = now + kLongestSleep;
    auto at = [&](SteadyTime when) { next = std::min(next, when); };
    if (auto due = sender.next_due()) at(*due);
    if (!paused && !outgoing.empty()) at(last_tick + kResendTick);
    if (phase == Phase::kClosing) at(outgoing.empty() ? now : closing_since + kDrainBeforeClose);
    if (phase == Phase::kHandshake) at(handshake_sent + kHandshakeWait);
    if (phase != Phase::kClosing) {
      at(last_activity + spec.idle_timeout);
      if (spec.max_duration.count() > 0) at(started + spec.max_duration);
    }
    return next;
  }

  // Sleeps until the WebSocket, the worker's descriptors, terminate() or a timer needs the
  // loop (poll(2); no fixed sleeps), then takes what the WebSocket has.
  void wait_and_receive(SteadyTime now) {
    WorkerWait wait;
    int websocket = connection->wait_fd();
    bool reading_websocket = worker_takes_input();
    if (reading_websocket) wait.add(websocket, POLLIN);
    wait.add(wakeup[0], POLLIN);
    if (phase == Phase::kRunning && worker) worker->wait_on(wait, reading_worker());
    auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(next_timer(now) - now);
    timeout =
        std::clamp(std::min(timeout, wait.at_most), 0ms, std::chrono::milliseconds(kLongestSleep));
    if (timeout > 0ms) timeout += 1ms;  // poll(2) rounds down; do not wake just before
    bool fake = websocket < 0;          // no descriptor: wait in receive() instead
    if (fake && reading_websocket) timeout = 0ms;
    int ready = ::poll(wait.fds.data(), wait.fds.size(), static_cast<int>(timeout.count()));
    if (ready > 0 && wakeup[0] >= 0) {
      char drained[64];
      while (::read(wakeup[0], drained, sizeof drained) > 0) {
      }
    }
    if (!reading_websocket) return;
    auto first_wait = fake ? std::min<std::chrono::milliseconds>(wait.at_most, kLoopWait) : 0ms;
    for (int taken = 0; taken < kFramesPerPass && worker_takes_input(); ++taken) {
      auto frame = connection->receive(taken == 0 ? first_wait : 0ms);
      if (!frame) return;
      receive_frame(*frame, std::chrono::steady_clock::now());
      if (phase == Phase::kEnded) return;
    }
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
    s.wait_and_receive(std::chrono::steady_clock::now());
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
  if (state_->wakeup[1] >= 0) {
    char wake = 1;
    [[maybe_unused]] auto written = ::write(state_->wakeup[1], &wake, 1);
  }
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
