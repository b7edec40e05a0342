#include "emulator/ec2/region_queries.hpp"

#include <algorithm>

#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/ipv4.hpp"

namespace ssmlink::emulator {

namespace {

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

const SecurityGroup* default_security_group(const RegionState& region, const std::string& vpc_id) {
  for (const auto& [id, group] : region.security_groups) {
    if (group.vpc_id == vpc_id && group.name == "default") return &group;
  }
  return nullptr;
}

const NetworkAcl* default_network_acl(const RegionState& region, const std::string& vpc_id) {
  for (const auto& [id, acl] : region.network_acls) {
    if (acl.vpc_id == vpc_id && acl.is_default) return &acl;
  }
  return nullptr;
}

const RouteTable* main_route_table(const RegionState& region, const std::string& vpc_id) {
  for (const auto& [id, table] : region.route_tables) {
    if (table.vpc_id == vpc_id && table.main) return &table;
  }
  return nullptr;
}

const NetworkAcl* network_acl_for_subnet(const RegionState& region, const Subnet& subnet) {
  for (const auto& [id, acl] : region.network_acls) {
    if (acl.vpc_id == subnet.vpc_id && has(acl.subnet_ids, subnet.id)) return &acl;
  }
  return default_network_acl(region, subnet.vpc_id);
}

const RouteTable* route_table_for_subnet(const RegionState& region, const Subnet& subnet) {
  for (const auto& [id, table] : region.route_tables) {
    if (table.vpc_id == subnet.vpc_id && has(table.subnet_ids, subnet.id)) return &table;
  }
  return main_route_table(region, subnet.vpc_id);
}

const EndpointService* find_endpoint_service(const RegionState& region, const std::string& name,
                                             const std::string& type) {
  for (const auto& service : region.endpoint_services) {
    if (service.name == name && (type.empty() || service.type == type)) return &service;
  }
  return nullptr;
}

std::string interface_service_name(const RegionState& region, const std::string& short_name) {
  std::string suffix = "." + region.name + "." + short_name;
  for (const auto& service : region.endpoint_services) {
    if (service.type == "Interface" && service.name.ends_with(suffix)) return service.name;
  }
  return "com.amazonaws." + region.name + "." + short_name;
}

std::string gateway_prefix_list_id(const RegionState& region, const std::string& service_name) {
  // The real IDs for us-east-1 (aws ec2 describe-prefix-lists); elsewhere a stable stand-in.
  if (service_name == "com.amazonaws.us-east-1.s3") return "pl-63a5400a";
  if (service_name == "com.amazonaws.us-east-1.dynamodb") return "pl-02cd2c6b";
  return "pl-" + derived_id("pl", region.name + "|" + service_name).substr(4, 8);
}

bool security_group_in_use(const RegionState& region, const std::string& group_id) {
  for (const auto& [id, instance] : region.instances) {
    if (instance.state != "terminated" && has(instance.security_group_ids, group_id)) return true;
  }
  for (const auto& [id, endpoint] : region.vpc_endpoints) {
    if (has(endpoint.security_group_ids, group_id)) return true;
  }
  for (const auto& [id, group] : region.security_groups) {
    if (id == group_id) continue;
    for (const auto* rules : {&group.ingress, &group.egress}) {
      for (const auto& rule : *rules) {
        if (rule.group_id == group_id) return true;
      }
    }
  }
  return false;
}

uint32_t endpoint_interface_address(const VpcEndpoint& endpoint, const Subnet& subnet) {
  auto cidr = parse_cidr(subnet.cidr).value_or(Cidr{0, 32});
  // The first four addresses and the last are AWS's (VPC User Guide, "Subnet CIDR blocks").
  uint64_t usable = cidr.size() > 5 ? cidr.size() - 5 : 1;
  uint64_t offset = derived_number(endpoint.id + "|" + subnet.id) % usable;
  return cidr.network() + static_cast<uint32_t>(std::min<uint64_t>(4 + offset, cidr.size() - 1));
}

std::string endpoint_interface_id(const VpcEndpoint& endpoint, const Subnet& subnet) {
  return derived_id("eni", endpoint.id + "|" + subnet.id);
}

}  // namespace ssmlink::emulator
