// What `up` creates in a VPC, and what it reuses: an interface endpoint with private DNS
// for a service already owns that service's private DNS name in the VPC, so a second one
// would fail ("conflicting DNS domain"); such an endpoint is reused instead.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/inventory_index.hpp"
#include "domain/services.hpp"

namespace ssmlink::domain {

struct ReusedEndpoint {
  Service service;
  const InventoryEndpoint* endpoint;
};

struct EndpointPlan {
  std::vector<Service> create;  // in catalogue order
  std::vector<ReusedEndpoint> reuse;
  std::vector<std::string> subnet_ids;  // for the created interface endpoints
  bool nothing_to_create() const { return create.empty(); }
};

// The existing endpoint for a service in a VPC that up would reuse: an interface endpoint
// with private DNS (or, for s3, a gateway endpoint), pending or available.
const InventoryEndpoint* reusable_endpoint(const InventoryIndex& index, const std::string& vpc_id,
                                           Service service);

EndpointPlan plan_endpoints(const InventoryIndex& index, const std::string& vpc_id,
                            const std::vector<Service>& wanted,
                            const std::vector<std::string>& subnet_ids);

}  // namespace ssmlink::domain
