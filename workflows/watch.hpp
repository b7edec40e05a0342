// `ssmlink status --watch STACK`: follow one stack's current operation to its end, e.g.
// after an up or down that was interrupted.
#pragma once
#include <atomic>
#include <optional>
#include <string>

#include "aws/session.hpp"
#include "domain/failure_hints.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

struct WatchReport {
  std::string region;
  std::string stack_name;
  std::string stack_id;
  std::string status;    // the last one seen
  bool watched = false;  // false: the stack had already finished
  bool interrupted = false;
  domain::StackProgress progress;
  std::optional<domain::FailureHint> hint;
  // Ended well: CREATE/UPDATE/DELETE_COMPLETE, not a rollback or a failure.
  bool succeeded() const;
};

// Throws UsageError when no stack of that name exists in the region.
WatchReport run_watch(aws::Session& session, const std::string& stack_name,
                      const std::atomic<bool>* interrupted, std::chrono::seconds api_timeout,
                      WatchObserver& observer);

}  // namespace ssmlink::workflows
