// Debian's AWS CLI against the emulator's IAM and SSM service settings: botocore parses
// the query XML (and URL-decodes policy documents) into the fields AWS would give, and a
// fix applied through it changes what SSM reports.
#include <gtest/gtest.h>

#include <thread>

#include "tests/support/running_emulator.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

constexpr const char* kIamInstance = "i-0a1b2c3d4e5f67890";
constexpr const char* kDhmcSetting = "/ssm/managed-instance/default-ec2-instance-management-role";

std::string iam_ping_status(const AwsCli& aws) {
  Json info = aws.json({"ssm", "describe-instance-information"});
  for (const auto& item : info["InstanceInformationList"]) {
    if (item["InstanceId"] == kIamInstance) return item["PingStatus"];
  }
  return "not registered";
}

std::string wait_for_online(const AwsCli& aws) {
  std::string status;
  for (int i = 0; i < 50; ++i) {
    status = iam_ping_status(aws);
    if (status == "Online") break;
    std::this_thread::sleep_for(100ms);
  }
  return status;
}

class IamAwsCli : public ::testing::Test {
 protected:
  RunningEmulator emulator{
      {"--scenario", "builtin:role-without-ssm-policy", "--online-delay-ms", "100"}};
  AwsCli aws{emulator};  // IAM is signed for us-east-1, as the CLI does for the global service
};

TEST_F(IamAwsCli, ReadsTheProfileRoleAndPolicies) {
  Json profile =
      aws.json({"iam", "get-instance-profile", "--instance-profile-name", "SSMInstanceProfile"});
  const Json& got = profile["InstanceProfile"];
  EXPECT_EQ(got["Arn"], "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
  ASSERT_EQ(got["Roles"].size(), 1u);
  EXPECT_EQ(got["Roles"][0]["RoleName"], "SSMInstanceRole");
  // botocore decodes the URL-encoded trust policy into JSON.
  EXPECT_EQ(got["Roles"][0]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
            "ec2.amazonaws.com");

  Json role = aws.json({"iam", "get-role", "--role-name", "SSMInstanceRole"});
  EXPECT_EQ(role["Role"]["Arn"], "arn:aws:iam::123456789012:role/SSMInstanceRole");
  EXPECT_TRUE(role["Role"]["RoleId"].get<std::string>().starts_with("AROA"));
  EXPECT_FALSE(role["Role"]["CreateDate"].get<std::string>().empty());

  Json attached =
      aws.json({"iam", "list-attached-role-policies", "--role-name", "SSMInstanceRole"});
  ASSERT_EQ(attached["AttachedPolicies"].size(), 1u);
  EXPECT_EQ(attached["AttachedPolicies"][0]["PolicyName"], "ReadOnlyAccess");

  Json version =
      aws.json({"iam", "get-policy-version", "--policy-arn",
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "--version-id", "v2"});
  const Json& document = version["PolicyVersion"]["Document"];
  ASSERT_TRUE(document.is_object()) << version.dump();
  EXPECT_EQ(document["Version"], "2012-10-17");
  EXPECT_EQ(document["Statement"][1]["Action"],
            Json::array({"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                         "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"}));
  EXPECT_EQ(version["PolicyVersion"]["IsDefaultVersion"], true);

  auto missing = aws.run({"iam", "get-role", "--role-name", "Nope"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("(NoSuchEntity)"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("The role with name Nope cannot be found."), std::string::npos);
}

TEST_F(IamAwsCli, SimulateThenAttachBringsTheInstanceOnline) {
  EXPECT_EQ(iam_ping_status(aws), "not registered");
  Json simulated = aws.json({"iam", "simulate-principal-policy", "--policy-source-arn",
                             "arn:aws:iam::123456789012:role/SSMInstanceRole", "--action-names",
                             "ssm:UpdateInstanceInformation", "ssm:DescribeInstanceInformation"});
  ASSERT_EQ(simulated["EvaluationResults"].size(), 2u);
  EXPECT_EQ(simulated["EvaluationResults"][0]["EvalDecision"], "implicitDeny");
  EXPECT_EQ(simulated["EvaluationResults"][1]["EvalDecision"], "allowed");
  EXPECT_EQ(simulated["EvaluationResults"][1]["MatchedStatements"][0]["SourcePolicyId"],
            "ReadOnlyAccess");

  EXPECT_EQ(aws.json({"iam", "attach-role-policy", "--role-name", "SSMInstanceRole", "--policy-arn",
                      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}),
            nullptr);
  EXPECT_EQ(wait_for_online(aws), "Online");
}

TEST_F(IamAwsCli, ServiceSettingSwitchesDefaultHostManagement) {
  Json setting = aws.json({"ssm", "get-service-setting", "--setting-id", kDhmcSetting});
  EXPECT_EQ(setting["ServiceSetting"]["SettingValue"], "$None");
  EXPECT_EQ(setting["ServiceSetting"]["Status"], "Default");
  emulator.admin_post("scenario", R"({"regions": {"us-east-1": {}}, "iam": {"roles": [
      {"name": "AWSSystemsManagerDefaultEC2InstanceManagementRole", "path": "/service-role/",
       "trust": "ssm.amazonaws.com",
       "managedPolicies": ["AmazonSSMManagedEC2InstanceDefaultPolicy"]}]}})");
  aws.json({"ssm", "update-service-setting", "--setting-id", kDhmcSetting, "--setting-value",
            "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole"});
  setting = aws.json({"ssm", "get-service-setting", "--setting-id", kDhmcSetting});
  EXPECT_EQ(setting["ServiceSetting"]["SettingValue"],
            "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole");
  EXPECT_EQ(setting["ServiceSetting"]["Status"], "Customized");
  EXPECT_EQ(setting["ServiceSetting"]["ARN"],
            "arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/managed-instance/"
            "default-ec2-instance-management-role");
}

TEST(IamAwsCliFaults, DeniedGetInstanceProfileIsAccessDenied) {
  RunningEmulator emulator{{"--fault-op", "iam:GetInstanceProfile=denied"}};
  AwsCli aws{emulator};
  auto denied =
      aws.run({"iam", "get-instance-profile", "--instance-profile-name", "SSMInstanceProfile"});
  EXPECT_NE(denied.exit_code, 0);
  EXPECT_NE(denied.err.find("(AccessDenied)"), std::string::npos) << denied.err;
  EXPECT_NE(denied.err.find("iam:GetInstanceProfile"), std::string::npos) << denied.err;
  EXPECT_EQ(aws.json({"iam", "get-role", "--role-name", "SSMInstanceRole"})["Role"]["RoleName"],
            "SSMInstanceRole");
}

}  // namespace
}  // namespace ssmlink::testing
