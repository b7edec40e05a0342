// The local side of one port session: accepts TCP connections on a listener and relays
// them over the session, in multiplexed mode (one smux stream per connection) or in basic
// mode (one connection at a time), chosen from the handshake (reference section 10.1).
//
// Flow control without sleeps: a connection is read only while the data channel's window
// is open, and written when its socket is writable; agent output waits in a bounded buffer
// per connection (kConnectionBuffer), and while one is full the session stops reading the
// agent's messages, so the agent's window closes and it stops sending. smux v1 has no
// per-stream window: one slow local reader therefore stalls every stream of the session,
// as with AWS's plugin and agent.
#pragma once
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "session/port_mode.hpp"
#include "session/smux.hpp"
#include "workflows/local_socket.hpp"
#include "workflows/session_channel.hpp"

namespace ssmlink::workflows {

inline constexpr size_t kConnectionBuffer = size_t{1} << 20;

struct ConnectionOpened {
  int number = 0;    // 1, 2, ... per session
  std::string peer;  // the local client, "127.0.0.1:51234"
};
struct ConnectionClosed {
  int number = 0;
  std::string peer;
  uint64_t bytes_up = 0;    // from the local client to the destination
  uint64_t bytes_down = 0;  // from the destination to the local client
  std::chrono::milliseconds duration{0};
  std::string error;  // "" for an orderly close
};

// Called on the session's thread.
class PortObserver {
 public:
  virtual ~PortObserver() = default;
  virtual void on_listening(session::PortMode /*mode*/) {}
  virtual void on_opened(const ConnectionOpened& /*opened*/) {}
  virtual void on_closed(const ConnectionClosed& /*closed*/) {}
  // Basic mode: a connection came while one was open; it was closed at once.
  virtual void on_refused(const std::string& /*peer*/, const std::string& /*why*/) {}
  // Multiplexed: the agent could not reach the destination for a new connection.
  virtual void on_destination_error() {}
};

class PortRelay : public SessionPeer {
 public:
  PortRelay(TcpListener& listener, PortObserver& observer);
  ~PortRelay() override;

  void started(const session::SessionStarted& started, SessionControl& control) override;
  void output(std::string_view bytes, SessionControl& control) override;
  void flag(session::PortFlag flag, SessionControl& control) override;
  void want(std::vector<pollfd>& fds, const SessionControl& control) override;
  void ready(std::span<const pollfd> fds, SessionControl& control) override;
  bool accepts_output() const override;

  // The session is over: the connections still open are closed and reported.
  void close_all(const std::string& why);
  session::PortMode mode() const { return mode_; }

 private:
  struct Connection {
    int number = 0;
    Fd fd;
    std::string peer;
    uint32_t stream = 0;        // multiplexed
    std::string to_local;       // agent output not yet written to the local client
    bool local_ended = false;   // the local client sent EOF (FIN sent)
    bool remote_ended = false;  // the agent's FIN: close once to_local is written
    bool destination_failed = false;
    bool closed = false;
    uint64_t up = 0;
    uint64_t down = 0;
    std::chrono::steady_clock::time_point opened;
  };

  void accept_all(SessionControl& control);
  void read_local(Connection& connection, SessionControl& control);
  void write_local(Connection& connection, SessionControl& control);
  void deliver(Connection& connection, std::string_view bytes, SessionControl& control);
  void finish(Connection& connection, const std::string& error, SessionControl* control);
  void send_mux(SessionControl& control);
  void sweep();
  Connection* by_stream(uint32_t stream);
  Connection* basic_connection();

  TcpListener& listener_;
  PortObserver& observer_;
  bool started_ = false;
  session::PortMode mode_ = session::PortMode::Basic;
  session::smux::Client mux_;
  std::string mux_out_;
  std::list<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> polled_;  // the connections behind want()'s descriptors
  bool listener_polled_ = false;
  int next_number_ = 1;
  bool had_connection_ = false;
  std::string before_first_;  // basic: output before the first local connection
};

}  // namespace ssmlink::workflows
