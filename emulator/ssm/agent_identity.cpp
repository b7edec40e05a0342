#include "emulator/ssm/agent_identity.hpp"

#include "emulator/iam/iam_lookup.hpp"
#include "emulator/ssm/versions.hpp"

namespace ssmlink::emulator {

namespace {

// The first call the role may not make, with why; nothing when it may make them all.
std::optional<std::string> missing_permission(const World& world, const IamRole& role,
                                              const std::vector<std::string>& actions,
                                              const std::string& resource) {
  for (const auto& action : actions) {
    if (auto why = role_denial(world, role, action, resource)) {
      return "is not allowed " + action + ": " + *why;
    }
  }
  return std::nullopt;
}

struct RoleCheck {
  const IamRole* role = nullptr;
  std::optional<std::string> problem;
};

RoleCheck profile_role(const World& world, const RegionState& region, const Instance& instance) {
  if (!instance.profile) return {nullptr, "no IAM instance profile is attached to " + instance.id};
  const std::string& arn = instance.profile->arn;
  const IamInstanceProfile* profile = find_instance_profile_by_arn(world, arn);
  std::string of = "the instance profile " + arn + " of " + instance.id;
  if (!profile) return {nullptr, of + " does not exist in IAM"};
  if (profile->roles.empty()) return {nullptr, of + " has no role"};
  auto role = world.iam.roles.find(profile->roles.front());
  if (role == world.iam.roles.end()) {
    return {nullptr, of + " names role " + profile->roles.front() + ", which does not exist"};
  }
  std::string subject = "the role " + role->second.name + " (" + of + ")";
  if (!trust_allows_service(role->second.trust_policy, "ec2.amazonaws.com")) {
    return {nullptr, subject + " does not trust ec2.amazonaws.com to assume it (sts:AssumeRole)"};
  }
  auto missing = missing_permission(world, role->second, agent_actions(instance),
                                    instance_arn(world, region, instance));
  if (missing) return {nullptr, subject + " " + *missing};
  return {&role->second, std::nullopt};
}

RoleCheck host_management_role(const World& world, const RegionState& region,
                               const Instance& instance) {
  const std::string& setting = region.default_host_management_role;
  if (setting.empty()) return {nullptr, "Default Host Management Configuration is off"};
  if (compare_versions(instance.agent.version, kAgentWithDefaultHostManagement) < 0 ||
      instance.http_tokens != "required") {
    return {nullptr, "Default Host Management Configuration needs agent 3.2.582.0+ and IMDSv2"};
  }
  const IamRole* role = find_role_by_setting(world, setting);
  std::string subject = "the Default Host Management Configuration role " + setting;
  if (!role) return {nullptr, subject + " does not exist"};
  if (!trust_allows_service(role->trust_policy, "ssm.amazonaws.com")) {
    return {nullptr, subject + " does not trust ssm.amazonaws.com to assume it (sts:AssumeRole)"};
  }
  auto missing = missing_permission(world, *role, agent_actions(instance),
                                    instance_arn(world, region, instance));
  if (missing) return {nullptr, subject + " " + *missing};
  return {role, std::nullopt};
}

}  // namespace

std::vector<std::string> agent_actions(const Instance& instance) {
  std::vector<std::string> actions = {
      "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel"};
  if (compare_versions(instance.agent.version, kAgentWithoutEc2Messages) < 0) {
    for (const char* action : {"ec2messages:GetMessages", "ec2messages:AcknowledgeMessage",
                               "ec2messages:SendReply", "ec2messages:GetEndpoint"}) {
      actions.emplace_back(action);
    }
  }
  return actions;
}

std::string instance_arn(const World& world, const RegionState& region, const Instance& instance) {
  return "arn:aws:ec2:" + region.name + ":" + world.account_id + ":instance/" + instance.id;
}

std::string kms_key_arn(const World& world, const RegionState& region, const std::string& key) {
  if (key.starts_with("arn:")) return key;
  std::string prefix = "arn:aws:kms:" + region.name + ":" + world.account_id + ":";
  return key.starts_with("alias/") ? prefix + key : prefix + "key/" + key;
}

AgentIdentity agent_identity(const World& world, const RegionState& region,
                             const Instance& instance) {
  RoleCheck profile = profile_role(world, region, instance);
  if (profile.role) return {profile.role->name, false, std::nullopt};
  RoleCheck host = host_management_role(world, region, instance);
  if (host.role) return {host.role->name, true, std::nullopt};
  // The profile's problem first; DHMC's as the reason it does not step in.
  return {"", false, *profile.problem + " (and " + *host.problem + ")"};
}

std::optional<std::string> session_problem(const World& world, const RegionState& region,
                                           const Instance& instance) {
  const std::string& key = region.session_preferences.kms_key_id;
  if (!region.session_preferences.configured || key.empty()) return std::nullopt;
  AgentIdentity identity = agent_identity(world, region, instance);
  if (identity.role_name.empty()) return std::nullopt;  // not Online: the path blocker says so
  const IamRole& role = world.iam.roles.at(identity.role_name);
  std::string arn = kms_key_arn(world, region, key);
  auto why = role_denial(world, role, "kms:Decrypt", arn);
  if (!why) return std::nullopt;
  return "sessions cannot start on " + instance.id +
         ": the session preferences encrypt with KMS key " + key + " and the role " + role.name +
         " is not allowed kms:Decrypt on " + arn + ": " + *why;
}

}  // namespace ssmlink::emulator
