// SSM: which agents DescribeInstanceInformation lists and with what PingStatus as paths
// come and go (explicit times, no sleeping), its filters and limits, and GetDocument for
// the Session Manager preferences.
#include "emulator/ssm/ssm_api.hpp"

#include <gtest/gtest.h>

#include "emulator/ec2/ec2_resources.hpp"
#include "world_fixture.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;
using nlohmann::json;
using std::chrono::milliseconds;

json ask(World& world, json body, TimePoint now) {
  ApiResponse response =
      call(world, ssm_request("DescribeInstanceInformation", std::move(body), now));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/x-amz-json-1.1");
  return json::parse(response.body);
}

// kInstance's PingStatus at that time, or "" when SSM does not list it.
std::string ping(World& world, TimePoint now) {
  json list = ask(world, json::object(), now)["InstanceInformationList"];
  for (const auto& item : list) {
    if (item["InstanceId"] == kInstance) return item["PingStatus"];
  }
  return "";
}

double epoch(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

std::string error(World& world, const std::string& action, json body) {
  return call_error(world, ssm_request(action, std::move(body)));
}

// Gives the seed's instance a path (ssm and ssmmessages endpoints, available) at `at`.
std::vector<std::string> open_path(World& world, TimePoint at) {
  auto& region = world.region("us-east-1");
  SecurityGroupRule https;
  https.protocol = "tcp";
  https.from_port = https.to_port = 443;
  https.cidr_ipv4 = "10.0.0.0/16";
  if (region.security_groups.at(kDefaultGroup).ingress.size() == 1) {
    EXPECT_TRUE(add_security_group_rule(world, region, kDefaultGroup, false, https));
  }
  std::vector<std::string> ids;
  for (const char* service : {"ssm", "ssmmessages"}) {
    VpcEndpointSpec spec;
    spec.vpc_id = kVpc;
    spec.type = "Interface";
    spec.service_name = std::string("com.amazonaws.us-east-1.") + service;
    spec.subnet_ids = {kSubnetA};
    auto id = create_vpc_endpoint(world, region, spec, at);
    EXPECT_TRUE(id) << id.error().message;
    set_vpc_endpoint_state(region, *id, "available");
    ids.push_back(*id);
  }
  world.network_changed(at);
  return ids;
}

void close_path(World& world, const std::vector<std::string>& ids, TimePoint at) {
  for (const auto& id : ids)
    EXPECT_TRUE(delete_vpc_endpoint(world.region("us-east-1"), id));
  world.network_changed(at);
}

TEST(DescribeInstanceInformation, OnlineFromTheStartWhenThePathExists) {
  auto world = scenario_world("endpoints-present");
  json answer = ask(*world, json::object(), kT0);
  ASSERT_EQ(answer["InstanceInformationList"].size(), 1u);
  const json& item = answer["InstanceInformationList"][0];
  EXPECT_EQ(item["InstanceId"], kInstance);
  EXPECT_EQ(item["PingStatus"], "Online");
  EXPECT_DOUBLE_EQ(item["LastPingDateTime"].get<double>(), epoch(kT0));
  EXPECT_EQ(item["AgentVersion"], "3.3.1142.0");
  EXPECT_EQ(item["IsLatestVersion"], true);
  EXPECT_EQ(item["PlatformType"], "Linux");
  EXPECT_EQ(item["PlatformName"], "Amazon Linux");
  EXPECT_EQ(item["PlatformVersion"], "2023");
  EXPECT_EQ(item["ResourceType"], "EC2Instance");
  EXPECT_EQ(item["IPAddress"], "10.0.1.10");
  EXPECT_EQ(item["ComputerName"], "ip-10-0-1-10.ec2.internal");
  EXPECT_EQ(item["SourceId"], kInstance);
  EXPECT_EQ(item["SourceType"], "AWS::EC2::Instance");
  EXPECT_FALSE(item.contains("IamRole"));  // an instance profile's role is not shown
  EXPECT_FALSE(answer.contains("NextToken"));
  EXPECT_EQ(ping(*scenario_world("public-subnet"), kT0), "Online");
}

TEST(DescribeInstanceInformation, UnregisteredAgentsAreNotListed) {
  for (const char* name :
       {"seed", "dns-hostnames-off", "no-egress-443", "no-instance-profile", "no-agent"}) {
    auto world = scenario_world(name);
    EXPECT_EQ(ask(*world, json::object(), kT0)["InstanceInformationList"].size(), 0u) << name;
  }
}

TEST(DescribeInstanceInformation, OnlineAfterTheDelayThenConnectionLost) {
  auto world = scenario_world("seed");
  auto ids = open_path(*world, kT0);
  EXPECT_EQ(ping(*world, kT0 + milliseconds(499)), "");
  EXPECT_EQ(ping(*world, kT0 + milliseconds(500)), "Online");
  close_path(*world, ids, kT0 + milliseconds(1000));
  EXPECT_EQ(ping(*world, kT0 + milliseconds(1499)), "Online");  // SSM has not noticed yet
  EXPECT_EQ(ping(*world, kT0 + milliseconds(1500)), "ConnectionLost");
  json lost = ask(*world, json::object(), kT0 + milliseconds(2000))["InstanceInformationList"][0];
  EXPECT_DOUBLE_EQ(lost["LastPingDateTime"].get<double>(), epoch(kT0 + milliseconds(1000)));
  // Back: ConnectionLost until the agent has reconnected.
  open_path(*world, kT0 + milliseconds(3000));
  EXPECT_EQ(ping(*world, kT0 + milliseconds(3200)), "ConnectionLost");
  EXPECT_EQ(ping(*world, kT0 + milliseconds(3500)), "Online");
}

TEST(DescribeInstanceInformation, ABriefLossGoesUnnoticed) {
  auto world = scenario_world("seed");
  auto ids = open_path(*world, kT0);
  EXPECT_EQ(ping(*world, kT0 + milliseconds(600)), "Online");
  close_path(*world, ids, kT0 + milliseconds(700));
  open_path(*world, kT0 + milliseconds(900));
  for (int t : {950, 1300, 2000})
    EXPECT_EQ(ping(*world, kT0 + milliseconds(t)), "Online") << t;
}

TEST(DescribeInstanceInformation, RegistrationIsRememberedWithoutBeingAsked) {
  auto world = scenario_world("seed");
  auto ids = open_path(*world, kT0);
  close_path(*world, ids, kT0 + milliseconds(600));  // Online from 500 ms, never asked
  EXPECT_EQ(ping(*world, kT0 + milliseconds(1200)), "ConnectionLost");
  // A path shorter than the delay never registers.
  auto brief = scenario_world("seed");
  ids = open_path(*brief, kT0);
  close_path(*brief, ids, kT0 + milliseconds(400));
  EXPECT_EQ(ping(*brief, kT0 + milliseconds(2000)), "");
}

TEST(DescribeInstanceInformation, PreviouslyRegisteredAgentIsConnectionLost) {
  json scenario = builtin_scenario("no-egress-443");
  scenario["regions"]["us-east-1"]["instances"][0]["ssmRegistered"] = true;
  World world;
  load_scenario(world, scenario, kT0);
  EXPECT_EQ(ping(world, kT0), "ConnectionLost");
  world.region("us-east-1").instances.at(kInstance).state = "stopped";
  EXPECT_EQ(ping(world, kT0), "");  // stopped instances are not returned
}

TEST(DescribeInstanceInformation, DefaultHostManagementShowsItsRole) {
  json scenario = builtin_scenario("endpoints-present");
  scenario["regions"]["us-east-1"]["instances"][0].erase("iamInstanceProfile");
  scenario["regions"]["us-east-1"]["defaultHostManagement"] = true;
  World world;
  load_scenario(world, scenario, kT0);
  json item = ask(world, json::object(), kT0)["InstanceInformationList"][0];
  EXPECT_EQ(item["PingStatus"], "Online");
  EXPECT_EQ(item["IamRole"], "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole");
}

TEST(DescribeInstanceInformation, Filters) {
  auto world = scenario_world("endpoints-present");
  auto count = [&](json filters, const char* list = "Filters") {
    return ask(*world, {{list, filters}}, kT0)["InstanceInformationList"].size();
  };
  EXPECT_EQ(count({{{"Key", "InstanceIds"}, {"Values", {kInstance}}}}), 1u);
  EXPECT_EQ(count({{{"Key", "InstanceIds"}, {"Values", {"i-0123456789abcdef9"}}}}), 0u);
  EXPECT_EQ(count({{{"Key", "PingStatus"}, {"Values", {"Online"}}}}), 1u);
  EXPECT_EQ(count({{{"Key", "PingStatus"}, {"Values", {"ConnectionLost"}}}}), 0u);
  EXPECT_EQ(count({{{"Key", "PlatformTypes"}, {"Values", {"Linux", "Windows"}}}}), 1u);
  EXPECT_EQ(count({{{"Key", "ResourceType"}, {"Values", {"EC2Instance"}}}}), 1u);
  EXPECT_EQ(count({{{"Key", "AgentVersion"}, {"Values", {"3.3.1142.0"}}}}), 1u);
  EXPECT_EQ(count({{{"Key", "tag:Name"}, {"Values", {"seed-instance"}}}}), 1u);
  EXPECT_EQ(count({{{"Key", "tag-key"}, {"Values", {"Owner"}}}}), 0u);
  EXPECT_EQ(
      count({{{"key", "InstanceIds"}, {"valueSet", {kInstance}}}}, "InstanceInformationFilterList"),
      1u);
  EXPECT_EQ(count({{{"key", "PingStatus"}, {"valueSet", {"ConnectionLost"}}}},
                  "InstanceInformationFilterList"),
            0u);
}

TEST(DescribeInstanceInformation, FilterErrors) {
  auto world = scenario_world("endpoints-present");
  auto filtered = [&](json filters) {
    return error(*world, "DescribeInstanceInformation", {{"Filters", filters}});
  };
  EXPECT_EQ(filtered({{{"Key", "PingStatus"}, {"Values", {"Offline"}}}}),
            "InvalidInstanceInformationFilterValue: PingStatus filter is invalid, valid values are "
            "Online, ConnectionLost, Inactive");
  EXPECT_EQ(
      filtered({{{"Key", "ResourceType"}, {"Values", {"EC2Instance", "ManagedInstance"}}}}),
      "InvalidInstanceInformationFilterValue: ResourceType filter may contain only one value.");
  EXPECT_EQ(filtered({{{"Key", "ResourceType"}, {"Values", {"Document"}}}}),
            "InvalidInstanceInformationFilterValue: ResourceType filter is invalid, valid values "
            "are EC2Instance, ManagedInstance");
  EXPECT_EQ(filtered({{{"Key", "tag:Name"}, {"Values", {"a"}}},
                      {{"Key", "PingStatus"}, {"Values", {"Online"}}}}),
            "ValidationException: Cannot mix tag or inventory filter with any other filter.");
  EXPECT_EQ(filtered({{{"Key", "tag:Name"}, {"Values", {"a", "b", "c", "d", "e", "f"}}}}),
            "ValidationException: The number of tag values for tag:Name was 6. Max: 5.");
  EXPECT_EQ(filtered({{{"Key", "Color"}, {"Values", {"blue"}}}}),
            "InvalidFilterKey: The filter key Color is not valid.");
  EXPECT_EQ(error(*world, "DescribeInstanceInformation",
                  {{"Filters", {{{"Key", "PingStatus"}, {"Values", {"Online"}}}}},
                   {"InstanceInformationFilterList",
                    {{{"key", "PingStatus"}, {"valueSet", {"Online"}}}}}}),
            "ValidationException: Filters and InstanceInformationFilterList cannot be used in the "
            "same request.");
}

TEST(DescribeInstanceInformation, MaxResultsAndNextToken) {
  json scenario = builtin_scenario("endpoints-present");
  auto& instances = scenario["regions"]["us-east-1"]["instances"];
  json base = instances[0];
  for (int i = 1; i <= 11; ++i) {
    json copy = base;
    char id[32];
    std::snprintf(id, sizeof id, "i-0b%015x", i);
    copy["id"] = id;
    copy["privateIp"] = "10.0.1." + std::to_string(20 + i);
    instances.push_back(copy);
  }
  World world;
  load_scenario(world, scenario, kT0);
  EXPECT_EQ(ask(world, json::object(), kT0)["InstanceInformationList"].size(), 10u);  // default
  std::vector<std::string> seen;
  json body = {{"MaxResults", 5}};
  int pages = 0;
  while (pages < 10) {
    json answer = ask(world, body, kT0);
    ++pages;
    for (const auto& item : answer["InstanceInformationList"])
      seen.push_back(item["InstanceId"]);
    if (!answer.contains("NextToken")) break;
    body["NextToken"] = answer["NextToken"];
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 12u);
  EXPECT_EQ(error(world, "DescribeInstanceInformation", {{"MaxResults", 4}}),
            "ValidationException: 1 validation error detected: Value '4' at 'maxResults' failed "
            "to satisfy constraint: Member must have value greater than or equal to 5");
  EXPECT_EQ(error(world, "DescribeInstanceInformation", {{"MaxResults", 100}}),
            "ValidationException: 1 validation error detected: Value '100' at 'maxResults' failed "
            "to satisfy constraint: Member must have value less than or equal to 50");
  EXPECT_EQ(error(world, "DescribeInstanceInformation", {{"NextToken", "nope"}}),
            "InvalidNextToken: The specified token is not valid.");
}

TEST(GetDocument, PreferencesDocument) {
  json scenario = builtin_scenario("seed");
  scenario["regions"]["us-east-1"]["sessionPreferences"] = {
      {"kmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd"},
      {"cloudWatchLogGroup", "/ssm/sessions"},
      {"s3Bucket", "session-logs"}};
  World world;
  load_scenario(world, scenario, kT0);
  ApiResponse response =
      call(world, ssm_request("GetDocument", {{"Name", "SSM-SessionManagerRunShell"}}));
  EXPECT_EQ(response.content_type, "application/x-amz-json-1.1");
  json answer = json::parse(response.body);
  EXPECT_EQ(answer["Name"], "SSM-SessionManagerRunShell");
  EXPECT_EQ(answer["DocumentType"], "Session");
  EXPECT_EQ(answer["DocumentFormat"], "JSON");
  EXPECT_EQ(answer["Status"], "Active");
  EXPECT_EQ(answer["DocumentVersion"], "1");
  json content = json::parse(answer["Content"].get<std::string>());
  EXPECT_EQ(content["schemaVersion"], "1.0");
  EXPECT_EQ(content["sessionType"], "Standard_Stream");
  const json& inputs = content["inputs"];
  EXPECT_EQ(inputs["kmsKeyId"], "arn:aws:kms:us-east-1:123456789012:key/1234abcd");
  EXPECT_EQ(inputs["cloudWatchLogGroupName"], "/ssm/sessions");
  EXPECT_EQ(inputs["s3BucketName"], "session-logs");
  for (const char* key :
       {"s3EncryptionEnabled", "cloudWatchEncryptionEnabled", "cloudWatchStreamingEnabled",
        "runAsEnabled", "runAsDefaultUser", "idleSessionTimeout", "maxSessionDuration",
        "shellProfile", "s3KeyPrefix"}) {
    EXPECT_TRUE(inputs.contains(key)) << key;
  }
  json yaml =
      json::parse(call(world, ssm_request("GetDocument", {{"Name", "SSM-SessionManagerRunShell"},
                                                          {"DocumentFormat", "YAML"}}))
                      .body);
  EXPECT_EQ(yaml["DocumentFormat"], "YAML");
  EXPECT_NE(yaml["Content"].get<std::string>().find("kmsKeyId: \"arn:aws:kms:"), std::string::npos)
      << yaml["Content"];
  EXPECT_EQ(error(world, "GetDocument", {{"Name", "AWS-StartPortForwardingSession"}}),
            "InvalidDocument: Document with name AWS-StartPortForwardingSession does not exist.");
}

TEST(GetDocument, NoPreferencesSavedMeansNoDocument) {
  auto world = scenario_world("seed");
  EXPECT_EQ(error(*world, "GetDocument", {{"Name", "SSM-SessionManagerRunShell"}}),
            "InvalidDocument: Document with name SSM-SessionManagerRunShell does not exist.");
  EXPECT_EQ(error(*world, "GetDocument", json::object()),
            "ValidationException: 1 validation error detected: Value null at 'name' failed to "
            "satisfy constraint: Member must not be null");
}

}  // namespace
}  // namespace ssmlink::emulator
