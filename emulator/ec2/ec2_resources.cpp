// EC2's validation for the changes CloudFormation (and the EC2 API) make. Each message is
// AWS's wording where a public source shows it (cited beside it); the few not found are
// marked as such.
#include "emulator/ec2/ec2_resources.hpp"

#include <algorithm>
#include <set>

#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ec2/sg_rules.hpp"

namespace ssmlink::emulator {

namespace {

template <typename T = void>
Ec2Result<T> fail(std::string code, std::string message) {
  return std::unexpected(Ec2Failure{std::move(code), std::move(message)});
}

const Tags::value_type* find_tag(const Tags& tags, const std::string& key) {
  for (const auto& tag : tags) {
    if (tag.first == key) return &tag;
  }
  return nullptr;
}

// CloudFormation names a group "<stack>-<logical id>-<13 random characters>" when the
// template gives none (AWS::EC2::SecurityGroup GroupName: "If you don't specify a
// GroupName, AWS CloudFormation generates a unique physical ID").
std::string generated_group_name(World& world, const Tags& tags) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string suffix;
  for (int i = 0; i < 13; ++i)
    suffix += alphabet[world.random() % 36];
  const auto* stack = find_tag(tags, "aws:cloudformation:stack-name");
  const auto* logical = find_tag(tags, "aws:cloudformation:logical-id");
  if (stack && logical) return stack->second + "-" + logical->second + "-" + suffix;
  return "SecurityGroup-" + suffix;
}

Ec2Result<void> check_vpc(const RegionState& region, const std::string& vpc_id) {
  // Same wording for malformed IDs: EC2 answers NotFound for a VPC ID it cannot parse.
  if (!region.vpcs.contains(vpc_id)) {
    return fail("InvalidVpcID.NotFound", "The vpc ID '" + vpc_id + "' does not exist");
  }
  return {};
}

Ec2Result<void> check_group(const RegionState& region, const std::string& group_id) {
  if (!is_ec2_id(group_id, "sg")) {
    return fail("InvalidGroupId.Malformed", malformed_group_id_message(group_id));
  }
  if (!region.security_groups.contains(group_id)) {
    return fail("InvalidGroup.NotFound", "The security group '" + group_id + "' does not exist");
  }
  return {};
}

const std::string kDefaultEndpointPolicy =
    "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
    "\"Action\":\"*\",\"Resource\":\"*\"}]}";

bool blocks_private_dns(const VpcEndpoint& endpoint) {
  return endpoint.state != "deleted" && endpoint.state != "failed" &&
         endpoint.state != "rejected" && endpoint.private_dns_enabled;
}

Ec2Result<void> check_interface_subnets(const RegionState& region, const VpcEndpointSpec& spec,
                                        const EndpointService& service) {
  std::set<std::string> zones;
  for (const auto& subnet_id : spec.subnet_ids) {
    if (!is_ec2_id(subnet_id, "subnet")) {
      return fail("InvalidSubnetId.Malformed",
                  malformed_id_message("Subnet Id", subnet_id, "subnet"));
    }
    auto subnet = region.subnets.find(subnet_id);
    if (subnet == region.subnets.end()) {
      return fail("InvalidSubnetID.NotFound", "The subnet ID '" + subnet_id + "' does not exist");
    }
    if (subnet->second.vpc_id != spec.vpc_id) {  // wording not found in a public source
      return fail("InvalidParameter", "The subnet ID '" + subnet_id +
                                          "' does not belong to the VPC " + spec.vpc_id + ".");
    }
    // terraform-aws-modules/terraform-aws-vpc#785, aws-orbit-workbench#320.
    const auto& azs = service.availability_zones;
    if (std::find(azs.begin(), azs.end(), subnet->second.availability_zone) == azs.end()) {
      return fail("InvalidParameter", "The VPC endpoint service " + spec.service_name +
                                          " does not support the availability zone of the "
                                          "subnet: " +
                                          subnet_id + ".");
    }
    // terraform-aws-modules/terraform-aws-vpc#451 and #583.
    if (!zones.insert(subnet->second.availability_zone).second) {
      return fail("DuplicateSubnetsInSameZone",
                  "Found another VPC endpoint subnet in the availability zone of " + subnet_id +
                      ". VPC endpoint subnets should be in different availability zones "
                      "supported by the VPC endpoint service.");
    }
  }
  return {};
}

Ec2Result<void> check_endpoint_groups(const RegionState& region, const VpcEndpointSpec& spec) {
  for (const auto& group_id : spec.security_group_ids) {
    if (auto ok = check_group(region, group_id); !ok) return ok;
    const auto& group = region.security_groups.at(group_id);
    if (group.vpc_id != spec.vpc_id) {  // wording not found in a public source
      return fail("InvalidParameter", "The security group '" + group_id +
                                          "' does not belong to the VPC " + spec.vpc_id + ".");
    }
  }
  return {};
}

Ec2Result<void> check_private_dns(const RegionState& region, const VpcEndpointSpec& spec,
                                  const EndpointService& service) {
  const Vpc& vpc = region.vpcs.at(spec.vpc_id);
  // GuardDuty User Guide, "VPC Endpoint Creation Failed" (aws-facts.md 3.1).
  if (!vpc.enable_dns_support || !vpc.enable_dns_hostnames) {
    return fail("InvalidParameter",
                "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC "
                "attributes set to true for " +
                    spec.vpc_id);
  }
  // One private-DNS endpoint per domain per VPC (aws-facts.md 3.2).
  for (const auto& [id, other] : region.vpc_endpoints) {
    if (other.vpc_id == spec.vpc_id && other.service_name == spec.service_name &&
        blocks_private_dns(other)) {
      return fail("InvalidParameter",
                  "private-dns-enabled cannot be set because there is already a conflicting DNS "
                  "domain for " +
                      service.private_dns_name + " in the VPC " + spec.vpc_id);
    }
  }
  return {};
}

Ec2Result<void> check_route_tables(const RegionState& region, const VpcEndpointSpec& spec,
                                   const std::string& prefix_list) {
  for (const auto& table_id : spec.route_table_ids) {
    // "InvalidRouteTableId.Malformed: Invalid id: "rtb-nat-gw-a"" (terraform-linters/tflint#90).
    if (!is_ec2_id(table_id, "rtb")) {
      return fail("InvalidRouteTableId.Malformed", "Invalid id: \"" + table_id + "\"");
    }
    auto table = region.route_tables.find(table_id);
    if (table == region.route_tables.end()) {
      return fail("InvalidRouteTableID.NotFound",
                  "The routeTable ID '" + table_id + "' does not exist");
    }
    if (table->second.vpc_id != spec.vpc_id) {  // wording not found in a public source
      return fail("InvalidParameter", "The route table " + table_id +
                                          " does not belong to the VPC " + spec.vpc_id + ".");
    }
    for (const auto& route : table->second.routes) {
      if (route.destination_prefix_list == prefix_list) {  // recalled wording
        return fail("RouteAlreadyExists",
                    "route table " + table_id +
                        " already has a route with destination-prefix-list-id " + prefix_list);
      }
    }
  }
  return {};
}

}  // namespace

Ec2Result<std::string> create_security_group(World& world, RegionState& region,
                                             const SecurityGroupSpec& spec) {
  if (auto ok = check_vpc(region, spec.vpc_id); !ok) return std::unexpected(ok.error());
  if (spec.description.empty()) {
    return fail<std::string>("MissingParameter",
                             "The request must contain the parameter GroupDescription");
  }
  std::string name = spec.name.empty() ? generated_group_name(world, spec.tags) : spec.name;
  // "Value (sg-017c251) for parameter GroupName is invalid. Group names may not be in the
  // format sg-*." (pulumi/pulumi-awsx#477).
  if (name.starts_with("sg-")) {
    return fail<std::string>("InvalidParameterValue",
                             "Value (" + name +
                                 ") for parameter GroupName is invalid. Group names "
                                 "may not be in the format sg-*.");
  }
  // "The security group 'x' already exists for VPC 'vpc-...'" (hashicorp/terraform#15428).
  for (const auto& [id, group] : region.security_groups) {
    if (group.vpc_id == spec.vpc_id && group.name == name) {
      return fail<std::string>(
          "InvalidGroup.Duplicate",
          "The security group '" + name + "' already exists for VPC '" + spec.vpc_id + "'");
    }
  }
  SecurityGroup group;
  group.id = world.new_id("sg");
  group.name = name;
  group.description = spec.description;
  group.vpc_id = spec.vpc_id;
  group.tags = spec.tags;
  // Validate every rule against the region with the new group in it (a rule may refer to
  // the group itself), then commit all or nothing.
  region.security_groups.emplace(group.id, group);
  auto rollback = [&](Ec2Failure failure) {
    region.security_groups.erase(group.id);
    return std::unexpected(std::move(failure));
  };
  std::vector<SecurityGroupRule> egress;
  if (spec.egress) {
    egress = *spec.egress;
  } else {
    SecurityGroupRule all;  // EC2's default egress rule for a new VPC security group
    all.protocol = "-1";
    all.cidr_ipv4 = "0.0.0.0/0";
    egress.push_back(all);
  }
  for (bool is_egress : {false, true}) {
    for (const auto& rule : is_egress ? egress : spec.ingress) {
      auto added = add_security_group_rule(world, region, group.id, is_egress, rule);
      if (!added) return rollback(added.error());
    }
  }
  return group.id;
}

Ec2Result<std::string> add_security_group_rule(World& world, RegionState& region,
                                               const std::string& group_id, bool egress,
                                               SecurityGroupRule rule) {
  if (auto ok = check_group(region, group_id); !ok) return std::unexpected(ok.error());
  auto valid = validated_rule(region, std::move(rule));
  if (!valid) return std::unexpected(valid.error());
  auto& group = region.security_groups.at(group_id);
  auto& rules = egress ? group.egress : group.ingress;
  for (const auto& existing : rules) {
    if (same_permission(existing, *valid)) {
      return fail<std::string>("InvalidPermission.Duplicate", duplicate_rule_message(*valid));
    }
  }
  if (valid->rule_id.empty()) valid->rule_id = world.new_id("sgr");
  rules.push_back(*valid);
  return valid->rule_id;
}

Ec2Result<void> remove_security_group_rule(RegionState& region, const std::string& group_id,
                                           const std::string& rule_id) {
  if (auto ok = check_group(region, group_id); !ok) return ok;
  auto& group = region.security_groups.at(group_id);
  for (auto* rules : {&group.ingress, &group.egress}) {
    auto it = std::find_if(rules->begin(), rules->end(),
                           [&](const SecurityGroupRule& r) { return r.rule_id == rule_id; });
    if (it != rules->end()) {
      rules->erase(it);
      return {};
    }
  }
  // Wording not found in a public source.
  return fail("InvalidSecurityGroupRuleId.NotFound",
              "The security group rule ID '" + rule_id + "' does not exist");
}

Ec2Result<void> delete_security_group(RegionState& region, const std::string& group_id) {
  if (auto ok = check_group(region, group_id); !ok) return ok;
  const auto& group = region.security_groups.at(group_id);
  if (group.name == "default") {  // recalled wording
    return fail("CannotDelete", "the specified group: \"" + group_id +
                                    "\" name: \"default\" cannot be deleted by a user");
  }
  // "resource sg-... has a dependent object" (lianghong/delete_vpc#10).
  if (security_group_in_use(region, group_id)) {
    return fail("DependencyViolation", "resource " + group_id + " has a dependent object");
  }
  region.security_groups.erase(group_id);
  return {};
}

Ec2Result<std::string> create_vpc_endpoint(World& world, RegionState& region,
                                           const VpcEndpointSpec& spec, TimePoint now) {
  if (auto ok = check_vpc(region, spec.vpc_id); !ok) return std::unexpected(ok.error());
  // "The Vpc Endpoint Service 'com.amazonaws.eu-west-1.ssm' does not exist"
  // (aws-samples/aws-network-firewall-terraform#4).
  const EndpointService* any = find_endpoint_service(region, spec.service_name);
  if (!any) {
    return fail<std::string>("InvalidServiceName",
                             "The Vpc Endpoint Service '" + spec.service_name + "' does not exist");
  }
  const EndpointService* service = find_endpoint_service(region, spec.service_name, spec.type);
  if (!service) {
    // "Endpoint type (Gateway) does not match available service types ([Interface])."
    // (hashicorp/terraform#24478).
    std::string types;
    for (const auto& s : region.endpoint_services) {
      if (s.name == spec.service_name) types += (types.empty() ? "" : ", ") + s.type;
    }
    return fail<std::string>("InvalidParameter", "Endpoint type (" + spec.type +
                                                     ") does not match available service types ([" +
                                                     types + "]).");
  }

  VpcEndpoint endpoint;
  endpoint.type = spec.type;
  endpoint.vpc_id = spec.vpc_id;
  endpoint.service_name = spec.service_name;
  endpoint.state = "pending";
  endpoint.created = now;
  endpoint.tags = spec.tags;
  endpoint.policy_document =
      spec.policy_document.empty() ? kDefaultEndpointPolicy : spec.policy_document;
  std::string prefix_list;
  if (spec.type == "Interface") {
    if (!spec.route_table_ids.empty()) {  // wording not found; mirrors the subnet message
      return fail<std::string>("InvalidParameter",
                               "Route table IDs are only supported for Gateway type VPC "
                               "Endpoint.");
    }
    if (auto ok = check_interface_subnets(region, spec, *service); !ok) {
      return std::unexpected(ok.error());
    }
    if (auto ok = check_endpoint_groups(region, spec); !ok) return std::unexpected(ok.error());
    // "If this parameter is not specified, we use the default security group for the VPC."
    endpoint.security_group_ids = spec.security_group_ids;
    if (endpoint.security_group_ids.empty()) {
      if (const auto* group = default_security_group(region, spec.vpc_id)) {
        endpoint.security_group_ids.push_back(group->id);
      }
    }
    endpoint.subnet_ids = spec.subnet_ids;  // none is accepted: an endpoint with no ENIs
    // The EC2 API's default is true (botocore ec2 CreateVpcEndpointRequest.PrivateDnsEnabled:
    // "Default: true"); CloudFormation's is false, so the engine passes it explicitly.
    endpoint.private_dns_enabled = spec.private_dns_enabled.value_or(true);
    if (endpoint.private_dns_enabled) {
      if (auto ok = check_private_dns(region, spec, *service); !ok) {
        return std::unexpected(ok.error());
      }
    }
  } else {
    // "Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC
    // Endpoints." (nanlabs/terraform-aws-starter#18).
    if (!spec.subnet_ids.empty()) {
      return fail<std::string>("InvalidParameter",
                               "Subnet IDs are only supported for Interface and "
                               "GatewayLoadBalancer type VPC Endpoints.");
    }
    if (!spec.security_group_ids.empty()) {  // wording not found; mirrors the subnet message
      return fail<std::string>("InvalidParameter",
                               "Security group IDs are only supported for Interface and "
                               "GatewayLoadBalancer type VPC Endpoints.");
    }
    prefix_list = gateway_prefix_list_id(region, spec.service_name);
    // No route tables is accepted: the endpoint exists and routes nothing.
    if (auto ok = check_route_tables(region, spec, prefix_list); !ok) {
      return std::unexpected(ok.error());
    }
    endpoint.route_table_ids = spec.route_table_ids;
  }

  endpoint.id = world.new_id("vpce");
  for (const auto& table_id : endpoint.route_table_ids) {
    region.route_tables.at(table_id).routes.push_back(
        Route{"", prefix_list, endpoint.id, "active"});
  }
  region.vpc_endpoints.emplace(endpoint.id, endpoint);
  return endpoint.id;
}

void set_vpc_endpoint_state(RegionState& region, const std::string& endpoint_id,
                            const std::string& state) {
  auto it = region.vpc_endpoints.find(endpoint_id);
  if (it != region.vpc_endpoints.end()) it->second.state = state;
}

Ec2Result<void> delete_vpc_endpoint(RegionState& region, const std::string& endpoint_id) {
  if (!is_ec2_id(endpoint_id, "vpce")) {
    return fail("InvalidVpcEndpointId.Malformed", malformed_id_message("Id", endpoint_id, "vpce"));
  }
  auto it = region.vpc_endpoints.find(endpoint_id);
  if (it == region.vpc_endpoints.end()) {
    // "The Vpc Endpoint Id 'vpce-...' does not exist" (botocore stubber fixtures quoting EC2;
    // other tools quote "The vpcEndpoint ID ..." — the casing is not settled).
    return fail("InvalidVpcEndpointId.NotFound",
                "The Vpc Endpoint Id '" + endpoint_id + "' does not exist");
  }
  // "When you delete a gateway endpoint, we delete the endpoint routes in the route tables
  // that are associated with the endpoint." (EC2 API Reference, DeleteVpcEndpoints)
  for (auto& [id, table] : region.route_tables) {
    std::erase_if(table.routes, [&](const Route& r) { return r.target == endpoint_id; });
  }
  region.vpc_endpoints.erase(it);
  return {};
}

}  // namespace ssmlink::emulator
