// Gathers doctor's Inventory from EC2 and SSM with the fewest calls that suffice: for one
// instance, its VPC's subnets, groups, ACLs, route tables and endpoints (one filtered call
// each), the two DNS attributes, the endpoint services ssmlink cares about, what SSM knows
// of the instance and the Session Manager preferences: twelve calls. A call the caller may
// not make (access denied) or the endpoint does not implement is recorded as unreadable and
// the rest go on; anything else fails the gathering.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/inventory.hpp"

namespace ssmlink::workflows {

struct InventoryRequest {
  std::optional<std::string> instance_id;  // one instance (and its VPC), or
  std::optional<std::string> vpc_id;       // one VPC, or
  bool all = false;                        // every instance in the region
};

// Throws UsageError when the instance or VPC does not exist, aws errors otherwise.
domain::Inventory gather_inventory(aws::Session& session, const InventoryRequest& request);

}  // namespace ssmlink::workflows
