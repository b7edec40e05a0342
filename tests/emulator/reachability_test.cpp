// The path judge on every shipped scenario, and each blocker in isolation: start from a
// world where the instance reaches SSM through endpoints, change one thing, and check the
// verdict and the blocker's words.
#include "emulator/ssm/reachability.hpp"

#include <gtest/gtest.h>

#include "emulator/ec2/ec2_resources.hpp"
#include "emulator/ec2/ipv4.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/iam/iam_entities.hpp"
#include "emulator/ssm/versions.hpp"
#include "world_fixture.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;

RegionState& east_region(World& world) {
  return world.region("us-east-1");
}

PathVerdict verdict(World& world) {
  auto& region = east_region(world);
  return judge_ssm_path(world, region, region.instances.at(kInstance));
}

std::string blockers(const PathVerdict& v) {
  std::string out;
  for (const auto& b : v.blockers)
    out += b + "\n";
  return out;
}

// A security group in the seed's VPC letting HTTPS in from the VPC.
std::string endpoint_group(World& world) {
  SecurityGroupSpec spec;
  spec.vpc_id = kVpc;
  spec.name = "endpoints";
  spec.description = "HTTPS from the VPC";
  SecurityGroupRule https;
  https.protocol = "tcp";
  https.from_port = https.to_port = 443;
  https.cidr_ipv4 = "10.0.0.0/16";
  spec.ingress.push_back(https);
  auto id = create_security_group(world, east_region(world), spec);
  EXPECT_TRUE(id) << id.error().message;
  return *id;
}

std::string add_endpoint(World& world, const std::string& service, const std::string& group,
                         std::vector<std::string> subnets = {kSubnetB}) {
  VpcEndpointSpec spec;
  spec.vpc_id = kVpc;
  spec.type = "Interface";
  spec.service_name = "com.amazonaws.us-east-1." + service;
  spec.subnet_ids = std::move(subnets);
  spec.security_group_ids = {group};
  spec.private_dns_enabled = true;
  auto id = create_vpc_endpoint(world, east_region(world), spec, kT0);
  EXPECT_TRUE(id) << id.error().message;
  set_vpc_endpoint_state(east_region(world), *id, "available");
  return *id;
}

// The seed plus ssm and ssmmessages endpoints in the other subnet (so traffic crosses
// both subnets' network ACLs): reachable.
struct Working {
  std::unique_ptr<World> world = scenario_world("seed");
  std::string group = endpoint_group(*world);
  std::string ssm = add_endpoint(*world, "ssm", group);
  std::string messages = add_endpoint(*world, "ssmmessages", group);
  Instance& instance() { return east_region(*world).instances.at(kInstance); }
  NetworkAcl& acl() { return east_region(*world).network_acls.at(kAcl); }
};

TEST(PathJudge, ShippedScenarios) {
  EXPECT_FALSE(verdict(*scenario_world("seed")).reachable);
  EXPECT_FALSE(verdict(*scenario_world("dns-hostnames-off")).reachable);
  EXPECT_FALSE(verdict(*scenario_world("no-egress-443")).reachable);
  EXPECT_TRUE(verdict(*scenario_world("endpoints-present")).reachable)
      << blockers(verdict(*scenario_world("endpoints-present")));
  EXPECT_FALSE(verdict(*scenario_world("no-instance-profile")).reachable);
  EXPECT_FALSE(verdict(*scenario_world("no-agent")).reachable);
  EXPECT_TRUE(verdict(*scenario_world("public-subnet")).reachable)
      << blockers(verdict(*scenario_world("public-subnet")));
}

TEST(PathJudge, SeedBlockersNameTheMissingEndpointsAndTheRoute) {
  auto v = verdict(*scenario_world("seed"));
  ASSERT_EQ(v.blockers.size(), 2u) << blockers(v);  // ssm, ssmmessages; no ec2messages
  EXPECT_EQ(v.blockers[0],
            "ssm is unreachable: no ssm endpoint in vpc-0f00d1e2c3b4a5968, and no route to the "
            "internet from subnet-0123456789abcdef0 (route table rtb-0a1b2c3d4e5f6a7b8 has no "
            "0.0.0.0/0 route)");
  EXPECT_EQ(v.blockers[1].substr(0, 60),
            "ssmmessages is unreachable: no ssmmessages endpoint in vpc-0");
}

TEST(PathJudge, EndpointsInAnotherSubnetWork) {
  Working w;
  auto v = verdict(*w.world);
  EXPECT_TRUE(v.reachable) << blockers(v);
  EXPECT_TRUE(v.blockers.empty());
}

TEST(PathJudge, DnsHostnamesOffStopsPrivateDns) {
  Working w;
  east_region(*w.world).vpcs.at(kVpc).enable_dns_hostnames = false;
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("its private DNS name does not resolve: enableDnsHostnames is false"),
            std::string::npos)
      << blockers(v);
}

TEST(PathJudge, DnsSupportOffStopsEvenTheInternet) {
  auto world = scenario_world("public-subnet");
  east_region(*world).vpcs.at(kVpc).enable_dns_support = false;
  auto v = verdict(*world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("enableDnsSupport is false"), std::string::npos);
}

TEST(PathJudge, EndpointGroupMustLetHttpsInFromTheInstance) {
  Working w;
  east_region(*w.world).security_groups.at(w.group).ingress.clear();
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("allow no inbound TCP 443 from i-0a1b2c3d4e5f67890 (10.0.1.10"),
            std::string::npos)
      << blockers(v);
}

TEST(PathJudge, EndpointIngressByTheInstancesGroupWorks) {
  Working w;
  auto& ingress = east_region(*w.world).security_groups.at(w.group).ingress;
  ingress[0].cidr_ipv4.clear();
  ingress[0].group_id = kInstanceGroup;
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
  ingress[0].group_id = kDefaultGroup;  // a group the instance is not in
  EXPECT_FALSE(verdict(*w.world).reachable);
}

TEST(PathJudge, InstanceGroupMustLetHttpsOut) {
  Working w;
  auto& egress = east_region(*w.world).security_groups.at(kInstanceGroup).egress;
  egress[0].from_port = egress[0].to_port = 80;
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("(sg-0aa11bb22cc33dd44) allow no outbound TCP 443 to 10.0.2."),
            std::string::npos)
      << blockers(v);
}

TEST(PathJudge, InstanceEgressByEndpointGroupOrAddressWorks) {
  Working w;
  auto& egress = east_region(*w.world).security_groups.at(kInstanceGroup).egress;
  egress[0].cidr_ipv4.clear();
  egress[0].group_id = w.group;
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
  egress[0].group_id.clear();
  egress[0].cidr_ipv4 = "10.0.2.0/24";  // the endpoint subnet
  EXPECT_TRUE(verdict(*w.world).reachable);
  const auto& subnet_b = east_region(*w.world).subnets.at(kSubnetB);
  const auto& endpoint = east_region(*w.world).vpc_endpoints.at(w.ssm);
  egress[0].cidr_ipv4 = format_ipv4(endpoint_interface_address(endpoint, subnet_b)) + "/32";
  egress.push_back(egress[0]);
  egress[1].cidr_ipv4 = format_ipv4(endpoint_interface_address(
                            east_region(*w.world).vpc_endpoints.at(w.messages), subnet_b)) +
                        "/32";
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
  egress.resize(1);
  egress[0].cidr_ipv4 = "10.0.1.0/24";  // the instance's own subnet: not the endpoint
  EXPECT_FALSE(verdict(*w.world).reachable);
}

TEST(PathJudge, NetworkAclMustLetHttpsOut) {
  Working w;
  w.acl().entries.push_back({90, "6", true, false, "0.0.0.0/0", std::pair{443, 443}});
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(
      blockers(v).find("network ACL acl-0a1b2c3d4e5f6a7b8 blocks outbound TCP 443 to 10.0.2."),
      std::string::npos)
      << blockers(v);
  EXPECT_NE(blockers(v).find("rule 90 denies it"), std::string::npos);
}

TEST(PathJudge, NetworkAclMustLetTheReplyBackOnEphemeralPorts) {
  Working w;
  w.acl().entries.push_back({90, "6", false, false, "10.0.0.0/16", std::pair{1024, 65535}});
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("blocks inbound TCP 32768-61000 from 10.0.2."), std::string::npos)
      << blockers(v);
}

TEST(PathJudge, EphemeralRangeDependsOnThePlatform) {
  Working w;
  // Only 49152-65535 come back: enough for Windows, not for Linux (32768-61000).
  w.acl().entries = {{100, "-1", true, true, "0.0.0.0/0", std::nullopt},
                     {100, "6", false, true, "0.0.0.0/0", std::pair{443, 443}},
                     {110, "6", false, true, "0.0.0.0/0", std::pair{49152, 65535}},
                     {32767, "-1", false, false, "0.0.0.0/0", std::nullopt},
                     {32767, "-1", true, false, "0.0.0.0/0", std::nullopt}};
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("its default rule * denies it for port 32768"), std::string::npos)
      << blockers(v);
  w.instance().platform_type = "Windows";
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
}

TEST(PathJudge, FirstMatchingRuleByNumberDecides) {
  Working w;
  // Deny 443 out at 200, but allow it at 50: the lower number wins.
  w.acl().entries.push_back({200, "6", true, false, "0.0.0.0/0", std::pair{443, 443}});
  w.acl().entries.push_back({50, "6", true, true, "10.0.2.0/24", std::pair{443, 443}});
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
  w.acl().entries.push_back({40, "-1", true, false, "10.0.0.0/16", std::nullopt});
  EXPECT_FALSE(verdict(*w.world).reachable);
}

TEST(PathJudge, NoNetworkAclWithinOneSubnet) {
  auto world = scenario_world("seed");
  std::string group = endpoint_group(*world);
  add_endpoint(*world, "ssm", group, {kSubnetA});
  add_endpoint(*world, "ssmmessages", group, {kSubnetA});
  auto& acl = east_region(*world).network_acls.at(kAcl);
  acl.entries.insert(acl.entries.begin(), {1, "-1", true, false, "0.0.0.0/0", std::nullopt});
  acl.entries.insert(acl.entries.begin(), {1, "-1", false, false, "0.0.0.0/0", std::nullopt});
  EXPECT_TRUE(verdict(*world).reachable) << blockers(verdict(*world));
}

TEST(PathJudge, OneWorkingEndpointSubnetIsEnough) {
  auto world = scenario_world("seed");
  std::string group = endpoint_group(*world);
  add_endpoint(*world, "ssm", group, {kSubnetA, kSubnetB});
  add_endpoint(*world, "ssmmessages", group, {kSubnetA, kSubnetB});
  // Subnet B is cut off by the ACL; the interface in subnet A still works.
  auto& acl = east_region(*world).network_acls.at(kAcl);
  acl.entries.push_back({1, "-1", true, false, "10.0.2.0/24", std::nullopt});
  EXPECT_TRUE(verdict(*world).reachable) << blockers(verdict(*world));
}

TEST(PathJudge, MissingSsmMessagesEndpoint) {
  Working w;
  ASSERT_TRUE(delete_vpc_endpoint(east_region(*w.world), w.messages));
  auto v = verdict(*w.world);
  ASSERT_EQ(v.blockers.size(), 1u) << blockers(v);
  EXPECT_EQ(v.blockers[0].substr(0, 76),
            "ssmmessages is unreachable: no ssmmessages endpoint in vpc-0f00d1e2c3b4a5968");
}

TEST(PathJudge, OldAgentsNeedEc2Messages) {
  Working w;
  w.instance().agent.version = "3.2.1705.0";
  auto v = verdict(*w.world);
  ASSERT_EQ(v.blockers.size(), 1u) << blockers(v);
  EXPECT_NE(v.blockers[0].find("ec2messages is unreachable: no ec2messages endpoint"),
            std::string::npos);
  add_endpoint(*w.world, "ec2messages", w.group);
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
}

TEST(PathJudge, NewAgentsDoNotNeedEc2Messages) {
  Working w;
  w.instance().agent.version = "3.3.40.0";  // the first that switches ec2messages off
  EXPECT_TRUE(verdict(*w.world).reachable);
  w.instance().agent.version = "3.3.39.9";
  EXPECT_FALSE(verdict(*w.world).reachable);
  w.instance().agent.version = "3.10.1.0";  // numeric, not textual, comparison
  EXPECT_TRUE(verdict(*w.world).reachable);
}

TEST(PathJudge, InstanceProfileWithTheCorePolicyIsNeeded) {
  Working w;
  w.world->iam.roles.at("SSMInstanceRole").attached_policy_arns.clear();
  auto v = verdict(*w.world);
  ASSERT_EQ(v.blockers.size(), 1u);
  EXPECT_EQ(v.blockers[0],
            "the role SSMInstanceRole (the instance profile "
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile of i-0a1b2c3d4e5f67890) "
            "is not allowed ssm:UpdateInstanceInformation: no policy of the role allows it (it "
            "has no policies) (and Default Host Management Configuration is off)");
  w.instance().profile.reset();
  v = verdict(*w.world);
  ASSERT_EQ(v.blockers.size(), 1u);
  EXPECT_EQ(v.blockers[0],
            "no IAM instance profile is attached to i-0a1b2c3d4e5f67890 (and Default Host "
            "Management Configuration is off)");
}

TEST(PathJudge, DefaultHostManagementNeedsImdsV2AndARecentAgent) {
  Working w;
  w.instance().profile.reset();
  ensure_default_host_management_role(*w.world, kT0);
  east_region(*w.world).default_host_management_role = kDefaultHostManagementRole;
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
  w.instance().http_tokens = "optional";
  EXPECT_FALSE(verdict(*w.world).reachable);
  w.instance().http_tokens = "required";
  w.instance().agent.version = "3.2.500.0";
  add_endpoint(*w.world, "ec2messages", w.group);
  EXPECT_FALSE(verdict(*w.world).reachable);
}

TEST(PathJudge, AgentMustBeInstalledAndInstanceRunning) {
  Working w;
  w.instance().agent.installed = false;
  auto v = verdict(*w.world);
  ASSERT_EQ(v.blockers.size(), 1u);
  EXPECT_EQ(v.blockers[0], "SSM Agent is not installed on i-0a1b2c3d4e5f67890");
  w.instance().agent.installed = true;
  w.instance().state = "stopped";
  v = verdict(*w.world);
  ASSERT_EQ(v.blockers.size(), 1u);
  EXPECT_EQ(v.blockers[0], "i-0a1b2c3d4e5f67890 is stopped, not running");
}

TEST(PathJudge, NatGatewayRouteReachesTheInternet) {
  auto world = scenario_world("seed");
  east_region(*world)
      .route_tables.at(kMainTable)
      .routes.push_back({"0.0.0.0/0", "", "nat-0123456789abcdef0", "active"});
  EXPECT_TRUE(verdict(*world).reachable) << blockers(verdict(*world));
  east_region(*world).route_tables.at(kMainTable).routes.back().state = "blackhole";
  auto v = verdict(*world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("to nat-0123456789abcdef0 is blackhole"), std::string::npos);
}

TEST(PathJudge, InternetGatewayNeedsAPublicIp) {
  auto world = scenario_world("public-subnet");
  east_region(*world).instances.at(kInstance).public_ip.reset();
  auto v = verdict(*world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("it routes 0.0.0.0/0 to igw-0b1c2d3e4f5a6b7c8, but "
                             "i-0a1b2c3d4e5f67890 has no public IP"),
            std::string::npos)
      << blockers(v);
}

TEST(PathJudge, InternetPathStillNeedsEgressAndAcls) {
  auto world = scenario_world("public-subnet");
  auto& egress = east_region(*world).security_groups.at(kInstanceGroup).egress;
  egress[0].cidr_ipv4 = "10.0.0.0/8";  // 443 out, but not to the internet
  auto v = verdict(*world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("allow no outbound TCP 443 to 0.0.0.0/0"), std::string::npos);
  egress[0].cidr_ipv4 = "0.0.0.0/0";
  east_region(*world).network_acls.at(kAcl).entries.push_back(
      {50, "6", false, false, "0.0.0.0/0", std::pair{32768, 65535}});
  v = verdict(*world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find(
                "blocks inbound TCP 32768-61000 from 0.0.0.0/0 (rule 50 denies it for port 32768)"),
            std::string::npos)
      << blockers(v);
}

TEST(PathJudge, EndpointStateAndPrivateDnsMatter) {
  Working w;
  set_vpc_endpoint_state(east_region(*w.world), w.ssm, "pending");
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find(w.ssm + ": it is pending"), std::string::npos) << blockers(v);
  set_vpc_endpoint_state(east_region(*w.world), w.ssm, "available");
  east_region(*w.world).vpc_endpoints.at(w.ssm).private_dns_enabled = false;
  v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("its private DNS is off, so ssm.us-east-1.amazonaws.com resolves to "
                             "the public endpoint"),
            std::string::npos);
  // Without private DNS the public name is used: a NAT gateway makes up for it.
  east_region(*w.world)
      .route_tables.at(kMainTable)
      .routes.push_back({"0.0.0.0/0", "", "nat-0123456789abcdef0", "active"});
  EXPECT_TRUE(verdict(*w.world).reachable);
}

// With private DNS on (and both DNS attributes), the VPC's resolver answers the service's
// name with the endpoint's addresses: the traffic goes there even when a NAT gateway
// exists, so a blocked endpoint is not rescued by the internet.
TEST(PathJudge, APrivateDnsEndpointCapturesTheNameEvenBesideANatGateway) {
  Working w;
  east_region(*w.world)
      .route_tables.at(kMainTable)
      .routes.push_back({"0.0.0.0/0", "", "nat-0123456789abcdef0", "active"});
  EXPECT_TRUE(verdict(*w.world).reachable);
  east_region(*w.world).security_groups.at(w.group).ingress.clear();
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("ssm is unreachable"), std::string::npos) << blockers(v);
  // A pending endpoint has no addresses yet: nothing resolves to it, the NAT still works.
  set_vpc_endpoint_state(east_region(*w.world), w.ssm, "pending");
  set_vpc_endpoint_state(east_region(*w.world), w.messages, "pending");
  EXPECT_TRUE(verdict(*w.world).reachable) << blockers(verdict(*w.world));
}

TEST(PathJudge, EndpointWithoutSubnetsCarriesNothing) {
  Working w;
  east_region(*w.world).vpc_endpoints.at(w.ssm).subnet_ids.clear();
  auto v = verdict(*w.world);
  EXPECT_FALSE(v.reachable);
  EXPECT_NE(blockers(v).find("it has no subnets"), std::string::npos);
}

TEST(AgentVersions, CompareNumerically) {
  EXPECT_LT(compare_versions("3.3.39.0", "3.3.40.0"), 0);
  EXPECT_GT(compare_versions("3.10.0.0", "3.9.9.9"), 0);
  EXPECT_EQ(compare_versions("3.3", "3.3.0.0"), 0);
  EXPECT_TRUE(is_agent_version("3.3.1142.0"));
  EXPECT_FALSE(is_agent_version("3.3.x.0"));
  EXPECT_FALSE(is_agent_version("3.3.1"));
}

TEST(Ipv4, CidrsContainAddresses) {
  auto cidr = parse_cidr("10.0.1.0/24");
  ASSERT_TRUE(cidr);
  EXPECT_TRUE(cidr->contains(*parse_ipv4("10.0.1.255")));
  EXPECT_FALSE(cidr->contains(*parse_ipv4("10.0.2.0")));
  EXPECT_TRUE(parse_cidr("0.0.0.0/0")->contains(*parse_ipv4("203.0.113.10")));
  EXPECT_TRUE(parse_cidr("92.68.201.91/29")->contains(*parse_ipv4("92.68.201.88")));
  EXPECT_FALSE(parse_cidr("10.0.0.0/33"));
  EXPECT_FALSE(parse_cidr("10.0.0/8"));
  EXPECT_FALSE(parse_ipv4("010.0.0.1"));
  EXPECT_FALSE(parse_ipv4("256.0.0.1"));
  EXPECT_TRUE(is_ipv6_cidr("::/0"));
  EXPECT_TRUE(is_ipv6_cidr("2001:db8::/32"));
  EXPECT_FALSE(is_ipv6_cidr("10.0.0.0/8"));
}

}  // namespace
}  // namespace ssmlink::emulator
