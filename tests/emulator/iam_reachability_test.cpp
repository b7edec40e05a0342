// IAM decides whether the agent comes Online: each IAM scenario with endpoints present,
// the fix doctor would suggest applied through the IAM API, Default Host Management
// Configuration switched by UpdateServiceSetting, and KMS session preferences.
#include <gtest/gtest.h>

#include "emulator/iam/iam_entities.hpp"
#include "emulator/ssm/reachability.hpp"
#include "emulator/world_dump.hpp"
#include "iam_test_support.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;
using std::chrono::seconds;

PathVerdict iam_verdict(World& world) {
  auto& region = world.region("us-east-1");
  return judge_ssm_path(world, region, region.instances.at(kInstance));
}

// PingStatus as DescribeInstanceInformation shows it at `now` ("" when not listed).
std::string ping_at(World& world, TimePoint now) {
  auto response =
      call(world, ssm_request("DescribeInstanceInformation", nlohmann::json::object(), now));
  auto list = nlohmann::json::parse(response.body)["InstanceInformationList"];
  return list.empty() ? "" : list[0]["PingStatus"].get<std::string>();
}

std::string only_blocker(const PathVerdict& verdict) {
  EXPECT_EQ(verdict.blockers.size(), 1u);
  return verdict.blockers.empty() ? "" : verdict.blockers[0];
}

TEST(IamReachability, RoleWithoutSsmPolicyComesOnlineOnceTheCorePolicyIsAttached) {
  auto world = scenario_world("role-without-ssm-policy");
  EXPECT_EQ(only_blocker(iam_verdict(*world)),
            "the role SSMInstanceRole (the instance profile "
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile of i-0a1b2c3d4e5f67890) "
            "is not allowed ssm:UpdateInstanceInformation: no policy of the role allows it "
            "(policies: ReadOnlyAccess) (and Default Host Management Configuration is off)");
  EXPECT_EQ(ping_at(*world, kT0), "");
  auto fixed = iam_ask(*world, "AttachRolePolicy",
                       {{"RoleName", "SSMInstanceRole"},
                        {"PolicyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}},
                       kT0 + seconds(1));
  ASSERT_EQ(fixed.error, "");
  EXPECT_TRUE(iam_verdict(*world).reachable);
  EXPECT_EQ(ping_at(*world, kT0 + seconds(2)), "Online");
}

TEST(IamReachability, InlineDenyWinsUntilDeleted) {
  auto world = scenario_world("inline-deny");
  EXPECT_NE(only_blocker(iam_verdict(*world))
                .find("is not allowed ssmmessages:CreateControlChannel: denied explicitly by "
                      "inline policy DenySessionChannels"),
            std::string::npos);
  EXPECT_EQ(ping_at(*world, kT0), "");
  iam_ask(*world, "DeleteRolePolicy",
          {{"RoleName", "SSMInstanceRole"}, {"PolicyName", "DenySessionChannels"}},
          kT0 + seconds(1));
  EXPECT_EQ(ping_at(*world, kT0 + seconds(2)), "Online");
}

TEST(IamReachability, BoundaryExcludingSsmMessagesUntilRemoved) {
  auto world = scenario_world("boundary-excludes-ssmmessages");
  EXPECT_NE(only_blocker(iam_verdict(*world))
                .find("is not allowed ssmmessages:CreateControlChannel: its permissions boundary "
                      "arn:aws:iam::123456789012:policy/SsmAgentBoundary does not allow it"),
            std::string::npos);
  EXPECT_EQ(ping_at(*world, kT0), "");
  iam_ask(*world, "DeleteRolePermissionsBoundary", {{"RoleName", "SSMInstanceRole"}},
          kT0 + seconds(1));
  EXPECT_EQ(ping_at(*world, kT0 + seconds(2)), "Online");
  // Putting it back cuts the agent off again.
  iam_ask(*world, "PutRolePermissionsBoundary",
          {{"RoleName", "SSMInstanceRole"},
           {"PermissionsBoundary", "arn:aws:iam::123456789012:policy/SsmAgentBoundary"}},
          kT0 + seconds(3));
  EXPECT_EQ(ping_at(*world, kT0 + seconds(5)), "ConnectionLost");
}

TEST(IamReachability, TrustMustNameEc2) {
  auto world = scenario_world("endpoints-present");
  world->iam.roles.at("SSMInstanceRole").trust_policy =
      service_trust_policy({"lambda.amazonaws.com"});
  EXPECT_NE(only_blocker(iam_verdict(*world)).find("does not trust ec2.amazonaws.com"),
            std::string::npos);
}

TEST(IamReachability, DefaultHostManagementByServiceSetting) {
  auto world = scenario_world("dhmc-no-profile");
  EXPECT_TRUE(iam_verdict(*world).reachable) << only_blocker(iam_verdict(*world));
  auto info = call(*world, ssm_request("DescribeInstanceInformation", nlohmann::json::object()));
  EXPECT_EQ(nlohmann::json::parse(info.body)["InstanceInformationList"][0]["IamRole"],
            kDefaultHostManagementRole);
  const std::string setting = "/ssm/managed-instance/default-ec2-instance-management-role";
  auto read_setting = [&](TimePoint now) {
    auto answer = call(*world, ssm_request("GetServiceSetting", {{"SettingId", setting}}, now));
    return nlohmann::json::parse(answer.body)["ServiceSetting"];
  };
  EXPECT_EQ(read_setting(kT0)["SettingValue"], kDefaultHostManagementRole);

  auto reset =
      call(*world, ssm_request("ResetServiceSetting", {{"SettingId", setting}}, kT0 + seconds(1)));
  auto off = nlohmann::json::parse(reset.body)["ServiceSetting"];
  EXPECT_EQ(off["SettingValue"], "$None");
  EXPECT_EQ(off["Status"], "Default");
  EXPECT_EQ(off["ARN"],
            "arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/managed-instance/"
            "default-ec2-instance-management-role");
  EXPECT_EQ(only_blocker(iam_verdict(*world)),
            "no IAM instance profile is attached to i-0a1b2c3d4e5f67890 (and Default Host "
            "Management Configuration is off)");
  EXPECT_EQ(ping_at(*world, kT0 + seconds(3)), "ConnectionLost");

  call(*world, ssm_request("UpdateServiceSetting",
                           {{"SettingId", setting}, {"SettingValue", kDefaultHostManagementRole}},
                           kT0 + seconds(4)));
  auto on = read_setting(kT0 + seconds(4));
  EXPECT_EQ(on["Status"], "Customized");
  EXPECT_EQ(on["LastModifiedUser"], "arn:aws:iam::123456789012:user/emulator");
  EXPECT_EQ(ping_at(*world, kT0 + seconds(5)), "Online");

  // A role that does not exist is accepted by SSM but gives the agent nothing.
  call(*world,
       ssm_request("UpdateServiceSetting", {{"SettingId", setting}, {"SettingValue", "NoSuchRole"}},
                   kT0 + seconds(6)));
  EXPECT_NE(only_blocker(iam_verdict(*world))
                .find("the Default Host Management Configuration role NoSuchRole does not exist"),
            std::string::npos);
  EXPECT_EQ(call_error(*world, ssm_request("GetServiceSetting", {{"SettingId", "/ssm/other"}})),
            "ServiceSettingNotFound: The service setting /ssm/other was not found.");
}

TEST(IamReachability, DefaultHostManagementTrueMakesItsRole) {
  auto scenario = builtin_scenario("no-instance-profile");
  scenario["regions"]["us-east-1"]["defaultHostManagement"] = true;
  World world;
  load_scenario(world, scenario, kT0);
  const IamRole& role = world.iam.roles.at("AWSSystemsManagerDefaultEC2InstanceManagementRole");
  EXPECT_EQ(role.arn,
            "arn:aws:iam::123456789012:role/service-role/"
            "AWSSystemsManagerDefaultEC2InstanceManagementRole");
  EXPECT_EQ(
      role.attached_policy_arns,
      std::vector<std::string>{"arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy"});
  EXPECT_EQ(world.regions.at("us-east-1").default_host_management_role, kDefaultHostManagementRole);
}

TEST(IamReachability, KmsPreferencesBlockSessionsNotTheAgent) {
  auto world = scenario_world("kms-preferences");
  PathVerdict verdict = iam_verdict(*world);
  EXPECT_TRUE(verdict.reachable);
  ASSERT_EQ(verdict.session_blockers.size(), 1u);
  EXPECT_NE(verdict.session_blockers[0].find(
                "is not allowed kms:Decrypt on "
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            std::string::npos)
      << verdict.session_blockers[0];
  auto dump = dump_world(*world, kT0);
  const auto& ssm = dump["regions"]["us-east-1"]["instances"][0]["_ssm"];
  EXPECT_EQ(ssm["pingStatus"], "Online");
  EXPECT_EQ(ssm["sessionBlockers"].size(), 1u);

  auto allowed = scenario_world("kms-preferences-allowed");
  EXPECT_TRUE(iam_verdict(*allowed).session_blockers.empty());
}

TEST(IamReachability, AssociatingTheProfileBringsItOnline) {
  auto world = scenario_world("endpoints-present");
  world->region("us-east-1").instances.at(kInstance).profile.reset();
  world->network_changed(kT0);
  EXPECT_FALSE(iam_verdict(*world).reachable);
  auto answer = call(*world, ec2_request("AssociateIamInstanceProfile",
                                         {{"InstanceId", kInstance},
                                          {"IamInstanceProfile.Name", "SSMInstanceProfile"}},
                                         kT0 + seconds(1)));
  auto xml = parse_xml(answer.body);
  EXPECT_EQ(text_at(xml->root(), "iamInstanceProfileAssociation/iamInstanceProfile/arn"),
            "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
  EXPECT_TRUE(iam_verdict(*world).reachable);
  EXPECT_EQ(call_error(*world, ec2_request("AssociateIamInstanceProfile",
                                           {{"InstanceId", kInstance},
                                            {"IamInstanceProfile.Name", "SSMInstanceProfile"}})),
            "IncorrectState: There is an existing association for instance i-0a1b2c3d4e5f67890");
  EXPECT_EQ(call_error(*world, ec2_request("AssociateIamInstanceProfile",
                                           {{"InstanceId", kInstance},
                                            {"IamInstanceProfile.Name", "Nope"}})),
            "InvalidParameterValue: Value (Nope) for parameter iamInstanceProfile.name is "
            "invalid. Invalid IAM Instance Profile name");
}

TEST(IamReachability, LegacyProfileKeysStillMeanWhatTheySaid) {
  auto scenario = builtin_scenario("endpoints-present");
  scenario["regions"]["us-east-1"]["instances"][0]["iamInstanceProfile"]["ssmCorePolicy"] = false;
  World world;
  load_scenario(world, scenario, kT0);
  EXPECT_TRUE(world.iam.roles.at("SSMInstanceRole").attached_policy_arns.empty());
  EXPECT_FALSE(iam_verdict(world).reachable);
}

TEST(IamReachability, ScenarioErrorsNameThePath) {
  auto with_iam = [](const char* iam) {
    auto scenario = builtin_scenario("seed");
    scenario["iam"] = nlohmann::json::parse(iam);
    World world;
    try {
      load_scenario(world, scenario, kT0);
    } catch (const ScenarioError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  EXPECT_EQ(
      with_iam(R"({"roles": [{"name": "R", "managedPolicies": ["AmazonSSMCore"]}]})").substr(0, 60),
      "/iam/roles/0/managedPolicies/0: no policy \"AmazonSSMCore\" (A");
  EXPECT_EQ(with_iam(R"({"roles": [{"name": "R", "trusts": "ec2.amazonaws.com"}]})").substr(0, 41),
            "/iam/roles/0/trusts: unknown key \"trusts\"");
  EXPECT_EQ(with_iam(R"({"instanceProfiles": [{"name": "P", "role": "Missing"}]})"),
            "/iam/instanceProfiles/0/role: no role \"Missing\" in iam.roles");
  EXPECT_NE(with_iam(R"({"roles": [{"name": "R", "inlinePolicies":
                           {"P": {"Statement": {"Effect": "Allow"}}}}]})")
                .find("/iam/roles/0/inlinePolicies/P: not a valid policy document"),
            std::string::npos);
}

}  // namespace
}  // namespace ssmlink::emulator
