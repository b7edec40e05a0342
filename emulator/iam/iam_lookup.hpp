// Finding IAM entities and the policies that apply to a principal, for the IAM API, the
// SSM agent's identity (ssm/agent_identity.cpp) and SimulatePrincipalPolicy.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "emulator/iam/policy_eval.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

// A managed policy (AWS or customer) as a principal sees it: its default version.
struct ManagedPolicyView {
  std::string name;
  std::string arn;
  std::string document;
  bool aws_managed = false;
};

std::optional<ManagedPolicyView> find_managed_policy(const World& world, const std::string& arn);

// arn:aws:iam::ACCOUNT:role/PATHNAME (path "/" or "/a/b/").
std::string iam_arn(const World& world, const std::string& kind, const std::string& path,
                    const std::string& name);

// The role by ARN; null when there is none.
const IamRole* find_role_by_arn(const World& world, const std::string& arn);
// A role by "NAME" or "PATH/NAME" (the DHMC setting's form, e.g.
// "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole").
const IamRole* find_role_by_setting(const World& world, const std::string& value);
const IamInstanceProfile* find_instance_profile_by_arn(const World& world, const std::string& arn);

// The role's identity policies (attached managed ones, then inline ones) and its
// permissions boundary.
struct PrincipalPolicies {
  std::vector<PolicySource> identity;
  std::optional<PolicySource> boundary;
};
PrincipalPolicies role_policies(const World& world, const IamRole& role);
PrincipalPolicies key_policies(const World& world, const AccessKey& key);

// One line for a blocker or a message: why `role` may not call `action` on `resource`,
// e.g. "denied explicitly by inline policy DenySsmMessages", or nothing when allowed.
std::optional<std::string> role_denial(const World& world, const IamRole& role,
                                       const std::string& action, const std::string& resource);

// RFC 3986 percent-encoding (everything but A-Za-z0-9-_.~), as IAM returns documents.
std::string uri_encode(const std::string& text);

// Deterministic IAM unique IDs: prefix (AROA, AIPA, ANPA) + 17 characters from the ARN.
std::string iam_unique_id(const std::string& prefix, const std::string& arn);

}  // namespace ssmlink::emulator
