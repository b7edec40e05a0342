// What the data channel hands back to its caller (reference sections 6-10): frames to send
// on the WebSocket and events for the command, as plain values.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "session/handshake.hpp"
#include "session/payloads.hpp"

namespace ssmlink::session {

// Wall-clock time in milliseconds since the Unix epoch: it stamps CreatedDate and drives
// retransmission. The caller passes it in, tests pass any value they like.
using Time = std::chrono::sys_time<std::chrono::milliseconds>;

// Agent output (PayloadType Output): the bytes for stdout, in order, each exactly once.
struct OutputReceived {
  std::string bytes;
};
// StdErr (and the unused Error type): the bytes for stderr (NonInteractiveCommands with
// separate streams, and errors that happen before a command starts; section 9.4).
struct StderrReceived {
  std::string bytes;
};
// ExitCode: the remote command's exit status (NonInteractiveCommands).
struct ExitCodeReceived {
  int code = 0;
};
// The session can carry data: after HandshakeComplete, or at the first Output of an agent
// that does no handshake (section 8.6; then handshake is false and type StandardStream).
struct SessionStarted {
  SessionType type = SessionType::StandardStream;
  std::map<std::string, std::string> properties;  // port sessions: portNumber, type, host...
  std::string agent_version;                      // "" without a handshake
  std::string customer_message;                   // show it (with a newline) when not empty
  bool handshake = false;
};
// A Flag from the agent (port sessions: ConnectToPortError, section 10.4).
struct FlagReceived {
  PortFlag flag = PortFlag::ConnectToPortError;
};
// channel_closed: the session is over. reason is the service's Output ("" if none); the
// plugin prints it as "SessionId: <id> : <reason>" (section 3.4).
struct SessionClosed {
  std::string session_id;
  std::string reason;
};
// Something was wrong with one message and it was dropped; the session goes on (the agent
// retransmits what matters). Worth a --debug line, not an error.
struct ProtocolWarning {
  std::string message;
};
// The session cannot go on (handshake refused, no acknowledgement for too long...). The
// message is ready for a user. The channel keeps acknowledging and retransmitting, so a
// refusal still reaches the agent; the caller ends the session (TerminateSession) and closes.
struct SessionFailed {
  std::string message;
};

using Event = std::variant<OutputReceived, StderrReceived, ExitCodeReceived, SessionStarted,
                           FlagReceived, SessionClosed, ProtocolWarning, SessionFailed>;

// What one input produced: binary frames to send now, in this order, and events.
struct Step {
  std::vector<std::string> frames;
  std::vector<Event> events;
};

}  // namespace ssmlink::session
