// The EC2 changes CloudFormation makes: every validation with EC2's code and message.
#include "emulator/ec2/ec2_resources.hpp"

#include <gtest/gtest.h>

#include "world_fixture.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;
using nlohmann::json;

RegionState& east(World& world) {
  return world.region("us-east-1");
}

template <typename T>
std::string failure(const Ec2Result<T>& result) {
  if (result) return "(succeeded)";
  return result.error().code + ": " + result.error().message;
}

// The seed plus a second VPC with its own subnet and group.
std::unique_ptr<World> two_vpcs() {
  json scenario = builtin_scenario("seed");
  auto& region = scenario["regions"]["us-east-1"];
  region["vpcs"].push_back({{"id", "vpc-0bbbbbbbbbbbbbbb1"}, {"cidr", "10.1.0.0/16"}});
  region["subnets"].push_back({{"id", "subnet-0bbbbbbbbbbbbbbb1"},
                               {"vpc", "vpc-0bbbbbbbbbbbbbbb1"},
                               {"availabilityZone", "us-east-1a"},
                               {"cidr", "10.1.1.0/24"}});
  region["securityGroups"].push_back({{"id", "sg-0bbbbbbbbbbbbbbb1"},
                                      {"vpc", "vpc-0bbbbbbbbbbbbbbb1"},
                                      {"name", "other"},
                                      {"description", "other VPC"}});
  region["routeTables"].push_back(
      {{"id", "rtb-0bbbbbbbbbbbbbbb1"}, {"vpc", "vpc-0bbbbbbbbbbbbbbb1"}, {"main", true}});
  auto world = std::make_unique<World>();
  load_scenario(*world, scenario, kT0);
  return world;
}

SecurityGroupRule tcp443(const std::string& cidr = "0.0.0.0/0") {
  SecurityGroupRule rule;
  rule.protocol = "tcp";
  rule.from_port = rule.to_port = 443;
  rule.cidr_ipv4 = cidr;
  return rule;
}

SecurityGroupSpec group_spec(const std::string& name = "endpoints") {
  SecurityGroupSpec spec;
  spec.vpc_id = kVpc;
  spec.name = name;
  spec.description = "test group";
  return spec;
}

VpcEndpointSpec interface_spec(const std::string& service = "ssm") {
  VpcEndpointSpec spec;
  spec.vpc_id = kVpc;
  spec.type = "Interface";
  spec.service_name = "com.amazonaws.us-east-1." + service;
  spec.subnet_ids = {kSubnetA, kSubnetB};
  spec.security_group_ids = {kInstanceGroup};
  spec.private_dns_enabled = true;
  return spec;
}

TEST(SecurityGroups, CreateWithEc2sDefaultEgress) {
  auto world = scenario_world("seed");
  auto spec = group_spec();
  spec.ingress.push_back(tcp443("10.0.0.0/16"));
  auto id = create_security_group(*world, east(*world), spec);
  ASSERT_TRUE(id) << failure(id);
  const auto& group = east(*world).security_groups.at(*id);
  EXPECT_EQ(group.name, "endpoints");
  ASSERT_EQ(group.ingress.size(), 1u);
  EXPECT_TRUE(group.ingress[0].rule_id.starts_with("sgr-"));
  ASSERT_EQ(group.egress.size(), 1u);  // no egress given: allow all out
  EXPECT_EQ(group.egress[0].protocol, "-1");
  EXPECT_EQ(group.egress[0].cidr_ipv4, "0.0.0.0/0");
  spec.name = "no-egress";
  spec.egress = std::vector<SecurityGroupRule>{};
  auto closed = create_security_group(*world, east(*world), spec);
  ASSERT_TRUE(closed);
  EXPECT_TRUE(east(*world).security_groups.at(*closed).egress.empty());
}

TEST(SecurityGroups, CreateValidation) {
  auto world = scenario_world("seed");
  auto spec = group_spec();
  spec.vpc_id = "vpc-0123456789abcdef9";
  EXPECT_EQ(failure(create_security_group(*world, east(*world), spec)),
            "InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef9' does not exist");
  spec = group_spec("sg-017c251");
  EXPECT_EQ(failure(create_security_group(*world, east(*world), spec)),
            "InvalidParameterValue: Value (sg-017c251) for parameter GroupName is invalid. Group "
            "names may not be in the format sg-*.");
  spec = group_spec("seed-instance");
  EXPECT_EQ(failure(create_security_group(*world, east(*world), spec)),
            "InvalidGroup.Duplicate: The security group 'seed-instance' already exists for VPC "
            "'vpc-0f00d1e2c3b4a5968'");
  spec = group_spec();
  spec.description.clear();
  EXPECT_EQ(failure(create_security_group(*world, east(*world), spec)),
            "MissingParameter: The request must contain the parameter GroupDescription");
}

TEST(SecurityGroups, CloudFormationStyleGeneratedName) {
  auto world = scenario_world("seed");
  auto spec = group_spec("");
  spec.tags = {{"aws:cloudformation:stack-name", "ssmlink"},
               {"aws:cloudformation:logical-id", "EndpointSecurityGroup"}};
  auto id = create_security_group(*world, east(*world), spec);
  ASSERT_TRUE(id);
  const auto& name = east(*world).security_groups.at(*id).name;
  EXPECT_TRUE(name.starts_with("ssmlink-EndpointSecurityGroup-")) << name;
  EXPECT_EQ(name.size(), std::string("ssmlink-EndpointSecurityGroup-").size() + 13);
}

TEST(SecurityGroups, RuleValidationAsEc2) {
  auto world = scenario_world("seed");
  auto& region = east(*world);
  auto add = [&](SecurityGroupRule rule, bool egress = false) {
    return failure(add_security_group_rule(*world, region, kInstanceGroup, egress, rule));
  };
  auto rule = tcp443();
  rule.protocol = "all";
  EXPECT_EQ(add(rule),
            "InvalidParameterValue: Invalid value 'all' for IP protocol. Unknown protocol.");
  rule.protocol = "";
  EXPECT_EQ(add(rule),
            "InvalidParameterValue: Invalid value 'null' for protocol. VPC security "
            "group rules must specify protocols explicitly.");
  rule = tcp443();
  rule.from_port = rule.to_port = -1;
  EXPECT_EQ(add(rule),
            "InvalidParameterValue: Invalid value 'Must specify both from and to ports "
            "with TCP/UDP.' for portRange");
  rule = tcp443("10.0.0.0/33");
  EXPECT_EQ(add(rule), "InvalidParameterValue: CIDR block 10.0.0.0/33 is malformed");
  rule = tcp443("");
  EXPECT_EQ(add(rule),
            "MissingParameter: Missing source specification: include source security "
            "group or CIDR information");
  rule = tcp443("");
  rule.group_id = "sg-0123456789abcdef9";
  EXPECT_EQ(add(rule),
            "InvalidGroup.NotFound: The security group 'sg-0123456789abcdef9' does not exist");
  rule.group_id = "default";
  EXPECT_EQ(add(rule), "InvalidGroupId.Malformed: Invalid id: \"default\" (expecting \"sg-...\")");
  // Already there (the scenario's own rule): EC2's duplicate wording.
  EXPECT_EQ(add(tcp443(), true),
            "InvalidPermission.Duplicate: the specified rule \"peer: 0.0.0.0/0, TCP, from port: "
            "443, to port: 443, ALLOW\" already exists");
  EXPECT_EQ(
      failure(add_security_group_rule(*world, region, "sg-0123456789abcdef9", false, tcp443())),
      "InvalidGroup.NotFound: The security group 'sg-0123456789abcdef9' does not exist");
}

TEST(SecurityGroups, ProtocolsAreNormalisedAndCdksNoTrafficRuleIsAccepted) {
  auto world = scenario_world("seed");
  auto& region = east(*world);
  auto& group = region.security_groups.at(kInstanceGroup);
  SecurityGroupRule rule = tcp443("10.0.0.0/16");
  rule.protocol = "6";
  ASSERT_TRUE(add_security_group_rule(*world, region, kInstanceGroup, false, rule));
  EXPECT_EQ(group.ingress.back().protocol, "tcp");
  // aws-cdk's "Disallow all traffic": ICMP type 252, code 86, to 255.255.255.255/32.
  SecurityGroupRule none;
  none.protocol = "icmp";
  none.from_port = 252;
  none.to_port = 86;
  none.cidr_ipv4 = "255.255.255.255/32";
  none.description = "Disallow all traffic";
  ASSERT_TRUE(add_security_group_rule(*world, region, kInstanceGroup, true, none));
  EXPECT_EQ(group.egress.back().from_port, 252);
  SecurityGroupRule esp;  // protocol 50 has no ports: EC2 drops them
  esp.protocol = "50";
  esp.from_port = 10;
  esp.to_port = 20;
  esp.cidr_ipv4 = "10.0.0.0/8";
  ASSERT_TRUE(add_security_group_rule(*world, region, kInstanceGroup, false, esp));
  EXPECT_EQ(group.ingress.back().from_port, -1);
  EXPECT_EQ(failure(add_security_group_rule(*world, region, kInstanceGroup, false, esp)),
            "InvalidPermission.Duplicate: the specified rule \"peer: 10.0.0.0/8, protocol: 50, "
            "ALLOW\" already exists");
  SecurityGroupRule all;
  all.protocol = "-1";
  all.cidr_ipv4 = "0.0.0.0/0";
  ASSERT_TRUE(add_security_group_rule(*world, region, kInstanceGroup, false, all));
  EXPECT_EQ(failure(add_security_group_rule(*world, region, kInstanceGroup, false, all)),
            "InvalidPermission.Duplicate: the specified rule \"peer: 0.0.0.0/0, ALL, ALLOW\" "
            "already exists");
}

TEST(SecurityGroups, FailedCreateLeavesNothingBehind) {
  auto world = scenario_world("seed");
  size_t before = east(*world).security_groups.size();
  auto spec = group_spec();
  auto bad = tcp443();
  bad.protocol = "all";
  spec.ingress.push_back(bad);
  EXPECT_FALSE(create_security_group(*world, east(*world), spec));
  EXPECT_EQ(east(*world).security_groups.size(), before);
}

TEST(SecurityGroups, RemoveRule) {
  auto world = scenario_world("seed");
  auto& region = east(*world);
  auto rule = add_security_group_rule(*world, region, kInstanceGroup, false, tcp443());
  ASSERT_TRUE(rule);
  EXPECT_TRUE(remove_security_group_rule(region, kInstanceGroup, *rule));
  EXPECT_EQ(failure(remove_security_group_rule(region, kInstanceGroup, *rule)),
            "InvalidSecurityGroupRuleId.NotFound: The security group rule ID '" + *rule +
                "' does not exist");
}

TEST(SecurityGroups, DeleteRefusesGroupsInUse) {
  auto world = scenario_world("endpoints-present");
  auto& region = east(*world);
  EXPECT_EQ(failure(delete_security_group(region, kInstanceGroup)),
            "DependencyViolation: resource sg-0aa11bb22cc33dd44 has a dependent object");
  EXPECT_EQ(failure(delete_security_group(region, kEndpointGroup)),
            "DependencyViolation: resource sg-0e1d2c3b4a5968701 has a dependent object");
  EXPECT_EQ(failure(delete_security_group(region, kDefaultGroup)),
            "CannotDelete: the specified group: \"sg-0d0e0f1a2b3c4d5e6\" name: \"default\" cannot "
            "be deleted by a user");
  auto referenced = create_security_group(*world, region, group_spec("referenced"));
  ASSERT_TRUE(referenced);
  auto referrer = group_spec("referrer");
  SecurityGroupRule from_referenced;
  from_referenced.protocol = "-1";
  from_referenced.group_id = *referenced;
  referrer.ingress.push_back(from_referenced);
  auto referrer_id = create_security_group(*world, region, referrer);
  ASSERT_TRUE(referrer_id) << failure(referrer_id);
  EXPECT_EQ(failure(delete_security_group(region, *referenced)),
            "DependencyViolation: resource " + *referenced + " has a dependent object");
  EXPECT_TRUE(delete_security_group(region, *referrer_id));
  EXPECT_TRUE(delete_security_group(region, *referenced));
  EXPECT_EQ(failure(delete_security_group(region, *referenced)),
            "InvalidGroup.NotFound: The security group '" + *referenced + "' does not exist");
}

TEST(VpcEndpoints, CreateInterfaceEndpoint) {
  auto world = scenario_world("seed");
  auto id = create_vpc_endpoint(*world, east(*world), interface_spec(), kT0);
  ASSERT_TRUE(id) << failure(id);
  const auto& endpoint = east(*world).vpc_endpoints.at(*id);
  EXPECT_TRUE(id->starts_with("vpce-"));
  EXPECT_EQ(endpoint.state, "pending");
  EXPECT_EQ(endpoint.created, kT0);
  EXPECT_TRUE(endpoint.private_dns_enabled);
  EXPECT_NE(endpoint.policy_document.find("\"Principal\":\"*\""), std::string::npos);
  set_vpc_endpoint_state(east(*world), *id, "available");
  EXPECT_EQ(east(*world).vpc_endpoints.at(*id).state, "available");
}

TEST(VpcEndpoints, ApiDefaultsPrivateDnsOnAndTheDefaultGroup) {
  auto world = scenario_world("seed");
  auto spec = interface_spec();
  spec.private_dns_enabled.reset();
  spec.security_group_ids.clear();
  auto id = create_vpc_endpoint(*world, east(*world), spec, kT0);
  ASSERT_TRUE(id) << failure(id);
  const auto& endpoint = east(*world).vpc_endpoints.at(*id);
  EXPECT_TRUE(endpoint.private_dns_enabled);
  EXPECT_EQ(endpoint.security_group_ids, std::vector<std::string>{kDefaultGroup});
  spec = interface_spec("ssmmessages");
  spec.subnet_ids.clear();  // accepted: an endpoint without network interfaces
  EXPECT_TRUE(create_vpc_endpoint(*world, east(*world), spec, kT0));
}

TEST(VpcEndpoints, ServiceAndTypeChecks) {
  auto world = scenario_world("seed");
  auto spec = interface_spec();
  spec.vpc_id = "vpc-0123456789abcdef9";
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef9' does not exist");
  spec = interface_spec("nosuchservice");
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.us-east-1.nosuchservice' "
            "does not exist");
  spec = interface_spec();
  spec.service_name = "com.amazonaws.eu-west-1.ssm";  // another region's service
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.eu-west-1.ssm' does not "
            "exist");
  spec = interface_spec();
  spec.type = "Gateway";
  spec.subnet_ids.clear();
  spec.security_group_ids.clear();
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidParameter: Endpoint type (Gateway) does not match available service types "
            "([Interface]).");
}

TEST(VpcEndpoints, SubnetChecks) {
  auto world = two_vpcs();
  auto& region = east(*world);
  auto spec = interface_spec();
  spec.subnet_ids = {"subnet-1"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidSubnetId.Malformed: Invalid Subnet Id: 'subnet-1' (expecting 'subnet-...; the "
            "Id may only contain lowercase alphanumeric characters and a single dash')");
  spec.subnet_ids = {"subnet-0123456789abcdef9"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidSubnetID.NotFound: The subnet ID 'subnet-0123456789abcdef9' does not exist");
  spec.subnet_ids = {"subnet-0bbbbbbbbbbbbbbb1"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidParameter: The subnet ID 'subnet-0bbbbbbbbbbbbbbb1' does not belong to the "
            "VPC vpc-0f00d1e2c3b4a5968.");
  // Two subnets in one zone.
  region.subnets["subnet-0ccccccccccccccc1"] = region.subnets.at(kSubnetA);
  region.subnets["subnet-0ccccccccccccccc1"].id = "subnet-0ccccccccccccccc1";
  region.subnets["subnet-0ccccccccccccccc1"].cidr = "10.0.3.0/24";
  spec.subnet_ids = {kSubnetA, "subnet-0ccccccccccccccc1"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "DuplicateSubnetsInSameZone: Found another VPC endpoint subnet in the availability "
            "zone of subnet-0ccccccccccccccc1. VPC endpoint subnets should be in different "
            "availability zones supported by the VPC endpoint service.");
  // A zone the service is not offered in.
  for (auto& service : region.endpoint_services) {
    if (service.name == "com.amazonaws.us-east-1.ssm") service.availability_zones = {"us-east-1a"};
  }
  spec.subnet_ids = {kSubnetB};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidParameter: The VPC endpoint service com.amazonaws.us-east-1.ssm does not "
            "support the availability zone of the subnet: subnet-0fedcba9876543210.");
}

TEST(VpcEndpoints, SecurityGroupChecks) {
  auto world = two_vpcs();
  auto spec = interface_spec();
  spec.security_group_ids = {"sg-0123456789abcdef9"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidGroup.NotFound: The security group 'sg-0123456789abcdef9' does not exist");
  spec.security_group_ids = {"sg-0bbbbbbbbbbbbbbb1"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidParameter: The security group 'sg-0bbbbbbbbbbbbbbb1' does not belong to the "
            "VPC vpc-0f00d1e2c3b4a5968.");
  spec = interface_spec();
  spec.route_table_ids = {kMainTable};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidParameter: Route table IDs are only supported for Gateway type VPC Endpoint.");
}

TEST(VpcEndpoints, PrivateDnsNeedsBothDnsAttributes) {
  auto world = scenario_world("dns-hostnames-off");
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), interface_spec(), kT0)),
            "InvalidParameter: Enabling private DNS requires both enableDnsSupport and "
            "enableDnsHostnames VPC attributes set to true for vpc-0f00d1e2c3b4a5968");
  auto spec = interface_spec();
  spec.private_dns_enabled = false;
  EXPECT_TRUE(create_vpc_endpoint(*world, east(*world), spec, kT0));
  auto support_off = scenario_world("seed");
  east(*support_off).vpcs.at(kVpc).enable_dns_support = false;
  EXPECT_EQ(failure(create_vpc_endpoint(*support_off, east(*support_off), interface_spec(), kT0)),
            "InvalidParameter: Enabling private DNS requires both enableDnsSupport and "
            "enableDnsHostnames VPC attributes set to true for vpc-0f00d1e2c3b4a5968");
}

TEST(VpcEndpoints, OnePrivateDnsEndpointPerServiceAndVpc) {
  auto world = scenario_world("endpoints-present");
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), interface_spec(), kT0)),
            "InvalidParameter: private-dns-enabled cannot be set because there is already a "
            "conflicting DNS domain for ssm.us-east-1.amazonaws.com in the VPC "
            "vpc-0f00d1e2c3b4a5968");
  auto spec = interface_spec("ssmmessages");
  EXPECT_EQ(failure(create_vpc_endpoint(*world, east(*world), spec, kT0)),
            "InvalidParameter: private-dns-enabled cannot be set because there is already a "
            "conflicting DNS domain for ssmmessages.us-east-1.amazonaws.com in the VPC "
            "vpc-0f00d1e2c3b4a5968");
  spec.private_dns_enabled = false;  // without private DNS there is no conflict
  EXPECT_TRUE(create_vpc_endpoint(*world, east(*world), spec, kT0));
  // Once the existing endpoint is gone, the domain is free.
  ASSERT_TRUE(delete_vpc_endpoint(east(*world), "vpce-0aaaaaaaaaaaaaaa1"));
  EXPECT_TRUE(create_vpc_endpoint(*world, east(*world), interface_spec(), kT0));
}

TEST(VpcEndpoints, GatewayEndpointsRouteThePrefixList) {
  auto world = two_vpcs();
  auto& region = east(*world);
  VpcEndpointSpec spec;
  spec.vpc_id = kVpc;
  spec.service_name = "com.amazonaws.us-east-1.s3";  // type defaults to Gateway
  spec.route_table_ids = {kMainTable};
  auto id = create_vpc_endpoint(*world, region, spec, kT0);
  ASSERT_TRUE(id) << failure(id);
  const auto& routes = region.route_tables.at(kMainTable).routes;
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[1].destination_prefix_list, "pl-63a5400a");
  EXPECT_EQ(routes[1].target, *id);
  EXPECT_FALSE(region.vpc_endpoints.at(*id).private_dns_enabled);
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "RouteAlreadyExists: route table rtb-0a1b2c3d4e5f6a7b8 already has a route with "
            "destination-prefix-list-id pl-63a5400a");
  ASSERT_TRUE(delete_vpc_endpoint(region, *id));
  EXPECT_EQ(region.route_tables.at(kMainTable).routes.size(), 1u);

  spec.route_table_ids = {};  // accepted: nothing routed
  EXPECT_TRUE(create_vpc_endpoint(*world, region, spec, kT0));
  spec.route_table_ids = {"rtb-0123456789abcdef9"};
  EXPECT_EQ(
      failure(create_vpc_endpoint(*world, region, spec, kT0)),
      "InvalidRouteTableID.NotFound: The routeTable ID 'rtb-0123456789abcdef9' does not exist");
  spec.route_table_ids = {"rtb-nat-gw-a"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidRouteTableId.Malformed: Invalid id: \"rtb-nat-gw-a\"");
  spec.route_table_ids = {"rtb-0bbbbbbbbbbbbbbb1"};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidParameter: The route table rtb-0bbbbbbbbbbbbbbb1 does not belong to the VPC "
            "vpc-0f00d1e2c3b4a5968.");
  spec.route_table_ids = {kMainTable};
  spec.subnet_ids = {kSubnetA};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidParameter: Subnet IDs are only supported for Interface and "
            "GatewayLoadBalancer type VPC Endpoints.");
  spec.subnet_ids.clear();
  spec.security_group_ids = {kInstanceGroup};
  EXPECT_EQ(failure(create_vpc_endpoint(*world, region, spec, kT0)),
            "InvalidParameter: Security group IDs are only supported for Interface and "
            "GatewayLoadBalancer type VPC Endpoints.");
}

TEST(VpcEndpoints, DeleteChecksTheId) {
  auto world = scenario_world("endpoints-present");
  auto& region = east(*world);
  EXPECT_EQ(failure(delete_vpc_endpoint(region, "vpce-1")),
            "InvalidVpcEndpointId.Malformed: Invalid Id: 'vpce-1' (expecting 'vpce-...; the Id may "
            "only contain lowercase alphanumeric characters and a single dash')");
  EXPECT_EQ(failure(delete_vpc_endpoint(region, "vpce-0123456789abcdef9")),
            "InvalidVpcEndpointId.NotFound: The Vpc Endpoint Id 'vpce-0123456789abcdef9' does not "
            "exist");
  EXPECT_TRUE(delete_vpc_endpoint(region, "vpce-0aaaaaaaaaaaaaaa2"));
  EXPECT_FALSE(region.vpc_endpoints.contains("vpce-0aaaaaaaaaaaaaaa2"));
  set_vpc_endpoint_state(region, "vpce-0123456789abcdef9", "available");  // unknown: ignored
}

}  // namespace
}  // namespace ssmlink::emulator
