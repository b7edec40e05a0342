#include "workflows/session_channel.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <variant>

#include "aws/errors.hpp"
#include "session/data_channel.hpp"
#include "session/payloads.hpp"
#include "session/uuid.hpp"

namespace ssmlink::workflows {

namespace {

using namespace std::chrono_literals;
using session::Time;

Time wall_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// What the helper threads hand to the session's thread.
struct Arrival {
  enum class Kind { Frame, Dropped, Input, InputEnded } kind;
  std::string data;
  uint64_t connection = 0;  // which WebSocket a Frame or Dropped came from
};

// The helper threads' arrivals, in order. It wakes the session's thread through a
// condition variable (pop) or, for a poll() loop, a pipe (wake_fd). The WebSocket is always
// read (the agent may be blocked sending until we read, and we sending until it reads);
// flow control is the protocol's: see run_peer.
class Inbox {
 public:
  Inbox() {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
  }
  ~Inbox() {
    for (int fd : wake_)
      if (fd >= 0) ::close(fd);
  }
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  void push(Arrival arrival) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(arrival));
      if (!signalled_ && wake_[1] >= 0) {
        signalled_ = true;
        char byte = 1;
        [[maybe_unused]] ssize_t n = ::write(wake_[1], &byte, 1);
      }
    }
    ready_.notify_one();
  }
  std::optional<Arrival> pop(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return std::nullopt;
    return take(lock);
  }
  std::optional<Arrival> try_pop() {
    std::unique_lock lock(mutex_);
    if (items_.empty()) return std::nullopt;
    return take(lock);
  }
  // Readable while arrivals wait (poll() loops); drain_wake() before emptying the inbox.
  int wake_fd() const { return wake_[0]; }
  void drain_wake() {
    std::lock_guard lock(mutex_);
    if (!signalled_) return;
    char buffer[16];
    [[maybe_unused]] ssize_t n = ::read(wake_[0], buffer, sizeof buffer);
    signalled_ = false;
    if (!items_.empty()) {
      signalled_ = true;
      char byte = 1;
      n = ::write(wake_[1], &byte, 1);
    }
  }

 private:
  Arrival take(std::unique_lock<std::mutex>& /*held*/) {
    Arrival arrival = std::move(items_.front());
    items_.pop_front();
    return arrival;
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Arrival> items_;
  int wake_[2] = {-1, -1};
  bool signalled_ = false;  // a byte is in the pipe
};

// One WebSocket and the thread that reads it into the inbox.
class Connection {
 public:
  Connection(aws::WebSocket socket, uint64_t id, Inbox& inbox)
      : socket_(std::move(socket)), id_(id) {
    reader_ = std::thread([this, &inbox] { read_into(inbox); });
  }
  ~Connection() {
    socket_.shutdown();
    reader_.join();
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  aws::WebSocket& socket() { return socket_; }
  uint64_t id() const { return id_; }

 private:
  void read_into(Inbox& inbox) {
    try {
      while (true) {
        std::optional<aws::Message> message = socket_.receive(1s);
        if (!message) continue;
        if (message->type == aws::MessageType::Close) {
          inbox.push({Arrival::Kind::Dropped, "the service closed the connection", id_});
          return;
        }
        inbox.push({Arrival::Kind::Frame, std::move(message->data), id_});
      }
    } catch (const aws::AwsError& error) {
      inbox.push({Arrival::Kind::Dropped, error.what(), id_});
    }
  }

  aws::WebSocket socket_;
  uint64_t id_;
  std::thread reader_;
};

// Reads the input while the session may send it (flow control: the data channel's window).
class InputReader {
 public:
  InputReader(int fd, Inbox& inbox) : fd_(fd) {
    if (fd_ >= 0) thread_ = std::thread([this, &inbox] { run(inbox); });
  }
  ~InputReader() {
    {
      std::lock_guard lock(lock_);
      done_ = true;
    }
    changed_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  void allow(bool allowed) {
    {
      std::lock_guard lock(lock_);
      if (allowed_ == allowed) return;
      allowed_ = allowed;
    }
    changed_.notify_one();
  }

 private:
  void run(Inbox& inbox) {
    char buffer[4096];
    while (!done_) {
      {
        // Woken the moment the window opens: a keystroke typed while it was closed (the
        // handshake, a burst of output) goes out without a polling delay.
        std::unique_lock lock(lock_);
        changed_.wait(lock, [this] { return allowed_ || done_; });
        if (done_) break;
      }
      pollfd waiting{fd_, POLLIN, 0};
      int ready = ::poll(&waiting, 1, 100);
      if (ready < 0 && errno != EINTR) break;
      if (ready <= 0) continue;
      ssize_t n = ::read(fd_, buffer, sizeof buffer);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) break;
      inbox.push({Arrival::Kind::Input, std::string(buffer, static_cast<size_t>(n))});
    }
    if (!done_) inbox.push({Arrival::Kind::InputEnded, {}});
  }

  int fd_;
  std::mutex lock_;
  std::condition_variable changed_;
  bool allowed_ = false;           // guarded by lock_
  std::atomic<bool> done_{false};  // written under lock_, read without it between reads
  std::thread thread_;
};

class ChannelRun : private SessionControl {
 public:
  ChannelRun(cloud::Ssm& ssm, const cloud::SessionTicket& ticket, const Environment& env,
             const ChannelSettings& settings, const SessionIo& io)
      : ssm_(ssm),
        env_(env),
        settings_(settings),
        io_(io),
        channel_({.client_version = settings.client_version}),
        client_id_(session::random_uuid()) {
    result_.session_id = ticket.session_id;
    open(ticket);  // throws: the first connection's failure is the command's
  }

  SessionResult run() {
    auto started = std::chrono::steady_clock::now();
    if (io_.peer) {
      run_peer();
    } else {
      run_input();
    }
    connection_.reset();
    result_.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return result_;
  }

 private:
  // A shell or a command: the input fd read on a thread of its own.
  void run_input() {
    InputReader input(io_.input_fd, inbox_);
    if (io_.terminal_size) {
      if (auto size = io_.terminal_size()) apply(channel_.set_terminal_size(*size, wall_now()));
    }
    while (!finished_) {
      input.allow(channel_.ready_for_input() && !input_ended_);
      std::optional<Arrival> arrival = inbox_.pop(100ms);
      if (arrival) handle(*arrival);
      if (finished_) break;
      if (io_.resized && io_.resized->exchange(false) && io_.terminal_size) {
        if (auto size = io_.terminal_size()) apply(channel_.set_terminal_size(*size, wall_now()));
      }
      if (stop_requested()) break;
      if (input_ended_ && io_.end_with_input && channel_.unacknowledged() == 0 &&
          channel_.waiting_input() == 0) {
        terminate(SessionEnd::Closed, "");
        break;
      }
      apply(channel_.tick(wall_now()));
    }
  }

  // A peer's sockets and the WebSocket's messages in one poll() loop on this thread.
  // While the peer cannot take output (a local reader is slow), the agent's stream data is
  // dropped unacknowledged, as AWS's plugin does before a port's stream exists: the agent
  // keeps it and sends it again, so memory here stays bounded whatever the volume.
  void run_peer() {
    std::vector<pollfd> fds;
    while (!finished_) {
      fds.clear();
      fds.push_back({inbox_.wake_fd(), POLLIN, 0});
      io_.peer->want(fds, *this);
      int ready = ::poll(fds.data(), fds.size(), 100);
      if (ready < 0 && errno != EINTR) break;
      // The peer's descriptors first: they describe its connections as want() saw them,
      // before the agent's output changes them.
      if (ready > 0) io_.peer->ready(std::span(fds).subspan(1), *this);
      if (finished_) break;
      inbox_.drain_wake();
      // A bounded batch, so that the sockets are served between batches.
      for (int n = 0; n < 64 && !finished_; ++n) {
        std::optional<Arrival> arrival = inbox_.try_pop();
        if (!arrival) break;
        handle(*arrival);
      }
      if (finished_) break;
      if (stop_requested()) break;
      apply(channel_.tick(wall_now()));
    }
  }

  bool stop_requested() {
    if (!io_.stop || !io_.stop->load()) return false;
    if (io_.stop_with_flag)
      apply(channel_.send_flag(session::PortFlag::TerminateSession, wall_now()));
    terminate(SessionEnd::Stopped, "stopped");
    return true;
  }

  // SessionControl, for the peer.
  void send(std::string_view bytes) override { apply(channel_.send_input(bytes, wall_now())); }
  void send_flag(session::PortFlag flag) override { apply(channel_.send_flag(flag, wall_now())); }
  bool ready_for_input() const override { return channel_.ready_for_input(); }
  void end_session(const std::string& why) override {
    if (!finished_) terminate(SessionEnd::Failed, why);
  }

  void open(const cloud::SessionTicket& ticket) {
    aws::WebSocket socket = aws::WebSocket::connect(ticket.stream_url, settings_.websocket, env_);
    socket.send_text(session::open_data_channel_json(
        {ticket.token_value, client_id_, settings_.client_version, session::random_uuid()}));
    connection_ = std::make_unique<Connection>(std::move(socket), ++connections_, inbox_);
  }

  void handle(Arrival& arrival) {
    switch (arrival.kind) {
      case Arrival::Kind::Frame:
        if (!connection_ || arrival.connection != connection_->id()) return;
        if (io_.peer && !io_.peer->accepts_output()) {
          apply(channel_.receive_holding_output(arrival.data, wall_now()));
        } else {
          apply(channel_.receive(arrival.data, wall_now()));
        }
        return;
      case Arrival::Kind::Dropped:
        if (connection_ && arrival.connection == connection_->id()) reconnect(arrival.data);
        return;
      case Arrival::Kind::Input:
        apply(channel_.send_input(arrival.data, wall_now()));
        return;
      case Arrival::Kind::InputEnded:
        input_ended_ = true;
        if (io_.end_input_with_eof_key) apply(channel_.send_input("\x04", wall_now()));
        return;
    }
  }

  // Sends the frames in order and acts on the events. A send that fails means the
  // connection dropped: resume, and the data channel sends again what was not acknowledged.
  void apply(const session::Step& step) {
    for (const std::string& frame : step.frames) {
      if (!connection_) break;
      try {
        connection_->socket().send_binary(frame);
      } catch (const aws::AwsError& error) {
        reconnect(error.what());
        break;  // connection_replaced() has sent everything unacknowledged again
      }
    }
    for (const session::Event& event : step.events)
      std::visit([&](const auto& e) { on(e); }, event);
  }

  void on(const session::OutputReceived& e) {
    if (io_.peer) {
      io_.peer->output(e.bytes, *this);
    } else {
      io_.write_out(e.bytes);
    }
  }
  void on(const session::StderrReceived& e) {
    if (io_.write_err) io_.write_err(e.bytes);
  }
  void on(const session::ExitCodeReceived& e) { result_.exit_code = e.code; }
  void on(const session::SessionStarted& e) {
    if (io_.started) io_.started(e);
    if (io_.peer) io_.peer->started(e, *this);
  }
  void on(const session::FlagReceived& e) {
    if (io_.peer) io_.peer->flag(e.flag, *this);
  }
  void on(const session::ProtocolWarning& e) {
    if (io_.notice) io_.notice("note: " + e.message);
  }
  void on(const session::SessionClosed& e) {
    result_.end = SessionEnd::Closed;
    result_.message = e.reason;
    finished_ = true;
  }
  void on(const session::SessionFailed& e) { terminate(SessionEnd::Failed, e.message); }

  void terminate(SessionEnd end, const std::string& message) {
    result_.end = end;
    result_.message = message;
    finished_ = true;
    try {
      ssm_.terminate_session(result_.session_id);
    } catch (const aws::AwsError&) {
      // The session ends anyway: the service times it out once nobody is connected.
    }
  }

  // ResumeSession and a new WebSocket, with backoff, within the reconnect budget.
  void reconnect(const std::string& why) {
    if (finished_) return;
    connection_.reset();
    if (io_.notice) io_.notice("Connection lost (" + why + "); resuming the session...");
    auto deadline = std::chrono::steady_clock::now() + settings_.reconnect_budget;
    std::chrono::milliseconds wait = 250ms;
    std::string last_error = why;
    while (std::chrono::steady_clock::now() < deadline) {
      if (io_.stop && io_.stop->load()) return terminate(SessionEnd::Stopped, "stopped");
      try {
        cloud::SessionTicket ticket = ssm_.resume_session(result_.session_id);
        open(ticket);
        ++result_.reconnects;
        if (io_.notice) io_.notice("Session resumed.");
        apply(channel_.connection_replaced(wall_now()));
        return;
      } catch (const aws::ServiceError& error) {
        if (error.code == "DoesNotExistException") {
          result_.end = SessionEnd::Lost;
          result_.message = "the session ended while disconnected: " + error.message;
          finished_ = true;
          return;
        }
        last_error = error.what();
      } catch (const aws::AwsError& error) {
        last_error = error.what();
      }
      std::this_thread::sleep_for(wait);
      wait = std::min<std::chrono::milliseconds>(wait * 2, 4s);
    }
    result_.end = SessionEnd::Lost;
    result_.message = "the connection could not be resumed within " +
                      std::to_string(settings_.reconnect_budget.count()) + " s: " + last_error;
    finished_ = true;
  }

  cloud::Ssm& ssm_;
  const Environment& env_;
  const ChannelSettings& settings_;
  const SessionIo& io_;
  session::DataChannel channel_;
  session::Uuid client_id_;
  Inbox inbox_;
  std::unique_ptr<Connection> connection_;
  uint64_t connections_ = 0;
  bool finished_ = false;
  bool input_ended_ = false;
  SessionResult result_;
};

}  // namespace

SessionResult run_session_channel(cloud::Ssm& ssm, const cloud::SessionTicket& ticket,
                                  const Environment& env, const ChannelSettings& settings,
                                  const SessionIo& io) {
  ChannelRun run(ssm, ticket, env, settings, io);
  return run.run();
}

}  // namespace ssmlink::workflows
