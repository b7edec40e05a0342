// What up, down and status --stackset share: finding the StackSet, telling when an
// operation has ended, and the root cause in a failed stack's events.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cloud/cloudformation.hpp"
#include "cloud/stack_sets.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::workflows {

// None when CloudFormation says there is no StackSet of that name (or it is DELETED).
std::optional<cloud::StackSet> find_stack_set(cloud::StackSets& stack_sets, const std::string& name,
                                              Patience& patience);

// SUCCEEDED, FAILED, STOPPED: the operation will not change again.
bool is_operation_finished(const std::string& status);

// "SsmEndpoint (AWS::EC2::VPCEndpoint): <reason>" for the resource whose failure started
// it all, from a stack's events (newest first, as DescribeStackEvents gives them).
std::optional<std::string> first_failure(const std::vector<cloud::StackEvent>& events);

}  // namespace ssmlink::workflows
