// Gathers doctor's Inventory from EC2 and SSM with the fewest calls that suffice: for one
// instance, its VPC's subnets, groups, ACLs, route tables and endpoints (one filtered call
// each), the two DNS attributes, the endpoint services ssmlink cares about, what SSM knows
// of the instance and the Session Manager preferences: twelve calls. Only the calls that
// read the target itself (the instance, the VPC) are essential: their failure ends the run.
// Any other call that fails (denied, not implemented, 5xx, an HTML or truncated answer,
// the network) is recorded as unreadable, doctor turns it into a warning, and the rest go on.
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

class Patience;

struct GatherOptions {
  // Tries the essential calls again while their failure passes (throttling, 5xx, network).
  Patience* patience = nullptr;
  // The side calls too (up: its plan depends on them), before they count as unreadable.
  bool patient_side_calls = false;
};

// Throws UsageError when the instance or VPC does not exist, aws errors when an essential
// call fails.
domain::Inventory gather_inventory(aws::Session& session, const InventoryRequest& request,
                                   const GatherOptions& options = {});

}  // namespace ssmlink::workflows
