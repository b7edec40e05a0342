#include "domain/iam_policy.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "tests/support/paths.hpp"
#include "util/files.hpp"

namespace ssmlink::domain {

// For readable failures of EXPECT_EQ on evaluations (found by ADL, so not in the anonymous
// namespace).
void PrintTo(const Evaluation& answer, std::ostream* out) {
  static const char* names[] = {"Allowed", "ImplicitDeny", "ExplicitDeny", "CannotTell"};
  *out << "{" << names[static_cast<int>(answer.decision)] << ", policy \"" << answer.policy
       << "\", sid \"" << answer.sid << "\"" << (answer.by_boundary ? ", by the boundary" : "")
       << "}";
}

namespace {

// The calls SSM Agent makes for Session Manager (and ec2messages for Run Command).
const std::vector<std::string> kIamAgentActions = {
    "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",   "ec2messages:GetMessages",
};
const std::string kIamCoreArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const std::string kIamInstanceArn = "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc";

const nlohmann::json& iam_managed_policies() {
  static const auto all =
      nlohmann::json::parse(read_file(testing::source_path("data/iam/aws-managed-policies.json")));
  return all;
}

NamedPolicy iam_policy(std::string name, std::string_view text) {
  auto document = parse_policy(text);
  EXPECT_TRUE(document) << name << ": " << document.error().message;
  return NamedPolicy{std::move(name), document.value_or(PolicyDocument{})};
}

// An AWS managed policy from the reference file, named by its ARN as findings show it.
NamedPolicy iam_managed(const std::string& name) {
  const auto& entry = iam_managed_policies().at(name);
  return iam_policy(entry.at("Arn").get<std::string>(), entry.at("Document").dump());
}

PrincipalPolicies iam_role(std::vector<NamedPolicy> identity,
                           std::optional<NamedPolicy> boundary = std::nullopt) {
  return PrincipalPolicies{std::move(identity), std::move(boundary)};
}

std::string iam_error(std::string_view text) {
  auto document = parse_policy(text);
  EXPECT_FALSE(document) << "parsed: " << text.substr(0, 200);
  return document ? "" : document.error().message;
}

// Every byte as %XX: what IAM leaves alone decodes the same either way.
std::string iam_url_encoded(std::string_view text) {
  std::string out;
  char escape[4];
  for (unsigned char c : text) {
    std::snprintf(escape, sizeof escape, "%%%02X", c);
    out += escape;
  }
  return out;
}

Decision iam_decision(const PrincipalPolicies& role, std::string_view action,
                      std::string_view resource = "*") {
  return evaluate(role, action, resource).decision;
}

// The agent's registration call on `resource`.
Decision iam_registers(const PrincipalPolicies& role, std::string_view resource) {
  return iam_decision(role, "ssm:UpdateInstanceInformation", resource);
}

PolicyDocument iam_trust(std::string_view text) {
  return iam_policy("trust", text).document;
}

// ---- Wildcards

TEST(IamWildcard, StarMatchesAnyRunIncludingNone) {
  EXPECT_TRUE(iam_wildcard_match("*", "", true));
  EXPECT_TRUE(iam_wildcard_match("ssm:*", "ssm:", true));
  EXPECT_TRUE(iam_wildcard_match("ssm:*", "ssm:GetParameter", true));
  EXPECT_TRUE(iam_wildcard_match("a*b*c", "aXXbYYc", true));
  EXPECT_TRUE(iam_wildcard_match("a*b*c", "abc", true));
  EXPECT_TRUE(iam_wildcard_match("*:*", "ssm:Get", true));
  EXPECT_FALSE(iam_wildcard_match("a*b", "a", true));
  EXPECT_FALSE(iam_wildcard_match("a*b*c", "aXbYcZ", true));
  // "ssm:*" is the ssm service only, not ssmmessages or ssm-contacts.
  EXPECT_FALSE(iam_wildcard_match("ssm:*", "ssmmessages:OpenDataChannel", true));
  EXPECT_FALSE(iam_wildcard_match("ssm:*", "ssm-contacts:GetContact", true));
  EXPECT_FALSE(iam_wildcard_match("", "a", true));
  EXPECT_TRUE(iam_wildcard_match("", "", true));
}

TEST(IamWildcard, QuestionMarkIsExactlyOneCharacter) {
  EXPECT_TRUE(
      iam_wildcard_match("ssm:Update?nstanceInformation", "ssm:UpdateInstanceInformation", true));
  EXPECT_FALSE(
      iam_wildcard_match("ssm:Update?nstanceInformation", "ssm:UpdatenstanceInformation", true));
  EXPECT_FALSE(iam_wildcard_match("??", "a", true));
  EXPECT_FALSE(iam_wildcard_match("?", "", true));
  EXPECT_TRUE(iam_wildcard_match("?*?", "ab", true));
}

TEST(IamWildcard, CaseSensitivityIsTheCallersChoice) {
  EXPECT_TRUE(iam_wildcard_match("SSM:updateinstance*", "ssm:UpdateInstanceInformation", false));
  EXPECT_FALSE(iam_wildcard_match("SSM:updateinstance*", "ssm:UpdateInstanceInformation", true));
  EXPECT_FALSE(iam_wildcard_match("arn:aws:ec2:*:instance/I-*", kIamInstanceArn, true));
}

TEST(IamWildcard, ManyStarsOnALongValueDoNotBacktrackExponentially) {
  std::string value(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 30; ++i)
    pattern += "*a";
  EXPECT_TRUE(iam_wildcard_match(pattern, value, true));
  EXPECT_FALSE(iam_wildcard_match(pattern + "*b", value, true));
  EXPECT_FALSE(iam_wildcard_match(pattern + "b", value, false));
}

// ---- AWS's managed policies

TEST(IamManagedPolicies, EveryOneParses) {
  for (const auto& [name, entry] : iam_managed_policies().items()) {
    SCOPED_TRACE(name);
    auto document = parse_policy(entry.at("Document").dump());
    ASSERT_TRUE(document) << document.error().message;
    EXPECT_FALSE(document->statements.empty());
  }
}

TEST(IamManagedPolicies, InstanceCoreAllowsTheAgentsCalls) {
  auto role = iam_role({iam_managed("AmazonSSMManagedInstanceCore")});
  for (const auto& action : kIamAgentActions) {
    SCOPED_TRACE(action);
    EXPECT_EQ(evaluate(role, action, "*"), (Evaluation{Decision::Allowed, kIamCoreArn, "", false}));
    EXPECT_EQ(iam_decision(role, action, kIamInstanceArn), Decision::Allowed);
  }
  EXPECT_EQ(iam_decision(role, "ssm:StartSession"), Decision::ImplicitDeny);
  EXPECT_EQ(iam_decision(role, "ssm:SendCommand"), Decision::ImplicitDeny);
}

TEST(IamManagedPolicies, DefaultHostManagementPolicyAllowsTheAgentsCalls) {
  auto role = iam_role({iam_managed("AmazonSSMManagedEC2InstanceDefaultPolicy")});
  for (const auto& action : kIamAgentActions) {
    SCOPED_TRACE(action);
    EXPECT_EQ(iam_decision(role, action), Decision::Allowed);
  }
  EXPECT_EQ(evaluate(role, "ssmmessages:OpenDataChannel", "*"),
            (Evaluation{Decision::Allowed,
                        "arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy",
                        "AllowSSMChannelMessaging", false}));
}

TEST(IamManagedPolicies, OldRoleForSsmAllowsTheAgentsCalls) {
  auto role = iam_role({iam_managed("AmazonEC2RoleforSSM")});
  for (const auto& action : kIamAgentActions) {
    SCOPED_TRACE(action);
    EXPECT_EQ(iam_decision(role, action), Decision::Allowed);
  }
}

// ReadOnlyAccess allows ssm:Describe*, Get* and List* (and ec2messages:Get*), but none of
// the calls that register the instance or open a session's channels.
TEST(IamManagedPolicies, ReadOnlyAccessAllowsNoneOfTheAgentsWrites) {
  auto role = iam_role({iam_managed("ReadOnlyAccess")});
  for (const auto* action :
       {"ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel", "ec2messages:AcknowledgeMessage", "ssm:StartSession"}) {
    SCOPED_TRACE(action);
    EXPECT_EQ(evaluate(role, action, "*"), Evaluation{});
  }
  EXPECT_EQ(iam_decision(role, "ssm:DescribeInstanceInformation"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "ssm:GetParameter"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "ec2messages:GetMessages"), Decision::Allowed);
  EXPECT_EQ(evaluate(role, "ssm:ListDocuments", "*").sid, "ReadOnlyActionsGroup2");
}

TEST(IamManagedPolicies, AdministratorAccessAllowsEverything) {
  auto role = iam_role({iam_managed("AdministratorAccess")});
  for (const auto& action : kIamAgentActions) {
    EXPECT_EQ(iam_decision(role, action), Decision::Allowed);
  }
  EXPECT_EQ(iam_decision(role, "iam:PassRole", "arn:aws:iam::123456789012:role/x"),
            Decision::Allowed);
}

TEST(IamManagedPolicies, SsmFullAccessServiceLinkedRoleIsConditional) {
  auto role = iam_role({iam_managed("AmazonSSMFullAccess")});
  EXPECT_EQ(iam_decision(role, "ssmmessages:OpenDataChannel"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "iam:CreateServiceLinkedRole"), Decision::CannotTell);
  EXPECT_EQ(iam_decision(role, "iam:DeleteServiceLinkedRole",
                         "arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/"
                         "AWSServiceRoleForAmazonSSM"),
            Decision::Allowed);
  EXPECT_EQ(
      iam_decision(role, "iam:DeleteServiceLinkedRole", "arn:aws:iam::123456789012:role/other"),
      Decision::ImplicitDeny);
}

// ---- Grammar and evaluation

TEST(IamPolicyEvaluation, ActionWildcards) {
  auto role = iam_role({iam_policy("p", R"({"Statement": [
      {"Effect": "Allow", "Action": "ssmmessages:Create*", "Resource": "*"},
      {"Effect": "Allow", "Action": ["ssm:*"], "Resource": "*"}]})")});
  EXPECT_EQ(iam_decision(role, "ssmmessages:CreateDataChannel"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "ssmmessages:OpenDataChannel"), Decision::ImplicitDeny);
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "ec2messages:GetMessages"), Decision::ImplicitDeny);
  auto everything = iam_role({iam_policy("p", R"({"Statement":
      {"Effect": "Allow", "Action": "*", "Resource": "*"}})")});
  EXPECT_EQ(iam_decision(everything, "ec2messages:GetMessages"), Decision::Allowed);
}

TEST(IamPolicyEvaluation, ActionsAreCaseInsensitiveAndTakeQuestionMarks) {
  auto role = iam_role({iam_policy("p", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "SSM:updateINSTANCEinformation", "Resource": "*"},
      {"Effect": "Allow", "Action": "ssmmessages:Open?ataChannel", "Resource": "*"}]})")});
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "ssmmessages:openDataChannel"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "ssmmessages:OpenControlChannel"), Decision::ImplicitDeny);
}

TEST(IamPolicyEvaluation, NotActionAllowsEverythingElse) {
  auto role = iam_role({iam_policy("p", R"({"Statement": [
      {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}]})")});
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation"), Decision::Allowed);
  EXPECT_EQ(iam_decision(role, "IAM:PassRole"), Decision::ImplicitDeny);
}

TEST(IamPolicyEvaluation, NotActionDenyDeniesEverythingElse) {
  auto role = iam_role({iam_policy("only-ssm", R"({"Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Sid": "OnlySsm", "Effect": "Deny", "NotAction": "ssm:*", "Resource": "*"}]})")});
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation"), Decision::Allowed);
  EXPECT_EQ(evaluate(role, "ssmmessages:OpenDataChannel", "*"),
            (Evaluation{Decision::ExplicitDeny, "only-ssm", "OnlySsm", false}));
}

TEST(IamPolicyEvaluation, NotResourceMatchesWhatItDoesNotList) {
  auto role = iam_role({iam_policy("p", R"({"Statement": [{"Effect": "Allow",
      "Action": "ssm:*", "NotResource": "arn:aws:ssm:*:*:document/Secret*"}]})")});
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation", kIamInstanceArn),
            Decision::Allowed);
  EXPECT_EQ(
      iam_decision(role, "ssm:GetDocument", "arn:aws:ssm:us-east-1:123456789012:document/Secret1"),
      Decision::ImplicitDeny);
  // Whether an unknown resource is one of those left out cannot be told.
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation"), Decision::CannotTell);
  auto nothing = iam_role({iam_policy("p", R"({"Statement": [{"Effect": "Allow",
      "Action": "ssm:*", "NotResource": "*"}]})")});
  EXPECT_EQ(iam_decision(nothing, "ssm:UpdateInstanceInformation"), Decision::ImplicitDeny);
  EXPECT_EQ(iam_decision(nothing, "ssm:UpdateInstanceInformation", kIamInstanceArn),
            Decision::ImplicitDeny);
}

TEST(IamPolicyEvaluation, AnInlineDenyWinsOverAManagedAllow) {
  auto role =
      iam_role({iam_managed("AmazonSSMManagedInstanceCore"),
                iam_policy("inline policy NoSessions", R"({"Statement": [{"Sid": "NoChannels",
           "Effect": "Deny", "Action": "ssmmessages:*", "Resource": "*"}]})")});
  EXPECT_EQ(evaluate(role, "ssmmessages:CreateControlChannel", "*"),
            (Evaluation{Decision::ExplicitDeny, "inline policy NoSessions", "NoChannels", false}));
  EXPECT_EQ(iam_decision(role, "ssm:UpdateInstanceInformation"), Decision::Allowed);
}

TEST(IamPolicyEvaluation, ADenyInTheSamePolicyWinsToo) {
  auto role = iam_role({iam_policy("p", R"({"Statement": [
      {"Effect": "Deny", "Action": "ssm:UpdateInstanceInformation", "Resource": "*"},
      {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"}]})")});
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", kIamInstanceArn),
            (Evaluation{Decision::ExplicitDeny, "p", "", false}));
  EXPECT_EQ(iam_decision(role, "ssm:GetDocument"), Decision::Allowed);
}

TEST(IamPolicyEvaluation, ABoundaryWithoutSsmMessagesDeniesTheChannels) {
  auto role = iam_role({iam_managed("AmazonSSMManagedInstanceCore")},
                       iam_policy("arn:aws:iam::123456789012:policy/Boundary",
                                  R"({"Statement": [{"Effect": "Allow", "Action": "ssm:*",
                                      "Resource": "*"}]})"));
  EXPECT_EQ(
      evaluate(role, "ssmmessages:OpenDataChannel", "*"),
      (Evaluation{Decision::ImplicitDeny, "arn:aws:iam::123456789012:policy/Boundary", "", true}));
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"),
            (Evaluation{Decision::Allowed, kIamCoreArn, "", false}));
}

TEST(IamPolicyEvaluation, ADenyInTheBoundaryIsAnExplicitDenyByTheBoundary) {
  auto role =
      iam_role({iam_managed("AdministratorAccess")}, iam_policy("boundary", R"({"Statement": [
                           {"Effect": "Allow", "Action": "*", "Resource": "*"},
                           {"Sid": "NoLegacy", "Effect": "Deny", "Action": "ec2messages:*",
                            "Resource": "*"}]})"));
  EXPECT_EQ(evaluate(role, "ec2messages:GetMessages", "*"),
            (Evaluation{Decision::ExplicitDeny, "boundary", "NoLegacy", true}));
  EXPECT_EQ(iam_decision(role, "ssmmessages:OpenDataChannel"), Decision::Allowed);
}

TEST(IamPolicyEvaluation, ABoundaryAloneAllowsNothing) {
  auto role = iam_role({}, iam_managed("AdministratorAccess"));
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"), Evaluation{});
  EXPECT_EQ(iam_decision(iam_role({}), "ssm:UpdateInstanceInformation"), Decision::ImplicitDeny);
}

TEST(IamPolicyEvaluation, AConditionalAllowCannotTell) {
  auto role = iam_role({iam_policy("conditional", R"({"Statement": [{"Sid": "FromVpc",
      "Effect": "Allow", "Action": "ssmmessages:*", "Resource": "*",
      "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}}]})")});
  EXPECT_EQ(evaluate(role, "ssmmessages:OpenDataChannel", "*"),
            (Evaluation{Decision::CannotTell, "conditional", "FromVpc", false}));
  // An unconditional Allow elsewhere settles it.
  role.identity.push_back(iam_managed("AmazonSSMManagedInstanceCore"));
  EXPECT_EQ(evaluate(role, "ssmmessages:OpenDataChannel", "*"),
            (Evaluation{Decision::Allowed, kIamCoreArn, "", false}));
}

TEST(IamPolicyEvaluation, AConditionalDenyBesideAnAllowCannotTell) {
  auto deny = iam_policy("inline policy OnlyFromVpc", R"({"Statement": [{"Sid": "NotOutside",
      "Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}}]})");
  auto role = iam_role({iam_managed("AmazonSSMManagedInstanceCore"), deny});
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"),
            (Evaluation{Decision::CannotTell, "inline policy OnlyFromVpc", "NotOutside", false}));
  // Without any Allow, the Condition does not matter.
  EXPECT_EQ(iam_decision(iam_role({deny}), "ssm:UpdateInstanceInformation"),
            Decision::ImplicitDeny);
  // An unconditional Deny still wins over it.
  role.identity.push_back(iam_policy("deny all", R"({"Statement": [
      {"Effect": "Deny", "Action": "*", "Resource": "*"}]})"));
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"),
            (Evaluation{Decision::ExplicitDeny, "deny all", "", false}));
}

TEST(IamPolicyEvaluation, AConditionalBoundaryCannotTell) {
  auto role = iam_role({iam_managed("AmazonSSMManagedInstanceCore")},
                       iam_policy("boundary", R"({"Statement": [{"Effect": "Allow",
                           "Action": "*", "Resource": "*",
                           "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]})"));
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"),
            (Evaluation{Decision::CannotTell, "boundary", "", true}));
}

TEST(IamPolicyEvaluation, AnEmptyConditionIsNoCondition) {
  auto policy = iam_policy("p", R"({"Statement": [{"Effect": "Allow", "Action": "ssm:*",
      "Resource": "*", "Condition": {}}]})");
  ASSERT_EQ(policy.document.statements.size(), 1u);
  EXPECT_FALSE(policy.document.statements[0].has_condition);
  EXPECT_EQ(iam_decision(iam_role({policy}), "ssm:GetDocument"), Decision::Allowed);
}

TEST(IamPolicyEvaluation, ResourcesAreMatchedCaseSensitivelyWithWildcards) {
  auto role = iam_role({iam_policy("p", R"({"Statement": [{"Sid": "Instances",
      "Effect": "Allow", "Action": "ssm:UpdateInstanceInformation",
      "Resource": ["arn:aws:ec2:*:*:instance/*", "arn:aws:ssm:*:*:managed-instance/mi-?"]}]})")});
  const std::string managed = "arn:aws:ssm:us-east-1:123456789012:managed-instance/";
  EXPECT_EQ(iam_registers(role, kIamInstanceArn), Decision::Allowed);
  EXPECT_EQ(iam_registers(role, managed + "mi-1"), Decision::Allowed);
  EXPECT_EQ(iam_registers(role, managed + "mi-12"), Decision::ImplicitDeny);
  EXPECT_EQ(iam_registers(role, "ARN" + kIamInstanceArn.substr(3)), Decision::ImplicitDeny);
  // Against an unknown resource, a statement scoped to ARNs cannot tell.
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"),
            (Evaluation{Decision::CannotTell, "p", "Instances", false}));
}

TEST(IamPolicyEvaluation, AScopedDenyAgainstAnUnknownResourceCannotTell) {
  auto role = iam_role({iam_managed("AdministratorAccess"),
                        iam_policy("scoped deny", R"({"Statement": [{"Effect": "Deny",
                            "Action": "ssm:*", "Resource": "arn:aws:ec2:*:*:instance/i-0abc"}]})")});
  EXPECT_EQ(iam_registers(role, kIamInstanceArn), Decision::ExplicitDeny);
  EXPECT_EQ(iam_registers(role, "arn:aws:ec2:us-east-1:123456789012:instance/i-0def"),
            Decision::Allowed);
  EXPECT_EQ(evaluate(role, "ssm:UpdateInstanceInformation", "*"),
            (Evaluation{Decision::CannotTell, "scoped deny", "", false}));
}

TEST(IamPolicyEvaluation, APolicyVariableInAResourceCannotTell) {
  auto role = iam_role({iam_policy("p", R"({"Statement": [{"Effect": "Allow",
      "Action": "ssm:*", "Resource": "arn:aws:ssm:*:*:document/${aws:username}-*"}]})")});
  EXPECT_EQ(iam_decision(role, "ssm:GetDocument", "arn:aws:ssm:us-east-1:123456789012:document/x"),
            Decision::CannotTell);
}

// ---- Document forms

TEST(IamPolicyParse, StatementAndItsListsMayBeSingleOrLists) {
  auto single = parse_policy(R"({"Statement": {"Sid": "One", "Effect": "Deny",
      "Action": "ssm:*", "NotResource": "arn:aws:s3:::b"}})");
  ASSERT_TRUE(single) << single.error().message;
  ASSERT_EQ(single->statements.size(), 1u);
  const auto& statement = single->statements[0];
  EXPECT_EQ(statement.sid, "One");
  EXPECT_FALSE(statement.allow);
  EXPECT_EQ(statement.actions, std::vector<std::string>{"ssm:*"});
  EXPECT_FALSE(statement.not_action);
  EXPECT_EQ(statement.resources, std::vector<std::string>{"arn:aws:s3:::b"});
  EXPECT_TRUE(statement.not_resource);

  auto listed = parse_policy(R"({"Version": "2008-10-17", "Statement": [
      {"Effect": "Allow", "NotAction": ["a:b", "c:*"], "Resource": ["x", "y"]},
      {"Effect": "Allow", "Action": [], "Resource": "*"}]})");
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->statements.size(), 2u);
  EXPECT_EQ(listed->statements[0].actions, (std::vector<std::string>{"a:b", "c:*"}));
  EXPECT_TRUE(listed->statements[0].not_action);
  EXPECT_EQ(listed->statements[0].resources, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(listed->statements[1].actions.empty());
}

TEST(IamPolicyParse, AStatementWithoutResourceCoversEveryResource) {
  auto document = parse_policy(R"({"Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(document->statements[0].resources, std::vector<std::string>{"*"});
  EXPECT_FALSE(document->statements[0].not_resource);
}

TEST(IamPolicyParse, PrincipalForms) {
  auto document = parse_policy(R"({"Statement": [
      {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"},
      {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}, "Action": "a:b"},
      {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "ssm.amazonaws.com"],
                                        "Federated": "cognito-identity.amazonaws.com"},
       "Action": "a:b"},
      {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "a:b"},
      {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::1:role/r"}, "Action": "a:b"}]})");
  ASSERT_TRUE(document) << document.error().message;
  const auto& statements = document->statements;
  EXPECT_TRUE(statements[0].any_principal);
  EXPECT_TRUE(statements[1].any_principal);
  EXPECT_FALSE(statements[2].any_principal);
  EXPECT_EQ(statements[2].service_principals,
            (std::vector<std::string>{"ec2.amazonaws.com", "ssm.amazonaws.com"}));
  EXPECT_FALSE(statements[3].any_principal);
  EXPECT_TRUE(statements[3].service_principals.empty());
  EXPECT_TRUE(statements[4].any_principal);
  EXPECT_TRUE(statements[4].has_condition);
}

TEST(IamPolicyParse, UrlEncodedDocumentsAreDecoded) {
  auto plain = iam_managed_policies().at("AmazonSSMManagedInstanceCore").at("Document").dump(2);
  auto encoded = iam_url_encoded(plain);
  ASSERT_TRUE(encoded.starts_with("%7B%0A%20%20%22%53%74"));
  auto document = parse_policy(encoded);
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(document->statements.size(), 3u);
  auto role = iam_role({NamedPolicy{"core", *document}});
  EXPECT_EQ(iam_decision(role, "ssmmessages:OpenDataChannel"), Decision::Allowed);

  // As IAM returns an inline policy, lower-case escapes and a literal '+' included.
  auto inline_policy = parse_policy(
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22"
      "%2C%22Action%22%3A%22ssm%3a%2a%22%2C%22Resource%22%3A%22arn:aws:s3:::a+b%22%7D%5D%7D");
  ASSERT_TRUE(inline_policy) << inline_policy.error().message;
  EXPECT_EQ(inline_policy->statements[0].actions, std::vector<std::string>{"ssm:*"});
  EXPECT_EQ(inline_policy->statements[0].resources, std::vector<std::string>{"arn:aws:s3:::a+b"});

  // Blanks around plain JSON do not make it encoded.
  EXPECT_TRUE(parse_policy("\n  {\"Statement\": []}  \n"));
}

TEST(IamPolicyParse, InvalidPercentEscapesAreErrors) {
  for (const auto* text : {"%7B%zz%7D", "%7B%22Statement%22%3A%5B%5D%7", "%7B%", "%G0"}) {
    SCOPED_TRACE(text);
    EXPECT_NE(iam_error(text).find("invalid percent escape"), std::string::npos);
  }
}

// ---- Malformed documents: errors naming what is wrong, never exceptions

TEST(IamPolicyParse, NotJsonIsAnError) {
  auto message = iam_error("{\"Statement\": [");
  EXPECT_TRUE(message.starts_with("policy document is not JSON: ")) << message;
  EXPECT_EQ(message.find("[json.exception"), std::string::npos) << message;
  auto plain = iam_managed_policies().at("AmazonSSMManagedInstanceCore").at("Document").dump();
  EXPECT_NE(iam_error(plain.substr(0, plain.size() / 2)).find("not JSON"), std::string::npos);
  EXPECT_NE(iam_error("").find("not JSON"), std::string::npos);
  EXPECT_NE(iam_error("Allow everything").find("not JSON"), std::string::npos);
  EXPECT_NE(iam_error("{\"Statement\": [], \"Statement\"}").find("not JSON"), std::string::npos);
  EXPECT_NE(iam_error(std::string("{\"Statement\": [\"\xff\"]}")).find("not JSON"),
            std::string::npos);
}

TEST(IamPolicyParse, WrongShapesAreErrorsNamingTheElement) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"[]", "the policy document is not a JSON object (it is an array)"},
      {"{}", "the policy document has no Statement"},
      {R"({"Version": 1, "Statement": []})",
       "the policy's Version is not a string (it is a number)"},
      {R"({"Statement": "x"})",
       "the policy's Statement is not an object or a list of them (it is a string)"},
      {R"({"Statement": [1]})", "statement 1: the statement is not an object (it is a number)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a:b"}, {"Effect": "Permit",
          "Action": "a:b"}]})",
       "statement 2: Effect \"Permit\" is not Allow or Deny"},
      {R"({"Statement": [{"Action": "a:b"}]})", "statement 1: no Effect (Allow or Deny)"},
      {R"({"Statement": [{"Effect": true, "Action": "a:b"}]})",
       "statement 1: Effect is not Allow or Deny (it is a boolean)"},
      {R"({"Statement": [{"Effect": "allow", "Action": "a:b"}]})",
       "statement 1: Effect \"allow\" is not Allow or Deny"},
      {R"({"Statement": [{"Effect": "Allow", "Action": 5}]})",
       "statement 1: Action is not a string or a list of strings (it is a number)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": ["a:b", 5]}]})",
       "statement 1: Action is not a string or a list of strings (it is an array)"},
      {R"({"Statement": [{"Effect": "Allow", "NotAction": {}}]})",
       "statement 1: NotAction is not a string or a list of strings (it is an object)"},
      {R"({"Statement": [{"Effect": "Allow"}]})", "statement 1: has neither Action nor NotAction"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "NotAction": "b"}]})",
       "statement 1: has both Action and NotAction"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "Resource": "*",
          "NotResource": "b"}]})",
       "statement 1: has both Resource and NotResource"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "Resource": null}]})",
       "statement 1: Resource is not a string or a list of strings (it is a null)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "Condition": "x"}]})",
       "statement 1: Condition is not an object (it is a string)"},
      {R"({"Statement": [{"Sid": 3, "Effect": "Allow", "Action": "a"}]})",
       "statement 1: Sid is not a string (it is a number)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "Principal": "me"}]})",
       "statement 1: Principal is not \"*\" or an object (it is a string)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "Principal": {"Service": 5}}]})",
       "statement 1: Principal Service is not a string or a list of strings (it is a number)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "NotPrincipal": 5}]})",
       "statement 1: NotPrincipal is not \"*\" or an object (it is a number)"},
      {R"({"Statement": [{"Effect": "Allow", "Action": "a", "Principal": "*",
          "NotPrincipal": "*"}]})",
       "statement 1: has both Principal and NotPrincipal"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(iam_error(c.text), c.message);
  }
}

TEST(IamPolicyParse, DeepNestingAndGarbageDoNotCrash) {
  const size_t depth = 10000;
  std::string nested = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_FALSE(iam_error(nested).empty());
  EXPECT_FALSE(
      iam_error(R"({"Statement": [{"Effect": "Allow", "Action": )" + nested + "}]}").empty());
  // Deep nesting inside a Condition is still a valid document.
  auto conditional = parse_policy(R"({"Statement": [{"Effect": "Allow", "Action": "a:b",
      "Condition": {"X": )" + nested +
                                  "}}]}");
  ASSERT_TRUE(conditional) << conditional.error().message;
  EXPECT_TRUE(conditional->statements[0].has_condition);
  EXPECT_FALSE(iam_error(iam_url_encoded(std::string(depth, '{'))).empty());
  EXPECT_FALSE(iam_error(std::string(depth, '[')).empty());

  std::string garbage;
  unsigned state = 12345;
  for (int i = 0; i < 1 << 20; ++i) {
    state = state * 1103515245 + 12345;
    garbage += static_cast<char>(state >> 16);
  }
  auto ignored = parse_policy(garbage);
  EXPECT_FALSE(ignored);
  auto message = iam_error("{" + garbage);
  EXPECT_LT(message.size(), 400u);
}

// ---- Trust policies

TEST(IamTrustPolicy, Ec2ServiceInStringAndListForms) {
  auto single = iam_trust(R"({"Version": "2012-10-17", "Statement": [{"Sid": "Ec2",
      "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
      "Action": "sts:AssumeRole"}]})");
  EXPECT_EQ(trust_allows(single, "ec2.amazonaws.com"),
            (Evaluation{Decision::Allowed, "", "Ec2", false}));
  EXPECT_EQ(trust_allows(single, "EC2.AmazonAWS.com").decision, Decision::Allowed);
  EXPECT_EQ(trust_allows(single, "ssm.amazonaws.com").decision, Decision::ImplicitDeny);

  auto listed = iam_trust(R"({"Statement": [{"Effect": "Allow",
      "Principal": {"Service": ["ec2.amazonaws.com", "ssm.amazonaws.com"]},
      "Action": ["sts:AssumeRole", "sts:TagSession"]}]})");
  EXPECT_EQ(trust_allows(listed, "ec2.amazonaws.com").decision, Decision::Allowed);
  // The Default Host Management role is assumed by Systems Manager.
  EXPECT_EQ(trust_allows(listed, "ssm.amazonaws.com").decision, Decision::Allowed);
}

TEST(IamTrustPolicy, WrongServiceOrOnlyAccountsDoNotAllow) {
  auto china = iam_trust(R"({"Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com.cn"}, "Action": "sts:AssumeRole"}]})");
  EXPECT_EQ(trust_allows(china, "ec2.amazonaws.com").decision, Decision::ImplicitDeny);
  auto accounts = iam_trust(R"({"Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})");
  EXPECT_EQ(trust_allows(accounts, "ec2.amazonaws.com").decision, Decision::ImplicitDeny);
  auto web_identity = iam_trust(R"({"Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"},
      "Action": "sts:AssumeRoleWithWebIdentity"}]})");
  EXPECT_EQ(trust_allows(web_identity, "ec2.amazonaws.com").decision, Decision::ImplicitDeny);
  EXPECT_EQ(trust_allows(PolicyDocument{}, "ec2.amazonaws.com").decision, Decision::ImplicitDeny);
}

TEST(IamTrustPolicy, EveryPrincipalAndWildcardActionsAllow) {
  auto anyone = iam_trust(R"({"Statement": [{"Effect": "Allow", "Principal": "*",
      "Action": "sts:*"}]})");
  EXPECT_EQ(trust_allows(anyone, "ec2.amazonaws.com").decision, Decision::Allowed);
  auto any_aws = iam_trust(R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
      "Action": "STS:assumerole"}]})");
  EXPECT_EQ(trust_allows(any_aws, "ec2.amazonaws.com").decision, Decision::Allowed);
}

TEST(IamTrustPolicy, ConditionsAndDenies) {
  auto conditional = iam_trust(R"({"Statement": [{"Sid": "FromAccount", "Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]})");
  EXPECT_EQ(trust_allows(conditional, "ec2.amazonaws.com"),
            (Evaluation{Decision::CannotTell, "", "FromAccount", false}));

  auto denied = iam_trust(R"({"Statement": [
      {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
      {"Sid": "NoEc2", "Effect": "Deny", "Principal": {"Service": "ec2.amazonaws.com"},
       "Action": "sts:*"}]})");
  EXPECT_EQ(trust_allows(denied, "ec2.amazonaws.com"),
            (Evaluation{Decision::ExplicitDeny, "", "NoEc2", false}));

  // NotPrincipal may or may not leave the service out: cannot tell.
  auto not_principal = iam_trust(R"({"Statement": [
      {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
      {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::1:role/admin"},
       "Action": "sts:AssumeRole"}]})");
  EXPECT_EQ(trust_allows(not_principal, "ec2.amazonaws.com").decision, Decision::CannotTell);
}

}  // namespace
}  // namespace ssmlink::domain
