// The IAM API handlers: each read and write call, pagination, NoSuchEntity and
// MalformedPolicyDocument, URL-encoded documents, SimulatePrincipalPolicy.
#include <gtest/gtest.h>

#include "emulator/iam/iam_lookup.hpp"
#include "iam_test_support.hpp"

namespace ssmlink::emulator {
namespace {

using namespace testing;

constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/SSMInstanceRole";
constexpr const char* kCoreArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

// %XX back to bytes, as botocore decodes IAM's documents.
std::string url_decoded(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

TEST(IamApi, GetInstanceProfileAndRoleOfTheSeed) {
  auto world = scenario_world("seed");
  auto profile =
      iam_ask(*world, "GetInstanceProfile", {{"InstanceProfileName", "SSMInstanceProfile"}});
  ASSERT_EQ(profile.error, "");
  auto node = profile.result.child("InstanceProfile");
  EXPECT_EQ(text_at(node, "Arn"), "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile");
  EXPECT_TRUE(text_at(node, "InstanceProfileId").starts_with("AIPA"));
  EXPECT_EQ(text_at(node, "Roles/member/RoleName"), "SSMInstanceRole");
  EXPECT_EQ(text_at(node, "Roles/member/Arn"), kRoleArn);

  auto role = iam_ask(*world, "GetRole", {{"RoleName", "SSMInstanceRole"}});
  ASSERT_EQ(role.error, "");
  std::string trust = text_at(role.result, "Role/AssumeRolePolicyDocument");
  EXPECT_TRUE(trust.starts_with("%7B%22Version%22")) << trust;  // RFC 3986, as IAM sends it
  auto document = nlohmann::json::parse(url_decoded(trust));
  EXPECT_EQ(document["Statement"][0]["Principal"]["Service"], "ec2.amazonaws.com");
  EXPECT_TRUE(text_at(role.result, "Role/RoleId").starts_with("AROA"));

  EXPECT_EQ(iam_ask(*world, "GetRole", {{"RoleName", "Nope"}}).error,
            "NoSuchEntity: The role with name Nope cannot be found.");
  EXPECT_EQ(iam_ask(*world, "GetInstanceProfile", {{"InstanceProfileName", "Nope"}}).error,
            "NoSuchEntity: Instance Profile Nope cannot be found.");
  EXPECT_TRUE(iam_ask(*world, "GetRole").error.starts_with("ValidationError: "));
}

TEST(IamApi, PoliciesOfARoleAndTheirDocuments) {
  auto world = scenario_world("inline-deny");
  auto attached = iam_ask(*world, "ListAttachedRolePolicies", {{"RoleName", "SSMInstanceRole"}});
  EXPECT_EQ(text_at(attached.result, "AttachedPolicies/member/PolicyArn"), kCoreArn);
  EXPECT_EQ(text_at(attached.result, "IsTruncated"), "false");
  auto names = iam_ask(*world, "ListRolePolicies", {{"RoleName", "SSMInstanceRole"}});
  EXPECT_EQ(text_at(names.result, "PolicyNames/member"), "DenySessionChannels");
  auto inline_policy =
      iam_ask(*world, "GetRolePolicy",
              {{"RoleName", "SSMInstanceRole"}, {"PolicyName", "DenySessionChannels"}});
  auto document =
      nlohmann::json::parse(url_decoded(text_at(inline_policy.result, "PolicyDocument")));
  EXPECT_EQ(document["Statement"][0]["Action"], "ssmmessages:*");
  EXPECT_EQ(iam_ask(*world, "GetRolePolicy", {{"RoleName", "SSMInstanceRole"}, {"PolicyName", "X"}})
                .error,
            "NoSuchEntity: The role policy with name X cannot be found.");

  auto policy = iam_ask(*world, "GetPolicy", {{"PolicyArn", kCoreArn}});
  EXPECT_EQ(text_at(policy.result, "Policy/DefaultVersionId"), "v2");
  EXPECT_EQ(text_at(policy.result, "Policy/AttachmentCount"), "1");
  auto version =
      iam_ask(*world, "GetPolicyVersion", {{"PolicyArn", kCoreArn}, {"VersionId", "v2"}});
  auto core = nlohmann::json::parse(url_decoded(text_at(version.result, "PolicyVersion/Document")));
  EXPECT_EQ(core["Statement"][1]["Action"][0], "ssmmessages:CreateControlChannel");
  EXPECT_EQ(text_at(version.result, "PolicyVersion/IsDefaultVersion"), "true");
  EXPECT_TRUE(iam_ask(*world, "GetPolicyVersion", {{"PolicyArn", kCoreArn}, {"VersionId", "v1"}})
                  .error.starts_with("NoSuchEntity: "));
  EXPECT_EQ(
      iam_ask(*world, "GetPolicy", {{"PolicyArn", "arn:aws:iam::aws:policy/Nope"}}).error,
      "NoSuchEntity: Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
}

TEST(IamApi, CustomerPoliciesAndBoundaries) {
  auto world = scenario_world("boundary-excludes-ssmmessages");
  std::string arn = "arn:aws:iam::123456789012:policy/SsmAgentBoundary";
  auto role = iam_ask(*world, "GetRole", {{"RoleName", "SSMInstanceRole"}});
  EXPECT_EQ(text_at(role.result, "Role/PermissionsBoundary/PermissionsBoundaryArn"), arn);
  auto policy = iam_ask(*world, "GetPolicy", {{"PolicyArn", arn}});
  EXPECT_EQ(text_at(policy.result, "Policy/PermissionsBoundaryUsageCount"), "1");
  EXPECT_TRUE(text_at(policy.result, "Policy/PolicyId").starts_with("ANPA"));
  auto version = iam_ask(*world, "GetPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v1"}});
  auto document =
      nlohmann::json::parse(url_decoded(text_at(version.result, "PolicyVersion/Document")));
  EXPECT_EQ(document["Statement"][0]["Action"][1], "ec2messages:*");
}

TEST(IamApi, ListRolesPaginatesWithMarker) {
  auto world = scenario_world("seed");
  for (const char* name : {"RoleA", "RoleB", "RoleC"}) {
    auto created = iam_ask(
        *world, "CreateRole",
        {{"RoleName", name},
         {"AssumeRolePolicyDocument",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
    ASSERT_EQ(created.error, "");
  }
  std::vector<std::string> seen;
  std::string marker;
  int pages = 0;
  do {
    std::map<std::string, std::string> params = {{"MaxItems", "2"}};
    if (!marker.empty()) params["Marker"] = marker;
    auto page = iam_ask(*world, "ListRoles", params);
    ASSERT_EQ(page.error, "");
    for (auto member : page.result.child("Roles").children("member"))
      seen.push_back(member.child("RoleName").text().as_string());
    marker = text_at(page.result, "Marker");
    EXPECT_EQ(text_at(page.result, "IsTruncated"), marker.empty() ? "false" : "true");
    ++pages;
  } while (!marker.empty());
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen, (std::vector<std::string>{"RoleA", "RoleB", "RoleC", "SSMInstanceRole"}));
  EXPECT_TRUE(
      iam_ask(*world, "ListRoles", {{"MaxItems", "0"}}).error.starts_with("ValidationError"));
  EXPECT_TRUE(
      iam_ask(*world, "ListRoles", {{"Marker", "bogus"}}).error.starts_with("ValidationError"));
  auto profiles = iam_ask(*world, "ListInstanceProfiles", {{"MaxItems", "1"}});
  EXPECT_EQ(text_at(profiles.result, "InstanceProfiles/member/InstanceProfileName"),
            "SSMInstanceProfile");
  EXPECT_EQ(text_at(profiles.result, "IsTruncated"), "false");
}

TEST(IamApi, WriteCallsChangeTheRole) {
  auto world = scenario_world("role-without-ssm-policy");
  const IamRole& role = world->iam.roles.at("SSMInstanceRole");
  EXPECT_EQ(iam_ask(*world, "AttachRolePolicy",
                    {{"RoleName", "SSMInstanceRole"}, {"PolicyArn", kCoreArn}})
                .error,
            "");
  EXPECT_EQ(role.attached_policy_arns.back(), kCoreArn);
  EXPECT_EQ(iam_ask(*world, "DetachRolePolicy",
                    {{"RoleName", "SSMInstanceRole"}, {"PolicyArn", kCoreArn}})
                .error,
            "");
  EXPECT_EQ(iam_ask(*world, "DetachRolePolicy",
                    {{"RoleName", "SSMInstanceRole"}, {"PolicyArn", kCoreArn}})
                .error,
            "NoSuchEntity: Policy " + std::string(kCoreArn) + " was not found.");
  EXPECT_TRUE(
      iam_ask(*world, "AttachRolePolicy",
              {{"RoleName", "SSMInstanceRole"}, {"PolicyArn", "arn:aws:iam::aws:policy/Nope"}})
          .error.starts_with("NoSuchEntity"));

  EXPECT_EQ(
      iam_ask(*world, "PutRolePolicy",
              {{"RoleName", "SSMInstanceRole"}, {"PolicyName", "Bad"}, {"PolicyDocument", "{nope"}})
          .error,
      "MalformedPolicyDocument: Syntax errors in policy.");
  std::string doc =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}})";
  EXPECT_EQ(
      iam_ask(*world, "PutRolePolicy",
              {{"RoleName", "SSMInstanceRole"}, {"PolicyName", "Kms"}, {"PolicyDocument", doc}})
          .error,
      "");
  EXPECT_EQ(role.inline_policies.at("Kms"), doc);
  EXPECT_EQ(
      iam_ask(*world, "DeleteRolePolicy", {{"RoleName", "SSMInstanceRole"}, {"PolicyName", "Kms"}})
          .error,
      "");
  EXPECT_TRUE(role.inline_policies.empty());

  EXPECT_EQ(iam_ask(*world, "PutRolePermissionsBoundary",
                    {{"RoleName", "SSMInstanceRole"}, {"PermissionsBoundary", kCoreArn}})
                .error,
            "");
  EXPECT_EQ(role.permissions_boundary_arn, kCoreArn);
  EXPECT_EQ(
      iam_ask(*world, "DeleteRolePermissionsBoundary", {{"RoleName", "SSMInstanceRole"}}).error,
      "");
  EXPECT_TRUE(role.permissions_boundary_arn.empty());

  std::string ssm_trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  EXPECT_EQ(iam_ask(*world, "UpdateAssumeRolePolicy",
                    {{"RoleName", "SSMInstanceRole"}, {"PolicyDocument", ssm_trust}})
                .error,
            "");
  EXPECT_EQ(role.trust_policy, ssm_trust);
  EXPECT_TRUE(
      iam_ask(*world, "UpdateAssumeRolePolicy",
              {{"RoleName", "SSMInstanceRole"},
               {"PolicyDocument", R"({"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}})"}})
          .error.starts_with("MalformedPolicyDocument"));
}

TEST(IamApi, CreateRoleProfileAndPolicy) {
  auto world = scenario_world("no-instance-profile");
  std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  auto role =
      iam_ask(*world, "CreateRole",
              {{"RoleName", "NewRole"}, {"Path", "/app/"}, {"AssumeRolePolicyDocument", trust}});
  EXPECT_EQ(text_at(role.result, "Role/Arn"), "arn:aws:iam::123456789012:role/app/NewRole");
  EXPECT_EQ(
      iam_ask(*world, "CreateRole", {{"RoleName", "NewRole"}, {"AssumeRolePolicyDocument", trust}})
          .error,
      "EntityAlreadyExists: Role with name NewRole already exists.");
  auto profile = iam_ask(*world, "CreateInstanceProfile", {{"InstanceProfileName", "NewProfile"}});
  EXPECT_EQ(text_at(profile.result, "InstanceProfile/Arn"),
            "arn:aws:iam::123456789012:instance-profile/NewProfile");
  EXPECT_EQ(iam_ask(*world, "AddRoleToInstanceProfile",
                    {{"InstanceProfileName", "NewProfile"}, {"RoleName", "NewRole"}})
                .error,
            "");
  EXPECT_EQ(iam_ask(*world, "AddRoleToInstanceProfile",
                    {{"InstanceProfileName", "NewProfile"}, {"RoleName", "NewRole"}})
                .error,
            "LimitExceeded: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  auto policy = iam_ask(
      *world, "CreatePolicy",
      {{"PolicyName", "Mine"},
       {"PolicyDocument", R"({"Statement":{"Effect":"Allow","Action":"ssm:*","Resource":"*"}})"}});
  EXPECT_EQ(text_at(policy.result, "Policy/Arn"), "arn:aws:iam::123456789012:policy/Mine");
}

TEST(IamApi, SimulatePrincipalPolicyOnRolesAndTheCaller) {
  auto world = scenario_world("inline-deny");
  auto result = iam_ask(*world, "SimulatePrincipalPolicy",
                        {{"PolicySourceArn", kRoleArn},
                         {"ActionNames.member.1", "ssm:UpdateInstanceInformation"},
                         {"ActionNames.member.2", "ssmmessages:OpenControlChannel"},
                         {"ActionNames.member.3", "kms:Decrypt"}});
  ASSERT_EQ(result.error, "");
  std::vector<std::string> decisions;
  for (auto member : result.result.child("EvaluationResults").children("member"))
    decisions.push_back(member.child("EvalDecision").text().as_string());
  EXPECT_EQ(decisions, (std::vector<std::string>{"allowed", "explicitDeny", "implicitDeny"}));
  auto deny = result.result.child("EvaluationResults").first_child().next_sibling();
  EXPECT_EQ(text_at(deny, "MatchedStatements/member/SourcePolicyId"), "DenySessionChannels");
  EXPECT_EQ(text_at(deny, "MatchedStatements/member/SourcePolicyType"), "role");
  EXPECT_EQ(text_at(deny, "EvalResourceName"), "*");

  auto caller = iam_ask(*world, "SimulatePrincipalPolicy",
                        {{"PolicySourceArn", "arn:aws:iam::123456789012:user/emulator"},
                         {"ActionNames.member.1", "iam:AttachRolePolicy"}});
  EXPECT_EQ(text_at(caller.result, "EvaluationResults/member/EvalDecision"), "allowed");
  world->access_keys[0].policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
  caller = iam_ask(*world, "SimulatePrincipalPolicy",
                   {{"PolicySourceArn", "arn:aws:iam::123456789012:user/emulator"},
                    {"ActionNames.member.1", "iam:AttachRolePolicy"},
                    {"ActionNames.member.2", "iam:GetRole"}});
  auto first = caller.result.child("EvaluationResults").first_child();
  EXPECT_EQ(text_at(first, "EvalDecision"), "implicitDeny");
  EXPECT_EQ(text_at(first.next_sibling(), "EvalDecision"), "allowed");
  EXPECT_EQ(iam_ask(*world, "SimulatePrincipalPolicy",
                    {{"PolicySourceArn", "arn:aws:iam::123456789012:role/Nope"},
                     {"ActionNames.member.1", "ssm:GetDocument"}})
                .error,
            "NoSuchEntity: The role with name Nope cannot be found.");
}

}  // namespace
}  // namespace ssmlink::emulator
