// The EC2 query API against the shipped scenarios: XML names, values, namespace and
// requestId as the model defines them; IDs, filters and pagination; EC2's errors.
#include "emulator/ec2/ec2_api.hpp"

#include <gtest/gtest.h>

#include <set>

#include "emulator/ssm/reachability.hpp"
#include "world_fixture.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;
using nlohmann::json;
using Params = std::map<std::string, std::string>;

struct Ec2Answer {
  std::unique_ptr<Xml> xml;
  pugi::xml_node root;
};

Ec2Answer ask(World& world, const std::string& action, Params params = {}, TimePoint now = kT0) {
  ApiResponse response = call(world, ec2_request(action, std::move(params), now));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/xml;charset=UTF-8");
  Ec2Answer answer{parse_xml(response.body), {}};
  answer.root = answer.xml->root();
  EXPECT_EQ(std::string(answer.root.name()), action + "Response");
  EXPECT_EQ(std::string(answer.root.attribute("xmlns").value()),
            "http://ec2.amazonaws.com/doc/2016-11-15/");
  EXPECT_EQ(text_at(answer.root, "requestId"), "11111111-2222-4333-8444-555555555555");
  return answer;
}

std::string error(World& world, const std::string& action, Params params = {}) {
  return call_error(world, ec2_request(action, std::move(params)));
}

std::vector<std::string> texts(pugi::xml_node set, const char* field) {
  std::vector<std::string> out;
  for (auto item : set.children("item"))
    out.push_back(item.child(field).text().as_string());
  return out;
}

TEST(Ec2DescribeVpcs, SeedVpc) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeVpcs");
  auto set = answer.root.child("vpcSet");
  ASSERT_EQ(count_children(set), 1u);
  auto vpc = set.child("item");
  EXPECT_EQ(text_at(vpc, "vpcId"), kVpc);
  EXPECT_EQ(text_at(vpc, "ownerId"), "123456789012");
  EXPECT_EQ(text_at(vpc, "state"), "available");
  EXPECT_EQ(text_at(vpc, "cidrBlock"), "10.0.0.0/16");
  EXPECT_EQ(text_at(vpc, "isDefault"), "false");
  EXPECT_EQ(text_at(vpc, "instanceTenancy"), "default");
  EXPECT_EQ(text_at(vpc, "cidrBlockAssociationSet/item/cidrBlock"), "10.0.0.0/16");
  EXPECT_EQ(text_at(vpc, "cidrBlockAssociationSet/item/cidrBlockState/state"), "associated");
  EXPECT_TRUE(
      text_at(vpc, "cidrBlockAssociationSet/item/associationId").starts_with("vpc-cidr-assoc-"));
  EXPECT_TRUE(text_at(vpc, "dhcpOptionsId").starts_with("dopt-"));
  EXPECT_EQ(text_at(vpc, "tagSet/item/key"), "Name");
  EXPECT_EQ(text_at(vpc, "tagSet/item/value"), "seed-vpc");
  EXPECT_FALSE(answer.root.child("nextToken"));
}

TEST(Ec2DescribeVpcs, IdsAndFilters) {
  auto world = scenario_world("seed");
  EXPECT_EQ(count_children(ask(*world, "DescribeVpcs", {{"VpcId.1", kVpc}}).root.child("vpcSet")),
            1u);
  EXPECT_EQ(
      error(*world, "DescribeVpcs", {{"VpcId.1", kVpc}, {"VpcId.2", "vpc-0123456789abcdef9"}}),
      "InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef9' does not exist");
  EXPECT_EQ(error(*world, "DescribeVpcs", {{"VpcId.1", "nonsense"}}),
            "InvalidVpcID.NotFound: The vpc ID 'nonsense' does not exist");
  auto filtered = [&](const std::string& name, const std::string& value) {
    return count_children(
        ask(*world, "DescribeVpcs", {{"Filter.1.Name", name}, {"Filter.1.Value.1", value}})
            .root.child("vpcSet"));
  };
  EXPECT_EQ(filtered("vpc-id", kVpc), 1u);
  EXPECT_EQ(filtered("vpc-id", "vpc-0123456789abcdef9"), 0u);
  EXPECT_EQ(filtered("tag:Name", "seed-*"), 1u);
  EXPECT_EQ(filtered("tag:Name", "prod-*"), 0u);
  EXPECT_EQ(filtered("tag-key", "Name"), 1u);
  EXPECT_EQ(filtered("is-default", "false"), 1u);
  EXPECT_EQ(filtered("cidr", "10.0.0.0/16"), 1u);
  EXPECT_EQ(filtered("state", "available"), 1u);
  EXPECT_EQ(filtered("ipv6-cidr-block-association.state", "associated"), 0u);
  // Values OR, filters AND.
  EXPECT_EQ(count_children(ask(*world, "DescribeVpcs",
                               {{"Filter.1.Name", "vpc-id"},
                                {"Filter.1.Value.1", "vpc-0123456789abcdef9"},
                                {"Filter.1.Value.2", kVpc},
                                {"Filter.2.Name", "owner-id"},
                                {"Filter.2.Value.1", "123456789012"}})
                               .root.child("vpcSet")),
            1u);
  EXPECT_EQ(
      error(*world, "DescribeVpcs", {{"Filter.1.Name", "vpc-name"}, {"Filter.1.Value.1", "x"}}),
      "InvalidParameterValue: The filter 'vpc-name' is invalid");
}

TEST(Ec2DescribeVpcAttribute, DnsAttributes) {
  auto world = scenario_world("dns-hostnames-off");
  auto support =
      ask(*world, "DescribeVpcAttribute", {{"VpcId", kVpc}, {"Attribute", "enableDnsSupport"}});
  EXPECT_EQ(text_at(support.root, "vpcId"), kVpc);
  EXPECT_EQ(text_at(support.root, "enableDnsSupport/value"), "true");
  EXPECT_FALSE(support.root.child("enableDnsHostnames"));
  auto hostnames =
      ask(*world, "DescribeVpcAttribute", {{"VpcId", kVpc}, {"Attribute", "enableDnsHostnames"}});
  EXPECT_EQ(text_at(hostnames.root, "enableDnsHostnames/value"), "false");
  EXPECT_EQ(
      error(*world, "DescribeVpcAttribute", {{"VpcId", kVpc}, {"Attribute", "instanceTenancy"}}),
      "InvalidParameterValue: Value (instanceTenancy) for parameter attribute is invalid. "
      "Unknown attribute.");
  EXPECT_EQ(error(*world, "DescribeVpcAttribute", {{"VpcId", kVpc}}),
            "MissingParameter: The request must contain the parameter attribute");
  EXPECT_EQ(error(*world, "DescribeVpcAttribute",
                  {{"VpcId", "vpc-0123456789abcdef9"}, {"Attribute", "enableDnsSupport"}}),
            "InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef9' does not exist");
}

TEST(Ec2DescribeSubnets, SeedSubnets) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeSubnets");
  auto set = answer.root.child("subnetSet");
  ASSERT_EQ(count_children(set), 2u);
  auto subnet = set.child("item");
  EXPECT_EQ(text_at(subnet, "subnetId"), kSubnetA);
  EXPECT_EQ(text_at(subnet, "vpcId"), kVpc);
  EXPECT_EQ(text_at(subnet, "cidrBlock"), "10.0.1.0/24");
  EXPECT_EQ(text_at(subnet, "availabilityZone"), "us-east-1a");
  EXPECT_EQ(text_at(subnet, "availabilityZoneId"), "use1-az1");
  EXPECT_EQ(text_at(subnet, "availableIpAddressCount"), "250");  // 256 - 5 - the instance
  EXPECT_EQ(text_at(subnet, "mapPublicIpOnLaunch"), "false");
  EXPECT_EQ(text_at(subnet, "defaultForAz"), "false");
  EXPECT_EQ(text_at(subnet, "state"), "available");
  EXPECT_EQ(text_at(subnet, "subnetArn"),
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0");
  auto zone_b = ask(*world, "DescribeSubnets",
                    {{"Filter.1.Name", "availability-zone"}, {"Filter.1.Value.1", "us-east-1b"}});
  EXPECT_EQ(texts(zone_b.root.child("subnetSet"), "subnetId"), std::vector<std::string>{kSubnetB});
  auto alias = ask(*world, "DescribeSubnets",
                   {{"Filter.1.Name", "availabilityZone"}, {"Filter.1.Value.1", "us-east-1b"}});
  EXPECT_EQ(count_children(alias.root.child("subnetSet")), 1u);
  EXPECT_EQ(error(*world, "DescribeSubnets", {{"SubnetId.1", "subnet-0123456789abcdef9"}}),
            "InvalidSubnetID.NotFound: The subnet ID 'subnet-0123456789abcdef9' does not exist");
}

TEST(Ec2DescribeSecurityGroups, PermissionsAsTheModelNamesThem) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeSecurityGroups", {{"GroupId.1", kInstanceGroup}});
  auto group = answer.root.child("securityGroupInfo").child("item");
  EXPECT_EQ(text_at(group, "groupId"), kInstanceGroup);
  EXPECT_EQ(text_at(group, "groupName"), "seed-instance");
  EXPECT_EQ(text_at(group, "groupDescription"), "The instance: HTTPS out to anywhere");
  EXPECT_EQ(text_at(group, "vpcId"), kVpc);
  EXPECT_EQ(text_at(group, "ownerId"), "123456789012");
  EXPECT_FALSE(group.child("ipPermissions").child("item"));
  auto egress = group.child("ipPermissionsEgress").child("item");
  EXPECT_EQ(text_at(egress, "ipProtocol"), "tcp");
  EXPECT_EQ(text_at(egress, "fromPort"), "443");
  EXPECT_EQ(text_at(egress, "toPort"), "443");
  EXPECT_EQ(text_at(egress, "ipRanges/item/cidrIp"), "0.0.0.0/0");
  EXPECT_EQ(text_at(egress, "ipRanges/item/description"), "HTTPS out");
  EXPECT_TRUE(egress.child("groups"));
  EXPECT_TRUE(egress.child("ipv6Ranges"));
  EXPECT_TRUE(egress.child("prefixListIds"));

  auto defaults = ask(*world, "DescribeSecurityGroups",
                      {{"Filter.1.Name", "group-name"}, {"Filter.1.Value.1", "default"}});
  auto fallback = defaults.root.child("securityGroupInfo").child("item");
  EXPECT_EQ(text_at(fallback, "groupId"), kDefaultGroup);
  auto self = fallback.child("ipPermissions").child("item");
  EXPECT_EQ(text_at(self, "ipProtocol"), "-1");
  EXPECT_FALSE(self.child("fromPort"));  // no ports for all protocols
  EXPECT_EQ(text_at(self, "groups/item/groupId"), kDefaultGroup);
  EXPECT_EQ(text_at(self, "groups/item/userId"), "123456789012");

  auto by_port =
      ask(*world, "DescribeSecurityGroups",
          {{"Filter.1.Name", "egress.ip-permission.to-port"}, {"Filter.1.Value.1", "443"}});
  EXPECT_EQ(texts(by_port.root.child("securityGroupInfo"), "groupId"),
            std::vector<std::string>{kInstanceGroup});
  EXPECT_EQ(error(*world, "DescribeSecurityGroups", {{"GroupId.1", "endpoints"}}),
            "InvalidGroupId.Malformed: Invalid id: \"endpoints\" (expecting \"sg-...\")");
  EXPECT_EQ(error(*world, "DescribeSecurityGroups", {{"GroupId.1", "sg-0123456789abcdef9"}}),
            "InvalidGroup.NotFound: The security group 'sg-0123456789abcdef9' does not exist");
  EXPECT_EQ(error(*world, "DescribeSecurityGroups", {{"GroupName.1", "default"}}),
            "VPCIdNotSpecified: No default VPC for this user");
}

TEST(Ec2DescribeSecurityGroupRules, OneItemPerRule) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeSecurityGroupRules",
                    {{"Filter.1.Name", "group-id"}, {"Filter.1.Value.1", kDefaultGroup}});
  auto set = answer.root.child("securityGroupRuleSet");
  ASSERT_EQ(count_children(set), 2u);
  for (auto rule : set.children("item")) {
    EXPECT_TRUE(text_at(rule, "securityGroupRuleId").starts_with("sgr-"));
    EXPECT_EQ(text_at(rule, "groupId"), kDefaultGroup);
    EXPECT_EQ(text_at(rule, "ipProtocol"), "-1");
    EXPECT_EQ(text_at(rule, "fromPort"), "-1");
    if (text_at(rule, "isEgress") == "true") {
      EXPECT_EQ(text_at(rule, "cidrIpv4"), "0.0.0.0/0");
    } else {
      EXPECT_EQ(text_at(rule, "referencedGroupInfo/groupId"), kDefaultGroup);
    }
  }
  std::string id = text_at(set, "item/securityGroupRuleId");
  auto one = ask(*world, "DescribeSecurityGroupRules", {{"SecurityGroupRuleId.1", id}});
  EXPECT_EQ(count_children(one.root.child("securityGroupRuleSet")), 1u);
  EXPECT_EQ(error(*world, "DescribeSecurityGroupRules",
                  {{"Filter.1.Name", "vpc-id"}, {"Filter.1.Value.1", kVpc}}),
            "InvalidParameterValue: The filter 'vpc-id' is invalid");
}

TEST(Ec2DescribeNetworkAcls, DefaultAclAndItsAssociations) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeNetworkAcls");
  auto acl = answer.root.child("networkAclSet").child("item");
  EXPECT_EQ(text_at(acl, "networkAclId"), kAcl);
  EXPECT_EQ(text_at(acl, "default"), "true");
  EXPECT_EQ(texts(acl.child("associationSet"), "subnetId"),
            (std::vector<std::string>{kSubnetA, kSubnetB}));
  EXPECT_TRUE(text_at(acl, "associationSet/item/networkAclAssociationId").starts_with("aclassoc-"));
  auto entries = acl.child("entrySet");
  ASSERT_EQ(count_children(entries), 4u);
  std::set<std::string> seen;
  for (auto entry : entries.children("item")) {
    seen.insert(text_at(entry, "ruleNumber") + "/" + text_at(entry, "egress") + "/" +
                text_at(entry, "ruleAction") + "/" + text_at(entry, "protocol") + "/" +
                text_at(entry, "cidrBlock"));
  }
  EXPECT_EQ(seen, (std::set<std::string>{
                      "100/false/allow/-1/0.0.0.0/0", "100/true/allow/-1/0.0.0.0/0",
                      "32767/false/deny/-1/0.0.0.0/0", "32767/true/deny/-1/0.0.0.0/0"}));
  auto by_subnet =
      ask(*world, "DescribeNetworkAcls",
          {{"Filter.1.Name", "association.subnet-id"}, {"Filter.1.Value.1", kSubnetB}});
  EXPECT_EQ(count_children(by_subnet.root.child("networkAclSet")), 1u);
  EXPECT_EQ(
      error(*world, "DescribeNetworkAcls", {{"NetworkAclId.1", "acl-0123456789abcdef9"}}),
      "InvalidNetworkAclID.NotFound: The networkAcl ID 'acl-0123456789abcdef9' does not exist");
}

TEST(Ec2DescribeRouteTables, MainAndSubnetAssociations) {
  auto world = scenario_world("public-subnet");
  auto answer = ask(*world, "DescribeRouteTables");
  auto set = answer.root.child("routeTableSet");
  ASSERT_EQ(count_children(set), 2u);
  pugi::xml_node main_table;
  for (auto table : set.children("item")) {
    if (text_at(table, "routeTableId") == kMainTable) main_table = table;
  }
  EXPECT_EQ(text_at(main_table, "associationSet/item/main"), "true");
  EXPECT_FALSE(main_table.child("associationSet").child("item").child("subnetId"));
  EXPECT_EQ(text_at(main_table, "routeSet/item/destinationCidrBlock"), "10.0.0.0/16");
  EXPECT_EQ(text_at(main_table, "routeSet/item/gatewayId"), "local");
  EXPECT_EQ(text_at(main_table, "routeSet/item/origin"), "CreateRouteTable");
  EXPECT_EQ(text_at(main_table, "routeSet/item/state"), "active");

  auto public_answer =
      ask(*world, "DescribeRouteTables",
          {{"Filter.1.Name", "association.subnet-id"}, {"Filter.1.Value.1", kSubnetA}});
  auto public_table = public_answer.root.child("routeTableSet");
  ASSERT_EQ(count_children(public_table), 1u);
  auto table = public_table.child("item");
  EXPECT_EQ(text_at(table, "routeTableId"), "rtb-0b2c3d4e5f6a7b8c9");
  EXPECT_EQ(text_at(table, "associationSet/item/main"), "false");
  EXPECT_EQ(text_at(table, "associationSet/item/subnetId"), kSubnetA);
  EXPECT_EQ(text_at(table, "associationSet/item/associationState/state"), "associated");
  auto routes = table.child("routeSet");
  auto internet = *std::next(routes.children("item").begin());
  EXPECT_EQ(text_at(internet, "destinationCidrBlock"), "0.0.0.0/0");
  EXPECT_EQ(text_at(internet, "gatewayId"), "igw-0b1c2d3e4f5a6b7c8");
  EXPECT_EQ(text_at(internet, "origin"), "CreateRoute");
  auto by_gateway = ask(*world, "DescribeRouteTables",
                        {{"Filter.1.Name", "route.gateway-id"}, {"Filter.1.Value.1", "igw-*"}});
  EXPECT_EQ(count_children(by_gateway.root.child("routeTableSet")), 1u);
  EXPECT_EQ(error(*world, "DescribeRouteTables", {{"MaxResults", "200"}}),
            "InvalidParameterValue: Value ( 200 ) for parameter maxResults is invalid. Expecting a "
            "value less than 100.");
  EXPECT_EQ(
      error(*world, "DescribeRouteTables", {{"RouteTableId.1", "rtb-0123456789abcdef9"}}),
      "InvalidRouteTableID.NotFound: The routeTable ID 'rtb-0123456789abcdef9' does not exist");
}

TEST(Ec2DescribeVpcEndpoints, ExistingInterfaceEndpoints) {
  auto world = scenario_world("endpoints-present");
  auto answer = ask(*world, "DescribeVpcEndpoints");
  auto set = answer.root.child("vpcEndpointSet");
  ASSERT_EQ(count_children(set), 3u);
  auto endpoint = set.child("item");
  EXPECT_EQ(text_at(endpoint, "vpcEndpointId"), "vpce-0aaaaaaaaaaaaaaa1");
  EXPECT_EQ(text_at(endpoint, "vpcEndpointType"), "Interface");
  EXPECT_EQ(text_at(endpoint, "vpcId"), kVpc);
  EXPECT_EQ(text_at(endpoint, "serviceName"), "com.amazonaws.us-east-1.ssm");
  EXPECT_EQ(text_at(endpoint, "state"), "available");
  EXPECT_EQ(text_at(endpoint, "privateDnsEnabled"), "true");
  EXPECT_EQ(text_at(endpoint, "requesterManaged"), "false");
  EXPECT_EQ(count_children(endpoint.child("subnetIdSet")), 2u);
  EXPECT_EQ(text_at(endpoint, "subnetIdSet/item"), kSubnetA);
  EXPECT_EQ(text_at(endpoint, "groupSet/item/groupId"), kEndpointGroup);
  EXPECT_EQ(text_at(endpoint, "groupSet/item/groupName"), "ssm-endpoints");
  EXPECT_EQ(count_children(endpoint.child("networkInterfaceIdSet")), 2u);
  std::vector<std::string> names = texts(endpoint.child("dnsEntrySet"), "dnsName");
  ASSERT_EQ(names.size(), 4u);  // regional, one per zone, and the private name
  EXPECT_TRUE(names[0].starts_with("vpce-0aaaaaaaaaaaaaaa1-"));
  EXPECT_TRUE(names[0].ends_with(".ssm.us-east-1.vpce.amazonaws.com"));
  EXPECT_TRUE(names[1].ends_with("-us-east-1a.ssm.us-east-1.vpce.amazonaws.com"));
  EXPECT_EQ(names[3], "ssm.us-east-1.amazonaws.com");
  EXPECT_EQ(text_at(endpoint, "dnsEntrySet/item/hostedZoneId"), "Z7HUB22UULQXV");
  EXPECT_EQ(text_at(endpoint, "tagSet/item/value"), "existing-ssm");
  EXPECT_TRUE(text_at(endpoint, "creationTimestamp").ends_with(".000Z"));
  EXPECT_EQ(text_at(endpoint, "ownerId"), "123456789012");

  auto filtered = ask(*world, "DescribeVpcEndpoints",
                      {{"Filter.1.Name", "service-name"},
                       {"Filter.1.Value.1", "com.amazonaws.us-east-1.ssmmessages"},
                       {"Filter.2.Name", "vpc-id"},
                       {"Filter.2.Value.1", kVpc}});
  EXPECT_EQ(texts(filtered.root.child("vpcEndpointSet"), "vpcEndpointId"),
            std::vector<std::string>{"vpce-0aaaaaaaaaaaaaaa2"});
  auto by_state = ask(*world, "DescribeVpcEndpoints",
                      {{"Filter.1.Name", "vpc-endpoint-state"}, {"Filter.1.Value.1", "pending"}});
  EXPECT_EQ(count_children(by_state.root.child("vpcEndpointSet")), 0u);
  EXPECT_EQ(
      error(*world, "DescribeVpcEndpoints", {{"VpcEndpointId.1", "vpce-0123456789abcdef9"}}),
      "InvalidVpcEndpointId.NotFound: The Vpc Endpoint Id 'vpce-0123456789abcdef9' does not exist");
  EXPECT_EQ(error(*world, "DescribeVpcEndpoints", {{"VpcEndpointId.1", "ssm"}}),
            "InvalidVpcEndpointId.Malformed: Invalid Id: 'ssm' (expecting 'vpce-...; the Id may "
            "only contain lowercase alphanumeric characters and a single dash')");
  // MaxResults above 1,000 is capped, not refused.
  EXPECT_EQ(count_children(ask(*world, "DescribeVpcEndpoints", {{"MaxResults", "5000"}})
                               .root.child("vpcEndpointSet")),
            3u);
}

TEST(Ec2DescribeVpcEndpointServices, ServicesOfTheRegion) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeVpcEndpointServices",
                    {{"ServiceName.1", "com.amazonaws.us-east-1.ssmmessages"}});
  EXPECT_EQ(text_at(answer.root, "serviceNameSet/item"), "com.amazonaws.us-east-1.ssmmessages");
  auto detail = answer.root.child("serviceDetailSet").child("item");
  EXPECT_EQ(text_at(detail, "serviceName"), "com.amazonaws.us-east-1.ssmmessages");
  EXPECT_EQ(text_at(detail, "serviceType/item/serviceType"), "Interface");
  EXPECT_EQ(text_at(detail, "privateDnsName"), "ssmmessages.us-east-1.amazonaws.com");
  EXPECT_EQ(text_at(detail, "privateDnsNameSet/item/privateDnsName"),
            "ssmmessages.us-east-1.amazonaws.com");
  EXPECT_EQ(count_children(detail.child("availabilityZoneSet")), 3u);
  EXPECT_EQ(text_at(detail, "availabilityZoneSet/item"), "us-east-1a");
  EXPECT_EQ(text_at(detail, "owner"), "amazon");
  EXPECT_EQ(text_at(detail, "acceptanceRequired"), "false");
  EXPECT_EQ(text_at(detail, "vpcEndpointPolicySupported"), "true");
  EXPECT_EQ(text_at(detail, "baseEndpointDnsNameSet/item"),
            "ssmmessages.us-east-1.vpce.amazonaws.com");
  auto gateways = ask(*world, "DescribeVpcEndpointServices",
                      {{"Filter.1.Name", "service-type"}, {"Filter.1.Value.1", "Gateway"}});
  EXPECT_EQ(texts(gateways.root.child("serviceDetailSet"), "serviceName"),
            std::vector<std::string>{"com.amazonaws.us-east-1.s3"});
  EXPECT_EQ(error(*world, "DescribeVpcEndpointServices",
                  {{"ServiceName.1", "com.amazonaws.us-east-1.nosuch"}}),
            "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.us-east-1.nosuch' does "
            "not exist");
}

TEST(Ec2DescribeInstances, SeedInstance) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeInstances", {{"InstanceId.1", kInstance}});
  auto reservation = answer.root.child("reservationSet").child("item");
  EXPECT_TRUE(text_at(reservation, "reservationId").starts_with("r-"));
  EXPECT_EQ(text_at(reservation, "ownerId"), "123456789012");
  auto instance = reservation.child("instancesSet").child("item");
  EXPECT_EQ(text_at(instance, "instanceId"), kInstance);
  EXPECT_EQ(text_at(instance, "instanceState/code"), "16");
  EXPECT_EQ(text_at(instance, "instanceState/name"), "running");
  EXPECT_EQ(text_at(instance, "subnetId"), kSubnetA);
  EXPECT_EQ(text_at(instance, "vpcId"), kVpc);
  EXPECT_EQ(text_at(instance, "privateIpAddress"), "10.0.1.10");
  EXPECT_EQ(text_at(instance, "privateDnsName"), "ip-10-0-1-10.ec2.internal");
  EXPECT_FALSE(instance.child("ipAddress"));
  EXPECT_EQ(text_at(instance, "placement/availabilityZone"), "us-east-1a");
  EXPECT_EQ(text_at(instance, "groupSet/item/groupId"), kInstanceGroup);
  EXPECT_EQ(text_at(instance, "groupSet/item/groupName"), "seed-instance");
  EXPECT_EQ(text_at(instance, "iamInstanceProfile/arn"),
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
  EXPECT_TRUE(text_at(instance, "iamInstanceProfile/id").starts_with("AIPA"));
  EXPECT_EQ(text_at(instance, "metadataOptions/httpTokens"), "required");
  EXPECT_EQ(text_at(instance, "platformDetails"), "Linux/UNIX");
  EXPECT_FALSE(instance.child("platform"));
  EXPECT_EQ(text_at(instance, "tagSet/item/value"), "seed-instance");

  auto pub = scenario_world("public-subnet");
  auto public_answer = ask(*pub, "DescribeInstances");
  auto public_instance =
      public_answer.root.child("reservationSet").child("item").child("instancesSet").child("item");
  EXPECT_EQ(text_at(public_instance, "ipAddress"), "203.0.113.10");
  EXPECT_EQ(text_at(public_instance, "dnsName"), "ec2-203-0-113-10.compute-1.amazonaws.com");
}

TEST(Ec2DescribeInstances, IdsFiltersAndErrors) {
  auto world = scenario_world("seed");
  auto count = [&](Params params) {
    return count_children(ask(*world, "DescribeInstances", params).root.child("reservationSet"));
  };
  EXPECT_EQ(count({{"Filter.1.Name", "instance-state-name"}, {"Filter.1.Value.1", "running"}}), 1u);
  EXPECT_EQ(count({{"Filter.1.Name", "instance-state-name"}, {"Filter.1.Value.1", "stopped"}}), 0u);
  EXPECT_EQ(count({{"Filter.1.Name", "vpc-id"}, {"Filter.1.Value.1", kVpc}}), 1u);
  EXPECT_EQ(count({{"Filter.1.Name", "subnet-id"}, {"Filter.1.Value.1", kSubnetB}}), 0u);
  EXPECT_EQ(count({{"Filter.1.Name", "instance.group-id"}, {"Filter.1.Value.1", kInstanceGroup}}),
            1u);
  EXPECT_EQ(count({{"Filter.1.Name", "iam-instance-profile.arn"},
                   {"Filter.1.Value.1", "*:instance-profile/SSMInstanceProfile"}}),
            1u);
  EXPECT_EQ(count({{"Filter.1.Name", "tag:Name"}, {"Filter.1.Value.1", "seed-instance"}}), 1u);
  EXPECT_EQ(count({{"Filter.1.Name", "key-name"}, {"Filter.1.Value.1", "x"}}), 0u);  // documented
  EXPECT_EQ(error(*world, "DescribeInstances",
                  {{"Filter.1.Name", "public-ip"}, {"Filter.1.Value.1", "x"}}),
            "InvalidParameterValue: The filter 'public-ip' is invalid");
  EXPECT_EQ(error(*world, "DescribeInstances", {{"InstanceId.1", "i-0123456789abcdef9"}}),
            "InvalidInstanceID.NotFound: The instance ID 'i-0123456789abcdef9' does not exist");
  EXPECT_EQ(
      error(*world, "DescribeInstances",
            {{"InstanceId.1", "i-0123456789abcdef9"}, {"InstanceId.2", "i-0123456789abcdef8"}}),
      "InvalidInstanceID.NotFound: The instance IDs 'i-0123456789abcdef9, "
      "i-0123456789abcdef8' do not exist");
  EXPECT_EQ(error(*world, "DescribeInstances", {{"InstanceId.1", "seed"}}),
            "InvalidInstanceID.Malformed: Invalid id: \"seed\"");
  EXPECT_EQ(error(*world, "DescribeInstances", {{"InstanceId.1", kInstance}, {"MaxResults", "5"}}),
            "InvalidParameterCombination: The parameter instancesSet cannot be used with the "
            "parameter maxResults");
  EXPECT_EQ(error(*world, "DescribeInstances", {{"MaxResults", "1"}}),
            "InvalidParameterValue: Value ( 1 ) for parameter maxResults is invalid. Expecting a "
            "value greater than 5.");
}

TEST(Ec2DescribeIamInstanceProfileAssociations, ProfilesOfInstances) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "DescribeIamInstanceProfileAssociations",
                    {{"Filter.1.Name", "instance-id"}, {"Filter.1.Value.1", kInstance}});
  auto item = answer.root.child("iamInstanceProfileAssociationSet").child("item");
  EXPECT_TRUE(text_at(item, "associationId").starts_with("iip-assoc-"));
  EXPECT_EQ(text_at(item, "instanceId"), kInstance);
  EXPECT_EQ(text_at(item, "iamInstanceProfile/arn"),
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
  EXPECT_EQ(text_at(item, "state"), "associated");
  auto none = scenario_world("no-instance-profile");
  EXPECT_EQ(count_children(ask(*none, "DescribeIamInstanceProfileAssociations")
                               .root.child("iamInstanceProfileAssociationSet")),
            0u);
  EXPECT_EQ(error(*world, "DescribeIamInstanceProfileAssociations",
                  {{"AssociationId.1", "iip-assoc-0123456789abcdef9"}}),
            "InvalidAssociationID.NotFound: The association ID 'iip-assoc-0123456789abcdef9' does "
            "not exist");
}

// Twelve VPCs, to page through.
std::unique_ptr<World> many_vpcs() {
  json scenario = {{"regions", {{"us-east-1", {{"vpcs", json::array()}}}}}};
  for (int i = 0; i < 12; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "vpc-0%016x", i + 1);
    scenario["regions"]["us-east-1"]["vpcs"].push_back(
        {{"id", id}, {"cidr", "10." + std::to_string(i) + ".0.0/16"}});
  }
  auto world = std::make_unique<World>();
  load_scenario(*world, scenario, kT0);
  return world;
}

TEST(Ec2Pagination, PagesCoverEverythingOnce) {
  auto world = many_vpcs();
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    Params params = {{"MaxResults", "5"}};
    if (!token.empty()) params["NextToken"] = token;
    auto answer = ask(*world, "DescribeVpcs", params);
    auto ids = texts(answer.root.child("vpcSet"), "vpcId");
    EXPECT_LE(ids.size(), 5u);
    seen.insert(seen.end(), ids.begin(), ids.end());
    token = text_at(answer.root, "nextToken");
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 12u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 12u);
  // Without MaxResults, everything at once.
  EXPECT_EQ(count_children(ask(*world, "DescribeVpcs").root.child("vpcSet")), 12u);
}

TEST(Ec2Pagination, BoundsAndTokens) {
  auto world = many_vpcs();
  EXPECT_EQ(error(*world, "DescribeVpcs", {{"MaxResults", "4"}}),
            "InvalidParameterValue: Value ( 4 ) for parameter maxResults is invalid. Expecting a "
            "value greater than 5.");
  EXPECT_EQ(
      error(*world, "DescribeVpcs", {{"MaxResults", "1001"}}),
      "InvalidParameterValue: Value ( 1001 ) for parameter maxResults is invalid. Expecting a "
      "value less than 1000.");
  EXPECT_EQ(error(*world, "DescribeVpcs", {{"NextToken", "bogus"}}),
            "InvalidParameterValue: Value ( bogus ) for parameter NextToken is invalid. The token "
            "is invalid.");
  std::string token = text_at(ask(*world, "DescribeVpcs", {{"MaxResults", "5"}}).root, "nextToken");
  ASSERT_FALSE(token.empty());
  // A token from another call is refused.
  EXPECT_NE(error(*world, "DescribeSubnets", {{"NextToken", token}}), "");
}

TEST(Ec2, DryRunAnswersDryRunOperation) {
  auto world = scenario_world("seed");
  try {
    call(*world, ec2_request("DescribeVpcs", {{"DryRun", "true"}}));
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 412);
    EXPECT_EQ(e.code, "DryRunOperation");
    EXPECT_EQ(std::string(e.what()), "Request would have succeeded, but DryRun flag is set.");
  }
}

TEST(Ec2CreateSecurityGroup, CreatesWithTags) {
  auto world = scenario_world("seed");
  auto answer = ask(*world, "CreateSecurityGroup",
                    {{"GroupName", "ssm-endpoints"},
                     {"GroupDescription", "SSM endpoints"},
                     {"VpcId", kVpc},
                     {"TagSpecification.1.ResourceType", "security-group"},
                     {"TagSpecification.1.Tag.1.Key", "Name"},
                     {"TagSpecification.1.Tag.1.Value", "ssm"}});
  std::string id = text_at(answer.root, "groupId");
  EXPECT_TRUE(id.starts_with("sg-"));
  EXPECT_EQ(text_at(answer.root, "tagSet/item/value"), "ssm");
  EXPECT_EQ(text_at(answer.root, "securityGroupArn"),
            "arn:aws:ec2:us-east-1:123456789012:security-group/" + id);
  auto described = ask(*world, "DescribeSecurityGroups", {{"GroupId.1", id}});
  EXPECT_EQ(text_at(described.root, "securityGroupInfo/item/groupName"), "ssm-endpoints");
  EXPECT_EQ(text_at(described.root, "securityGroupInfo/item/ipPermissionsEgress/item/ipProtocol"),
            "-1");
  EXPECT_EQ(error(*world, "CreateSecurityGroup",
                  {{"GroupName", "ssm-endpoints"}, {"GroupDescription", "again"}, {"VpcId", kVpc}}),
            "InvalidGroup.Duplicate: The security group 'ssm-endpoints' already exists for VPC "
            "'vpc-0f00d1e2c3b4a5968'");
  EXPECT_EQ(error(*world, "CreateSecurityGroup", {{"GroupName", "x"}, {"VpcId", kVpc}}),
            "MissingParameter: The request must contain the parameter GroupDescription");
}

TEST(Ec2CreateVpcEndpoint, PendingThenAvailableThenReachable) {
  auto world = scenario_world("seed");
  auto& region = world->region("us-east-1");
  // Let HTTPS in from the VPC through the default group the endpoints will use.
  SecurityGroupRule https;
  https.protocol = "tcp";
  https.from_port = https.to_port = 443;
  https.cidr_ipv4 = "10.0.0.0/16";
  https.rule_id = "sgr-0123456789abcdef0";
  region.security_groups.at(kDefaultGroup).ingress.push_back(https);
  std::vector<std::string> ids;
  for (const char* service : {"ssm", "ssmmessages"}) {
    auto answer = ask(*world, "CreateVpcEndpoint",
                      {{"VpcId", kVpc},
                       {"ServiceName", std::string("com.amazonaws.us-east-1.") + service},
                       {"VpcEndpointType", "Interface"},
                       {"SubnetId.1", kSubnetA},
                       {"SubnetId.2", kSubnetB},
                       {"PrivateDnsEnabled", "true"},
                       {"ClientToken", "token-1"}});
    auto endpoint = answer.root.child("vpcEndpoint");
    EXPECT_EQ(text_at(endpoint, "state"), "pending");
    EXPECT_EQ(text_at(endpoint, "groupSet/item/groupId"), kDefaultGroup);
    EXPECT_EQ(text_at(answer.root, "clientToken"), "token-1");
    ids.push_back(text_at(endpoint, "vpcEndpointId"));
  }
  EXPECT_FALSE(judge_ssm_path(*world, region, region.instances.at(kInstance)).reachable);
  // Still pending before the provisioning time; available after it.
  auto early = ask(*world, "DescribeVpcEndpoints", {}, kT0 + std::chrono::milliseconds(200));
  EXPECT_EQ(texts(early.root.child("vpcEndpointSet"), "state"),
            (std::vector<std::string>{"pending", "pending"}));
  auto later = ask(*world, "DescribeVpcEndpoints", {}, kT0 + std::chrono::milliseconds(400));
  EXPECT_EQ(texts(later.root.child("vpcEndpointSet"), "state"),
            (std::vector<std::string>{"available", "available"}));
  EXPECT_TRUE(judge_ssm_path(*world, region, region.instances.at(kInstance)).reachable);
  // The path appeared when the second endpoint became available, not when it was asked.
  EXPECT_EQ(region.agents.at(kInstance).changed, kT0 + std::chrono::milliseconds(300));

  EXPECT_EQ(error(*world, "CreateVpcEndpoint",
                  {{"VpcId", kVpc},
                   {"ServiceName", "com.amazonaws.us-east-1.ssm"},
                   {"VpcEndpointType", "Interface"},
                   {"SubnetId.1", kSubnetA}}),
            "InvalidParameter: private-dns-enabled cannot be set because there is already a "
            "conflicting DNS domain for ssm.us-east-1.amazonaws.com in the VPC "
            "vpc-0f00d1e2c3b4a5968");
  // The API's default type is Gateway.
  EXPECT_EQ(error(*world, "CreateVpcEndpoint",
                  {{"VpcId", kVpc}, {"ServiceName", "com.amazonaws.us-east-1.kms"}}),
            "InvalidParameter: Endpoint type (Gateway) does not match available service types "
            "([Interface]).");

  auto deleted = ask(*world, "DeleteVpcEndpoints",
                     {{"VpcEndpointId.1", ids[0]}, {"VpcEndpointId.2", "vpce-0123456789abcdef9"}},
                     kT0 + std::chrono::seconds(1));
  auto failures = deleted.root.child("unsuccessful");
  ASSERT_EQ(count_children(failures), 1u);
  EXPECT_EQ(text_at(failures, "item/resourceId"), "vpce-0123456789abcdef9");
  EXPECT_EQ(text_at(failures, "item/error/code"), "InvalidVpcEndpointId.NotFound");
  EXPECT_EQ(text_at(failures, "item/error/message"),
            "The Vpc Endpoint Id 'vpce-0123456789abcdef9' does not exist");
  EXPECT_FALSE(region.vpc_endpoints.contains(ids[0]));
  EXPECT_FALSE(region.agents.at(kInstance).has_path);
  EXPECT_EQ(region.agents.at(kInstance).changed, kT0 + std::chrono::seconds(1));
}

}  // namespace
}  // namespace ssmlink::emulator
