// The IAM calls that apply doctor's fixes. Each change re-judges every instance's path to
// SSM (World::network_changed), so the next DescribeInstanceInformation shows its effect.
#include "emulator/iam/iam_api.hpp"
#include "emulator/iam/iam_entities.hpp"
#include "emulator/iam/iam_lookup.hpp"
#include "emulator/iam/iam_wire.hpp"
#include "emulator/iam/policy_eval.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

namespace {

using namespace iam_wire;

IamRole& mutable_role(World& world, const std::string& name) {
  role_named(world, name);  // NoSuchEntity when missing
  return world.iam.roles.at(name);
}

std::string checked_document(const ApiRequest& request, const std::string& member, bool trust) {
  std::string document = required(request, member);
  if (auto problem = policy_document_problem(document, trust)) {
    throw ApiError(400, "MalformedPolicyDocument", *problem);
  }
  return document;
}

std::string existing_policy(const World& world, const std::string& arn) {
  if (!find_managed_policy(world, arn)) {
    no_such_entity("Policy " + arn + " does not exist or is not attachable.");
  }
  return arn;
}

std::string checked_path(const ApiRequest& request) {
  std::string path = param(request, "Path").value_or("/");
  if (!is_iam_path(path)) {
    validation_error(
        "The specified value for path is invalid. It must begin and end with / and "
        "contain only alphanumeric characters and/or / characters.");
  }
  return path;
}

std::string checked_name(const ApiRequest& request, const std::string& member, size_t max) {
  std::string name = required(request, member);
  if (!is_iam_name(name, max)) {
    std::string shown = member;
    shown[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(shown[0])));
    validation_error("1 validation error detected: Value '" + name + "' at '" + shown +
                     "' failed to satisfy constraint: Member must satisfy regular expression "
                     "pattern: [\\w+=,.@-]+");
  }
  return name;
}

// Handlers that change IAM, then let SSM see the change.
template <typename Change>
ApiHandler changing(Change change) {
  return [change](World& world, const ApiRequest& request) {
    ApiResponse response = change(world, request);
    world.network_changed(request.now);
    return response;
  };
}

ApiResponse attach_role_policy(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  std::string arn = existing_policy(world, required(request, "PolicyArn"));
  auto& attached = role.attached_policy_arns;
  if (std::find(attached.begin(), attached.end(), arn) == attached.end()) {
    if (attached.size() >= 10) {
      throw ApiError(409, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10");
    }
    attached.push_back(arn);
  }
  return respond(request);
}

ApiResponse detach_role_policy(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  std::string arn = required(request, "PolicyArn");
  auto& attached = role.attached_policy_arns;
  auto found = std::find(attached.begin(), attached.end(), arn);
  if (found == attached.end()) no_such_entity("Policy " + arn + " was not found.");
  attached.erase(found);
  return respond(request);
}

ApiResponse put_role_policy(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  std::string name = checked_name(request, "PolicyName", 128);
  role.inline_policies[name] = checked_document(request, "PolicyDocument", false);
  return respond(request);
}

ApiResponse delete_role_policy(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  std::string name = required(request, "PolicyName");
  if (!role.inline_policies.erase(name)) {
    no_such_entity("The role policy with name " + name + " cannot be found.");
  }
  return respond(request);
}

ApiResponse put_role_permissions_boundary(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  role.permissions_boundary_arn = existing_policy(world, required(request, "PermissionsBoundary"));
  return respond(request);
}

ApiResponse delete_role_permissions_boundary(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  if (role.permissions_boundary_arn.empty()) {
    no_such_entity("The role with name " + role.name + " does not have a permissions boundary.");
  }
  role.permissions_boundary_arn.clear();
  return respond(request);
}

ApiResponse update_assume_role_policy(World& world, const ApiRequest& request) {
  IamRole& role = mutable_role(world, required(request, "RoleName"));
  role.trust_policy = checked_document(request, "PolicyDocument", true);
  return respond(request);
}

ApiResponse create_role(World& world, const ApiRequest& request) {
  std::string name = checked_name(request, "RoleName", 64);
  std::string path = checked_path(request);
  std::string trust = checked_document(request, "AssumeRolePolicyDocument", true);
  if (world.iam.roles.contains(name)) {
    throw ApiError(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
  }
  IamRole role = new_role(world, name, path, trust, request.now);
  role.description = param(request, "Description").value_or("");
  if (auto boundary = param(request, "PermissionsBoundary")) {
    role.permissions_boundary_arn = existing_policy(world, *boundary);
  }
  auto& stored = world.iam.roles.emplace(name, std::move(role)).first->second;
  return respond(request, [&](XmlWriter& xml) {
    xml.open("Role");
    write_role(xml, stored, true);
    xml.close();
  });
}

ApiResponse create_policy(World& world, const ApiRequest& request) {
  std::string name = checked_name(request, "PolicyName", 128);
  std::string path = checked_path(request);
  std::string document = checked_document(request, "PolicyDocument", false);
  IamPolicy policy = new_policy(world, name, path, document, request.now);
  if (world.iam.policies.contains(policy.arn)) {
    throw ApiError(409, "EntityAlreadyExists",
                   "A policy called " + name + " already exists. Duplicate names are not allowed.");
  }
  policy.description = param(request, "Description").value_or("");
  auto& stored = world.iam.policies.emplace(policy.arn, std::move(policy)).first->second;
  return respond(request, [&](XmlWriter& xml) {
    xml.open("Policy")
        .element("PolicyName", stored.name)
        .element("PolicyId", stored.id)
        .element("Arn", stored.arn)
        .element("Path", stored.path)
        .element("DefaultVersionId", stored.default_version)
        .element("AttachmentCount", 0)
        .element("PermissionsBoundaryUsageCount", 0)
        .element("IsAttachable", true)
        .element("CreateDate", iam_time(stored.created))
        .element("UpdateDate", iam_time(stored.created))
        .close();
  });
}

ApiResponse create_instance_profile(World& world, const ApiRequest& request) {
  std::string name = checked_name(request, "InstanceProfileName", 128);
  std::string path = checked_path(request);
  if (world.iam.instance_profiles.contains(name)) {
    throw ApiError(409, "EntityAlreadyExists", "Instance Profile " + name + " already exists.");
  }
  auto& stored = world.iam.instance_profiles
                     .emplace(name, new_instance_profile(world, name, path, request.now))
                     .first->second;
  return respond(request, [&](XmlWriter& xml) {
    xml.open("InstanceProfile");
    write_instance_profile(xml, world, stored);
    xml.close();
  });
}

ApiResponse add_role_to_instance_profile(World& world, const ApiRequest& request) {
  std::string profile_name = required(request, "InstanceProfileName");
  const IamRole& role = role_named(world, required(request, "RoleName"));
  auto profile = world.iam.instance_profiles.find(profile_name);
  if (profile == world.iam.instance_profiles.end()) {
    no_such_entity("Instance Profile " + profile_name + " cannot be found.");
  }
  // "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1" (aws iam
  // add-role-to-instance-profile on a profile that has a role)
  if (!profile->second.roles.empty()) {
    throw ApiError(409, "LimitExceeded",
                   "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  }
  profile->second.roles.push_back(role.name);
  return respond(request);
}

}  // namespace

void add_iam_write_api(ApiTable& table) {
  auto& iam = table["iam"];
  iam["AttachRolePolicy"] = changing(attach_role_policy);
  iam["DetachRolePolicy"] = changing(detach_role_policy);
  iam["PutRolePolicy"] = changing(put_role_policy);
  iam["DeleteRolePolicy"] = changing(delete_role_policy);
  iam["PutRolePermissionsBoundary"] = changing(put_role_permissions_boundary);
  iam["DeleteRolePermissionsBoundary"] = changing(delete_role_permissions_boundary);
  iam["UpdateAssumeRolePolicy"] = changing(update_assume_role_policy);
  iam["CreateRole"] = changing(create_role);
  iam["CreatePolicy"] = changing(create_policy);
  iam["CreateInstanceProfile"] = changing(create_instance_profile);
  iam["AddRoleToInstanceProfile"] = changing(add_role_to_instance_profile);
}

}  // namespace ssmlink::emulator
