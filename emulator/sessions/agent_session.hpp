// The SSM Agent's side of one Session Manager session in the emulator: the data channel
// protocol (reference/ssm-session-protocol.md sections 5-10) with its own codec, the
// handshake, and what the session runs (a shell on a pty, one command, or a port).
//
// The server accepts the WebSocket, reads and checks the client's OpenDataChannel text
// message (token, session) and then hands the connection over:
//
//   AgentSession session(spec);               // created by StartSession
//   session.serve(connection);                // returns when the connection ends
//   session.serve(new_connection);            // after ResumeSession: same state, no loss
//   session.terminate("TerminateSession");    // from another thread; serve() returns
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/sessions/websocket_connection.hpp"

namespace ssmlink::emulator::sessions {

// What StartSession decided: the session, its document and the behaviour of the agent.
struct SessionSpec {
  std::string session_id;     // "<caller>-0123456789abcdef0"
  std::string target;         // i-... or mi-...
  std::string document_name;  // empty: SSM-SessionManagerRunShell
  // "Standard_Stream" (shell), "InteractiveCommands", "NonInteractiveCommands" or "Port".
  std::string session_type = "Standard_Stream";
  std::map<std::string, std::vector<std::string>> parameters;  // StartSession's Parameters
  std::string agent_version = "3.3.1142.0";  // decides handshake and port-mux behaviour
  std::string shell = "/bin/sh";             // --session-shell
  std::chrono::milliseconds idle_timeout = std::chrono::minutes(20);
  std::chrono::milliseconds max_duration{0};  // 0: none
  // Hosts a port session may reach ("db.internal" -> "127.0.0.1"); anything else refused.
  std::map<std::string, std::string> hosts;
  // Non-empty: the agent cannot serve the session (its role may not kms:Decrypt with the
  // session preferences' key) and ends it at once with this text, as the agent ends a
  // session whose encryption it cannot set up.
  std::string startup_failure;
};

// Data-channel faults, applied by the agent to the messages it sends (and drops it
// receives), each with its own probability; from the emulator's flags and admin API.
struct DataChannelFaults {
  double drop_connection = 0;  // per message sent: cut the WebSocket (client must resume)
  double duplicate = 0;        // send a message twice
  double reorder = 0;          // hold a message back and send it after the next one
  double delay = 0;            // delay a message by delay_ms
  std::chrono::milliseconds delay_ms{200};
  uint64_t seed = 1;
};

class AgentSession {
 public:
  AgentSession(SessionSpec spec, DataChannelFaults faults = {});
  ~AgentSession();  // ends the session: the shell is killed, its scratch directory removed
  AgentSession(const AgentSession&) = delete;
  AgentSession& operator=(const AgentSession&) = delete;

  // Runs the data channel over `connection` until it closes, drops, or the session ends.
  // Safe to call again with a new connection after a drop (ResumeSession): unacknowledged
  // output is sent again, nothing is lost or repeated.
  void serve(WebSocketConnection& connection);
  // Ends the session from another thread with a channel_closed carrying `reason`.
  void terminate(const std::string& reason);
  bool ended() const;
  // For DescribeSessions: "Connected", "Connecting", "Disconnected", "Terminated", ...
  std::string status() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ssmlink::emulator::sessions
