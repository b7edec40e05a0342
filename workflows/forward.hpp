// `ssmlink forward`: local TCP ports relayed to a port on the instance, or on a host it can
// reach, each forward its own port session.
//
//   1. Every listener is opened first, so a port in use fails before anything is created.
//   2. The path, as for connect (workflows/connect.hpp): opened when missing, closed after.
//   3. StartSession per forward (AWS-StartPortForwardingSession, or ...ToRemoteHost with
//      --host), then each session runs on its own thread (port_relay.hpp) until it ends or
//      the user stops the command. Threads rather than one poll loop for all: a session's
//      loop blocks while it resumes a dropped WebSocket, and one session's reconnection
//      should not stall the others.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "workflows/connect.hpp"
#include "workflows/port_relay.hpp"

namespace ssmlink::workflows {

struct ForwardSpec {
  std::string local_address = "127.0.0.1";
  uint16_t local_port = 0;  // 0: a free one
  std::string host;         // "": the instance itself
  uint16_t remote_port = 0;
};

// "LOCAL:HOST:PORT" (the --forward syntax), LOCAL and PORT from 0/1 to 65535. The error
// names the value and the expected form.
Result<ForwardSpec> parse_forward(const std::string& text);

// The StartSession request for a forward on `target` (section 2.4's documents).
cloud::StartSessionRequest port_session_request(const std::string& target, const ForwardSpec& spec,
                                                uint16_t local_port);

struct ForwardRequest {
  ConnectRequest access;  // access.start.target; path, ttl, keep, channel settings
  std::vector<ForwardSpec> forwards;
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C / SIGTERM: end every session
};

struct ForwardSession {
  ForwardSpec spec;
  std::string endpoint;  // the local listener, "127.0.0.1:15432"
  std::string session_id;
  std::optional<SessionResult> result;
  std::string error;  // the session could not be connected at all
};

struct ForwardReport {
  ConnectReport access;
  std::vector<ForwardSession> sessions;
};

// Called from each forward's thread: implementations lock.
class ForwardObserver : public ConnectObserver {
 public:
  virtual void on_listening(const ForwardSession& /*forward*/, session::PortMode /*mode*/) {}
  virtual void on_opened(const ForwardSession& /*forward*/, const ConnectionOpened& /*opened*/) {}
  virtual void on_closed(const ForwardSession& /*forward*/, const ConnectionClosed& /*closed*/) {}
  virtual void on_refused(const ForwardSession& /*forward*/, const std::string& /*peer*/,
                          const std::string& /*why*/) {}
  virtual void on_notice(const ForwardSession& /*forward*/, const std::string& /*line*/) {}
  virtual void on_forward_end(const ForwardSession& /*forward*/) {}
};

// Throws UsageError (bad address), std::runtime_error (a port that cannot be listened on),
// SessionRefused, and aws errors of the path's calls.
ForwardReport run_forward(aws::Session& session, const ForwardRequest& request,
                          ForwardObserver& observer);

}  // namespace ssmlink::workflows
