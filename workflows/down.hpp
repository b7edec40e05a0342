// `ssmlink down`: delete ssmlink's stacks (by name, by VPC or instance, or every expired
// one) and follow each deletion to its end. Stacks without ssmlink:managed=true are
// refused, whatever their name.
#pragma once
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/failure_hints.hpp"
#include "workflows/patience.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

struct DownRequest {  // exactly one of the four
  std::optional<std::string> stack_name;
  std::optional<std::string> vpc_id;
  std::optional<std::string> instance_id;
  bool expired = false;
  std::chrono::seconds api_timeout = kDefaultApiTimeout;  // see Patience
  const std::atomic<bool>* interrupted = nullptr;
};

struct StackDeletion {
  std::string stack_name;
  std::string stack_id;
  std::string status;  // DELETE_COMPLETE, DELETE_FAILED, or the last seen when interrupted
  std::vector<domain::ResourceRow> resources;
  std::optional<domain::RootCause> root_cause;
  std::optional<domain::FailureHint> hint;
  Clock::TimePoint started{};
  std::optional<Clock::TimePoint> finished;  // when ssmlink saw the terminal event
  bool interrupted = false;
  int polls = 0;
};

enum class DownOutcome { Deleted, NothingToDelete, Failed, Interrupted };

struct DownReport {
  DownOutcome outcome = DownOutcome::NothingToDelete;
  std::string region;
  std::string looked_for;  // "stack ssmlink-vpc-...", "expired stacks", ...
  std::vector<StackDeletion> stacks;
};

class DownObserver : public WatchObserver {
 public:
  virtual void on_deleting(const std::string& /*stack_name*/) {}
  virtual void on_deleted(const StackDeletion& /*deletion*/) {}
};

// Throws UsageError for a stack that is not ssmlink's or an instance that does not exist;
// aws errors for failed calls.
DownReport run_down(aws::Session& session, const DownRequest& request, DownObserver& observer);

}  // namespace ssmlink::workflows
