// doctor: every prerequisite of a Session Manager connection, checked over an Inventory,
// each finding with the fix. The same checks judge the state after `up` would create its
// endpoints: the errors that remain then are up's preflight (findings.hpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/endpoint_plan.hpp"
#include "domain/findings.hpp"
#include "domain/inventory_index.hpp"
#include "domain/result.hpp"
#include "domain/services.hpp"

namespace ssmlink::domain {

struct DoctorTarget {
  std::optional<std::string> instance_id;  // an instance, or a VPC with:
  std::string vpc_id;
  std::vector<std::string> subnet_ids;                 // endpoint subnets (default: the instance's)
  std::vector<std::string> instance_group_ids;         // default: the instance's groups
  std::vector<Service> services = default_services();  // what up would create
  bool private_dns = true;
  // false: ok findings are never made. doctor --all shows only problems, and building
  // the ok ones for every instance of a region (to drop them) was much of its time.
  bool keep_ok = true;
};

struct Diagnosis {
  std::string instance_id;  // empty for a VPC target
  std::string vpc_id;
  std::string subnet_id;
  std::string availability_zone;
  std::vector<Finding> findings;
  EndpointPlan plan;  // what up would create and reuse
};

// The checks for one target. An instance or VPC the inventory does not have is an error.
Result<Diagnosis> diagnose(const InventoryIndex& index, const DoctorTarget& target);

// The services up should create for an instance, besides the requested ones: kms and logs
// when the Session Manager preferences need them.
std::vector<Service> services_for_preferences(const Inventory& inventory,
                                              std::vector<Service> requested);

}  // namespace ssmlink::domain
