#include "emulator/iam/iam_lookup.hpp"

#include <cctype>

#include "emulator/iam/managed_policies.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

std::optional<ManagedPolicyView> find_managed_policy(const World& world, const std::string& arn) {
  if (const auto* aws = find_aws_managed_policy(arn); aws && aws->arn == arn) {
    return ManagedPolicyView{aws->name, aws->arn, aws->document, true};
  }
  auto found = world.iam.policies.find(arn);
  if (found == world.iam.policies.end()) return std::nullopt;
  const IamPolicy& policy = found->second;
  for (const auto& version : policy.versions) {
    if (version.id == policy.default_version) {
      return ManagedPolicyView{policy.name, policy.arn, version.document, false};
    }
  }
  return std::nullopt;
}

std::string iam_arn(const World& world, const std::string& kind, const std::string& path,
                    const std::string& name) {
  return "arn:aws:iam::" + world.account_id + ":" + kind + (path.empty() ? "/" : path) + name;
}

const IamRole* find_role_by_arn(const World& world, const std::string& arn) {
  for (const auto& [name, role] : world.iam.roles) {
    if (role.arn == arn) return &role;
  }
  return nullptr;
}

const IamRole* find_role_by_setting(const World& world, const std::string& value) {
  std::string name = value.substr(value.rfind('/') == std::string::npos ? 0 : value.rfind('/') + 1);
  auto found = world.iam.roles.find(name);
  if (found == world.iam.roles.end()) return nullptr;
  std::string path = "/" + value.substr(0, value.size() - name.size());
  return found->second.path == path ? &found->second : nullptr;
}

const IamInstanceProfile* find_instance_profile_by_arn(const World& world, const std::string& arn) {
  for (const auto& [name, profile] : world.iam.instance_profiles) {
    if (profile.arn == arn) return &profile;
  }
  return nullptr;
}

namespace {

// Managed policies by ARN, as identity policies; ARNs of policies that are gone add nothing.
std::vector<PolicySource> managed_sources(const World& world,
                                          const std::vector<std::string>& arns) {
  std::vector<PolicySource> out;
  for (const auto& arn : arns) {
    auto policy = find_managed_policy(world, arn);
    if (!policy) continue;
    out.push_back(
        {policy->name, policy->aws_managed ? "aws-managed" : "user-managed", policy->document});
  }
  return out;
}

}  // namespace

PrincipalPolicies role_policies(const World& world, const IamRole& role) {
  PrincipalPolicies out;
  out.identity = managed_sources(world, role.attached_policy_arns);
  for (const auto& [name, document] : role.inline_policies)
    out.identity.push_back({name, "role", document});
  if (!role.permissions_boundary_arn.empty()) {
    auto policy = find_managed_policy(world, role.permissions_boundary_arn);
    // A boundary whose policy is gone allows nothing (IAM refuses deleting it while used).
    out.boundary = PolicySource{policy ? policy->name : role.permissions_boundary_arn,
                                "permissions-boundary", policy ? policy->document : "{}"};
  }
  return out;
}

PrincipalPolicies key_policies(const World& world, const AccessKey& key) {
  PrincipalPolicies out;
  out.identity = managed_sources(world, key.policy_arns);
  return out;
}

std::optional<std::string> role_denial(const World& world, const IamRole& role,
                                       const std::string& action, const std::string& resource) {
  PrincipalPolicies policies = role_policies(world, role);
  Evaluation result = evaluate_policies(policies.identity, policies.boundary, action, resource);
  if (result.decision == Decision::allowed) return std::nullopt;
  if (result.decision == Decision::explicit_deny) {
    const MatchedStatement& deny = result.matched.front();
    std::string kind = deny.source_type == "role"                   ? "inline policy "
                       : deny.source_type == "permissions-boundary" ? "permissions boundary "
                                                                    : "managed policy ";
    return "denied explicitly by " + kind + deny.source_id;
  }
  if (result.boundary_denied) {
    return "its permissions boundary " + role.permissions_boundary_arn + " does not allow it";
  }
  std::vector<std::string> names;
  for (const auto& source : policies.identity) {
    names.push_back(source.type == "role" ? "inline " + source.id : source.id);
  }
  return "no policy of the role allows it (" +
         (names.empty() ? std::string("it has no policies") : "policies: " + join(names, ", ")) +
         ")";
}

std::string uri_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

std::string iam_unique_id(const std::string& prefix, const std::string& arn) {
  std::string digest = sha256_hex(arn).substr(0, 17);
  for (auto& c : digest)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return prefix + digest;
}

}  // namespace ssmlink::emulator
