// `ssmlink connect` and `ssmlink exec`: a session on an instance, with the path opened
// first when it is missing and closed again after.
//
//   1. The instance is Online in SSM already: straight to 3.
//   2. Otherwise `up` (same preflight, progress, errors and --ttl), waiting for Online. A
//      stack this run creates is remembered; one that was there already never is.
//   3. StartSession, then the data channel until the session ends.
//   4. The stack created in 2 is deleted (unless --keep), however the session ended.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "aws/session.hpp"
#include "cloud/ssm.hpp"
#include "workflows/down.hpp"
#include "workflows/session_channel.hpp"
#include "workflows/up.hpp"

namespace ssmlink::workflows {

struct ConnectRequest {
  cloud::StartSessionRequest start;  // target, document, parameters, reason
  bool open_path = true;             // only for i-...: create the endpoints if needed
  std::chrono::seconds ttl{3600};
  bool keep = false;
  std::chrono::seconds online_timeout{300};
  std::chrono::seconds api_timeout = kDefaultApiTimeout;
  const std::atomic<bool>* interrupted = nullptr;
  ChannelSettings channel;
};

struct ConnectReport {
  std::optional<UpReport> up;  // when the path had to be looked at
  bool created_stack = false;
  std::string session_id;
  std::optional<SessionResult> session;  // none when the session never started
  std::optional<DownReport> down;        // the created stack's deletion
};

class ConnectObserver {
 public:
  virtual ~ConnectObserver() = default;
  virtual UpObserver& up() = 0;
  virtual DownObserver& down() = 0;
  // The path is there (opened now or before): the up part of the display ends here.
  virtual void on_path_ready(const UpReport* /*up*/) {}
  virtual void on_session(const std::string& /*session_id*/) {}
  virtual void on_session_end(const SessionResult& /*result*/) {}
  virtual void on_cleanup(const std::string& /*stack_name*/) {}
};

// Throws UsageError for a bad target and SessionRefused when StartSession says no (with
// what to do); other aws errors as they come. A stack created here is deleted before an
// exception leaves (unless keep).
ConnectReport run_connect(aws::Session& session, const ConnectRequest& request, const SessionIo& io,
                          ConnectObserver& observer);

// The part of connect that forward shares: the path opened when missing (steps 1-2), then
// `use` (which starts its sessions with start_session), then the created stack deleted
// (step 4), also when `use` throws. request.start.target names the instance.
ConnectReport run_on_path(aws::Session& session, const ConnectRequest& request,
                          ConnectObserver& observer,
                          const std::function<void(cloud::Ssm&, ConnectReport&)>& use);

// StartSession, its refusals turned into SessionRefused with what to do.
cloud::SessionTicket start_session(aws::Session& session, cloud::Ssm& ssm,
                                   const cloud::StartSessionRequest& start);

// StartSession refused the session: the target is not connected, or access is denied.
struct SessionRefused : std::runtime_error {
  SessionRefused(std::string message, bool target_not_ready)
      : std::runtime_error(std::move(message)), target_not_ready(target_not_ready) {}
  bool target_not_ready;  // TargetNotConnected: a prerequisite, not a cloud failure
};

}  // namespace ssmlink::workflows
