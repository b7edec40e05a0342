#include "domain/endpoint_plan.hpp"

#include "util/strings.hpp"

namespace ssmlink::domain {

const InventoryEndpoint* reusable_endpoint(const InventoryIndex& index, const std::string& vpc_id,
                                           Service service) {
  const std::string& name = index.service_name(service);
  const bool gateway = info(service).type == EndpointType::Gateway;
  for (const InventoryEndpoint* endpoint : index.endpoints_in_vpc(vpc_id)) {
    std::string state = to_lower(endpoint->state);
    if (endpoint->service_name != name || (state != "available" && state != "pending")) continue;
    if (gateway ? endpoint->type == "Gateway"
                : (endpoint->type == "Interface" && endpoint->private_dns)) {
      return endpoint;
    }
  }
  return nullptr;
}

EndpointPlan plan_endpoints(const InventoryIndex& index, const std::string& vpc_id,
                            const std::vector<Service>& wanted,
                            const std::vector<std::string>& subnet_ids) {
  EndpointPlan plan;
  plan.subnet_ids = subnet_ids;
  for (Service service : wanted) {
    if (const InventoryEndpoint* existing = reusable_endpoint(index, vpc_id, service)) {
      plan.reuse.push_back({service, existing});
    } else {
      plan.create.push_back(service);
    }
  }
  return plan;
}

}  // namespace ssmlink::domain
