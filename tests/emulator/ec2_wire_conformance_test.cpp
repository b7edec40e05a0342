// What a real client makes of the world's answers: each EC2 and SSM response is handed to
// botocore's own parser (the copy Debian's awscli bundles, with that package's models) by
// /usr/bin/python3, and the test checks the fields botocore parsed — names, types (ints,
// booleans, timestamps) and nesting — not only that parsing did not fail. The HTTP server
// is not needed: the bodies come straight from the handlers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "emulator/ec2/ec2_resources.hpp"
#include "world_fixture.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;
using nlohmann::json;

// Reads {"ec2": {"DescribeVpcs": {"body": ..., "status": 200}}, "ssm": {...}} on the file
// named by argv[1]; prints {"ec2.DescribeVpcs": <parsed>, ...}. Timestamps print as
// botocore's datetime objects do (str). No single quotes: it goes through the shell.
constexpr const char* kParseScript = R"py(
import json, sys
try:
    from awscli.botocore import session, parsers
except ImportError:
    from botocore import session, parsers
cases = json.load(open(sys.argv[1]))
models = session.get_session()
out = {}
for service, operations in cases.items():
    model = models.get_service_model(service)
    parser = parsers.create_parser(model.metadata["protocol"])
    for operation, case in operations.items():
        name = operation.split("#")[0]
        shape = model.operation_model(name).output_shape
        response = {"body": case["body"].encode(), "status_code": case["status"],
                    "headers": {"x-amzn-requestid": "req-json"}}
        out[service + "." + operation] = parser.parse(response, shape)
print(json.dumps(out, default=str))
)py";

// Reads [{"operation": ..., "params": {...}}, ...] on the file named by argv[1]; prints
// the form fields botocore's ec2 serializer sends for each, as strings.
constexpr const char* kSerializeScript = R"py(
import json, sys
try:
    from awscli.botocore import session, serialize
except ImportError:
    from botocore import session, serialize
model = session.get_session().get_service_model("ec2")
serializer = serialize.create_serializer("ec2")
out = []
for case in json.load(open(sys.argv[1])):
    body = serializer.serialize_to_request(case["params"], model.operation_model(case["operation"]))["body"]
    out.append({key: str(value) for key, value in body.items()})
print(json.dumps(out))
)py";

bool botocore_available() {
  return std::system("/usr/bin/python3 -c \"import awscli.botocore\" >/dev/null 2>&1") == 0 ||
         std::system("/usr/bin/python3 -c \"import botocore\" >/dev/null 2>&1") == 0;
}

// Runs a script (no single quotes: it goes through the shell) over a JSON input file and
// returns its JSON output.
json run_python(const char* script, const json& input) {
  std::filesystem::path file = std::filesystem::temp_directory_path() /
                               ("ssmlink-wire-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << input.dump();
  std::string command =
      "/usr/bin/python3 -c '" + std::string(script) + "' " + file.string() + " 2>&1";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
      output.append(buffer, n);
    pclose(pipe);
  }
  std::filesystem::remove(file);
  json parsed = json::parse(output, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << output;
  return parsed;
}

json parse_with_botocore(const json& cases) {
  return run_python(kParseScript, cases);
}

struct Cases {
  json cases = json::object();
  void ec2(World& world, const std::string& key, std::map<std::string, std::string> params = {}) {
    std::string action = key.substr(0, key.find('#'));
    ApiResponse response = call(world, ec2_request(action, std::move(params)));
    cases["ec2"][key] = {{"body", response.body}, {"status", response.status}};
  }
  void ssm(World& world, const std::string& action, json body) {
    ApiResponse response = call(world, ssm_request(action, std::move(body)));
    cases["ssm"][action] = {{"body", response.body}, {"status", response.status}};
  }
};

// The parsed answers, by "service.Operation[#variant]"; one python run per test.
class Parsed {
 public:
  explicit Parsed(const json& cases) : parsed_(parse_with_botocore(cases)) {}
  const json& operator()(const std::string& key) const {
    static const json missing;
    return parsed_.contains(key) ? parsed_[key] : missing;
  }

 private:
  json parsed_;
};

#define REQUIRE_BOTOCORE()          \
  ASSERT_TRUE(botocore_available()) \
      << "Debian's awscli (botocore) is not installed (scripts/setup.sh)"

void check_DescribeVpcs(const Parsed& parsed) {
  const json& r = parsed("ec2.DescribeVpcs");
  EXPECT_EQ(r["ResponseMetadata"]["RequestId"], "11111111-2222-4333-8444-555555555555");
  ASSERT_EQ(r["Vpcs"].size(), 1u) << r;
  const json& vpc = r["Vpcs"][0];
  EXPECT_EQ(vpc["VpcId"], kVpc);
  EXPECT_EQ(vpc["CidrBlock"], "10.0.0.0/16");
  EXPECT_EQ(vpc["State"], "available");
  EXPECT_EQ(vpc["IsDefault"], false);
  EXPECT_EQ(vpc["OwnerId"], "123456789012");
  EXPECT_EQ(vpc["CidrBlockAssociationSet"][0]["CidrBlockState"]["State"], "associated");
  EXPECT_EQ(vpc["Tags"][0], (json{{"Key", "Name"}, {"Value", "seed-vpc"}}));
}

void check_DescribeVpcAttribute(const Parsed& parsed) {
  const json& r = parsed("ec2.DescribeVpcAttribute");
  EXPECT_EQ(r["VpcId"], kVpc);
  EXPECT_EQ(r["EnableDnsHostnames"], (json{{"Value", false}})) << r;
  EXPECT_FALSE(r.contains("EnableDnsSupport"));
}

void check_DescribeSubnets(const Parsed& parsed) {
  const json& subnets = parsed("ec2.DescribeSubnets")["Subnets"];
  ASSERT_EQ(subnets.size(), 2u);
  EXPECT_EQ(subnets[0]["SubnetId"], kSubnetA);
  EXPECT_EQ(subnets[0]["AvailabilityZone"], "us-east-1a");
  EXPECT_EQ(subnets[0]["AvailabilityZoneId"], "use1-az1");
  EXPECT_EQ(subnets[0]["AvailableIpAddressCount"], 247);  // instance and 3 endpoint interfaces
  EXPECT_EQ(subnets[0]["MapPublicIpOnLaunch"], false);
  EXPECT_EQ(subnets[1]["SubnetArn"],
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0fedcba9876543210");
}

void check_DescribeSecurityGroups(const Parsed& parsed) {
  const json& groups = parsed("ec2.DescribeSecurityGroups")["SecurityGroups"];
  ASSERT_EQ(groups.size(), 3u);
  for (const auto& group : groups) {
    if (group["GroupId"] == kInstanceGroup) {
      const json& egress = group["IpPermissionsEgress"][0];
      EXPECT_EQ(egress["IpProtocol"], "tcp");
      EXPECT_EQ(egress["FromPort"], 443);
      EXPECT_EQ(egress["ToPort"], 443);
      EXPECT_EQ(egress["IpRanges"][0]["CidrIp"], "0.0.0.0/0");
      EXPECT_EQ(egress["IpRanges"][0]["Description"], "HTTPS out");
      EXPECT_EQ(egress["UserIdGroupPairs"], json::array());
      EXPECT_EQ(egress["PrefixListIds"], json::array());
      EXPECT_EQ(group["IpPermissions"], json::array());
      EXPECT_EQ(group["Description"], "The instance: HTTPS out to anywhere");
    }
    if (group["GroupId"] == kDefaultGroup) {
      const json& self = group["IpPermissions"][0];
      EXPECT_EQ(self["IpProtocol"], "-1");
      EXPECT_FALSE(self.contains("FromPort"));
      EXPECT_EQ(self["UserIdGroupPairs"][0]["GroupId"], kDefaultGroup);
      EXPECT_EQ(self["UserIdGroupPairs"][0]["UserId"], "123456789012");
    }
    if (group["GroupId"] == kEndpointGroup) {
      EXPECT_EQ(group["GroupName"], "ssm-endpoints");
      EXPECT_EQ(group["IpPermissions"][0]["IpRanges"][0]["CidrIp"], "10.0.0.0/16");
    }
  }
}

void check_DescribeSecurityGroupRules(const Parsed& parsed) {
  const json& rules = parsed("ec2.DescribeSecurityGroupRules")["SecurityGroupRules"];
  ASSERT_EQ(rules.size(), 2u);
  for (const auto& rule : rules) {
    EXPECT_EQ(rule["GroupId"], kEndpointGroup);
    EXPECT_TRUE(rule["IsEgress"].is_boolean());
    if (rule["IsEgress"] == false) {
      EXPECT_EQ(rule["FromPort"], 443);
      EXPECT_EQ(rule["CidrIpv4"], "10.0.0.0/16");
    }
  }
}

void check_DescribeNetworkAcls(const Parsed& parsed) {
  const json& acl = parsed("ec2.DescribeNetworkAcls")["NetworkAcls"][0];
  EXPECT_EQ(acl["NetworkAclId"], kAcl);
  EXPECT_EQ(acl["IsDefault"], true);
  EXPECT_EQ(acl["Associations"].size(), 2u);
  EXPECT_EQ(acl["Associations"][1]["SubnetId"], kSubnetB);
  ASSERT_EQ(acl["Entries"].size(), 4u);
  const json& entry = acl["Entries"][0];
  EXPECT_EQ(entry["RuleNumber"], 100);
  EXPECT_EQ(entry["Protocol"], "-1");
  EXPECT_EQ(entry["RuleAction"], "allow");
  EXPECT_EQ(entry["Egress"], false);
  EXPECT_EQ(entry["CidrBlock"], "0.0.0.0/0");
}

void check_DescribeRouteTables(const Parsed& parsed) {
  const json& tables = parsed("ec2.DescribeRouteTables")["RouteTables"];
  ASSERT_EQ(tables.size(), 2u);
  for (const auto& table : tables) {
    if (table["RouteTableId"] == kMainTable) {
      EXPECT_EQ(table["Associations"][0]["Main"], true);
      EXPECT_EQ(table["Routes"][0]["GatewayId"], "local");
      EXPECT_EQ(table["Routes"][0]["Origin"], "CreateRouteTable");
    } else {
      EXPECT_EQ(table["Associations"][0]["Main"], false);
      EXPECT_EQ(table["Associations"][0]["SubnetId"], kSubnetA);
      EXPECT_EQ(table["Associations"][0]["AssociationState"]["State"], "associated");
      EXPECT_EQ(table["Routes"][1]["DestinationCidrBlock"], "0.0.0.0/0");
      EXPECT_EQ(table["Routes"][1]["GatewayId"], "igw-0b1c2d3e4f5a6b7c8");
      EXPECT_EQ(table["Routes"][1]["State"], "active");
    }
  }
}

void check_DescribeVpcEndpoints(const Parsed& parsed) {
  const json& endpoints = parsed("ec2.DescribeVpcEndpoints")["VpcEndpoints"];
  ASSERT_EQ(endpoints.size(), 3u);
  const json& ssm = endpoints[0];
  EXPECT_EQ(ssm["VpcEndpointId"], "vpce-0aaaaaaaaaaaaaaa1");
  EXPECT_EQ(ssm["VpcEndpointType"], "Interface");
  EXPECT_EQ(ssm["ServiceName"], "com.amazonaws.us-east-1.ssm");
  EXPECT_EQ(ssm["State"], "available");
  EXPECT_EQ(ssm["PrivateDnsEnabled"], true);
  EXPECT_EQ(ssm["RequesterManaged"], false);
  EXPECT_EQ(ssm["SubnetIds"], (json{kSubnetA, kSubnetB}));
  EXPECT_EQ(ssm["Groups"][0], (json{{"GroupId", kEndpointGroup}, {"GroupName", "ssm-endpoints"}}));
  EXPECT_EQ(ssm["NetworkInterfaceIds"].size(), 2u);
  EXPECT_EQ(ssm["DnsEntries"].back()["DnsName"], "ssm.us-east-1.amazonaws.com");
  EXPECT_EQ(ssm["RouteTableIds"], json::array());
  EXPECT_TRUE(ssm["CreationTimestamp"].get<std::string>().starts_with("2024-05-31 00:00:00"))
      << ssm["CreationTimestamp"];
  EXPECT_EQ(ssm["Tags"][0]["Value"], "existing-ssm");
  const json& page = parsed("ec2.DescribeVpcEndpoints#page");
  EXPECT_EQ(page["VpcEndpoints"].size(), 1u);
  EXPECT_TRUE(page["NextToken"].is_string());
}

void check_DescribeVpcEndpointServices(const Parsed& parsed) {
  const json& r = parsed("ec2.DescribeVpcEndpointServices");
  EXPECT_EQ(r["ServiceNames"], (json{"com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.ssm"}));
  ASSERT_EQ(r["ServiceDetails"].size(), 3u);  // s3 is offered as Gateway and as Interface
  for (const auto& detail : r["ServiceDetails"]) {
    if (detail["ServiceName"] == "com.amazonaws.us-east-1.ssm") {
      EXPECT_EQ(detail["ServiceType"], (json{{{"ServiceType", "Interface"}}}));
      EXPECT_EQ(detail["PrivateDnsName"], "ssm.us-east-1.amazonaws.com");
      EXPECT_EQ(detail["AvailabilityZones"], (json{"us-east-1a", "us-east-1b", "us-east-1c"}));
      EXPECT_EQ(detail["AcceptanceRequired"], false);
      EXPECT_EQ(detail["Owner"], "amazon");
    }
  }
}

void check_DescribeInstances(const Parsed& parsed) {
  const json& reservation = parsed("ec2.DescribeInstances")["Reservations"][0];
  EXPECT_EQ(reservation["OwnerId"], "123456789012");
  const json& instance = reservation["Instances"][0];
  EXPECT_EQ(instance["InstanceId"], kInstance);
  EXPECT_EQ(instance["State"], (json{{"Code", 16}, {"Name", "running"}}));
  EXPECT_EQ(instance["SubnetId"], kSubnetA);
  EXPECT_EQ(instance["VpcId"], kVpc);
  EXPECT_EQ(instance["PrivateIpAddress"], "10.0.1.10");
  EXPECT_EQ(instance["PublicIpAddress"], "203.0.113.10");
  EXPECT_EQ(instance["PublicDnsName"], "ec2-203-0-113-10.compute-1.amazonaws.com");
  EXPECT_EQ(instance["SecurityGroups"][0]["GroupId"], kInstanceGroup);
  EXPECT_EQ(instance["IamInstanceProfile"]["Arn"],
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
  EXPECT_EQ(instance["MetadataOptions"]["HttpTokens"], "required");
  EXPECT_EQ(instance["Placement"]["AvailabilityZone"], "us-east-1a");
  EXPECT_EQ(instance["NetworkInterfaces"][0]["Association"]["PublicIp"], "203.0.113.10");
  EXPECT_TRUE(instance["LaunchTime"].get<std::string>().starts_with("2024-05-31"));
  EXPECT_EQ(instance["Tags"][0]["Value"], "seed-instance");
}

void check_DescribeIamInstanceProfileAssociations(const Parsed& parsed) {
  const json& association =
      parsed("ec2.DescribeIamInstanceProfileAssociations")["IamInstanceProfileAssociations"][0];
  EXPECT_EQ(association["InstanceId"], kInstance);
  EXPECT_EQ(association["State"], "associated");
  EXPECT_EQ(association["IamInstanceProfile"]["Arn"],
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
}

void check_ChangesAnswerAsTheModelSays(const Parsed& parsed) {
  EXPECT_TRUE(parsed("ec2.CreateSecurityGroup")["GroupId"].get<std::string>().starts_with("sg-"));
  const json& endpoint = parsed("ec2.CreateVpcEndpoint")["VpcEndpoint"];
  EXPECT_EQ(endpoint["State"], "pending");
  EXPECT_EQ(endpoint["ServiceName"], "com.amazonaws.us-east-1.ssm");
  EXPECT_EQ(endpoint["PrivateDnsEnabled"], true);
  const json& failed = parsed("ec2.DeleteVpcEndpoints")["Unsuccessful"][0];
  EXPECT_EQ(failed["ResourceId"], "vpce-0123456789abcdef9");
  EXPECT_EQ(failed["Error"]["Code"], "InvalidVpcEndpointId.NotFound");
}

void check_SsmDescribeInstanceInformation(const Parsed& parsed) {
  const json& list = parsed("ssm.DescribeInstanceInformation")["InstanceInformationList"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["InstanceId"], kInstance);
  EXPECT_EQ(list[0]["PingStatus"], "Online");
  EXPECT_EQ(list[0]["ResourceType"], "EC2Instance");
  EXPECT_EQ(list[0]["IsLatestVersion"], true);
  EXPECT_TRUE(list[0]["LastPingDateTime"].get<std::string>().starts_with("2024-06-01 00:00:00"))
      << list[0]["LastPingDateTime"];
}

void check_SsmGetDocument(const Parsed& parsed) {
  const json& document = parsed("ssm.GetDocument");
  EXPECT_EQ(document["Name"], "SSM-SessionManagerRunShell");
  EXPECT_EQ(document["DocumentType"], "Session");
  EXPECT_EQ(document["DocumentFormat"], "JSON");
  json content = json::parse(document["Content"].get<std::string>());
  EXPECT_EQ(content["inputs"]["kmsKeyId"], "alias/sessions");
}

TEST(WireConformance, Ec2DescribeCalls) {
  REQUIRE_BOTOCORE();
  Cases c;
  auto present = scenario_world("endpoints-present");
  auto dns_off = scenario_world("dns-hostnames-off");
  auto pub = scenario_world("public-subnet");
  c.ec2(*present, "DescribeVpcs");
  c.ec2(*dns_off, "DescribeVpcAttribute", {{"VpcId", kVpc}, {"Attribute", "enableDnsHostnames"}});
  c.ec2(*present, "DescribeSubnets");
  c.ec2(*present, "DescribeSecurityGroups");
  c.ec2(*present, "DescribeSecurityGroupRules",
        {{"Filter.1.Name", "group-id"}, {"Filter.1.Value.1", kEndpointGroup}});
  c.ec2(*present, "DescribeNetworkAcls");
  c.ec2(*pub, "DescribeRouteTables");
  c.ec2(*present, "DescribeVpcEndpoints");
  c.ec2(*present, "DescribeVpcEndpoints#page", {{"MaxResults", "1"}});
  c.ec2(*present, "DescribeVpcEndpointServices",
        {{"ServiceName.1", "com.amazonaws.us-east-1.ssm"},
         {"ServiceName.2", "com.amazonaws.us-east-1.s3"}});
  c.ec2(*pub, "DescribeInstances");
  c.ec2(*present, "DescribeIamInstanceProfileAssociations");
  Parsed parsed(c.cases);
  check_DescribeVpcs(parsed);
  check_DescribeVpcAttribute(parsed);
  check_DescribeSubnets(parsed);
  check_DescribeSecurityGroups(parsed);
  check_DescribeSecurityGroupRules(parsed);
  check_DescribeNetworkAcls(parsed);
  check_DescribeRouteTables(parsed);
  check_DescribeVpcEndpoints(parsed);
  check_DescribeVpcEndpointServices(parsed);
  check_DescribeInstances(parsed);
  check_DescribeIamInstanceProfileAssociations(parsed);
}

TEST(WireConformance, Ec2Changes) {
  REQUIRE_BOTOCORE();
  Cases c;
  auto seed = scenario_world("seed");
  c.ec2(*seed, "CreateSecurityGroup",
        {{"GroupName", "ssm"}, {"GroupDescription", "SSM endpoints"}, {"VpcId", kVpc}});
  c.ec2(*seed, "CreateVpcEndpoint",
        {{"VpcId", kVpc},
         {"ServiceName", "com.amazonaws.us-east-1.ssm"},
         {"VpcEndpointType", "Interface"},
         {"SubnetId.1", kSubnetA}});
  c.ec2(*seed, "DeleteVpcEndpoints", {{"VpcEndpointId.1", "vpce-0123456789abcdef9"}});
  check_ChangesAnswerAsTheModelSays(Parsed(c.cases));
}

TEST(WireConformance, Ssm) {
  REQUIRE_BOTOCORE();
  Cases c;
  auto present = scenario_world("endpoints-present");
  c.ssm(*present, "DescribeInstanceInformation", json::object());
  json prefs = builtin_scenario("seed");
  prefs["regions"]["us-east-1"]["sessionPreferences"] = {{"kmsKeyId", "alias/sessions"}};
  World with_prefs;
  load_scenario(with_prefs, prefs, kT0);
  c.ssm(with_prefs, "GetDocument", {{"Name", "SSM-SessionManagerRunShell"}});
  Parsed parsed(c.cases);
  check_SsmDescribeInstanceInformation(parsed);
  check_SsmGetDocument(parsed);
}

TEST(WireConformance, Ec2RequestsAsBotocoreSendsThem) {
  REQUIRE_BOTOCORE();
  json requests = json::array({
      {{"operation", "DescribeVpcs"},
       {"params", {{"Filters", {{{"Name", "tag:Name"}, {"Values", {"seed-*"}}}}}}}},
      {{"operation", "DescribeVpcAttribute"},
       {"params", {{"VpcId", kVpc}, {"Attribute", "enableDnsHostnames"}}}},
      {{"operation", "DescribeSecurityGroups"}, {"params", {{"GroupIds", {kInstanceGroup}}}}},
      {{"operation", "DescribeInstances"},
       {"params",
        {{"MaxResults", 5},
         {"Filters", {{{"Name", "instance-state-name"}, {"Values", {"running", "pending"}}}}}}}},
      {{"operation", "DescribeVpcEndpointServices"},
       {"params", {{"ServiceNames", {"com.amazonaws.us-east-1.ssmmessages"}}}}},
      {{"operation", "CreateSecurityGroup"},
       {"params",
        {{"GroupName", "ssm"},
         {"Description", "SSM endpoints"},
         {"VpcId", kVpc},
         {"TagSpecifications",
          {{{"ResourceType", "security-group"},
            {"Tags", {{{"Key", "Name"}, {"Value", "ssm"}}}}}}}}}},
      {{"operation", "CreateVpcEndpoint"},
       {"params",
        {{"VpcId", kVpc},
         {"ServiceName", "com.amazonaws.us-east-1.ssm"},
         {"VpcEndpointType", "Interface"},
         {"SubnetIds", {kSubnetA, kSubnetB}},
         {"SecurityGroupIds", {kInstanceGroup}},
         {"PrivateDnsEnabled", true},
         {"TagSpecifications",
          {{{"ResourceType", "vpc-endpoint"}, {"Tags", {{{"Key", "Name"}, {"Value", "ssm"}}}}}}}}}},
  });
  json bodies = run_python(kSerializeScript, requests);
  ASSERT_EQ(bodies.size(), requests.size()) << bodies;
  auto world = scenario_world("seed");
  std::vector<std::unique_ptr<Xml>> answers;
  for (const auto& body : bodies) {
    std::map<std::string, std::string> params = body.get<std::map<std::string, std::string>>();
    ApiResponse response = call(*world, ec2_request(params.at("Action"), params));
    answers.push_back(parse_xml(response.body));
  }
  auto root = [&](size_t i) { return answers[i]->root(); };
  EXPECT_EQ(text_at(root(0), "vpcSet/item/vpcId"), kVpc);
  EXPECT_EQ(text_at(root(1), "enableDnsHostnames/value"), "true");
  EXPECT_EQ(text_at(root(2), "securityGroupInfo/item/groupId"), kInstanceGroup);
  EXPECT_EQ(text_at(root(3), "reservationSet/item/instancesSet/item/instanceId"), kInstance);
  EXPECT_EQ(text_at(root(4), "serviceDetailSet/item/serviceName"),
            "com.amazonaws.us-east-1.ssmmessages");
  EXPECT_EQ(text_at(root(5), "tagSet/item/value"), "ssm");
  const auto& endpoint = root(6).child("vpcEndpoint");
  EXPECT_EQ(text_at(endpoint, "privateDnsEnabled"), "true");
  EXPECT_EQ(count_children(endpoint.child("subnetIdSet")), 2u);
  EXPECT_EQ(text_at(endpoint, "groupSet/item/groupId"), kInstanceGroup);
  EXPECT_EQ(text_at(endpoint, "tagSet/item/value"), "ssm");
}

}  // namespace
}  // namespace ssmlink::emulator
