#include "workflows/stackset_support.hpp"

#include "aws/errors.hpp"
#include "domain/failure_hints.hpp"
#include "domain/stack_progress.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

std::optional<cloud::StackSet> find_stack_set(cloud::StackSets& stack_sets, const std::string& name,
                                              Patience& patience) {
  try {
    cloud::StackSet found = patience.run("CloudFormation DescribeStackSet",
                                         [&] { return stack_sets.describe_stack_set(name); });
    if (found.status == "DELETED") return std::nullopt;
    return found;
  } catch (const aws::ServiceError& error) {
    if (error.code == "StackSetNotFoundException") return std::nullopt;
    throw;
  }
}

bool is_operation_finished(const std::string& status) {
  return status == "SUCCEEDED" || status == "FAILED" || status == "STOPPED";
}

std::optional<std::string> first_failure(const std::vector<cloud::StackEvent>& events) {
  domain::StackProgress progress;
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    progress.apply(to_record(*it));
  auto cause = progress.root_cause();
  if (!cause) return std::nullopt;
  return cause->logical_id + " (" + cause->type + "): " + domain::essential_reason(cause->reason);
}

}  // namespace ssmlink::workflows
