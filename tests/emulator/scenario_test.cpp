// Scenario files: the shipped ones load and match their compiled-in copies, AWS's defaults
// are filled in, and a bad file is refused with a message naming the file, the JSON path
// and the value — leaving the world as it was.
#include "emulator/scenario.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator/ec2/region_queries.hpp"
#include "emulator/ssm/reachability.hpp"
#include "emulator/world_dump.hpp"
#include "tests/support/paths.hpp"
#include "world_fixture.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;
using nlohmann::json;

const std::vector<std::string> kShipped = {"boundary-excludes-ssmmessages",
                                           "dhmc-no-profile",
                                           "dns-hostnames-off",
                                           "endpoints-present",
                                           "inline-deny",
                                           "kms-preferences",
                                           "kms-preferences-allowed",
                                           "no-agent",
                                           "no-egress-443",
                                           "no-instance-profile",
                                           "port-forwarding",
                                           "port-forwarding-basic",
                                           "public-subnet",
                                           "role-without-ssm-policy",
                                           "seed"};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The message load_scenario refuses the scenario with.
std::string refusal(const json& scenario) {
  World world;
  try {
    load_scenario(world, scenario, kT0);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "(loaded)";
}

json seed() {
  return builtin_scenario("seed");
}
json& east(json& scenario) {
  return scenario["regions"]["us-east-1"];
}

// A temporary file, removed at the end of the test.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    path = (std::filesystem::temp_directory_path() /
            ("ssmlink-scenario-" + std::to_string(getpid()) + ".json"))
               .string();
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

TEST(Scenarios, EmbeddedCopiesAreTheFilesByteForByte) {
  EXPECT_EQ(builtin_scenario_names(), kShipped);
  for (const auto& name : kShipped) {
    std::string file = read(ssmlink::testing::source_path("emulator/scenarios/" + name + ".json"));
    ASSERT_FALSE(file.empty()) << name;
    EXPECT_EQ(builtin_scenario_text(name), file)
        << name << ": run python3 emulator/scenarios/embed.py";
  }
  std::filesystem::path dir = ssmlink::testing::source_path("emulator/scenarios");
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files += entry.path().extension() == ".json";
  }
  EXPECT_EQ(files, kShipped.size()) << "a scenario file is not compiled in";
}

TEST(Scenarios, EveryShippedScenarioLoadsInUsEast1WithTheSameIds) {
  for (const auto& name : kShipped) {
    auto world = scenario_world(name);
    EXPECT_EQ(world->account_id, "123456789012") << name;
    ASSERT_NE(world->find_key("test"), nullptr) << name;
    EXPECT_EQ(world->find_key("test")->secret_access_key, "test");
    EXPECT_EQ(world->find_key("test")->arn, "arn:aws:iam::123456789012:user/emulator");
    ASSERT_EQ(world->regions.size(), 1u) << name;
    const auto& region = world->regions.at("us-east-1");
    EXPECT_TRUE(region.vpcs.contains(kVpc)) << name;
    EXPECT_TRUE(region.subnets.contains(kSubnetA)) << name;
    EXPECT_TRUE(region.security_groups.contains(kInstanceGroup)) << name;
    EXPECT_TRUE(region.security_groups.contains(kDefaultGroup)) << name;
    EXPECT_TRUE(region.network_acls.contains(kAcl)) << name;
    EXPECT_TRUE(region.route_tables.contains(kMainTable)) << name;
    EXPECT_TRUE(region.instances.contains(kInstance)) << name;
  }
}

TEST(Scenarios, SeedHasWhatTheIssueDescribes) {
  auto world = scenario_world("seed");
  const auto& region = world->regions.at("us-east-1");
  const auto& vpc = region.vpcs.at(kVpc);
  EXPECT_TRUE(vpc.enable_dns_support);
  EXPECT_TRUE(vpc.enable_dns_hostnames);
  EXPECT_TRUE(region.vpc_endpoints.empty());
  const auto& instance = region.instances.at(kInstance);
  EXPECT_EQ(instance.vpc_id, kVpc);
  EXPECT_EQ(instance.private_ip, "10.0.1.10");
  EXPECT_FALSE(instance.public_ip);
  ASSERT_TRUE(instance.profile);
  EXPECT_EQ(world->iam.roles.at("SSMInstanceRole").attached_policy_arns,
            std::vector<std::string>{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"});
  EXPECT_TRUE(instance.profile->id.starts_with("AIPA"));
  EXPECT_EQ(instance.profile->id.size(), 21u);
  EXPECT_TRUE(instance.agent.installed);
  EXPECT_TRUE(instance.agent.version.starts_with("3.3."));
  EXPECT_EQ(instance.platform_name, "Amazon Linux");
  const auto& egress = region.security_groups.at(kInstanceGroup).egress;
  ASSERT_EQ(egress.size(), 1u);
  EXPECT_EQ(egress[0].protocol, "tcp");
  EXPECT_EQ(egress[0].from_port, 443);
  EXPECT_EQ(egress[0].cidr_ipv4, "0.0.0.0/0");
  EXPECT_FALSE(region.session_preferences.configured);
}

TEST(Scenarios, AwsDefaultsAreFilledIn) {
  // A VPC alone gets a default group, a default ACL holding its subnets and a main table.
  json scenario = {{"regions",
                    {{"eu-west-1",
                      {{"vpcs", {{{"id", "vpc-0123456789abcdef0"}, {"cidr", "10.9.0.0/16"}}}},
                       {"subnets",
                        {{{"id", "subnet-0123456789abcdef0"},
                          {"vpc", "vpc-0123456789abcdef0"},
                          {"cidr", "10.9.1.0/24"}}}}}}}}};
  World world;
  load_scenario(world, scenario, kT0);
  auto& region = world.regions.at("eu-west-1");
  const auto& vpc = region.vpcs.at("vpc-0123456789abcdef0");
  EXPECT_TRUE(vpc.enable_dns_support);  // AWS's defaults for a new VPC
  EXPECT_FALSE(vpc.enable_dns_hostnames);
  const auto* group = default_security_group(region, vpc.id);
  ASSERT_NE(group, nullptr);
  ASSERT_EQ(group->ingress.size(), 1u);
  EXPECT_EQ(group->ingress[0].group_id, group->id);  // from itself
  EXPECT_EQ(group->egress[0].cidr_ipv4, "0.0.0.0/0");
  const auto* acl = default_network_acl(region, vpc.id);
  ASSERT_NE(acl, nullptr);
  EXPECT_EQ(acl->subnet_ids, std::vector<std::string>{"subnet-0123456789abcdef0"});
  ASSERT_EQ(acl->entries.size(), 4u);  // 100 allow and * deny, both directions
  const auto* table = main_route_table(region, vpc.id);
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->routes.size(), 1u);
  EXPECT_EQ(table->routes[0].target, "local");
  EXPECT_EQ(table->routes[0].destination_cidr, "10.9.0.0/16");
  const auto& subnet = region.subnets.at("subnet-0123456789abcdef0");
  EXPECT_EQ(subnet.availability_zone, "eu-west-1a");
  EXPECT_EQ(subnet.availability_zone_id, "euw1-az1");
  EXPECT_EQ(network_acl_for_subnet(region, subnet), acl);
  EXPECT_EQ(route_table_for_subnet(region, subnet), table);
}

TEST(Scenarios, CustomAclsAndRouteTablesTakeTheirSubnets) {
  json scenario = seed();
  east(scenario)["networkAcls"].push_back({{"id", "acl-0bbbbbbbbbbbbbbb1"},
                                           {"vpc", kVpc},
                                           {"subnets", {kSubnetB}},
                                           {"entries",
                                            {{{"ruleNumber", 100},
                                              {"egress", true},
                                              {"protocol", "tcp"},
                                              {"action", "allow"},
                                              {"cidr", "0.0.0.0/0"},
                                              {"port", 443}}}}});
  World world;
  load_scenario(world, scenario, kT0);
  auto& region = world.regions.at("us-east-1");
  const auto& custom = region.network_acls.at("acl-0bbbbbbbbbbbbbbb1");
  EXPECT_EQ(custom.entries.size(), 3u);  // the rule and * both ways
  EXPECT_EQ(custom.entries[0].protocol, "6");
  EXPECT_EQ(region.network_acls.at(kAcl).subnet_ids, std::vector<std::string>{kSubnetA});
  EXPECT_EQ(network_acl_for_subnet(region, region.subnets.at(kSubnetB)), &custom);

  auto pub = scenario_world("public-subnet");
  auto& public_region = pub->regions.at("us-east-1");
  const auto* table = route_table_for_subnet(public_region, public_region.subnets.at(kSubnetA));
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->id, "rtb-0b2c3d4e5f6a7b8c9");
  ASSERT_EQ(table->routes.size(), 2u);
  EXPECT_EQ(table->routes[1].target, "igw-0b1c2d3e4f5a6b7c8");
  EXPECT_EQ(route_table_for_subnet(public_region, public_region.subnets.at(kSubnetB))->id,
            kMainTable);
}

TEST(Scenarios, RefusalsNameThePathAndTheValue) {
  json s = seed();
  east(s)["vpcs"][0]["cidr"] = "10.0.0.0/33";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/vpcs/0/cidr: \"10.0.0.0/33\" is not an IPv4 CIDR block");
  s = seed();
  east(s)["vpcs"][0]["enableDnsHostname"] = true;
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/vpcs/0/enableDnsHostname: unknown key \"enableDnsHostname\" "
            "(expected one of: id, cidr, enableDnsSupport, enableDnsHostnames, isDefault, tags)");
  s = seed();
  east(s)["subnets"][1]["vpc"] = "vpc-0123456789abcdef9";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/subnets/1/vpc: no VPC \"vpc-0123456789abcdef9\" in this region");
  s = seed();
  east(s)["subnets"][1]["id"] = kSubnetA;
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/subnets/1/id: \"subnet-0123456789abcdef0\" is used twice");
  s = seed();
  east(s)["subnets"][1]["availabilityZone"] = "us-east-1q";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/subnets/1/availabilityZone: \"us-east-1q\" is not a "
            "zone of us-east-1 (us-east-1a, us-east-1b, us-east-1c)");
  s = seed();
  east(s)["vpcs"][0]["id"] = "vpc-xyz";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/vpcs/0/id: \"vpc-xyz\" is not a vpc- ID (vpc- and 8 "
            "or 17 lower-case hex digits)");
  s = seed();
  east(s)["instances"][0]["privateIp"] = "10.0.2.10";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/privateIp: \"10.0.2.10\" is not a usable "
            "address of subnet-0123456789abcdef0 (10.0.1.0/24)");
  s = seed();
  east(s)["instances"][0]["ssmAgent"]["version"] = "latest";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/ssmAgent/version: \"latest\" is not an "
            "agent version (four numbers, e.g. 3.3.1142.0)");
  s = seed();
  east(s)["securityGroups"][1]["egress"][0]["protocol"] = "all";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/securityGroups/1/egress/0: Invalid value 'all' for IP "
            "protocol. Unknown protocol.");
  s = seed();
  east(s)["instances"][0]["iamInstanceProfile"]["arn"] = "arn:aws:iam::123456789012:role/X";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/iamInstanceProfile/arn: "
            "\"arn:aws:iam::123456789012:role/X\" is not an instance profile ARN "
            "(arn:aws:iam::123456789012:instance-profile/NAME)");
  s = seed();
  east(s)["vpcs"][0]["enableDnsSupport"] = "yes";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/vpcs/0/enableDnsSupport: expected true or false, got \"yes\"");
  s = seed();
  s["regions"]["useast1"] = json::object();
  EXPECT_EQ(refusal(s), "/regions/useast1: \"useast1\" is not a region name (us-east-1)");
  s = seed();
  east(s)["routeTables"][0]["routes"] = {{{"destination", "0.0.0.0/0"}, {"target", "internet"}}};
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/routeTables/0/routes/0/target: \"internet\" is not a "
            "gateway, NAT gateway, peering, interface or instance ID (igw-, nat-, "
            "tgw-, pcx-, eni-, i-, vgw-, ...)");
  s = seed();
  s["account"]["id"] = "12345";
  EXPECT_EQ(refusal(s), "/account/id: \"12345\" is not a 12-digit account ID");
}

TEST(Scenarios, HostsMapNamesToLoopbackAddressesForPortSessions) {
  json s = seed();
  east(s)["instances"][0]["hosts"] = {{"db.internal", "127.0.0.1"}, {"cache", "127.0.0.2"}};
  World world;
  load_scenario(world, s, kT0);
  const auto& hosts = world.region("us-east-1").instances.at(kInstance).reachable_hosts;
  EXPECT_EQ(hosts, (std::map<std::string, std::string>{{"cache", "127.0.0.2"},
                                                       {"db.internal", "127.0.0.1"}}));
  east(s)["instances"][0]["hosts"] = {{"db.internal", "10.0.5.4"}};
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/hosts/db.internal: \"10.0.5.4\" is not a loopback "
            "address (127.x.x.x): the emulator dials it from this machine");
  east(s)["instances"][0]["hosts"] = {{"db.internal", "localhost"}};
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/hosts/db.internal: expected an IPv4 address such "
            "as \"127.0.0.1\", got \"localhost\"");
  east(s)["instances"][0]["hosts"] = {{"db internal", "127.0.0.1"}};
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/hosts/db internal: \"db internal\" is not a host "
            "name (letters, digits, dots and hyphens)");
  east(s)["instances"][0]["hosts"] = json::array();
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/instances/0/hosts: expected an object of host names and IPv4 "
            "addresses, got []");
}

TEST(Scenarios, EndpointsAreCheckedAsCreateVpcEndpointChecksThem) {
  json s = builtin_scenario("endpoints-present");
  east(s)["vpcs"][0]["enableDnsHostnames"] = false;
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/vpcEndpoints/0: InvalidParameter: Enabling private DNS "
            "requires both enableDnsSupport and enableDnsHostnames VPC attributes set "
            "to true for vpc-0f00d1e2c3b4a5968");
  s = builtin_scenario("endpoints-present");
  east(s)["vpcEndpoints"][1]["service"] = "ssm";
  EXPECT_EQ(refusal(s),
            "/regions/us-east-1/vpcEndpoints/1: InvalidParameter: private-dns-enabled "
            "cannot be set because there is already a conflicting DNS domain for "
            "ssm.us-east-1.amazonaws.com in the VPC vpc-0f00d1e2c3b4a5968");
  auto world = scenario_world("endpoints-present");
  const auto& endpoint = world->regions.at("us-east-1").vpc_endpoints.at("vpce-0aaaaaaaaaaaaaaa1");
  EXPECT_EQ(endpoint.state, "available");
  EXPECT_EQ(endpoint.service_name, "com.amazonaws.us-east-1.ssm");
  EXPECT_TRUE(endpoint.private_dns_enabled);
}

TEST(Scenarios, ARefusedScenarioLeavesTheWorldAsItWas) {
  auto world = scenario_world("seed");
  json bad = builtin_scenario("public-subnet");
  east(bad)["instances"][0]["subnet"] = "subnet-0123456789abcdef9";
  EXPECT_THROW(load_scenario(*world, bad, kT0), ScenarioError);
  const auto& region = world->regions.at("us-east-1");
  EXPECT_EQ(region.route_tables.size(), 1u);
  EXPECT_FALSE(region.instances.at(kInstance).public_ip);
}

TEST(Scenarios, FilesAndBuiltinNames) {
  World world;
  load_scenario_file(world, "builtin:public-subnet");
  EXPECT_TRUE(world.regions.at("us-east-1").instances.at(kInstance).public_ip);
  try {
    load_scenario_file(world, "builtin:nope");
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()),
              "scenario builtin:nope: no built-in scenario \"nope\" (built in: "
              "boundary-excludes-ssmmessages dhmc-no-profile dns-hostnames-off "
              "endpoints-present inline-deny kms-preferences kms-preferences-allowed no-agent "
              "no-egress-443 no-instance-profile port-forwarding port-forwarding-basic "
              "public-subnet role-without-ssm-policy seed)");
  }

  json edited = seed();
  east(edited)["vpcs"][0]["cidr"] = "10.0.0.0/8";
  TempFile file(edited.dump(2));
  try {
    load_scenario_file(world, file.path);
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()),
              "scenario " + file.path +
                  ": /regions/us-east-1/vpcs/0/cidr: \"10.0.0.0/8\" is not "
                  "a VPC block (a network address, /16 to /28)");
  }
  TempFile broken("{\"regions\": ");
  try {
    load_scenario_file(world, broken.path);
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_TRUE(
        std::string(error.what()).starts_with("scenario " + broken.path + ": not valid JSON: "))
        << error.what();
  }
  try {
    load_scenario_file(world, "/nonexistent/scenario.json");
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot read scenario file /nonexistent/scenario.json: No such file or directory");
  }
  TempFile good(builtin_scenario("no-agent").dump());
  load_scenario_file(world, good.path);
  EXPECT_FALSE(world.regions.at("us-east-1").instances.at(kInstance).agent.installed);
}

TEST(Scenarios, NoPathIsTheSeed) {
  World world;
  load_scenario_file(world, "");
  EXPECT_TRUE(world.regions.at("us-east-1").instances.contains(kInstance));
}

TEST(Scenarios, PathsThatExistAtLoadCountAsOld) {
  auto present = scenario_world("endpoints-present");
  const auto& tracking = present->regions.at("us-east-1").agents.at(kInstance);
  EXPECT_TRUE(tracking.has_path);
  EXPECT_TRUE(tracking.ever_online);
  EXPECT_LT(tracking.changed, kT0 - std::chrono::hours(1));
  auto seed_world = scenario_world("seed");
  EXPECT_FALSE(seed_world->regions.at("us-east-1").agents.at(kInstance).ever_online);
  json registered = seed();
  east(registered)["instances"][0]["ssmRegistered"] = true;
  World world;
  load_scenario(world, registered, kT0);
  EXPECT_TRUE(world.regions.at("us-east-1").agents.at(kInstance).ever_online);
}

TEST(WorldDump, LoadsBackAsTheSameWorld) {
  for (const auto& name : kShipped) {
    auto world = scenario_world(name);
    json dump = dump_world(*world, kT0);
    World reloaded;
    load_scenario(reloaded, dump, kT0);
    EXPECT_EQ(dump_world(reloaded, kT0), dump) << name;
  }
}

TEST(WorldDump, CarriesVerdictsAndInterfaces) {
  auto world = scenario_world("endpoints-present");
  json dump = dump_world(*world, kT0);
  const json& instance = dump["regions"]["us-east-1"]["instances"][0];
  EXPECT_EQ(instance["id"], kInstance);
  EXPECT_EQ(instance["_ssm"]["reachable"], true);
  EXPECT_EQ(instance["_ssm"]["pingStatus"], "Online");
  EXPECT_EQ(instance["_ssm"]["blockers"], json::array());
  const json& endpoint = dump["regions"]["us-east-1"]["vpcEndpoints"][0];
  ASSERT_EQ(endpoint["_networkInterfaces"].size(), 2u);
  EXPECT_TRUE(
      endpoint["_networkInterfaces"][0]["privateIp"].get<std::string>().starts_with("10.0.1."));
  EXPECT_FALSE(dump.dump().contains("secretAccessKey"));

  auto seed_world = scenario_world("seed");
  json seed_dump = dump_world(*seed_world, kT0);
  const json& blocked = seed_dump["regions"]["us-east-1"]["instances"][0]["_ssm"];
  EXPECT_EQ(blocked["reachable"], false);
  EXPECT_EQ(blocked["pingStatus"], "");
  EXPECT_EQ(blocked["blockers"].size(), 2u);
}

}  // namespace
}  // namespace ssmlink::emulator
