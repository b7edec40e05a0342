// `ssmlink doctor` and `ssmlink snapshot`: the inventory (live, or from a snapshot file),
// then the checks for each target.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/diagnosis.hpp"
#include "domain/inventory.hpp"
#include "workflows/inventory.hpp"

namespace ssmlink::workflows {

struct DoctorRequest {
  InventoryRequest target;                   // --instance, --vpc or --all
  std::optional<std::string> snapshot_file;  // --snapshot: no AWS calls at all
  std::vector<std::string> subnet_ids;       // --subnet: where up would put the endpoints
  std::vector<std::string> instance_group_ids;
  std::vector<domain::Service> services = domain::default_services();
  bool include_ok = true;  // false: keep only findings that are not ok (doctor --all)
};

// Each target's diagnosis goes to the sink as soon as it is made, so that checking a whole
// region never holds every finding at once.
using DiagnosisSink = std::function<void(const domain::Diagnosis&)>;

struct DoctorSummary {
  std::string region;
  size_t checked = 0;
  size_t blocked = 0;  // targets with an error
  bool blocks() const { return blocked > 0; }
};

// The inventory a doctor or snapshot run works from. Throws UsageError for a snapshot
// file that cannot be read or parsed.
domain::Inventory load_inventory(aws::Session* session, const DoctorRequest& request,
                                 const GatherOptions& gather = {});

// The checks over an inventory at hand, for every target the request names.
DoctorSummary diagnose_inventory(const domain::Inventory& inventory, const DoctorRequest& request,
                                 const DiagnosisSink& sink);

// One target's diagnosis (up's preflight). Throws UsageError when the inventory lacks it.
domain::Diagnosis diagnose_one(const domain::Inventory& inventory, const DoctorRequest& request);

}  // namespace ssmlink::workflows
