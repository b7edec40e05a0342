// Lookups over one region that several parts need: which network ACL and route table a
// subnet uses (its explicit association, else the VPC's default ACL / main table), the
// VPC's default security group, the endpoint service behind a name.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

const SecurityGroup* default_security_group(const RegionState& region, const std::string& vpc_id);
const NetworkAcl* default_network_acl(const RegionState& region, const std::string& vpc_id);
const RouteTable* main_route_table(const RegionState& region, const std::string& vpc_id);

// The ACL associated with the subnet (every subnet has exactly one: explicit or default).
const NetworkAcl* network_acl_for_subnet(const RegionState& region, const Subnet& subnet);
// The route table with an explicit association, else the VPC's main table.
const RouteTable* route_table_for_subnet(const RegionState& region, const Subnet& subnet);

// The endpoint service with this name and type ("Interface" or "Gateway"; empty: any).
const EndpointService* find_endpoint_service(const RegionState& region, const std::string& name,
                                             const std::string& type = "");
// "com.amazonaws.us-east-1.ssm" for ("us-east-1", "ssm").
std::string interface_service_name(const RegionState& region, const std::string& short_name);

// AWS's managed prefix list for a gateway endpoint service (pl-63a5400a is S3 in us-east-1).
std::string gateway_prefix_list_id(const RegionState& region, const std::string& service_name);

// Instances whose security groups include the group, endpoints that use it, groups whose
// rules reference it (other than itself): what makes DeleteSecurityGroup fail.
bool security_group_in_use(const RegionState& region, const std::string& group_id);

// The private address of an interface endpoint's network interface in one of its subnets:
// stable for the pair, inside the subnet, clear of the five addresses AWS reserves.
uint32_t endpoint_interface_address(const VpcEndpoint& endpoint, const Subnet& subnet);
std::string endpoint_interface_id(const VpcEndpoint& endpoint, const Subnet& subnet);  // eni-...

}  // namespace ssmlink::emulator
