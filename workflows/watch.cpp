#include "workflows/watch.hpp"

#include "aws/service.hpp"
#include "workflows/errors.hpp"
#include "workflows/stacks.hpp"

namespace ssmlink::workflows {

bool WatchReport::succeeded() const {
  return status.ends_with("_COMPLETE") && status.find("ROLLBACK") == std::string::npos;
}

WatchReport run_watch(aws::Session& session, const std::string& stack_name,
                      const std::atomic<bool>* interrupted, std::chrono::seconds api_timeout,
                      WatchObserver& observer) {
  Patience patience(*session.clock(), api_timeout, interrupted,
                    [&observer](const RetryNotice& notice) { observer.on_retry_later(notice); });
  auto client = session.client(aws::cloudformation_service());
  cloud::CloudFormation cloudformation(client);
  WatchReport report;
  report.region = session.region().region;
  report.stack_name = stack_name;
  auto stack = find_stack(cloudformation, stack_name, patience);
  if (!stack) {
    throw UsageError("--watch: no stack named " + stack_name + " in " + report.region +
                     " (ssmlink status lists ssmlink's stacks; a deleted stack is gone)");
  }
  report.stack_id = stack->stack_id;
  report.status = stack->stack_status;
  if (!domain::is_in_progress(stack->stack_status)) return report;

  report.watched = true;
  WatchResult result = watch_stack(cloudformation, *session.clock(), stack->stack_id,
                                   watch_options(patience), observer);
  report.interrupted = result.end == WatchEnd::Interrupted;
  report.progress = result.progress;
  if (!result.progress.stack_status().empty()) report.status = result.progress.stack_status();
  if (!report.interrupted && !report.succeeded()) {
    auto cause = result.progress.root_cause();
    report.hint = domain::hint_for_failure(cause ? cause->reason : result.progress.stack_reason(),
                                           report.region);
  }
  return report;
}

}  // namespace ssmlink::workflows
