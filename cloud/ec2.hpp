// EC2, typed: the network facts ssmlink reads (instances, VPCs, subnets, security groups,
// NACLs, route tables, VPC endpoints and their services, instance profiles). Names follow
// the EC2 API model (ec2/2016-11-15) in snake_case. Every Describe* returns all pages.
// Enumerations that AWS may extend stay strings, as AWS writes them.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.hpp"
#include "cloud/calls.hpp"
#include "cloud/tag.hpp"
#include "util/clock.hpp"

namespace ssmlink::cloud {

// A Describe* filter, e.g. {"vpc-id", {"vpc-0abc"}} or {"tag:Name", {"a", "b"}}.
struct Filter {
  std::string name;
  std::vector<std::string> values;
  bool operator==(const Filter&) const = default;
};

struct GroupIdentifier {
  std::string group_id;
  std::optional<std::string> group_name;
};

struct IamInstanceProfile {
  std::optional<std::string> arn;
  std::optional<std::string> id;
};

// --- DescribeInstances ---

struct DescribeInstancesRequest {
  std::vector<std::string> instance_ids;  // AWS refuses instance_ids with max_results
  std::vector<Filter> filters;
  std::optional<int> max_results;  // per page, 5-1000
};

struct Instance {
  std::string instance_id;
  std::string
      state;  // instanceState/name: pending|running|shutting-down|terminated|stopping|stopped
  std::optional<std::string> instance_type;
  std::optional<std::string> image_id;
  std::optional<std::string> vpc_id;
  std::optional<std::string> subnet_id;
  std::optional<std::string> private_ip_address;
  std::optional<std::string> public_ip_address;  // <ipAddress> on the wire
  std::vector<GroupIdentifier> security_groups;  // <groupSet>
  std::optional<IamInstanceProfile> iam_instance_profile;
  std::optional<std::string> platform;  // "windows" for Windows, else absent
  std::optional<std::string>
      platform_details;  // Linux/UNIX, Windows, Red Hat Enterprise Linux, ...
  std::optional<std::string> availability_zone;  // placement/availabilityZone
  std::optional<std::string> http_tokens;        // metadataOptions/httpTokens: optional|required
  std::optional<Clock::TimePoint> launch_time;
  std::vector<Tag> tags;
};

// --- DescribeVpcs ---

struct DescribeVpcsRequest {
  std::vector<Filter> filters;
  std::vector<std::string> vpc_ids;
  std::optional<int> max_results;  // 5-1000
};

struct Vpc {
  std::string vpc_id;
  std::optional<std::string> cidr_block;
  std::vector<std::string> cidr_blocks;       // every associated IPv4 block
  std::vector<std::string> ipv6_cidr_blocks;  // every associated IPv6 block
  std::optional<std::string> state;           // pending|available
  bool is_default = false;
  std::optional<std::string> owner_id;
  std::optional<std::string> dhcp_options_id;
  std::vector<Tag> tags;
};

// --- DescribeVpcAttribute (one attribute per call) ---

enum class VpcAttribute { EnableDnsSupport, EnableDnsHostnames, EnableNetworkAddressUsageMetrics };

// --- DescribeSubnets ---

struct DescribeSubnetsRequest {
  std::vector<Filter> filters;
  std::vector<std::string> subnet_ids;
  std::optional<int> max_results;  // 5-1000
};

struct Subnet {
  std::string subnet_id;
  std::optional<std::string> vpc_id;
  std::optional<std::string> availability_zone;
  std::optional<std::string> availability_zone_id;
  std::optional<std::string> cidr_block;
  std::optional<std::string> state;
  std::optional<int> available_ip_address_count;
  bool map_public_ip_on_launch = false;
  bool default_for_az = false;
  std::vector<Tag> tags;
};

// --- DescribeSecurityGroups ---

struct DescribeSecurityGroupsRequest {
  std::vector<std::string> group_ids;
  std::vector<std::string> group_names;  // default VPC only
  std::vector<Filter> filters;
  std::optional<int> max_results;  // 5-1000
};

struct IpRange {  // IPv4 or IPv6
  std::string cidr;
  std::optional<std::string> description;
};

struct UserIdGroupPair {  // a referenced security group
  std::optional<std::string> group_id;
  std::optional<std::string> group_name;
  std::optional<std::string> user_id;
  std::optional<std::string> vpc_id;
  std::optional<std::string> vpc_peering_connection_id;
  std::optional<std::string> description;
};

struct PrefixListId {
  std::string prefix_list_id;
  std::optional<std::string> description;
};

struct IpPermission {
  std::string ip_protocol;       // tcp, udp, icmp, icmpv6, a number, or -1 for all
  std::optional<int> from_port;  // absent for all protocols; -1 for all ICMP types
  std::optional<int> to_port;
  std::vector<IpRange> ipv4_ranges;                  // <ipRanges>, cidrIp
  std::vector<IpRange> ipv6_ranges;                  // <ipv6Ranges>, cidrIpv6
  std::vector<UserIdGroupPair> user_id_group_pairs;  // <groups>
  std::vector<PrefixListId> prefix_list_ids;
};

struct SecurityGroup {
  std::string group_id;
  std::optional<std::string> group_name;
  std::optional<std::string> description;  // <groupDescription>
  std::optional<std::string> vpc_id;
  std::optional<std::string> owner_id;
  std::vector<IpPermission> ip_permissions;  // ingress
  std::vector<IpPermission> ip_permissions_egress;
  std::vector<Tag> tags;
};

// --- DescribeSecurityGroupRules ---

struct DescribeSecurityGroupRulesRequest {
  std::vector<Filter> filters;  // e.g. group-id
  std::vector<std::string> security_group_rule_ids;
  std::optional<int> max_results;  // 5-1000
};

struct SecurityGroupRule {
  std::string security_group_rule_id;
  std::optional<std::string> group_id;
  bool is_egress = false;
  std::string ip_protocol;
  std::optional<int> from_port;
  std::optional<int> to_port;
  std::optional<std::string> cidr_ipv4;
  std::optional<std::string> cidr_ipv6;
  std::optional<std::string> prefix_list_id;
  std::optional<std::string> referenced_group_id;  // referencedGroupInfo/groupId
  std::optional<std::string> description;
  std::vector<Tag> tags;
};

// --- DescribeNetworkAcls ---

struct DescribeNetworkAclsRequest {
  std::vector<std::string> network_acl_ids;
  std::vector<Filter> filters;
  std::optional<int> max_results;  // 5-1000
};

enum class RuleAction { Allow, Deny };

struct PortRange {
  int from = 0;
  int to = 0;
};

struct NetworkAclEntry {
  int rule_number = 0;   // 32767 is the default deny-all rule
  std::string protocol;  // a protocol number ("6" is TCP) or -1 for all
  RuleAction rule_action = RuleAction::Deny;
  bool egress = false;
  std::optional<std::string> cidr_block;
  std::optional<std::string> ipv6_cidr_block;
  std::optional<PortRange> port_range;  // TCP and UDP only
};

struct NetworkAclAssociation {
  std::optional<std::string> network_acl_association_id;
  std::optional<std::string> subnet_id;
};

struct NetworkAcl {
  std::string network_acl_id;
  std::optional<std::string> vpc_id;
  bool is_default = false;  // <default>
  std::vector<NetworkAclAssociation> associations;
  std::vector<NetworkAclEntry> entries;
  std::vector<Tag> tags;
};

// --- DescribeRouteTables ---

struct DescribeRouteTablesRequest {
  std::vector<std::string> route_table_ids;
  std::vector<Filter> filters;
  std::optional<int> max_results;  // 5-100
};

struct RouteTableAssociation {
  std::optional<std::string> route_table_association_id;
  bool main = false;  // the VPC's main table, for subnets without an explicit one
  std::optional<std::string> subnet_id;
  std::optional<std::string> gateway_id;  // edge association
};

struct Route {
  std::optional<std::string> destination_cidr_block;
  std::optional<std::string> destination_ipv6_cidr_block;
  std::optional<std::string> destination_prefix_list_id;
  std::optional<std::string> gateway_id;  // igw-, vgw-, vpce- (gateway endpoint) or local
  std::optional<std::string> nat_gateway_id;
  std::optional<std::string> transit_gateway_id;
  std::optional<std::string> vpc_peering_connection_id;
  std::optional<std::string> network_interface_id;
  std::optional<std::string> instance_id;
  std::optional<std::string> egress_only_internet_gateway_id;
  std::optional<std::string> state;   // active|blackhole|filtered
  std::optional<std::string> origin;  // CreateRouteTable|CreateRoute|EnableVgwRoutePropagation|...
};

struct RouteTable {
  std::string route_table_id;
  std::optional<std::string> vpc_id;
  std::vector<RouteTableAssociation> associations;
  std::vector<Route> routes;
  std::vector<Tag> tags;
};

// --- DescribeVpcEndpoints ---

struct DescribeVpcEndpointsRequest {
  std::vector<std::string> vpc_endpoint_ids;
  std::vector<Filter> filters;     // vpc-id, service-name, vpc-endpoint-state, tag:<key>, ...
  std::optional<int> max_results;  // up to 1000
};

// The model spells the states PendingAcceptance, Available, ...; the wire and the filters
// use pendingAcceptance, available, ...: they are read case-insensitively.
enum class VpcEndpointState {
  PendingAcceptance,
  Pending,
  Available,
  Deleting,
  Deleted,
  Rejected,
  Failed,
  Expired,
  Partial,
  Unknown,  // a state this version does not know; see state_text
};
VpcEndpointState parse_vpc_endpoint_state(std::string_view text);

struct DnsEntry {
  std::optional<std::string> dns_name;
  std::optional<std::string> hosted_zone_id;
};

struct LastError {
  std::optional<std::string> code;
  std::optional<std::string> message;
};

struct VpcEndpoint {
  std::string vpc_endpoint_id;
  std::optional<std::string> vpc_endpoint_type;  // Interface|Gateway|GatewayLoadBalancer|...
  std::optional<std::string> vpc_id;
  std::optional<std::string> service_name;
  VpcEndpointState state = VpcEndpointState::Unknown;
  std::string state_text;  // as AWS wrote it; empty when absent
  std::vector<std::string> subnet_ids;
  std::vector<std::string> route_table_ids;
  std::vector<GroupIdentifier> groups;
  std::vector<std::string> network_interface_ids;
  bool private_dns_enabled = false;
  bool requester_managed = false;
  std::vector<DnsEntry> dns_entries;
  std::optional<std::string> policy_document;
  std::optional<std::string> owner_id;
  std::optional<Clock::TimePoint> creation_timestamp;
  std::optional<LastError> last_error;
  std::optional<std::string> failure_reason;
  std::vector<Tag> tags;
};

// --- DescribeVpcEndpointServices ---

struct DescribeVpcEndpointServicesRequest {
  std::vector<std::string> service_names;
  std::vector<Filter> filters;     // service-name, service-type, tag:<key>, ...
  std::optional<int> max_results;  // up to 1000
};

struct ServiceDetail {
  std::string service_name;
  std::optional<std::string> service_id;
  std::vector<std::string> service_types;  // Interface|Gateway|GatewayLoadBalancer
  std::vector<std::string> availability_zones;
  std::vector<std::string> availability_zone_ids;
  std::optional<std::string> owner;  // "amazon" for AWS services
  std::vector<std::string> base_endpoint_dns_names;
  std::optional<std::string> private_dns_name;
  std::vector<std::string> private_dns_names;
  bool vpc_endpoint_policy_supported = false;
  bool acceptance_required = false;
  bool manages_vpc_endpoints = false;
};

struct VpcEndpointServices {
  std::vector<std::string> service_names;
  std::vector<ServiceDetail> service_details;
};

// --- DescribeIamInstanceProfileAssociations ---

struct DescribeIamInstanceProfileAssociationsRequest {
  std::vector<std::string> association_ids;
  std::vector<Filter> filters;     // instance-id, state
  std::optional<int> max_results;  // 5-1000
};

struct IamInstanceProfileAssociation {
  std::string association_id;
  std::optional<std::string> instance_id;
  std::optional<IamInstanceProfile> iam_instance_profile;
  std::optional<std::string> state;  // associating|associated|disassociating|disassociated
  std::optional<Clock::TimePoint> timestamp;
};

// --- the service ---

class Ec2 {
 public:
  explicit Ec2(aws::AwsClient& client) : Ec2(query_call(client)) {}
  explicit Ec2(QueryCall call);

  std::vector<Instance> describe_instances(const DescribeInstancesRequest& request);
  std::vector<Vpc> describe_vpcs(const DescribeVpcsRequest& request);
  bool describe_vpc_attribute(const std::string& vpc_id, VpcAttribute attribute);
  std::vector<Subnet> describe_subnets(const DescribeSubnetsRequest& request);
  std::vector<SecurityGroup> describe_security_groups(const DescribeSecurityGroupsRequest& request);
  std::vector<SecurityGroupRule> describe_security_group_rules(
      const DescribeSecurityGroupRulesRequest& request);
  std::vector<NetworkAcl> describe_network_acls(const DescribeNetworkAclsRequest& request);
  std::vector<RouteTable> describe_route_tables(const DescribeRouteTablesRequest& request);
  std::vector<VpcEndpoint> describe_vpc_endpoints(const DescribeVpcEndpointsRequest& request);
  VpcEndpointServices describe_vpc_endpoint_services(
      const DescribeVpcEndpointServicesRequest& request);
  std::vector<IamInstanceProfileAssociation> describe_iam_instance_profile_associations(
      const DescribeIamInstanceProfileAssociationsRequest& request);
  // The regions the account may use (enabled opt-in ones included), by name.
  std::vector<std::string> describe_enabled_regions();

 private:
  QueryCall call_;
};

}  // namespace ssmlink::cloud
