// One Session Manager session's data channel, from StartSession's ticket to its end: the
// WebSocket, the protocol (session/data_channel.hpp), the user's input and output, and
// reconnection. A dropped connection is resumed (ResumeSession, a new WebSocket) without
// losing or repeating a byte: the data channel keeps what the agent has not acknowledged.
//
// Threads: one reads the WebSocket, one reads the input; everything else (the protocol,
// output, resizes, reconnects) happens on the caller's thread, so the data channel, which
// is not thread-safe, is only ever touched there.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aws/websocket.hpp"
#include "cloud/ssm.hpp"
#include "session/events.hpp"
#include "session/payloads.hpp"
#include "util/environment.hpp"

struct pollfd;

namespace ssmlink::workflows {

// What a SessionPeer may do with the session it drives (on the session's thread).
class SessionControl {
 public:
  virtual ~SessionControl() = default;
  // Bytes for the agent (Output). Give them only while ready_for_input(): beyond the
  // window they wait in memory.
  virtual void send(std::string_view bytes) = 0;
  virtual void send_flag(session::PortFlag flag) = 0;
  // The data channel's window is open: the agent is acknowledging what it was sent.
  virtual bool ready_for_input() const = 0;
  // The session cannot go on (e.g. the agent broke the smux protocol): terminate it.
  virtual void end_session(const std::string& why) = 0;
};

// A command that drives the session from its own sockets (port forwarding) rather than
// from one input fd: its file descriptors are polled on the session's thread beside the
// WebSocket's messages, so the protocol and the sockets need no locks.
class SessionPeer {
 public:
  virtual ~SessionPeer() = default;
  virtual void started(const session::SessionStarted& started, SessionControl& control) = 0;
  virtual void output(std::string_view bytes, SessionControl& control) = 0;
  virtual void flag(session::PortFlag /*flag*/, SessionControl& /*control*/) {}
  // Appends the descriptors to wait for (with their events) before each wait.
  virtual void want(std::vector<pollfd>& fds, const SessionControl& control) = 0;
  // The same descriptors after the wait, with revents set.
  virtual void ready(std::span<const pollfd> fds, SessionControl& control) = 0;
  // Flow control towards the agent: while false the agent's messages stay unread (and
  // unacknowledged), so the agent's window closes and it stops sending; the WebSocket
  // reader stops too once a bounded number of messages wait.
  virtual bool accepts_output() const { return true; }
};

// What the command gives the session: where output goes and where input comes from.
struct SessionIo {
  std::function<void(std::string_view)> write_out;
  std::function<void(std::string_view)> write_err;
  int input_fd = -1;  // read and sent to the remote side; -1 for none
  // At the end of the input (a pipe, not a terminal), a shell is sent Ctrl-D so that it
  // ends the way it would at a terminal.
  bool end_input_with_eof_key = false;
  // At the end of the input, once the agent has acknowledged all of it, the session ends
  // (TerminateSession): standard-stream port sessions (SSH's ProxyCommand, section 10.2).
  bool end_with_input = false;
  std::function<std::optional<session::TerminalSize>()> terminal_size;  // empty: none
  std::atomic<bool>* resized = nullptr;            // set on SIGWINCH; cleared when seen
  const std::atomic<bool>* stop = nullptr;         // end the session now (TerminateSession)
  std::function<void(const std::string&)> notice;  // one-line notes: reconnecting, warnings
  std::function<void(const session::SessionStarted&)> started;
  // Port sessions: the peer replaces input_fd and write_out.
  SessionPeer* peer = nullptr;
  // On io.stop, send Flag TerminateSession first (port sessions, section 10.3 and 10.5).
  bool stop_with_flag = false;
};

struct ChannelSettings {
  // Reported to the agent in the handshake and OpenDataChannel (reference section 11): a
  // released plugin version, so that agents treat us as a current client.
  std::string client_version = "1.2.677.0";
  aws::WebSocketOptions websocket;
  // How long to keep trying ResumeSession and a new WebSocket after a drop.
  std::chrono::seconds reconnect_budget{120};
};

enum class SessionEnd {
  Closed,   // the service closed the channel (the remote side ended): `message` says why
  Failed,   // the protocol could not go on (handshake refused, nothing acknowledged)
  Stopped,  // io.stop was set; the session was terminated
  Lost,     // the connection dropped and could not be resumed in time
};

struct SessionResult {
  SessionEnd end = SessionEnd::Closed;
  std::string session_id;
  std::optional<int> exit_code;  // from the agent (NonInteractiveCommands)
  std::string message;           // the service's reason, or what went wrong
  int reconnects = 0;
  std::chrono::milliseconds duration{0};
};

// Runs the session until it ends. Throws aws errors only for the first connection (a
// ticket whose URL cannot be reached); later failures end the session with a result.
SessionResult run_session_channel(cloud::Ssm& ssm, const cloud::SessionTicket& ticket,
                                  const Environment& env, const ChannelSettings& settings,
                                  const SessionIo& io);

}  // namespace ssmlink::workflows
