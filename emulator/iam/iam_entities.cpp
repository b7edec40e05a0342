#include "emulator/iam/iam_entities.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "emulator/iam/iam_lookup.hpp"
#include "emulator/iam/managed_policies.hpp"

namespace ssmlink::emulator {

std::string service_trust_policy(const std::vector<std::string>& services) {
  nlohmann::ordered_json principal =
      services.size() == 1 ? nlohmann::ordered_json(services[0]) : nlohmann::ordered_json(services);
  nlohmann::ordered_json document = {{"Version", "2012-10-17"},
                                     {"Statement",
                                      {{{"Effect", "Allow"},
                                        {"Principal", {{"Service", principal}}},
                                        {"Action", "sts:AssumeRole"}}}}};
  return document.dump();
}

IamRole new_role(const World& world, const std::string& name, const std::string& path,
                 const std::string& trust_policy, TimePoint now) {
  IamRole role;
  role.name = name;
  role.path = path;
  role.arn = iam_arn(world, "role", path, name);
  role.id = iam_unique_id("AROA", role.arn);
  role.trust_policy = trust_policy;
  role.created = std::chrono::time_point_cast<std::chrono::seconds>(now);
  return role;
}

IamInstanceProfile new_instance_profile(const World& world, const std::string& name,
                                        const std::string& path, TimePoint now) {
  IamInstanceProfile profile;
  profile.name = name;
  profile.path = path;
  profile.arn = iam_arn(world, "instance-profile", path, name);
  profile.id = iam_unique_id("AIPA", profile.arn);
  profile.created = std::chrono::time_point_cast<std::chrono::seconds>(now);
  return profile;
}

IamPolicy new_policy(const World& world, const std::string& name, const std::string& path,
                     const std::string& document, TimePoint now) {
  IamPolicy policy;
  policy.name = name;
  policy.path = path;
  policy.arn = iam_arn(world, "policy", path, name);
  policy.id = iam_unique_id("ANPA", policy.arn);
  policy.created = std::chrono::time_point_cast<std::chrono::seconds>(now);
  policy.versions.push_back({"v1", document, policy.created});
  return policy;
}

bool is_iam_name(const std::string& name, size_t max_length) {
  return !name.empty() && name.size() <= max_length &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) ||
                  std::string_view("_+=,.@-").find(c) != std::string_view::npos;
         });
}

bool is_iam_path(const std::string& path) {
  return path.size() <= 512 && path.starts_with('/') && path.ends_with('/') &&
         path.find("//") == std::string::npos &&
         std::all_of(path.begin(), path.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

void ensure_default_host_management_role(World& world, TimePoint now) {
  std::string setting = kDefaultHostManagementRole;
  std::string name = setting.substr(setting.rfind('/') + 1);
  if (world.iam.roles.contains(name)) return;
  IamRole role =
      new_role(world, name, "/service-role/", service_trust_policy({"ssm.amazonaws.com"}), now);
  role.attached_policy_arns.push_back(
      find_aws_managed_policy("AmazonSSMManagedEC2InstanceDefaultPolicy")->arn);
  world.iam.roles.emplace(name, std::move(role));
}

}  // namespace ssmlink::emulator
