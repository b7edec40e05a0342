// Every Session Manager session the emulator has started: its record for DescribeSessions,
// the tokens that open its data channel, and the agent (agent_session.hpp) that serves it.
// The SSM API (ssm/session_api.cpp) starts, resumes and terminates sessions here; the
// server hands each upgraded WebSocket to serve(). Thread-safe.
#pragma once
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/sessions/agent_session.hpp"

namespace ssmlink::emulator::sessions {

using SessionClock = std::chrono::system_clock;

// What new sessions get: from --session-shell and the --fault-session-* flags (or the
// admin API).
struct SessionDefaults {
  DataChannelFaults faults;
  std::string shell = "/bin/sh";
};

// What DescribeSessions shows of one session.
struct SessionRecord {
  std::string session_id;
  std::string region;
  std::string target;
  std::string document_name;  // as StartSession named it, or SSM-SessionManagerRunShell
  std::string owner;          // the caller's ARN
  std::string reason;
  std::string status;  // Connected, Connecting, Disconnected, Terminated, ...
  SessionClock::time_point start;
  std::optional<SessionClock::time_point> end;  // once terminated
  bool active = true;                           // false: DescribeSessions State=History
};

class SessionRegistry {
 public:
  SessionRegistry() = default;
  ~SessionRegistry();  // terminates every session still running
  SessionRegistry(const SessionRegistry&) = delete;
  SessionRegistry& operator=(const SessionRegistry&) = delete;

  void set_defaults(SessionDefaults defaults);
  SessionDefaults defaults() const;

  // StartSession: registers the session (spec.shell is filled from the defaults) and
  // creates its agent. `record` gives region, owner, reason and start.
  void start(SessionSpec spec, SessionRecord record, const std::string& token);
  // ResumeSession: adds a token that opens the session's data channel. False when the
  // session is unknown in `region`; `ended` tells whether it can no longer be resumed.
  bool resume(const std::string& region, const std::string& session_id, const std::string& token,
              bool& ended);
  // TerminateSession: the agent sends channel_closed and the session goes to History.
  // False when no such session is known in `region`.
  bool terminate(const std::string& region, const std::string& session_id);

  std::vector<SessionRecord> list(const std::string& region) const;
  nlohmann::json dump() const;  // for GET /_emulator/state

  // A data channel arrived for `session_id`: reads the OpenDataChannel text message,
  // checks its token and runs the agent over `connection` until it ends. A bad first
  // message or token closes the WebSocket with a status and reason (and nothing else).
  void serve(const std::string& session_id, WebSocketConnection& connection);
  // Cuts the session's WebSocket now (no close frame), as a lost network would. False when
  // it has none.
  bool drop(const std::string& session_id);
  // Cuts every WebSocket (the server is stopping).
  void drop_all();

 private:
  struct Entry {
    SessionRecord record;
    std::set<std::string> tokens;
    std::shared_ptr<AgentSession> agent;
    WebSocketConnection* live = nullptr;  // the connection being served
    bool terminated = false;
  };
  // Why the OpenDataChannel message is refused, or nothing when it opens the session.
  std::optional<std::string> check_open(const std::string& session_id,
                                        const std::optional<WebSocketMessage>& first);
  SessionRecord snapshot(const Entry& entry) const;

  mutable std::mutex mutex_;
  std::condition_variable served_;  // a connection stopped being served
  SessionDefaults defaults_;
  std::map<std::string, Entry> sessions_;  // by session ID
};

// How long a client may take to send OpenDataChannel after the upgrade.
inline constexpr std::chrono::milliseconds kOpenDataChannelTimeout{30000};
// The close status for a refused OpenDataChannel: policy violation (RFC 6455 7.4.1).
inline constexpr uint16_t kRefusedChannel = 1008;

}  // namespace ssmlink::emulator::sessions
