// Gathers doctor's IAM facts: each instance profile the instances use, its role (trust
// policy, boundary, attached and inline policies), each managed policy's default version,
// and Default Host Management's setting and role. Each profile, role and policy is read
// once however many instances share it. A failed call is noted on the record it concerns
// (or as unreadable, for the service setting) and the rest go on.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/inventory.hpp"
#include "workflows/inventory.hpp"

namespace ssmlink::workflows {

void gather_iam(aws::Session& session, domain::Inventory& inventory,
                const GatherOptions& options = {});

// doctor --check-caller: what iam:SimulatePrincipalPolicy says of the caller for the
// calls up, down and connect make (the instance's, when one is given).
domain::CallerCheck check_caller(aws::Session& session, const domain::Inventory& inventory,
                                 const std::optional<std::string>& instance_id);

}  // namespace ssmlink::workflows
