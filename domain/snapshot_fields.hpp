// The snapshot format's fields, listed once for the writer and the reader: for each
// struct of an Inventory, snapshot_fields(record, field) calls field(key, member) for
// every member in the order they are written, or field(key, member, range) for an
// integer. A field added to the Inventory is added here, and only here, to be saved and
// read back (the round-trip test fails until it is).
#pragma once
#include <concepts>
#include <string_view>
#include <type_traits>

#include "domain/inventory.hpp"
#include "domain/snapshot.hpp"

namespace ssmlink::domain {

inline constexpr std::string_view kSnapshotFormat = "ssmlink-snapshot";

// The values an integer field accepts, and how a message names them.
struct IntRange {
  int min;
  int max;
  std::string_view what;
};
// AWS writes -1 for "all ports" in a few places; ICMP type and code share these fields.
inline constexpr IntRange kPortRange{-1, 65535, "a port from -1 to 65535"};
inline constexpr IntRange kRuleNumberRange{1, 32767, "a rule number from 1 to 32767"};

// A struct of the Inventory, const (writing) or not (reading).
template <typename Record, typename Struct>
concept RecordOf = std::same_as<std::remove_const_t<Record>, Struct>;

void snapshot_fields(RecordOf<InventoryVpc> auto& vpc, auto&& field) {
  field("id", vpc.id);
  field("cidr", vpc.cidr);
  field("dns_support", vpc.dns_support);
  field("dns_hostnames", vpc.dns_hostnames);
}

void snapshot_fields(RecordOf<InventorySubnet> auto& subnet, auto&& field) {
  field("id", subnet.id);
  field("vpc_id", subnet.vpc_id);
  field("availability_zone", subnet.availability_zone);
  field("cidr", subnet.cidr);
}

void snapshot_fields(RecordOf<PermissionRule> auto& rule, auto&& field) {
  field("protocol", rule.protocol);
  field("from_port", rule.from_port, kPortRange);
  field("to_port", rule.to_port, kPortRange);
  field("cidr", rule.cidr);
  field("group_id", rule.group_id);
  field("prefix_list_id", rule.prefix_list_id);
}

void snapshot_fields(RecordOf<InventorySecurityGroup> auto& group, auto&& field) {
  field("id", group.id);
  field("vpc_id", group.vpc_id);
  field("name", group.name);
  field("ingress", group.ingress);
  field("egress", group.egress);
}

void snapshot_fields(RecordOf<AclEntry> auto& entry, auto&& field) {
  field("rule_number", entry.rule_number, kRuleNumberRange);
  field("protocol", entry.protocol);
  field("egress", entry.egress);
  field("allow", entry.allow);
  field("cidr", entry.cidr);
  field("from_port", entry.from_port, kPortRange);
  field("to_port", entry.to_port, kPortRange);
}

void snapshot_fields(RecordOf<InventoryNetworkAcl> auto& acl, auto&& field) {
  field("id", acl.id);
  field("vpc_id", acl.vpc_id);
  field("is_default", acl.is_default);
  field("subnet_ids", acl.subnet_ids);
  field("entries", acl.entries);
}

void snapshot_fields(RecordOf<InventoryRoute> auto& route, auto&& field) {
  field("destination", route.destination);
  field("target", route.target);
  field("active", route.active);
}

void snapshot_fields(RecordOf<InventoryRouteTable> auto& table, auto&& field) {
  field("id", table.id);
  field("vpc_id", table.vpc_id);
  field("main", table.main);
  field("subnet_ids", table.subnet_ids);
  field("routes", table.routes);
}

void snapshot_fields(RecordOf<InventoryEndpoint> auto& endpoint, auto&& field) {
  field("id", endpoint.id);
  field("type", endpoint.type);
  field("vpc_id", endpoint.vpc_id);
  field("service_name", endpoint.service_name);
  field("state", endpoint.state);
  field("private_dns", endpoint.private_dns);
  field("subnet_ids", endpoint.subnet_ids);
  field("security_group_ids", endpoint.security_group_ids);
  field("route_table_ids", endpoint.route_table_ids);
}

void snapshot_fields(RecordOf<InventoryEndpointService> auto& service, auto&& field) {
  field("name", service.name);
  field("type", service.type);
  field("availability_zones", service.availability_zones);
}

void snapshot_fields(RecordOf<InventoryInstance> auto& instance, auto&& field) {
  field("id", instance.id);
  field("state", instance.state);
  field("vpc_id", instance.vpc_id);
  field("subnet_id", instance.subnet_id);
  field("private_ip", instance.private_ip);
  field("public_ip", instance.public_ip);
  field("security_group_ids", instance.security_group_ids);
  field("instance_profile_arn", instance.instance_profile_arn);
  field("platform_details", instance.platform_details);
  field("http_tokens", instance.http_tokens);
}

void snapshot_fields(RecordOf<ManagedInstance> auto& managed, auto&& field) {
  field("instance_id", managed.instance_id);
  field("ping_status", managed.ping_status);
  field("agent_version", managed.agent_version);
  field("platform_type", managed.platform_type);
  field("platform_name", managed.platform_name);
  field("platform_version", managed.platform_version);
}

void snapshot_fields(RecordOf<SessionPreferences> auto& preferences, auto&& field) {
  field("kms_key_id", preferences.kms_key_id);
  field("cloudwatch_log_group", preferences.cloudwatch_log_group);
  field("s3_bucket", preferences.s3_bucket);
}

void snapshot_fields(RecordOf<Unreadable> auto& failure, auto&& field) {
  field("call", failure.call);
  field("error", failure.error);
}

void snapshot_fields(RecordOf<InventoryInstanceProfile> auto& profile, auto&& field) {
  field("arn", profile.arn);
  field("role_names", profile.role_names);
  field("error", profile.error);
}

void snapshot_fields(RecordOf<InlinePolicy> auto& policy, auto&& field) {
  field("name", policy.name);
  field("document", policy.document);
}

void snapshot_fields(RecordOf<InventoryRole> auto& role, auto&& field) {
  field("name", role.name);
  field("arn", role.arn);
  field("trust_policy", role.trust_policy);
  field("attached_policy_arns", role.attached_policy_arns);
  field("inline_policies", role.inline_policies);
  field("permissions_boundary_arn", role.permissions_boundary_arn);
  field("error", role.error);
}

void snapshot_fields(RecordOf<InventoryManagedPolicy> auto& policy, auto&& field) {
  field("arn", policy.arn);
  field("version_id", policy.version_id);
  field("document", policy.document);
  field("error", policy.error);
}

void snapshot_fields(RecordOf<CallerPermission> auto& permission, auto&& field) {
  field("action", permission.action);
  field("resource", permission.resource);
  field("decision", permission.decision);
  field("denying_policies", permission.denying_policies);
}

void snapshot_fields(RecordOf<CallerCheck> auto& caller, auto&& field) {
  field("principal_arn", caller.principal_arn);
  field("error", caller.error);
  field("permissions", caller.permissions);
}

// The keys version 2 added at the top level: a version 1 snapshot lacks them (IAM unread).
inline constexpr std::string_view kSnapshotV2Keys[] = {
    "iam_read", "instance_profiles", "roles", "managed_policies", "host_management_role", "caller"};

// The top level, after "format" and "version" (which the writer and the reader handle
// themselves: they say how to read the rest).
void snapshot_fields(RecordOf<SnapshotInfo> auto& info, RecordOf<Inventory> auto& inventory,
                     auto&& field) {
  field("ssmlink_version", info.ssmlink_version);
  field("taken_at", info.taken_at);
  field("target", info.target);
  field("region", inventory.region);
  field("vpcs", inventory.vpcs);
  field("subnets", inventory.subnets);
  field("security_groups", inventory.security_groups);
  field("network_acls", inventory.network_acls);
  field("route_tables", inventory.route_tables);
  field("endpoints", inventory.endpoints);
  field("endpoint_services", inventory.endpoint_services);
  field("instances", inventory.instances);
  field("managed_instances", inventory.managed_instances);
  field("session_preferences", inventory.session_preferences);
  field("unreadable", inventory.unreadable);
  field("iam_read", inventory.iam_read);
  field("instance_profiles", inventory.instance_profiles);
  field("roles", inventory.roles);
  field("managed_policies", inventory.managed_policies);
  field("host_management_role", inventory.host_management_role);
  field("caller", inventory.caller);
}

void snapshot_fields(RecordOf<Snapshot> auto& snapshot, auto&& field) {
  snapshot_fields(snapshot.info, snapshot.inventory, field);
}

}  // namespace ssmlink::domain
