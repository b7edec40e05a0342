// What up, down and status share about ssmlink's stacks: finding one, telling whether it
// is ssmlink's, deleting it and following the deletion.
#pragma once
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "cloud/cloudformation.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/patience.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

// The stack of that name, or none when CloudFormation says it does not exist (deleted
// stacks are not found by name). Failures that pass are tried again within `patience`.
std::optional<cloud::Stack> find_stack(cloud::CloudFormation& cloudformation,
                                       const std::string& name, Patience& patience);

// Every stack ssmlink manages in the client's region (ssmlink:managed=true).
std::vector<cloud::Stack> managed_stacks(cloud::CloudFormation& cloudformation, Patience& patience);

std::vector<domain::Tag> domain_tags(const std::vector<cloud::Tag>& tags);
std::vector<cloud::Tag> cloud_tags(const std::vector<domain::Tag>& tags);

// A ClientRequestToken for one operation: retries of the same call reuse it, so AWS
// carries the operation out once.
std::string new_request_token(const std::string& operation);

// Deletes the stack and follows the deletion to its end (DELETE_COMPLETE or DELETE_FAILED).
// DeleteStack carries a ClientRequestToken, so a call repeated after a lost answer is one
// deletion.
WatchResult delete_and_watch(cloud::CloudFormation& cloudformation, const cloud::Stack& stack,
                             Patience& patience, WatchObserver& observer);

// Watch options for a workflow's patience: its interruption flag and its budget.
WatchOptions watch_options(const Patience& patience,
                           std::optional<std::string> after_event_id = std::nullopt);

}  // namespace ssmlink::workflows
