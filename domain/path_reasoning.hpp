// Can the instance reach a Systems Manager service, and if not, what stops it? Either
// through an interface endpoint with private DNS (DNS resolves the service's name to the
// endpoint inside the VPC, so such an endpoint captures the traffic) or through the
// internet (a NAT gateway, or an internet gateway and a public IP). Each thing in the
// way is a Blocker that names the check it belongs to, the resources and the fix.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/inventory_index.hpp"

namespace ssmlink::domain {

struct InstanceSide {
  std::string instance_id;  // empty for a VPC-level check
  std::string address;      // private IPv4 address; empty: use the subnet's block
  std::string subnet_id;
  std::vector<std::string> group_ids;
  std::string platform;  // platformDetails, for the ephemeral port range
  const InventoryVpc* vpc = nullptr;
};

// An endpoint as the path sees it: existing, or the one up would create.
struct EndpointView {
  std::string label;  // vpce-... or "the endpoint up creates"
  std::vector<std::string> subnet_ids;
  std::vector<const InventorySecurityGroup*> groups;  // the planned one is made by the caller
  bool private_dns = true;
  bool planned = false;
};

struct Blocker {
  std::string check_id;  // instance.sg-egress, endpoint.sg-ingress, nacl.instance-subnet, ...
  std::string text;
  std::vector<std::string> resources;
  std::string fix;
};

// What stops the instance from using the endpoint; empty when nothing does. One
// working subnet is enough (the judge agrees: any of the endpoint's interfaces answers).
// Missing data (a group or ACL not in the inventory) is reported as a blocker too.
std::vector<Blocker> endpoint_blockers(const InventoryIndex& index, const InstanceSide& side,
                                       const EndpointView& endpoint);

struct InternetRoute {
  std::string target;  // nat-... or igw-...
  std::string route_table_id;
};

// The instance subnet's default route to the internet, when it has a usable one: a NAT
// gateway, or an internet gateway when the instance has a public IP.
std::optional<InternetRoute> internet_route(const InventoryIndex& index, const InstanceSide& side,
                                            bool has_public_ip);

// What stops HTTPS from the instance to the internet once a route exists.
std::vector<Blocker> internet_blockers(const InventoryIndex& index, const InstanceSide& side);

}  // namespace ssmlink::domain
