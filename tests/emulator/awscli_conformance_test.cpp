// Debian's AWS CLI (a real AWS client, botocore inside) against the ssmlink-emulator
// executable: if it parses what the emulator says into the fields AWS would give, the
// emulator speaks AWS's wire format. Every check reads the fields the CLI parsed.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/running_emulator.hpp"
#include "util/files.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

constexpr const char* kVpc = "vpc-0f00d1e2c3b4a5968";
constexpr const char* kSubnet = "subnet-0123456789abcdef0";
constexpr const char* kInstanceSg = "sg-0aa11bb22cc33dd44";
constexpr const char* kInstance = "i-0a1b2c3d4e5f67890";

// Polls describe-stacks until the stack leaves *_IN_PROGRESS; returns the last status.
std::string settle(const AwsCli& aws, const std::string& stack) {
  std::string status;
  for (int i = 0; i < 200; ++i) {
    Json stacks = aws.json({"cloudformation", "describe-stacks", "--stack-name", stack});
    status = stacks["Stacks"][0]["StackStatus"];
    if (status.find("IN_PROGRESS") == std::string::npos) return status;
    std::this_thread::sleep_for(50ms);
  }
  return status;
}

std::string ping_status(const AwsCli& aws) {
  Json info = aws.json({"ssm", "describe-instance-information", "--filters",
                        std::string("Key=InstanceIds,Values=") + kInstance});
  if (info["InstanceInformationList"].empty()) return "not registered";
  return info["InstanceInformationList"][0]["PingStatus"];
}

std::string ssmlink_template() {
  auto result = run_process({binary_path("ssmlink"), "template", "--format", "json"},
                            {"PATH=/usr/bin:/bin", "HOME=/nonexistent"}, 20s);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.out;
}

class AwsCliConformance : public ::testing::Test {
 protected:
  RunningEmulator emulator{{"--provision-ms", "100", "--online-delay-ms", "200"}};
  AwsCli aws{emulator};
  TempDir files;
};

TEST_F(AwsCliConformance, StsAndEc2Describes) {
  Json identity = aws.json({"sts", "get-caller-identity"});
  EXPECT_EQ(identity["Account"], "123456789012");
  EXPECT_EQ(identity["Arn"], "arn:aws:iam::123456789012:user/emulator");
  EXPECT_FALSE(identity["UserId"].get<std::string>().empty());

  Json vpcs = aws.json({"ec2", "describe-vpcs", "--vpc-ids", kVpc});
  ASSERT_EQ(vpcs["Vpcs"].size(), 1u);
  EXPECT_EQ(vpcs["Vpcs"][0]["VpcId"], kVpc);
  EXPECT_EQ(vpcs["Vpcs"][0]["CidrBlock"], "10.0.0.0/16");
  EXPECT_EQ(vpcs["Vpcs"][0]["IsDefault"], false);

  for (const char* attribute : {"enableDnsSupport", "enableDnsHostnames"}) {
    Json value =
        aws.json({"ec2", "describe-vpc-attribute", "--vpc-id", kVpc, "--attribute", attribute});
    EXPECT_EQ(value["VpcId"], kVpc);
    std::string key = std::string(attribute);
    key[0] = 'E';
    EXPECT_EQ(value[key]["Value"], true) << attribute;
  }

  Json groups = aws.json({"ec2", "describe-security-groups", "--group-ids", kInstanceSg});
  ASSERT_EQ(groups["SecurityGroups"].size(), 1u);
  const Json& group = groups["SecurityGroups"][0];
  EXPECT_EQ(group["VpcId"], kVpc);
  bool https_out = false;
  for (const auto& rule : group["IpPermissionsEgress"]) {
    if (rule["IpProtocol"] == "tcp" && rule["FromPort"] == 443 && rule["ToPort"] == 443) {
      https_out = rule["IpRanges"][0]["CidrIp"] == "0.0.0.0/0";
    }
  }
  EXPECT_TRUE(https_out) << group.dump();

  EXPECT_TRUE(aws.json({"ec2", "describe-vpc-endpoints"})["VpcEndpoints"].empty());
  Json filtered =
      aws.json({"ec2", "describe-subnets", "--filters", std::string("Name=vpc-id,Values=") + kVpc});
  EXPECT_EQ(filtered["Subnets"].size(), 2u);

  auto missing = aws.run({"ec2", "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("InvalidVpcID.NotFound"), std::string::npos) << missing.err;
}

// The seed post's own template, verbatim, in a copy of the seed account moved to Tokyo
// (the template hard-codes ap-northeast-1).
TEST_F(AwsCliConformance, TheSeedTemplateCreatesAndDeletesInTokyo) {
  std::string tokyo = std::regex_replace(read_file(source_path("emulator/scenarios/seed.json")),
                                         std::regex("us-east-1"), "ap-northeast-1");
  emulator.admin_post("scenario", tokyo);
  AwsCli tokyo_aws(emulator, "ap-northeast-1");
  std::string body =
      "file://" + source_path("tests/data/seed/vpc-endpoints-for-session-managers.yml");
  Json created = tokyo_aws.json(
      {"cloudformation", "create-stack", "--stack-name", "vpce-for-ssm", "--template-body", body,
       "--parameters", std::string("ParameterKey=VpcId,ParameterValue=") + kVpc,
       std::string("ParameterKey=SubnetId,ParameterValue=") + kSubnet,
       std::string("ParameterKey=Ec2InstanceSg,ParameterValue=") + kInstanceSg});
  std::string stack_id = created["StackId"];
  EXPECT_TRUE(std::regex_match(
      stack_id,
      std::regex(
          "arn:aws:cloudformation:ap-northeast-1:123456789012:stack/vpce-for-ssm/[-0-9a-f]{36}")))
      << stack_id;
  EXPECT_EQ(settle(tokyo_aws, "vpce-for-ssm"), "CREATE_COMPLETE");
  auto wait = tokyo_aws.run(
      {"cloudformation", "wait", "stack-create-complete", "--stack-name", "vpce-for-ssm"});
  EXPECT_EQ(wait.exit_code, 0) << wait.err;

  Json endpoints = tokyo_aws.json(
      {"ec2", "describe-vpc-endpoints", "--filters", std::string("Name=vpc-id,Values=") + kVpc});
  ASSERT_EQ(endpoints["VpcEndpoints"].size(), 3u);
  for (const auto& endpoint : endpoints["VpcEndpoints"]) {
    EXPECT_EQ(endpoint["VpcEndpointType"], "Interface");
    EXPECT_EQ(endpoint["PrivateDnsEnabled"], true);
    EXPECT_EQ(endpoint["SubnetIds"], Json::array({kSubnet}));
    EXPECT_TRUE(
        endpoint["ServiceName"].get<std::string>().starts_with("com.amazonaws.ap-northeast-1."));
  }
  Json resources = tokyo_aws.json(
      {"cloudformation", "describe-stack-resources", "--stack-name", "vpce-for-ssm"});
  EXPECT_EQ(resources["StackResources"].size(), 4u);

  tokyo_aws.json({"cloudformation", "delete-stack", "--stack-name", "vpce-for-ssm"});
  auto deleted = tokyo_aws.run(
      {"cloudformation", "wait", "stack-delete-complete", "--stack-name", stack_id}, 90s);
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_TRUE(tokyo_aws.json({"ec2", "describe-vpc-endpoints"})["VpcEndpoints"].empty());
  // Deleted stacks stay describable by ID.
  Json gone = tokyo_aws.json({"cloudformation", "describe-stacks", "--stack-name", stack_id});
  EXPECT_EQ(gone["Stacks"][0]["StackStatus"], "DELETE_COMPLETE");
}

// ssmlink's own parameterised template: create, the instance comes Online, events read,
// delete, the instance loses its connection.
TEST_F(AwsCliConformance, SsmlinksTemplateBringsTheInstanceOnline) {
  std::string path = files.write("template.json", ssmlink_template());
  EXPECT_EQ(ping_status(aws), "not registered");
  aws.json({"cloudformation", "create-stack", "--stack-name", "ssmlink-test", "--template-body",
            "file://" + path, "--tags", "Key=ssmlink:managed,Value=true", "--parameters",
            std::string("ParameterKey=VpcId,ParameterValue=") + kVpc,
            std::string("ParameterKey=SubnetIds,ParameterValue=") + kSubnet,
            std::string("ParameterKey=InstanceSecurityGroupId,ParameterValue=") + kInstanceSg});
  EXPECT_EQ(settle(aws, "ssmlink-test"), "CREATE_COMPLETE");
  auto wait =
      aws.run({"cloudformation", "wait", "stack-create-complete", "--stack-name", "ssmlink-test"});
  EXPECT_EQ(wait.exit_code, 0) << wait.err;

  Json events =
      aws.json({"cloudformation", "describe-stack-events", "--stack-name", "ssmlink-test"});
  const Json& list = events["StackEvents"];
  ASSERT_FALSE(list.empty());
  // Newest first: the stack's CREATE_COMPLETE leads, its CREATE_IN_PROGRESS closes.
  EXPECT_EQ(list.front()["LogicalResourceId"], "ssmlink-test");
  EXPECT_EQ(list.front()["ResourceStatus"], "CREATE_COMPLETE");
  EXPECT_EQ(list.back()["ResourceStatus"], "CREATE_IN_PROGRESS");
  EXPECT_EQ(list.back()["ResourceType"], "AWS::CloudFormation::Stack");
  int completed = 0;
  for (const auto& event : list) {
    if (event["ResourceStatus"] == "CREATE_COMPLETE" &&
        event["ResourceType"] == "AWS::EC2::VPCEndpoint") {
      ++completed;
      EXPECT_TRUE(event["PhysicalResourceId"].get<std::string>().starts_with("vpce-"));
    }
  }
  EXPECT_EQ(completed, 3);

  std::string status;
  for (int i = 0; i < 100 && status != "Online"; ++i) {
    status = ping_status(aws);
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(status, "Online");
  Json info = aws.json({"ssm", "describe-instance-information"});
  EXPECT_EQ(info["InstanceInformationList"][0]["AgentVersion"], "3.3.1142.0");
  EXPECT_EQ(info["InstanceInformationList"][0]["PlatformType"], "Linux");
  EXPECT_EQ(info["InstanceInformationList"][0]["ResourceType"], "EC2Instance");

  aws.json({"cloudformation", "delete-stack", "--stack-name", "ssmlink-test"});
  auto deleted = aws.run(
      {"cloudformation", "wait", "stack-delete-complete", "--stack-name", "ssmlink-test"}, 90s);
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  for (int i = 0; i < 100 && status != "ConnectionLost"; ++i) {
    status = ping_status(aws);
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(status, "ConnectionLost");
}

TEST_F(AwsCliConformance, DnsHostnamesOffRollsBackWithAwssMessage) {
  emulator.load_scenario("dns-hostnames-off");
  std::string path = files.write("template.yaml", ssmlink_template());
  aws.json({"cloudformation", "create-stack", "--stack-name", "dns-off", "--template-body",
            "file://" + path, "--parameters",
            std::string("ParameterKey=VpcId,ParameterValue=") + kVpc,
            std::string("ParameterKey=SubnetIds,ParameterValue=") + kSubnet,
            std::string("ParameterKey=InstanceSecurityGroupId,ParameterValue=") + kInstanceSg});
  EXPECT_EQ(settle(aws, "dns-off"), "ROLLBACK_COMPLETE");
  auto wait =
      aws.run({"cloudformation", "wait", "stack-create-complete", "--stack-name", "dns-off"});
  EXPECT_NE(wait.exit_code, 0);
  EXPECT_NE(wait.err.find("ROLLBACK_COMPLETE"), std::string::npos) << wait.err;

  Json events = aws.json({"cloudformation", "describe-stack-events", "--stack-name", "dns-off"});
  bool dns_message = false;
  for (const auto& event : events["StackEvents"]) {
    if (event["ResourceStatus"] == "CREATE_FAILED" &&
        event.value("ResourceStatusReason", "")
                .find(std::string("Enabling private DNS requires both enableDnsSupport and "
                                  "enableDnsHostnames VPC attributes set to true for ") +
                      kVpc) != std::string::npos) {
      dns_message = true;
    }
  }
  EXPECT_TRUE(dns_message) << events.dump(2);
  EXPECT_EQ(events["StackEvents"][0]["ResourceStatus"], "ROLLBACK_COMPLETE");
  EXPECT_TRUE(aws.json({"ec2", "describe-vpc-endpoints"})["VpcEndpoints"].empty());
}

// What the emulator's injected faults look like to a real client. An HTML page where JSON
// was expected (as a non-AWS emulator answers a call it lacks) is an error, not a hang.
TEST(AwsCliAgainstFaults, AnHtmlPageForDescribeInstanceInformationIsAnErrorNotAHang) {
  RunningEmulator emulator{{"--fault-op", "ssm:DescribeInstanceInformation=html"}};
  AwsCli aws{emulator};
  auto started = std::chrono::steady_clock::now();
  ProcessResult result = aws.run({"ssm", "describe-instance-information"}, 60s);
  EXPECT_FALSE(result.timed_out);
  EXPECT_GT(result.exit_code, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
  EXPECT_TRUE(result.err.find("(500)") != std::string::npos ||
              result.err.find("(502)") != std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("DescribeInstanceInformation"), std::string::npos) << result.err;
  std::vector<Json> requests = emulator.requests();
  ASSERT_EQ(requests.size(), 1u);  // AWS_MAX_ATTEMPTS=1: no retries
  EXPECT_EQ(requests[0]["fault"], "html");
  // Only that operation fails.
  EXPECT_EQ(aws.json({"sts", "get-caller-identity"})["Account"], "123456789012");
}

// Access denied and an unknown code, in each protocol's envelope, read by botocore's parsers.
TEST(AwsCliAgainstFaults, DeniedAndUnknownErrorsAreReadWithTheirCodes) {
  RunningEmulator emulator{{"--fault-op", "ec2:DescribeVpcs=denied", "--fault-op",
                            "sts:GetCallerIdentity=denied", "--fault-op",
                            "ssm:DescribeInstanceInformation=denied", "--fault-op",
                            "cloudformation:DescribeStacks=unknown"}};
  AwsCli aws{emulator};
  // botocore writes "An error occurred (CODE) when calling the OP operation (reached max
  // retries: 0): MESSAGE".
  struct Case {
    std::vector<std::string> command;
    std::string error;
    std::string message;
  };
  const std::string user = "User: arn:aws:iam::123456789012:user/emulator";
  for (const Case& expected : std::vector<Case>{
           {{"ec2", "describe-vpcs"},
            "(UnauthorizedOperation) when calling the DescribeVpcs operation",
            ": You are not authorized to perform this operation."},
           {{"sts", "get-caller-identity"},
            "(AccessDenied) when calling the GetCallerIdentity operation",
            ": " + user + " is not authorized to perform: sts:GetCallerIdentity"},
           {{"ssm", "describe-instance-information"},
            "(AccessDeniedException) when calling the DescribeInstanceInformation operation",
            ": " + user + " is not authorized to perform: ssm:DescribeInstanceInformation"},
           {{"cloudformation", "describe-stacks"},
            "(WeirdInternalThing) when calling the DescribeStacks operation",
            ": Something"},
       }) {
    ProcessResult result = aws.run(expected.command);
    EXPECT_GT(result.exit_code, 0) << expected.command[1];
    EXPECT_NE(result.err.find(expected.error), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(expected.message), std::string::npos) << result.err;
  }
}

}  // namespace
}  // namespace ssmlink::testing
