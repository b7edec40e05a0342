// The network facts doctor reads: what EC2 and SSM said about a region (or the part of
// it around one instance), as plain values. Gathered live (workflows/inventory.cpp) or
// read from a snapshot file (domain/snapshot.hpp); the checks never know which.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ssmlink::domain {

struct InventoryVpc {
  std::string id;
  std::string cidr;
  std::optional<bool> dns_support;  // none: could not be read
  std::optional<bool> dns_hostnames;
};

struct InventorySubnet {
  std::string id;
  std::string vpc_id;
  std::string availability_zone;
  std::string cidr;
};

// One security-group permission, flattened to one peer: a CIDR (v4 or v6), a group or a
// prefix list. Protocol "-1" is all traffic; ports are absent for all ports.
struct PermissionRule {
  std::string protocol;  // "-1", "tcp", "udp", "icmp", "6", ...
  std::optional<int> from_port;
  std::optional<int> to_port;
  std::string cidr;            // IPv4 or IPv6, or
  std::string group_id;        // a security group, or
  std::string prefix_list_id;  // a prefix list
};

struct InventorySecurityGroup {
  std::string id;
  std::string vpc_id;
  std::string name;
  std::vector<PermissionRule> ingress;
  std::vector<PermissionRule> egress;
};

struct AclEntry {
  int rule_number = 0;
  std::string protocol;  // "-1" or an IANA number ("6" is TCP)
  bool egress = false;
  bool allow = false;
  std::string cidr;              // IPv4 or IPv6
  std::optional<int> from_port;  // none: all ports
  std::optional<int> to_port;
};

struct InventoryNetworkAcl {
  std::string id;
  std::string vpc_id;
  bool is_default = false;
  std::vector<std::string> subnet_ids;  // explicitly associated
  std::vector<AclEntry> entries;
};

struct InventoryRoute {
  std::string destination;  // a CIDR, or a prefix list ID (pl-...)
  std::string target;       // local, igw-..., nat-..., vpce-..., tgw-..., pcx-..., eni-..., i-...
  bool active = true;       // false: blackhole
};

struct InventoryRouteTable {
  std::string id;
  std::string vpc_id;
  bool main = false;
  std::vector<std::string> subnet_ids;  // explicitly associated
  std::vector<InventoryRoute> routes;
};

struct InventoryEndpoint {
  std::string id;
  std::string type;  // Interface, Gateway, ...
  std::string vpc_id;
  std::string service_name;
  std::string state;  // available, pending, ... (lower case)
  bool private_dns = false;
  std::vector<std::string> subnet_ids;
  std::vector<std::string> security_group_ids;
  std::vector<std::string> route_table_ids;
};

struct InventoryEndpointService {
  std::string name;
  std::string type;  // Interface or Gateway
  std::vector<std::string> availability_zones;
};

struct InventoryInstance {
  std::string id;
  std::string state;  // running, stopped, ...
  std::string vpc_id;
  std::string subnet_id;
  std::string private_ip;
  std::optional<std::string> public_ip;
  std::vector<std::string> security_group_ids;
  std::optional<std::string> instance_profile_arn;
  std::string platform_details;  // Linux/UNIX, Windows, Red Hat Enterprise Linux, ...
  std::string http_tokens;       // required (IMDSv2 only) or optional
};

// What SSM knows of an instance (DescribeInstanceInformation).
struct ManagedInstance {
  std::string instance_id;
  std::string ping_status;  // Online, ConnectionLost, Inactive
  std::string agent_version;
  std::string platform_type;  // Linux, Windows, MacOS
  std::string platform_name;
  std::string platform_version;
};

// SSM-SessionManagerRunShell: what a session needs besides ssm and ssmmessages.
struct SessionPreferences {
  std::string kms_key_id;
  std::string cloudwatch_log_group;
  std::string s3_bucket;
};

// IAM: what doctor reads of the roles that instance profiles (and Default Host Management)
// give the agents. Documents are JSON text as IAM returned them, decoded; the checks parse
// them (domain/iam_policy.hpp). `error` set: a call about the record failed (what AWS
// said), so its facts are partial and the checks say "cannot tell".
struct InventoryInstanceProfile {
  std::string arn;
  std::vector<std::string> role_names;
  std::optional<std::string> error;
};

struct InlinePolicy {
  std::string name;
  std::string document;
};

struct InventoryRole {
  std::string name;
  std::string arn;
  std::string trust_policy;
  std::vector<std::string> attached_policy_arns;
  std::vector<InlinePolicy> inline_policies;
  std::optional<std::string> permissions_boundary_arn;
  std::optional<std::string> error;
};

// A managed policy's default version.
struct InventoryManagedPolicy {
  std::string arn;
  std::string version_id;
  std::string document;
  std::optional<std::string> error;
};

// One action iam:SimulatePrincipalPolicy judged for the caller (doctor --check-caller).
struct CallerPermission {
  std::string action;
  std::string resource;
  std::string decision;  // allowed, explicitDeny or implicitDeny
  std::vector<std::string> denying_policies;
};

struct CallerCheck {
  std::string principal_arn;         // the user or role simulated
  std::optional<std::string> error;  // why the simulation could not be made
  std::vector<CallerPermission> permissions;
};

// A call that failed while gathering: the checks that need its data say so.
struct Unreadable {
  std::string call;   // e.g. ec2:DescribeNetworkAcls, ssm:GetDocument
  std::string error;  // what AWS (or the transport) said
};

struct Inventory {
  std::string region;
  std::vector<InventoryVpc> vpcs;
  std::vector<InventorySubnet> subnets;
  std::vector<InventorySecurityGroup> security_groups;
  std::vector<InventoryNetworkAcl> network_acls;
  std::vector<InventoryRouteTable> route_tables;
  std::vector<InventoryEndpoint> endpoints;
  std::vector<InventoryEndpointService> endpoint_services;
  std::vector<InventoryInstance> instances;
  std::vector<ManagedInstance> managed_instances;
  // none: the account never saved preferences (sessions use the defaults), or unreadable.
  std::optional<SessionPreferences> session_preferences;
  std::vector<Unreadable> unreadable;

  // IAM. false: not read (a snapshot of version 1): the role checks say so.
  bool iam_read = false;
  std::vector<InventoryInstanceProfile> instance_profiles;
  std::vector<InventoryRole> roles;
  std::vector<InventoryManagedPolicy> managed_policies;
  // Default Host Management Configuration's role (SSM service setting
  // /ssm/managed-instance/default-ec2-instance-management-role), as set: a name, maybe
  // with its path ("service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole").
  // None: off, or not read (no instance without a profile), or unreadable
  // (ssm:GetServiceSetting in `unreadable`).
  std::optional<std::string> host_management_role;
  std::optional<CallerCheck> caller;  // doctor --check-caller only

  // The failure for a call, if it failed: "ec2:DescribeNetworkAcls".
  const Unreadable* failed(const std::string& call) const;
};

}  // namespace ssmlink::domain
