#include "workflows/port_relay.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ssmlink::workflows {

namespace {

constexpr size_t kReadChunk = 32768;

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

}  // namespace

PortRelay::PortRelay(TcpListener& listener, PortObserver& observer)
    : listener_(listener), observer_(observer) {}

PortRelay::~PortRelay() = default;

void PortRelay::started(const session::SessionStarted& started, SessionControl& /*control*/) {
  if (started_) return;
  started_ = true;
  mode_ = session::port_mode(started) == session::PortMode::Multiplexed
              ? session::PortMode::Multiplexed
              : session::PortMode::Basic;
  observer_.on_listening(mode_);
}

bool PortRelay::accepts_output() const {
  if (before_first_.size() >= kConnectionBuffer) return false;
  for (const auto& connection : connections_) {
    if (connection->to_local.size() >= kConnectionBuffer) return false;
  }
  return true;
}

void PortRelay::want(std::vector<pollfd>& fds, const SessionControl& control) {
  polled_.clear();
  listener_polled_ = started_ && listener_.fd() >= 0;
  if (listener_polled_) fds.push_back({listener_.fd(), POLLIN, 0});
  bool window = control.ready_for_input();
  for (const auto& connection : connections_) {
    short events = 0;
    if (!connection->local_ended && !connection->remote_ended && window) events |= POLLIN;
    if (!connection->to_local.empty()) events |= POLLOUT;
    // Nothing wanted: not polled at all, or a hung-up socket would wake the loop at once.
    fds.push_back({events ? connection->fd.get() : -1, events, 0});
    polled_.push_back(connection.get());
  }
}

void PortRelay::ready(std::span<const pollfd> fds, SessionControl& control) {
  size_t at = 0;
  if (listener_polled_) {
    if (!fds.empty() && (fds[0].revents & POLLIN)) accept_all(control);
    at = 1;
  }
  for (size_t i = 0; i < polled_.size() && at + i < fds.size(); ++i) {
    Connection& connection = *polled_[i];
    short revents = fds[at + i].revents;
    if (connection.closed || revents == 0) continue;
    if (revents & POLLOUT) write_local(connection, control);
    if (!connection.closed && (revents & (POLLIN | POLLHUP | POLLERR)))
      read_local(connection, control);
  }
  polled_.clear();
  sweep();
}

void PortRelay::accept_all(SessionControl& control) {
  while (std::optional<AcceptedConnection> accepted = listener_.accept()) {
    if (mode_ == session::PortMode::Basic && basic_connection()) {
      observer_.on_refused(accepted->peer,
                           "basic mode carries one connection at a time (the agent is too old "
                           "to multiplex); close the open one first");
      continue;  // closed here, as `accepted` goes
    }
    auto connection = std::make_unique<Connection>();
    connection->number = next_number_++;
    connection->fd = std::move(accepted->fd);
    connection->peer = accepted->peer;
    connection->opened = std::chrono::steady_clock::now();
    if (mode_ == session::PortMode::Multiplexed) {
      connection->stream = mux_.open(mux_out_);
      send_mux(control);
    } else {
      if (!had_connection_) connection->to_local = std::move(before_first_);
      before_first_.clear();
    }
    had_connection_ = true;
    observer_.on_opened({connection->number, connection->peer});
    connections_.push_back(std::move(connection));
  }
}

void PortRelay::read_local(Connection& connection, SessionControl& control) {
  if (connection.local_ended) return;
  char buffer[kReadChunk];
  ssize_t n = ::recv(connection.fd.get(), buffer, sizeof buffer, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n > 0) {
    connection.up += static_cast<uint64_t>(n);
    std::string_view bytes(buffer, static_cast<size_t>(n));
    if (mode_ == session::PortMode::Multiplexed) {
      mux_.write(connection.stream, bytes, mux_out_);
      send_mux(control);
    } else {
      control.send(bytes);
    }
    return;
  }
  // EOF or an error from the local client.
  std::string error = n < 0 ? std::string("local connection: ") + std::strerror(errno) : "";
  if (mode_ == session::PortMode::Multiplexed && n == 0 && !connection.remote_ended) {
    // Half-closed: the FIN goes to the agent; the answer may still come back.
    connection.local_ended = true;
    mux_.close(connection.stream, mux_out_);
    send_mux(control);
    return;
  }
  finish(connection, error, &control);
}

void PortRelay::write_local(Connection& connection, SessionControl& control) {
  while (!connection.to_local.empty()) {
    ssize_t n = ::send(connection.fd.get(), connection.to_local.data(), connection.to_local.size(),
                       MSG_NOSIGNAL);
    if (n > 0) {
      connection.down += static_cast<uint64_t>(n);
      connection.to_local.erase(0, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    finish(connection, std::string("local connection: ") + std::strerror(errno), &control);
    return;
  }
  if (connection.remote_ended) {
    finish(connection,
           connection.destination_failed ? "the agent could not connect to the destination" : "",
           &control);
  }
}

void PortRelay::deliver(Connection& connection, std::string_view bytes, SessionControl& control) {
  connection.to_local.append(bytes);
  write_local(connection, control);
}

void PortRelay::output(std::string_view bytes, SessionControl& control) {
  if (mode_ == session::PortMode::Basic) {
    if (Connection* connection = basic_connection()) {
      deliver(*connection, bytes, control);
    } else if (!had_connection_) {
      before_first_.append(bytes);  // the destination spoke first (a banner)
    }  // else: the rest of a closed connection's answer, which nobody reads any more
    sweep();
    return;
  }
  auto events = mux_.receive(bytes, mux_out_);
  send_mux(control);
  if (!events) {
    control.end_session("the agent broke the smux protocol: " + events.error().message);
    return;
  }
  for (session::smux::Event& event : *events) {
    if (auto* data = std::get_if<session::smux::DataReceived>(&event)) {
      if (Connection* connection = by_stream(data->stream_id))
        deliver(*connection, data->bytes, control);
    } else if (auto* fin = std::get_if<session::smux::StreamFinished>(&event)) {
      if (Connection* connection = by_stream(fin->stream_id)) {
        connection->remote_ended = true;
        write_local(*connection, control);  // closes it once everything is written
      }
    }
  }
  sweep();
}

void PortRelay::flag(session::PortFlag flag, SessionControl& /*control*/) {
  if (flag != session::PortFlag::ConnectToPortError) return;
  observer_.on_destination_error();
  // The flag names no stream: the agent dials in the order streams open, so it is the
  // oldest connection that has not heard from the destination yet.
  for (const auto& connection : connections_) {
    if (!connection->closed && connection->down == 0 && connection->to_local.empty() &&
        !connection->destination_failed) {
      connection->destination_failed = true;
      return;
    }
  }
}

void PortRelay::finish(Connection& connection, const std::string& error, SessionControl* control) {
  if (connection.closed) return;
  connection.closed = true;
  if (control) {
    if (mode_ == session::PortMode::Multiplexed) {
      mux_.close(connection.stream, mux_out_);
      send_mux(*control);
    } else {
      // Section 10.3: the agent closes its connection to the destination too.
      control->send_flag(session::PortFlag::DisconnectToPort);
    }
  }
  connection.fd.reset();
  std::string why = error;
  if (why.empty() && connection.destination_failed)
    why = "the agent could not connect to the destination";
  observer_.on_closed({connection.number, connection.peer, connection.up, connection.down,
                       since(connection.opened), why});
}

void PortRelay::close_all(const std::string& why) {
  for (const auto& connection : connections_)
    finish(*connection, why, nullptr);
  sweep();
  listener_.close();
}

void PortRelay::send_mux(SessionControl& control) {
  if (mux_out_.empty()) return;
  std::string bytes = std::move(mux_out_);
  mux_out_.clear();
  control.send(bytes);
}

void PortRelay::sweep() {
  connections_.remove_if([](const auto& connection) { return connection->closed; });
}

PortRelay::Connection* PortRelay::by_stream(uint32_t stream) {
  for (const auto& connection : connections_) {
    if (!connection->closed && connection->stream == stream) return connection.get();
  }
  return nullptr;
}

PortRelay::Connection* PortRelay::basic_connection() {
  for (const auto& connection : connections_) {
    if (!connection->closed) return connection.get();
  }
  return nullptr;
}

}  // namespace ssmlink::workflows
