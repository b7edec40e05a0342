// The emulator's own IAM evaluation: Deny precedence, permissions boundaries, NotAction and
// NotResource, wildcards, statement forms, conditions ignored, trust policies, and the AWS
// managed policies' real documents.
#include "emulator/iam/policy_eval.hpp"

#include <gtest/gtest.h>

#include "emulator/iam/managed_policies.hpp"

namespace ssmlink::emulator {
namespace {

PolicySource policy_from(const std::string& id, const std::string& document) {
  return {id, "role", document};
}

Decision decide(const std::vector<PolicySource>& identity, const std::string& action,
                const std::string& resource = "*",
                const std::optional<PolicySource>& boundary = std::nullopt) {
  return evaluate_policies(identity, boundary, action, resource).decision;
}

const std::string kAllowSsm =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ssm:*","Resource":"*"}})";

TEST(IamEvaluation, ExplicitDenyWinsOverAnyAllow) {
  PolicySource allow =
      policy_from("AllowAll", R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
  PolicySource deny =
      policy_from("DenyMessages",
                  R"({"Statement":[{"Effect":"Deny","Action":["ssmmessages:*"],"Resource":"*"}]})");
  auto result = evaluate_policies({allow, deny}, std::nullopt, "ssmmessages:OpenDataChannel", "*");
  EXPECT_EQ(result.decision, Decision::explicit_deny);
  ASSERT_EQ(result.matched.size(), 1u);
  EXPECT_EQ(result.matched[0].source_id, "DenyMessages");
  EXPECT_EQ(decide({allow, deny}, "ssm:UpdateInstanceInformation"), Decision::allowed);
  EXPECT_EQ(decide({}, "ssm:UpdateInstanceInformation"), Decision::implicit_deny);
}

TEST(IamEvaluation, BoundaryMustAllowTooAndItsDenyCounts) {
  PolicySource admin =
      policy_from("Admin", R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
  PolicySource boundary = {"Boundary", "permissions-boundary", kAllowSsm};
  auto result = evaluate_policies({admin}, boundary, "ssmmessages:CreateControlChannel", "*");
  EXPECT_EQ(result.decision, Decision::implicit_deny);
  EXPECT_TRUE(result.boundary_denied);
  EXPECT_EQ(decide({admin}, "SSM:UpdateInstanceInformation", "*", boundary), Decision::allowed);
  // The boundary alone grants nothing.
  EXPECT_EQ(decide({}, "ssm:UpdateInstanceInformation", "*", boundary), Decision::implicit_deny);
  PolicySource denying = {"Boundary", "permissions-boundary",
                          R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
                          R"({"Effect":"Deny","Action":"ssm:Update*","Resource":"*"}]})"};
  EXPECT_EQ(decide({admin}, "ssm:UpdateInstanceInformation", "*", denying),
            Decision::explicit_deny);
}

TEST(IamEvaluation, NotActionAndNotResource) {
  PolicySource not_action = policy_from(
      "AllButIam", R"({"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}})");
  EXPECT_EQ(decide({not_action}, "ssm:GetDocument"), Decision::allowed);
  EXPECT_EQ(decide({not_action}, "iam:GetRole"), Decision::implicit_deny);
  PolicySource not_resource = policy_from(
      "NotThatKey",
      R"({"Statement":{"Effect":"Allow","Action":"kms:Decrypt","NotResource":"arn:aws:kms:*:*:key/secret"}})");
  EXPECT_EQ(decide({not_resource}, "kms:Decrypt", "arn:aws:kms:us-east-1:1:key/other"),
            Decision::allowed);
  EXPECT_EQ(decide({not_resource}, "kms:Decrypt", "arn:aws:kms:us-east-1:1:key/secret"),
            Decision::implicit_deny);
}

TEST(IamEvaluation, WildcardsActionsIgnoreCaseResourcesDoNot) {
  EXPECT_TRUE(wildcard_match("ssmmessages:*Channel", "SSMMessages:OpenDataChannel", true));
  EXPECT_TRUE(wildcard_match("ec2messages:Get?essages", "ec2messages:GetMessages", true));
  EXPECT_FALSE(wildcard_match("ec2messages:Get?essages", "ec2messages:GetMMessages", true));
  EXPECT_TRUE(wildcard_match("*", "", false));
  EXPECT_TRUE(wildcard_match("a*b*c", "aXbYbZc", false));
  EXPECT_FALSE(
      wildcard_match("arn:aws:ec2:*:*:instance/I-*", "arn:aws:ec2:r:1:instance/i-1", false));
  PolicySource scoped = policy_from(
      "Instances",
      R"({"Statement":[{"Effect":"Allow","Action":"ssm:UpdateInstanceInformation","Resource":["arn:aws:ec2:*:*:instance/*"]}]})");
  EXPECT_EQ(decide({scoped}, "ssm:updateinstanceinformation",
                   "arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f67890"),
            Decision::allowed);
  EXPECT_EQ(decide({scoped}, "ssm:UpdateInstanceInformation", "arn:aws:ssm:us-east-1:1:document/x"),
            Decision::implicit_deny);
}

TEST(IamEvaluation, StatementsWithConditionsNeverApply) {
  PolicySource conditional_allow = policy_from(
      "Vpce",
      R"({"Statement":{"Effect":"Allow","Action":"ssm:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}})");
  PolicySource conditional_deny = policy_from(
      "MfaDeny",
      R"({"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}})");
  EXPECT_EQ(decide({conditional_allow}, "ssm:GetDocument"), Decision::implicit_deny);
  EXPECT_EQ(decide({policy_from("Ssm", kAllowSsm), conditional_deny}, "ssm:GetDocument"),
            Decision::allowed);
}

TEST(IamEvaluation, MalformedDocumentsAreNamed) {
  EXPECT_FALSE(policy_document_problem(kAllowSsm));
  EXPECT_EQ(policy_document_problem("{not json"), "Syntax errors in policy.");
  EXPECT_EQ(policy_document_problem(R"({"Version":"2012-10-17"})"),
            "Missing required field Statement");
  EXPECT_EQ(
      policy_document_problem(R"({"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}})"),
      "Invalid effect: Maybe");
  EXPECT_TRUE(policy_document_problem(R"({"Statement":{"Effect":"Allow","Action":"*"}})"));
  EXPECT_FALSE(policy_document_problem(
      R"({"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}})",
      true));
}

TEST(IamEvaluation, TrustPoliciesNameTheService) {
  std::string ec2 =
      R"({"Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]})";
  EXPECT_TRUE(trust_allows_service(ec2, "ec2.amazonaws.com"));
  EXPECT_FALSE(trust_allows_service(ec2, "ssm.amazonaws.com"));
  std::string denied =
      R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:*"},)"
      R"({"Effect":"Deny","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  EXPECT_FALSE(trust_allows_service(denied, "ec2.amazonaws.com"));
  EXPECT_TRUE(trust_allows_service(denied, "ssm.amazonaws.com"));
}

TEST(IamEvaluation, ManagedPoliciesKeepTheirRealMeaning) {
  auto managed = [](const char* name) {
    const AwsManagedPolicy* policy = find_aws_managed_policy(name);
    EXPECT_NE(policy, nullptr) << name;
    return PolicySource{name, "aws-managed", policy ? policy->document : "{}"};
  };
  auto core = managed("AmazonSSMManagedInstanceCore");
  for (const char* action : {"ssm:UpdateInstanceInformation", "ssmmessages:OpenDataChannel",
                             "ec2messages:GetMessages"}) {
    EXPECT_EQ(decide({core}, action), Decision::allowed) << action;
  }
  EXPECT_EQ(decide({core}, "kms:Decrypt"), Decision::implicit_deny);
  EXPECT_EQ(decide({managed("ReadOnlyAccess")}, "ssm:UpdateInstanceInformation"),
            Decision::implicit_deny);
  EXPECT_EQ(decide({managed("AmazonSSMManagedEC2InstanceDefaultPolicy")},
                   "ssmmessages:CreateControlChannel"),
            Decision::allowed);
  EXPECT_EQ(find_aws_managed_policy("AdministratorAccess")->arn,
            "arn:aws:iam::aws:policy/AdministratorAccess");
}

}  // namespace
}  // namespace ssmlink::emulator
