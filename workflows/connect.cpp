#include "workflows/connect.hpp"

#include "aws/errors.hpp"
#include "aws/service.hpp"
#include "cloud/sts.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {

namespace {

bool is_instance(const std::string& target) {
  return target.rfind("i-", 0) == 0;
}

// SSM's own answer first: an instance that is Online needs no path work at all.
bool online_already(cloud::Ssm& ssm, const std::string& instance_id) {
  try {
    cloud::DescribeInstanceInformationRequest request;
    request.filters = {{"InstanceIds", {instance_id}}};
    for (const cloud::InstanceInformation& info : ssm.describe_instance_information(request)) {
      if (info.instance_id == instance_id && info.ping_status == "Online") return true;
    }
  } catch (const aws::AwsError&) {
    // Not readable now: `up` reads it again with patience, and says what is wrong.
  }
  return false;
}

UpRequest up_request(const ConnectRequest& request) {
  UpRequest up;
  up.target.instance_id = request.start.target;
  up.ttl = request.ttl;
  up.wait_online = true;
  up.online_timeout = request.online_timeout;
  up.api_timeout = request.api_timeout;
  up.interrupted = request.interrupted;
  return up;
}

bool path_ready(UpOutcome outcome) {
  return outcome == UpOutcome::Created || outcome == UpOutcome::AlreadyUp ||
         outcome == UpOutcome::NothingToDo;
}

// Who is asking, for an AccessDenied message; "the caller" when STS cannot say.
std::string caller_of(aws::Session& session) {
  try {
    auto client = session.client(aws::sts_service());
    return cloud::Sts(client).get_caller_identity().arn;
  } catch (const aws::AwsError&) {
    return "the caller";
  }
}

// StartSession's refusals, with what to do (reference section 2.1's modelled errors).
[[noreturn]] void refuse(aws::Session& session, const aws::ServiceError& error,
                         const std::string& target, const std::string& region) {
  if (error.code == "TargetNotConnected") {
    throw SessionRefused(target + " is not connected to Session Manager (" + error.message +
                             "). Run: ssmlink doctor --instance " + target + " --region " + region,
                         true);
  }
  if (error.code == "AccessDeniedException") {
    throw SessionRefused(
        "Session Manager refused the session (AccessDeniedException: " + error.message + "). " +
            caller_of(session) + " needs ssm:StartSession on the instance (arn:aws:ec2:" + region +
            ":ACCOUNT:instance/" + target + ") and on the session document",
        false);
  }
  if (error.code == "InvalidDocument") {
    throw SessionRefused("the session document was refused (InvalidDocument: " + error.message +
                             "); check --document and --parameters",
                         false);
  }
  throw error;
}

class TemporaryStack {
 public:
  TemporaryStack(aws::Session& session, const ConnectRequest& request, ConnectReport& report,
                 ConnectObserver& observer)
      : session_(session), request_(request), report_(report), observer_(observer) {}
  // Deletes the stack this run created, whatever ended the session, unless --keep.
  ~TemporaryStack() {
    if (!report_.created_stack || request_.keep || report_.down) return;
    try {
      remove();
    } catch (...) {
      // The display already says how to delete it (ssmlink down --stack ...).
    }
  }
  TemporaryStack(const TemporaryStack&) = delete;
  TemporaryStack& operator=(const TemporaryStack&) = delete;

  void remove() {
    observer_.on_cleanup(report_.up->stack_name);
    DownRequest down;
    down.stack_name = report_.up->stack_name;
    down.api_timeout = request_.api_timeout;
    report_.down = run_down(session_, down, observer_.down());
  }

 private:
  aws::Session& session_;
  const ConnectRequest& request_;
  ConnectReport& report_;
  ConnectObserver& observer_;
};

}  // namespace

ConnectReport run_on_path(aws::Session& session, const ConnectRequest& request,
                          ConnectObserver& observer,
                          const std::function<void(cloud::Ssm&, ConnectReport&)>& use) {
  const std::string& target = request.start.target;
  if (target.empty()) throw UsageError("no target: give --instance i-... or --target mi-...");
  ConnectReport report;
  auto ssm_client = session.client(aws::ssm_service());
  cloud::Ssm ssm(ssm_client);
  TemporaryStack temporary(session, request, report, observer);

  if (request.open_path && is_instance(target) && !online_already(ssm, target)) {
    report.up = run_up(session, up_request(request), observer.up());
    report.created_stack = report.up->outcome == UpOutcome::Created && !report.up->attached;
    if (!path_ready(report.up->outcome)) return report;
  }
  observer.on_path_ready(report.up ? &*report.up : nullptr);
  use(ssm, report);
  if (report.created_stack && !request.keep) temporary.remove();
  return report;
}

cloud::SessionTicket start_session(aws::Session& session, cloud::Ssm& ssm,
                                   const cloud::StartSessionRequest& start) {
  try {
    return ssm.start_session(start);
  } catch (const aws::ServiceError& error) {
    refuse(session, error, start.target, session.region().region);
  }
}

ConnectReport run_connect(aws::Session& session, const ConnectRequest& request, const SessionIo& io,
                          ConnectObserver& observer) {
  return run_on_path(session, request, observer, [&](cloud::Ssm& ssm, ConnectReport& report) {
    cloud::SessionTicket ticket = start_session(session, ssm, request.start);
    report.session_id = ticket.session_id;
    observer.on_session(ticket.session_id);
    report.session = run_session_channel(ssm, ticket, session.environment(), request.channel, io);
    observer.on_session_end(*report.session);
  });
}

}  // namespace ssmlink::workflows
