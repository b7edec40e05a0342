// doctor's IAM checks over an inventory: the seed's instance and its role, one thing
// changed at a time (the policy documents are the real managed ones, trimmed to the
// statements that matter).
#include "domain/agent_identity.hpp"
#include "domain/caller_check.hpp"

#include <gtest/gtest.h>

#include "domain/diagnosis.hpp"

namespace ssmlink::domain {
namespace {

constexpr const char* kIdVpc = "vpc-0f00d1e2c3b4a5968";
constexpr const char* kIdSubnet = "subnet-0123456789abcdef0";
constexpr const char* kIdInstance = "i-0a1b2c3d4e5f67890";
constexpr const char* kIdProfile = "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile";
constexpr const char* kIdRole = "SSMInstanceRole";
constexpr const char* kIdRoleArn = "arn:aws:iam::123456789012:role/SSMInstanceRole";
constexpr const char* kCoreArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
constexpr const char* kKey =
    "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

// AmazonSSMManagedInstanceCore v2's statements for the agent.
constexpr const char* kCoreDocument = R"({"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":["ssm:DescribeAssociation","ssm:GetDeployablePatchSnapshotForInstance",
   "ssm:GetDocument","ssm:DescribeDocument","ssm:GetManifest","ssm:GetParameter","ssm:GetParameters",
   "ssm:ListAssociations","ssm:ListInstanceAssociations","ssm:PutInventory","ssm:PutComplianceItems",
   "ssm:PutConfigurePackageResult","ssm:UpdateAssociationStatus",
   "ssm:UpdateInstanceAssociationStatus","ssm:UpdateInstanceInformation"],"Resource":"*"},
  {"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",
   "ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"},
  {"Effect":"Allow","Action":["ec2messages:AcknowledgeMessage","ec2messages:DeleteMessage",
   "ec2messages:FailMessage","ec2messages:GetEndpoint","ec2messages:GetMessages",
   "ec2messages:SendReply"],"Resource":"*"}]})";

constexpr const char* kEc2Trust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kSsmTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

Inventory identity_seed() {
  Inventory inventory;
  inventory.region = "us-east-1";
  inventory.vpcs = {{kIdVpc, "10.0.0.0/16", true, true}};
  inventory.subnets = {{kIdSubnet, kIdVpc, "us-east-1a", "10.0.1.0/24"}};
  inventory.instances = {{kIdInstance,
                          "running",
                          kIdVpc,
                          kIdSubnet,
                          "10.0.1.10",
                          std::nullopt,
                          {},
                          kIdProfile,
                          "Linux/UNIX",
                          "required"}};
  inventory.iam_read = true;
  inventory.instance_profiles = {{kIdProfile, {kIdRole}, std::nullopt}};
  inventory.roles = {{kIdRole, kIdRoleArn, kEc2Trust, {kCoreArn}, {}, std::nullopt, std::nullopt}};
  inventory.managed_policies = {{kCoreArn, "v2", kCoreDocument, std::nullopt}};
  return inventory;
}

std::vector<Finding> identity_findings(const Inventory& inventory, bool keep_ok = true) {
  InventoryIndex index(inventory);
  std::vector<Finding> findings;
  const ManagedInstance* managed = index.managed(kIdInstance);
  check_agent_identity({inventory, index.iam(), inventory.instances[0], managed, keep_ok},
                       findings);
  return findings;
}

const Finding* identity_find(const std::vector<Finding>& findings, const std::string& id) {
  for (const auto& finding : findings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

bool identity_contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(AgentIdentity, TheCorePolicyGivesTheAgentEveryCall) {
  auto findings = identity_findings(identity_seed());
  EXPECT_FALSE(any_error(findings));
  const Finding* permissions = identity_find(findings, "iam.permissions");
  ASSERT_NE(permissions, nullptr);
  EXPECT_EQ(permissions->severity, Severity::Ok);
  EXPECT_TRUE(identity_contains(permissions->title, kIdRole));
}

TEST(AgentIdentity, ARoleWithoutTheCorePolicyNamesTheFirstMissingActionAndTheFix) {
  Inventory inventory = identity_seed();
  std::string read_only = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  inventory.roles[0].attached_policy_arns = {read_only};
  inventory.managed_policies.push_back(
      {read_only, "v1",
       R"({"Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],"Resource":"*"}]})",
       std::nullopt});
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "iam.permissions");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->title, "ssm:UpdateInstanceInformation")) << f->title;
  EXPECT_TRUE(identity_contains(f->title, "no policy allows it")) << f->title;
  EXPECT_EQ(f->fix,
            "aws iam attach-role-policy --role-name SSMInstanceRole --policy-arn "
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
}

TEST(AgentIdentity, AnInlineDenyIsNamedWithItsStatementAndRemoved) {
  Inventory inventory = identity_seed();
  inventory.roles[0].inline_policies = {
      {"no-sessions",
       R"({"Statement":{"Sid":"NoChannels","Effect":"Deny","Action":"ssmmessages:*","Resource":"*"}})"}};
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "iam.permissions");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->title, "ssmmessages:CreateControlChannel")) << f->title;
  EXPECT_TRUE(identity_contains(f->title, "inline policy no-sessions (statement NoChannels)"))
      << f->title;
  EXPECT_TRUE(identity_contains(
      f->fix, "aws iam delete-role-policy --role-name SSMInstanceRole --policy-name no-sessions"))
      << f->fix;
}

TEST(AgentIdentity, ABoundaryWithoutSsmmessagesBlocksWhatTheRoleAllows) {
  Inventory inventory = identity_seed();
  std::string boundary = "arn:aws:iam::123456789012:policy/ssm-only";
  inventory.roles[0].permissions_boundary_arn = boundary;
  inventory.managed_policies.push_back(
      {boundary, "v1",
       R"({"Statement":[{"Effect":"Allow","Action":["ssm:*","ec2messages:*"],"Resource":"*"}]})",
       std::nullopt});
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "iam.permissions");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->title, "permissions boundary " + boundary)) << f->title;
  EXPECT_TRUE(identity_contains(f->title, "ssmmessages:CreateControlChannel")) << f->title;
  EXPECT_TRUE(identity_contains(f->fix, "delete-role-permissions-boundary")) << f->fix;
}

TEST(AgentIdentity, ATrustPolicyWithoutEc2IsAnError) {
  Inventory inventory = identity_seed();
  inventory.roles[0].trust_policy = kSsmTrust;
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "iam.trust");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->fix, "update-assume-role-policy --role-name SSMInstanceRole"));
  EXPECT_TRUE(identity_contains(f->fix, "ec2.amazonaws.com"));
}

TEST(AgentIdentity, AConditionalAllowIsACannotTellWarning) {
  Inventory inventory = identity_seed();
  inventory.managed_policies[0].document =
      R"({"Statement":[{"Effect":"Allow","Action":["ssm:*","ssmmessages:*","ec2messages:*"],"Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]})";
  auto findings = identity_findings(inventory);
  EXPECT_FALSE(any_error(findings));
  const Finding* f = identity_find(findings, "iam.permissions");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_TRUE(identity_contains(f->title, "condition")) << f->title;
}

TEST(AgentIdentity, RegistrationScopedToInstancesIsJudgedOnTheInstancesArn) {
  Inventory inventory = identity_seed();
  inventory.managed_policies[0].document =
      R"({"Statement":[{"Effect":"Allow","Action":"ssm:UpdateInstanceInformation","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"},
                       {"Effect":"Allow","Action":["ssmmessages:*","ec2messages:*"],"Resource":"*"}]})";
  auto findings = identity_findings(inventory);
  EXPECT_FALSE(any_error(findings));
  ASSERT_NE(identity_find(findings, "iam.permissions"), nullptr);
  EXPECT_EQ(identity_find(findings, "iam.permissions")->severity, Severity::Ok);
  // Scoped to another account's instances: refused.
  inventory.managed_policies[0].document =
      R"({"Statement":[{"Effect":"Allow","Action":"ssm:UpdateInstanceInformation","Resource":"arn:aws:ec2:us-east-1:999999999999:instance/*"},
                       {"Effect":"Allow","Action":["ssmmessages:*","ec2messages:*"],"Resource":"*"}]})";
  auto refused = identity_findings(inventory);
  ASSERT_NE(identity_find(refused, "iam.permissions"), nullptr);
  EXPECT_EQ(identity_find(refused, "iam.permissions")->severity, Severity::Error);
}

TEST(AgentIdentity, MalformedDocumentsAreWarningsNeverCrashes) {
  for (const char* document : {"%7B%22Statement%22%3A", "{", "%ZZ", "[]", "{\"Statement\":5}",
                               "{\"Statement\":[{\"Effect\":\"Allow\"}]}", ""}) {
    Inventory inventory = identity_seed();
    inventory.managed_policies[0].document = document;
    auto findings = identity_findings(inventory);
    EXPECT_FALSE(any_error(findings)) << document;
    const Finding* f = identity_find(findings, "iam.permissions");
    ASSERT_NE(f, nullptr) << document;
    EXPECT_EQ(f->severity, Severity::Warning) << document;
  }
}

TEST(AgentIdentity, AnUnreadableProfileIsAWarningThatSaysWhatToCheck) {
  Inventory inventory = identity_seed();
  inventory.instance_profiles[0].error = "AccessDenied: not authorized to iam:GetInstanceProfile";
  auto findings = identity_findings(inventory);
  EXPECT_FALSE(any_error(findings));
  const Finding* f = identity_find(findings, "iam.role");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_TRUE(identity_contains(f->detail, "AccessDenied"));
  EXPECT_TRUE(
      identity_contains(f->fix, "get-instance-profile --instance-profile-name SSMInstanceProfile"));
}

TEST(AgentIdentity, AProfileWithoutARoleIsAnError) {
  Inventory inventory = identity_seed();
  inventory.instance_profiles[0].role_names.clear();
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "iam.role");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->fix, "add-role-to-instance-profile"));
}

Inventory identity_without_profile() {
  Inventory inventory = identity_seed();
  inventory.instances[0].instance_profile_arn.reset();
  inventory.instance_profiles.clear();
  inventory.roles.clear();
  inventory.managed_policies.clear();
  return inventory;
}

void identity_turn_on_host_management(Inventory& inventory) {
  std::string policy = "arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy";
  inventory.host_management_role = "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole";
  inventory.roles.push_back({"AWSSystemsManagerDefaultEC2InstanceManagementRole",
                             "arn:aws:iam::123456789012:role/service-role/"
                             "AWSSystemsManagerDefaultEC2InstanceManagementRole",
                             kSsmTrust,
                             {policy},
                             {},
                             std::nullopt,
                             std::nullopt});
  inventory.managed_policies.push_back({policy, "v1", kCoreDocument, std::nullopt});
}

TEST(AgentIdentity, WithoutAProfileAndHostManagementOffTheFixNamesBothWays) {
  auto findings = identity_findings(identity_without_profile());
  const Finding* f = identity_find(findings, "instance.profile");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->detail, "Default Host Management Configuration is off"));
  EXPECT_TRUE(identity_contains(f->fix, "associate-iam-instance-profile"));
  EXPECT_TRUE(identity_contains(f->fix, "update-service-setting"));
}

TEST(AgentIdentity, HostManagementGivesAnInstanceWithoutAProfileItsRole) {
  Inventory inventory = identity_without_profile();
  identity_turn_on_host_management(inventory);
  auto findings = identity_findings(inventory);
  EXPECT_FALSE(any_error(findings));
  const Finding* f = identity_find(findings, "instance.profile");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Ok);
  EXPECT_TRUE(identity_contains(f->title, "Default Host Management")) << f->title;
  EXPECT_TRUE(identity_contains(f->detail, "IMDSv2")) << f->detail;
}

TEST(AgentIdentity, HostManagementNeedsIMDSv2) {
  Inventory inventory = identity_without_profile();
  identity_turn_on_host_management(inventory);
  inventory.instances[0].http_tokens = "optional";
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "instance.profile");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->fix, "--http-tokens required")) << f->fix;
}

TEST(AgentIdentity, HostManagementsRoleMustTrustSsm) {
  Inventory inventory = identity_without_profile();
  identity_turn_on_host_management(inventory);
  inventory.roles[0].trust_policy = kEc2Trust;
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "iam.trust");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->title, "ssm.amazonaws.com")) << f->title;
}

TEST(AgentIdentity, AnUnreadableServiceSettingWithoutAProfileIsAWarning) {
  Inventory inventory = identity_without_profile();
  inventory.unreadable.push_back({"ssm:GetServiceSetting", "AccessDeniedException: no"});
  auto findings = identity_findings(inventory);
  EXPECT_FALSE(any_error(findings));
  const Finding* f = identity_find(findings, "instance.profile");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Warning);
}

TEST(AgentIdentity, ABrokenProfileRoleFallsBackToHostManagement) {
  Inventory inventory = identity_seed();
  inventory.roles[0].attached_policy_arns.clear();
  identity_turn_on_host_management(inventory);
  auto findings = identity_findings(inventory);
  EXPECT_FALSE(any_error(findings));
  const Finding* f = identity_find(findings, "iam.permissions");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Info);
}

TEST(AgentIdentity, Ec2messagesIsNeededOnlyByOldAgents) {
  Inventory inventory = identity_seed();
  inventory.managed_policies[0].document =
      R"({"Statement":[{"Effect":"Allow","Action":["ssm:UpdateInstanceInformation","ssmmessages:*"],"Resource":"*"}]})";
  // Unknown agent: a warning only.
  auto unknown = identity_findings(inventory);
  EXPECT_FALSE(any_error(unknown));
  ASSERT_NE(identity_find(unknown, "iam.permissions"), nullptr);
  EXPECT_EQ(identity_find(unknown, "iam.permissions")->severity, Severity::Warning);
  // A new agent does without.
  inventory.managed_instances = {{kIdInstance, "Online", "3.3.1142.0", "Linux", "", ""}};
  EXPECT_FALSE(any_error(identity_findings(inventory)));
  // An old one needs it.
  inventory.managed_instances[0].agent_version = "3.2.100.0";
  auto old = identity_findings(inventory);
  ASSERT_NE(identity_find(old, "iam.permissions"), nullptr);
  EXPECT_EQ(identity_find(old, "iam.permissions")->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(identity_find(old, "iam.permissions")->title, "ec2messages:"));
}

TEST(AgentIdentity, KmsPreferencesNeedDecryptOnTheKey) {
  Inventory inventory = identity_seed();
  inventory.session_preferences = SessionPreferences{kKey, "", ""};
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "kms.decrypt");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(identity_contains(f->fix, "put-role-policy --role-name SSMInstanceRole")) << f->fix;
  EXPECT_TRUE(identity_contains(f->fix, kKey)) << f->fix;
  const Finding* note = identity_find(findings, "kms.caller");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::Info);
  EXPECT_TRUE(identity_contains(note->title, "kms:GenerateDataKey"));

  inventory.roles[0].inline_policies = {
      {"kms",
       std::string(R"({"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":")") +
           kKey + "\"}]}"}};
  auto allowed = identity_findings(inventory);
  ASSERT_NE(identity_find(allowed, "kms.decrypt"), nullptr);
  EXPECT_EQ(identity_find(allowed, "kms.decrypt")->severity, Severity::Ok);
}

TEST(AgentIdentity, AKeyIdIsJudgedAsTheKeyArnInTheRolesAccount) {
  Inventory inventory = identity_seed();
  inventory.session_preferences =
      SessionPreferences{"1234abcd-12ab-34cd-56ef-1234567890ab", "", ""};
  inventory.roles[0].inline_policies = {
      {"kms",
       std::string(R"({"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":")") +
           kKey + "\"}]}"}};
  auto findings = identity_findings(inventory);
  ASSERT_NE(identity_find(findings, "kms.decrypt"), nullptr);
  EXPECT_EQ(identity_find(findings, "kms.decrypt")->severity, Severity::Ok);
}

TEST(AgentIdentity, OkFindingsAreLeftOutWhenNotWanted) {
  auto findings = identity_findings(identity_seed(), false);
  EXPECT_TRUE(findings.empty());
}

TEST(AgentIdentity, AVersion1SnapshotSaysIamWasNotRead) {
  Inventory inventory = identity_seed();
  inventory.iam_read = false;
  auto findings = identity_findings(inventory);
  const Finding* f = identity_find(findings, "instance.profile");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Ok);
  EXPECT_TRUE(identity_contains(f->detail, "IAM was not read"));
}

TEST(CallerCheck, EachMissingActionIsAFinding) {
  CallerCheck caller{"arn:aws:iam::123456789012:user/dev",
                     std::nullopt,
                     {{"cloudformation:CreateStack", "*", "allowed", {}},
                      {"ec2:CreateVpcEndpoint", "*", "implicitDeny", {}},
                      {"ssm:StartSession",
                       "arn:aws:ec2:us-east-1:123456789012:instance/i-1",
                       "explicitDeny",
                       {"deny-sessions"}}}};
  std::vector<Finding> findings;
  check_caller(caller, true, findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].severity, Severity::Error);
  EXPECT_TRUE(identity_contains(findings[0].title, "ec2:CreateVpcEndpoint"));
  EXPECT_TRUE(identity_contains(findings[1].title, "denied by deny-sessions"));
  EXPECT_TRUE(identity_contains(findings[1].title, "instance/i-1"));
}

TEST(CallerCheck, ASimulationThatFailedIsAWarning) {
  CallerCheck caller{"arn:aws:iam::123456789012:root", "the caller is the account's root user", {}};
  std::vector<Finding> findings;
  check_caller(caller, true, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::Warning);
}

}  // namespace
}  // namespace ssmlink::domain
