#include "emulator/iam/iam_scenario.hpp"

#include "emulator/iam/iam_entities.hpp"
#include "emulator/iam/iam_lookup.hpp"
#include "emulator/iam/managed_policies.hpp"
#include "emulator/iam/policy_eval.hpp"
#include "emulator/scenario_fields.hpp"
#include "util/clock.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;
using scenario_fields::fail;
using scenario_fields::Fields;
using scenario_fields::pointer_key;
using scenario_fields::shown;

// A policy document: a JSON object, checked as IAM checks it.
std::string document_field(const json& value, const std::string& path, bool trust) {
  if (!value.is_object()) fail(path, "expected a policy document object, got " + shown(value));
  std::string text = value.dump();
  if (auto problem = policy_document_problem(text, trust)) {
    fail(path, "not a valid " + std::string(trust ? "trust" : "policy") + " document (" + *problem +
                   "): " + shown(value));
  }
  return text;
}

std::string path_field(const Fields& f) {
  std::string path = f.string("path", "/");
  if (!is_iam_path(path))
    fail(f.at("path"), "\"" + path + "\" is not an IAM path (\"/\" or \"/a/b/\")");
  return path;
}

std::string name_field(const Fields& f, size_t max_length) {
  std::string name = f.string("name");
  if (!is_iam_name(name, max_length)) {
    fail(f.at("name"), "\"" + name + "\" is not an IAM name (letters, digits and _+=,.@-, up to " +
                           std::to_string(max_length) + ")");
  }
  return name;
}

// "trust": a service principal, a list of them, or a whole trust policy document.
std::string trust_field(const Fields& f) {
  if (!f.has("trust")) return service_trust_policy({"ec2.amazonaws.com"});
  const json& trust = f.raw("trust");
  if (trust.is_object()) return document_field(trust, f.at("trust"), true);
  std::vector<std::string> services =
      trust.is_string() ? std::vector<std::string>{trust.get<std::string>()} : f.strings("trust");
  if (services.empty()) fail(f.at("trust"), "expected a service principal, a list or a document");
  return service_trust_policy(services);
}

void load_policy(World& staged, const json& item, const std::string& path, TimePoint now) {
  Fields f(item, path, {"name", "path", "description", "document"});
  if (!f.has("document")) fail(f.at("document"), "missing (required)");
  IamPolicy policy = new_policy(staged, name_field(f, 128), path_field(f),
                                document_field(f.raw("document"), f.at("document"), false), now);
  policy.description = f.string("description", "");
  if (staged.iam.policies.contains(policy.arn))
    fail(f.at("name"), "\"" + policy.name + "\" is used twice");
  staged.iam.policies.emplace(policy.arn, std::move(policy));
}

void load_role(World& staged, const json& item, const std::string& path, TimePoint now) {
  Fields f(item, path,
           {"name", "path", "description", "trust", "managedPolicies", "inlinePolicies",
            "permissionsBoundary"});
  IamRole role = new_role(staged, name_field(f, 64), path_field(f), trust_field(f), now);
  if (staged.iam.roles.contains(role.name))
    fail(f.at("name"), "\"" + role.name + "\" is used twice");
  role.description = f.string("description", "");
  for (const auto& [value, value_path] : f.array("managedPolicies")) {
    std::string arn = policy_reference(staged, *value, value_path);
    if (std::find(role.attached_policy_arns.begin(), role.attached_policy_arns.end(), arn) ==
        role.attached_policy_arns.end()) {
      role.attached_policy_arns.push_back(arn);
    }
  }
  if (f.has("inlinePolicies")) {
    const json& inline_policies = f.raw("inlinePolicies");
    if (!inline_policies.is_object()) {
      fail(f.at("inlinePolicies"),
           "expected an object of policy names and documents, got " + shown(inline_policies));
    }
    for (const auto& [name, document] : inline_policies.items()) {
      std::string at = f.at("inlinePolicies") + "/" + pointer_key(name);
      if (!is_iam_name(name, 128)) fail(at, "\"" + name + "\" is not an IAM policy name");
      role.inline_policies[name] = document_field(document, at, false);
    }
  }
  if (f.has("permissionsBoundary")) {
    role.permissions_boundary_arn =
        policy_reference(staged, f.raw("permissionsBoundary"), f.at("permissionsBoundary"));
  }
  staged.iam.roles.emplace(role.name, std::move(role));
}

void load_instance_profile(World& staged, const json& item, const std::string& path,
                           TimePoint now) {
  Fields f(item, path, {"name", "path", "role", "id"});
  IamInstanceProfile profile = new_instance_profile(staged, name_field(f, 128), path_field(f), now);
  profile.id = f.string("id", profile.id);
  if (staged.iam.instance_profiles.contains(profile.name)) {
    fail(f.at("name"), "\"" + profile.name + "\" is used twice");
  }
  if (f.has("role")) {
    std::string role = f.string("role");
    if (!staged.iam.roles.contains(role))
      fail(f.at("role"), "no role \"" + role + "\" in iam.roles");
    profile.roles.push_back(role);
  }
  staged.iam.instance_profiles.emplace(profile.name, std::move(profile));
}

nlohmann::ordered_json parsed(const std::string& document) {
  return nlohmann::ordered_json::parse(document, nullptr, false);
}

}  // namespace

void load_iam(World& staged, const json& iam, TimePoint now) {
  Fields f(iam, "/iam", {"roles", "policies", "instanceProfiles"});
  for (const auto& [item, path] : f.array("policies"))
    load_policy(staged, *item, path, now);
  for (const auto& [item, path] : f.array("roles"))
    load_role(staged, *item, path, now);
  for (const auto& [item, path] : f.array("instanceProfiles"))
    load_instance_profile(staged, *item, path, now);
}

std::string policy_reference(const World& staged, const json& value, const std::string& path) {
  if (!value.is_string()) fail(path, "expected a policy name or ARN, got " + shown(value));
  std::string text = value.get<std::string>();
  if (const auto* aws = find_aws_managed_policy(text)) return aws->arn;
  if (staged.iam.policies.contains(text)) return text;
  for (const auto& [arn, policy] : staged.iam.policies) {
    if (policy.name == text) return arn;
  }
  std::vector<std::string> names;
  for (const auto& policy : aws_managed_policies())
    names.push_back(policy.name);
  fail(path, "no policy \"" + text + "\" (AWS managed: " + join(names, ", ") +
                 "; or a customer policy of iam.policies by name or ARN)");
}

InstanceProfile instance_profile_reference(World& staged, const json& value,
                                           const std::string& path, TimePoint now) {
  Fields p(value, path, {"arn", "role", "id", "ssmCorePolicy"});
  std::string arn = p.string("arn");
  size_t marker = arn.find(":instance-profile/");
  if (!arn.starts_with("arn:aws:iam::") || marker == std::string::npos ||
      marker + 18 >= arn.size()) {
    fail(p.at("arn"), "\"" + arn +
                          "\" is not an instance profile ARN "
                          "(arn:aws:iam::123456789012:instance-profile/NAME)");
  }
  if (const auto* declared = find_instance_profile_by_arn(staged, arn)) {
    if (p.has("role") && (declared->roles.empty() || declared->roles[0] != p.string("role"))) {
      fail(p.at("role"), "\"" + p.string("role") + "\" is not the role of " + arn + " in iam");
    }
    return {declared->arn, p.string("id", declared->id)};
  }
  std::string name = arn.substr(arn.rfind('/') + 1);
  std::string profile_path = arn.substr(marker + 17, arn.size() - name.size() - marker - 17);
  IamInstanceProfile profile = new_instance_profile(staged, name, profile_path, now);
  profile.arn = arn;  // as given, whatever account it names
  profile.id = p.string("id", profile.id);
  std::string role_name = p.string("role", name);
  if (!staged.iam.roles.contains(role_name)) {
    IamRole role =
        new_role(staged, role_name, "/", service_trust_policy({"ec2.amazonaws.com"}), now);
    if (p.boolean("ssmCorePolicy", true)) {
      role.attached_policy_arns.push_back(
          find_aws_managed_policy("AmazonSSMManagedInstanceCore")->arn);
    }
    staged.iam.roles.emplace(role_name, std::move(role));
  }
  profile.roles.push_back(role_name);
  if (staged.iam.instance_profiles.contains(name)) {
    fail(p.at("arn"), "an instance profile named " + name + " exists with another ARN");
  }
  staged.iam.instance_profiles.emplace(name, profile);
  return {profile.arn, profile.id};
}

std::string default_host_management_setting(World& staged, const json& value,
                                            const std::string& path, TimePoint now) {
  if (value.is_null() || value == false) return "";
  if (value == true) {
    ensure_default_host_management_role(staged, now);
    return kDefaultHostManagementRole;
  }
  if (!value.is_string()) fail(path, "expected true, false or a role name, got " + shown(value));
  std::string setting = value.get<std::string>();
  if (setting.starts_with('/')) setting.erase(0, 1);
  if (!find_role_by_setting(staged, setting)) {
    fail(path, "no role \"" + setting + "\" in iam.roles (give its path and name, e.g. " +
                   kDefaultHostManagementRole + ")");
  }
  return setting;
}

nlohmann::ordered_json dump_iam(const World& world) {
  using nlohmann::ordered_json;
  ordered_json policies = ordered_json::array(), roles = ordered_json::array(),
               profiles = ordered_json::array();
  for (const auto& [arn, policy] : world.iam.policies) {
    ordered_json item{{"name", policy.name}, {"path", policy.path}};
    if (!policy.description.empty()) item["description"] = policy.description;
    auto view = find_managed_policy(world, arn);
    item["document"] = parsed(view ? view->document : "{}");
    item["_arn"] = arn;
    policies.push_back(item);
  }
  for (const auto& [name, role] : world.iam.roles) {
    ordered_json item{{"name", name}, {"path", role.path}};
    if (!role.description.empty()) item["description"] = role.description;
    item["trust"] = parsed(role.trust_policy);
    item["managedPolicies"] = role.attached_policy_arns;
    ordered_json inline_policies = ordered_json::object();
    for (const auto& [policy_name, document] : role.inline_policies)
      inline_policies[policy_name] = parsed(document);
    item["inlinePolicies"] = inline_policies;
    if (!role.permissions_boundary_arn.empty()) {
      item["permissionsBoundary"] = role.permissions_boundary_arn;
    }
    item["_arn"] = role.arn;
    item["_roleId"] = role.id;
    roles.push_back(item);
  }
  for (const auto& [name, profile] : world.iam.instance_profiles) {
    ordered_json item{{"name", name}, {"path", profile.path}, {"id", profile.id}};
    if (!profile.roles.empty()) item["role"] = profile.roles.front();
    item["_arn"] = profile.arn;
    profiles.push_back(item);
  }
  return {{"policies", policies}, {"roles", roles}, {"instanceProfiles", profiles}};
}

}  // namespace ssmlink::emulator
