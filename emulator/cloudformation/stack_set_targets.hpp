// Which accounts a stack set operation deploys to. Service-managed: the accounts under
// DeploymentTargets' organizational units (the root's ID: every member), filtered by
// AccountFilterType with DeploymentTargets.Accounts; the management account never is one,
// as on AWS. Self-managed: the accounts listed. Throws ApiError (ValidationError) for
// targets AWS refuses.
#pragma once
#include <vector>

#include "emulator/cloudformation/stack_sets.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

// `accounts`: the request's top-level Accounts (self-managed only). In the organization's
// order of accounts, each once.
std::vector<TargetAccount> resolve_target_accounts(const World& management,
                                                   const StackSet& stack_set,
                                                   const DeploymentTargets& targets,
                                                   const std::vector<std::string>& accounts);

}  // namespace ssmlink::emulator
