#include "emulator/world_dump.hpp"

#include "emulator/ec2/ec2_xml.hpp"
#include "emulator/ec2/ipv4.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ec2/sg_rules.hpp"
#include "emulator/iam/iam_scenario.hpp"
#include "emulator/ssm/agent_tracking.hpp"
#include "emulator/ssm/reachability.hpp"
#include "util/clock.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json tags_json(const Tags& tags) {
  ordered_json out = ordered_json::object();
  for (const auto& [key, value] : tags)
    out[key] = value;
  return out;
}

template <typename T>
void put_tags(ordered_json& item, const T& resource) {
  if (!resource.tags.empty()) item["tags"] = tags_json(resource.tags);
}

ordered_json rule_json(const SecurityGroupRule& rule) {
  ordered_json out;
  out["id"] = rule.rule_id;
  out["protocol"] = rule.protocol;
  if (protocol_has_ports(rule.protocol)) {
    out["fromPort"] = rule.from_port;
    out["toPort"] = rule.to_port;
  }
  if (!rule.cidr_ipv4.empty()) out["cidr"] = rule.cidr_ipv4;
  if (!rule.cidr_ipv6.empty()) out["cidrIpv6"] = rule.cidr_ipv6;
  if (!rule.group_id.empty()) out["group"] = rule.group_id;
  if (!rule.prefix_list_id.empty()) out["prefixList"] = rule.prefix_list_id;
  if (!rule.description.empty()) out["description"] = rule.description;
  return out;
}

ordered_json rules_json(const std::vector<SecurityGroupRule>& rules) {
  ordered_json out = ordered_json::array();
  for (const auto& rule : rules)
    out.push_back(rule_json(rule));
  return out;
}

ordered_json security_group_json(const SecurityGroup& group) {
  ordered_json out;
  out["id"] = group.id;
  out["vpc"] = group.vpc_id;
  out["name"] = group.name;
  out["description"] = group.description;
  out["ingress"] = rules_json(group.ingress);
  out["egress"] = rules_json(group.egress);
  put_tags(out, group);
  return out;
}

ordered_json network_acl_json(const NetworkAcl& acl) {
  ordered_json out;
  out["id"] = acl.id;
  out["vpc"] = acl.vpc_id;
  out["default"] = acl.is_default;
  if (!acl.is_default) out["subnets"] = acl.subnet_ids;
  ordered_json entries = ordered_json::array();
  for (const auto& entry : acl.entries) {
    if (entry.rule_number == 32767) continue;  // the loader adds the "*" rule
    ordered_json item;
    item["ruleNumber"] = entry.rule_number;
    item["egress"] = entry.egress;
    item["protocol"] = entry.protocol;
    item["action"] = entry.allow ? "allow" : "deny";
    item["cidr"] = entry.cidr;
    if (entry.ports) {
      item["fromPort"] = entry.ports->first;
      item["toPort"] = entry.ports->second;
    }
    entries.push_back(item);
  }
  out["entries"] = entries;
  if (acl.is_default) out["_subnets"] = acl.subnet_ids;
  put_tags(out, acl);
  return out;
}

ordered_json route_table_json(const RouteTable& table) {
  ordered_json out;
  out["id"] = table.id;
  out["vpc"] = table.vpc_id;
  out["main"] = table.main;
  out["subnets"] = table.subnet_ids;
  ordered_json routes = ordered_json::array(), implicit = ordered_json::array();
  for (const auto& route : table.routes) {
    ordered_json item;
    item["destination"] =
        route.destination_cidr.empty() ? route.destination_prefix_list : route.destination_cidr;
    item["target"] = route.target;
    if (route.state != "active") item["state"] = route.state;
    // The local route and gateway endpoint routes come back with their VPC and endpoint.
    bool made_by_aws = route.target == "local" || route.target.starts_with("vpce-");
    (made_by_aws ? implicit : routes).push_back(item);
  }
  out["routes"] = routes;
  out["_implicitRoutes"] = implicit;
  put_tags(out, table);
  return out;
}

ordered_json endpoint_json(const RegionState& region, const VpcEndpoint& endpoint) {
  ordered_json out;
  out["id"] = endpoint.id;
  out["type"] = endpoint.type;
  out["vpc"] = endpoint.vpc_id;
  out["service"] = endpoint.service_name;
  out["subnets"] = endpoint.subnet_ids;
  out["securityGroups"] = endpoint.security_group_ids;
  out["routeTables"] = endpoint.route_table_ids;
  if (endpoint.type == "Interface") out["privateDns"] = endpoint.private_dns_enabled;
  out["state"] = endpoint.state;
  out["policy"] = endpoint.policy_document;
  put_tags(out, endpoint);
  out["_created"] = format_iso8601(endpoint.created);
  ordered_json interfaces = ordered_json::array();
  for (const auto& subnet_id : endpoint.subnet_ids) {
    auto subnet = region.subnets.find(subnet_id);
    if (subnet == region.subnets.end()) continue;
    ordered_json item;
    item["subnet"] = subnet_id;
    item["availabilityZone"] = subnet->second.availability_zone;
    item["networkInterfaceId"] = endpoint_interface_id(endpoint, subnet->second);
    item["privateIp"] = format_ipv4(endpoint_interface_address(endpoint, subnet->second));
    interfaces.push_back(item);
  }
  if (endpoint.type == "Interface") out["_networkInterfaces"] = interfaces;
  return out;
}

ordered_json instance_json(const World& world, const RegionState& region, const Instance& instance,
                           TimePoint now) {
  ordered_json out;
  out["id"] = instance.id;
  out["subnet"] = instance.subnet_id;
  out["privateIp"] = instance.private_ip;
  if (instance.public_ip) out["publicIp"] = *instance.public_ip;
  out["securityGroups"] = instance.security_group_ids;
  if (instance.profile) {
    ordered_json profile;
    profile["arn"] = instance.profile->arn;
    profile["id"] = instance.profile->id;
    out["iamInstanceProfile"] = profile;
  }
  out["ssmAgent"] =
      ordered_json{{"installed", instance.agent.installed}, {"version", instance.agent.version}};
  if (!instance.reachable_hosts.empty()) out["hosts"] = instance.reachable_hosts;
  out["platform"] = ordered_json{{"type", instance.platform_type},
                                 {"name", instance.platform_name},
                                 {"version", instance.platform_version}};
  out["state"] = instance.state;
  out["httpTokens"] = instance.http_tokens;
  out["launchTime"] = format_iso8601(instance.launched);
  put_tags(out, instance);

  PathVerdict verdict = judge_ssm_path(world, region, instance);
  ordered_json ssm;
  ssm["reachable"] = verdict.reachable;
  ssm["blockers"] = verdict.blockers;
  ssm["sessionBlockers"] = verdict.session_blockers;
  auto tracking = region.agents.find(instance.id);
  if (tracking != region.agents.end()) {
    AgentTracking copy = tracking->second;  // agent_status records registrations
    auto status = agent_status(copy, world.timings, now);
    out["ssmRegistered"] = copy.ever_online;
    ssm["pathSince"] = format_iso8601(copy.changed);
    ssm["hasPath"] = copy.has_path;
    ssm["pingStatus"] = status ? status->ping_status : "";  // "": SSM does not list it
  }
  out["_ssm"] = ssm;
  return out;
}

ordered_json region_json(const World& world, const RegionState& region, TimePoint now) {
  ordered_json out;
  if (region.default_host_management_role.empty()) {
    out["defaultHostManagement"] = false;
  } else {
    out["defaultHostManagement"] = region.default_host_management_role;
  }
  ordered_json vpcs = ordered_json::array(), subnets = ordered_json::array(),
               groups = ordered_json::array(), acls = ordered_json::array(),
               tables = ordered_json::array(), endpoints = ordered_json::array(),
               instances = ordered_json::array();
  for (const auto& [id, vpc] : region.vpcs) {
    ordered_json item;
    item["id"] = id;
    item["cidr"] = vpc.cidr;
    item["enableDnsSupport"] = vpc.enable_dns_support;
    item["enableDnsHostnames"] = vpc.enable_dns_hostnames;
    item["isDefault"] = vpc.is_default;
    put_tags(item, vpc);
    vpcs.push_back(item);
  }
  for (const auto& [id, subnet] : region.subnets) {
    ordered_json item;
    item["id"] = id;
    item["vpc"] = subnet.vpc_id;
    item["availabilityZone"] = subnet.availability_zone;
    item["cidr"] = subnet.cidr;
    item["mapPublicIpOnLaunch"] = subnet.map_public_ip_on_launch;
    put_tags(item, subnet);
    item["_availabilityZoneId"] = subnet.availability_zone_id;
    subnets.push_back(item);
  }
  for (const auto& [id, group] : region.security_groups)
    groups.push_back(security_group_json(group));
  for (const auto& [id, acl] : region.network_acls)
    acls.push_back(network_acl_json(acl));
  for (const auto& [id, table] : region.route_tables)
    tables.push_back(route_table_json(table));
  for (const auto& [id, endpoint] : region.vpc_endpoints) {
    endpoints.push_back(endpoint_json(region, endpoint));
  }
  for (const auto& [id, instance] : region.instances) {
    instances.push_back(instance_json(world, region, instance, now));
  }
  out["vpcs"] = vpcs;
  out["subnets"] = subnets;
  out["securityGroups"] = groups;
  out["networkAcls"] = acls;
  out["routeTables"] = tables;
  out["vpcEndpoints"] = endpoints;
  out["instances"] = instances;
  if (region.session_preferences.configured) {
    out["sessionPreferences"] =
        ordered_json{{"kmsKeyId", region.session_preferences.kms_key_id},
                     {"cloudWatchLogGroup", region.session_preferences.cloudwatch_log_group},
                     {"s3Bucket", region.session_preferences.s3_bucket}};
  }
  return out;
}

}  // namespace

nlohmann::json dump_world(const World& world, TimePoint now) {
  ordered_json out;
  out["account"] = ordered_json{{"id", world.account_id}};
  ordered_json keys = ordered_json::array();
  for (const auto& key : world.access_keys) {
    keys.push_back(ordered_json{{"accessKeyId", key.access_key_id},
                                {"arn", key.arn},
                                {"userId", key.user_id},
                                {"policies", key.policy_arns}});
  }
  out["_accessKeys"] = keys;
  out["iam"] = dump_iam(world);
  out["_timings"] =
      ordered_json{{"provisionMs", world.timings.provision.count()},
                   {"onlineDelayMs", world.timings.online_delay.count()},
                   {"connectionLostDelayMs", world.timings.connection_lost_delay.count()}};
  ordered_json regions = ordered_json::object();
  for (const auto& [name, region] : world.regions)
    regions[name] = region_json(world, region, now);
  out["regions"] = regions;
  return nlohmann::json::parse(out.dump());
}

nlohmann::json dump_world(const World& world) {
  return dump_world(world, std::chrono::system_clock::now());
}

}  // namespace ssmlink::emulator
