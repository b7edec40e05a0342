#include "emulator/iam/iam_api.hpp"

#include "emulator/iam/iam_lookup.hpp"
#include "emulator/iam/iam_wire.hpp"
#include "emulator/iam/managed_policies.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

namespace {

using namespace iam_wire;

ApiResponse get_role(World& world, const ApiRequest& request) {
  const IamRole& role = role_named(world, required(request, "RoleName"));
  return respond(request, [&](XmlWriter& xml) {
    xml.open("Role");
    write_role(xml, role, true);
    xml.close();
  });
}

ApiResponse get_instance_profile(World& world, const ApiRequest& request) {
  std::string name = required(request, "InstanceProfileName");
  auto found = world.iam.instance_profiles.find(name);
  if (found == world.iam.instance_profiles.end()) {
    no_such_entity("Instance Profile " + name + " cannot be found.");
  }
  return respond(request, [&](XmlWriter& xml) {
    xml.open("InstanceProfile");
    write_instance_profile(xml, world, found->second);
    xml.close();
  });
}

bool under_prefix(const std::string& path, const std::optional<std::string>& prefix) {
  return !prefix || path.starts_with(*prefix);
}

ApiResponse list_roles(World& world, const ApiRequest& request) {
  auto prefix = param(request, "PathPrefix");
  std::vector<const IamRole*> roles;
  std::vector<std::string> names;
  for (const auto& [name, role] : world.iam.roles) {
    if (!under_prefix(role.path, prefix)) continue;
    roles.push_back(&role);
    names.push_back(name);
  }
  Page page = page_of(request, names);
  return respond(request, [&](XmlWriter& xml) {
    xml.open("Roles");
    for (size_t i = page.first; i < page.first + page.count; ++i) {
      xml.open("member");
      write_role(xml, *roles[i], false);
      xml.close();
    }
    xml.close();
    page.write_tail(xml);
  });
}

ApiResponse list_instance_profiles(World& world, const ApiRequest& request) {
  auto prefix = param(request, "PathPrefix");
  std::vector<const IamInstanceProfile*> profiles;
  std::vector<std::string> names;
  for (const auto& [name, profile] : world.iam.instance_profiles) {
    if (!under_prefix(profile.path, prefix)) continue;
    profiles.push_back(&profile);
    names.push_back(name);
  }
  Page page = page_of(request, names);
  return respond(request, [&](XmlWriter& xml) {
    xml.open("InstanceProfiles");
    for (size_t i = page.first; i < page.first + page.count; ++i) {
      xml.open("member");
      write_instance_profile(xml, world, *profiles[i]);
      xml.close();
    }
    xml.close();
    page.write_tail(xml);
  });
}

ApiResponse list_attached_role_policies(World& world, const ApiRequest& request) {
  const IamRole& role = role_named(world, required(request, "RoleName"));
  std::vector<ManagedPolicyView> policies;
  std::vector<std::string> names;
  for (const auto& arn : role.attached_policy_arns) {
    auto policy = find_managed_policy(world, arn);
    if (!policy) continue;
    policies.push_back(*policy);
    names.push_back(arn);
  }
  Page page = page_of(request, names);
  return respond(request, [&](XmlWriter& xml) {
    xml.open("AttachedPolicies");
    for (size_t i = page.first; i < page.first + page.count; ++i) {
      xml.open("member")
          .element("PolicyName", policies[i].name)
          .element("PolicyArn", policies[i].arn)
          .close();
    }
    xml.close();
    page.write_tail(xml);
  });
}

ApiResponse list_role_policies(World& world, const ApiRequest& request) {
  const IamRole& role = role_named(world, required(request, "RoleName"));
  std::vector<std::string> names;
  for (const auto& [name, document] : role.inline_policies)
    names.push_back(name);
  Page page = page_of(request, names);
  return respond(request, [&](XmlWriter& xml) {
    xml.open("PolicyNames");
    for (size_t i = page.first; i < page.first + page.count; ++i)
      xml.element("member", names[i]);
    xml.close();
    page.write_tail(xml);
  });
}

ApiResponse get_role_policy(World& world, const ApiRequest& request) {
  const IamRole& role = role_named(world, required(request, "RoleName"));
  std::string name = required(request, "PolicyName");
  auto found = role.inline_policies.find(name);
  if (found == role.inline_policies.end()) {
    no_such_entity("The role policy with name " + name + " cannot be found.");
  }
  return respond(request, [&](XmlWriter& xml) {
    xml.element("RoleName", role.name)
        .element("PolicyName", name)
        .element("PolicyDocument", uri_encode(found->second));
  });
}

// AWS managed policies carry the date of their default version as both dates.
std::string aws_date(const std::string& date) {
  return date.ends_with("+00:00") ? date.substr(0, date.size() - 6) + "Z" : date;
}

size_t attachment_count(const World& world, const std::string& arn, bool boundaries) {
  size_t count = 0;
  for (const auto& [name, role] : world.iam.roles) {
    if (boundaries) {
      count += role.permissions_boundary_arn == arn;
    } else {
      count += std::count(role.attached_policy_arns.begin(), role.attached_policy_arns.end(), arn);
    }
  }
  return count;
}

[[noreturn]] void no_such_policy(const std::string& arn) {
  no_such_entity("Policy " + arn + " does not exist or is not attachable.");
}

ApiResponse get_policy(World& world, const ApiRequest& request) {
  std::string arn = required(request, "PolicyArn");
  const AwsManagedPolicy* aws = find_aws_managed_policy(arn);
  if (aws && aws->arn != arn) aws = nullptr;
  auto customer = world.iam.policies.find(arn);
  if (!aws && customer == world.iam.policies.end()) no_such_policy(arn);
  return respond(request, [&](XmlWriter& xml) {
    xml.open("Policy");
    if (aws) {
      xml.element("PolicyName", aws->name)
          .element("PolicyId", aws->id)
          .element("Arn", aws->arn)
          .element("Path", aws->path)
          .element("DefaultVersionId", aws->default_version);
    } else {
      const IamPolicy& policy = customer->second;
      xml.element("PolicyName", policy.name)
          .element("PolicyId", policy.id)
          .element("Arn", policy.arn)
          .element("Path", policy.path)
          .element("DefaultVersionId", policy.default_version);
    }
    xml.element("AttachmentCount", static_cast<long long>(attachment_count(world, arn, false)))
        .element("PermissionsBoundaryUsageCount",
                 static_cast<long long>(attachment_count(world, arn, true)))
        .element("IsAttachable", true);
    if (!aws && !customer->second.description.empty()) {
      xml.element("Description", customer->second.description);
    }
    std::string created = aws ? aws_date(aws->update_date) : iam_time(customer->second.created);
    xml.element("CreateDate", created).element("UpdateDate", created).close();
  });
}

ApiResponse get_policy_version(World& world, const ApiRequest& request) {
  std::string arn = required(request, "PolicyArn");
  std::string version = required(request, "VersionId");
  const AwsManagedPolicy* aws = find_aws_managed_policy(arn);
  if (aws && aws->arn != arn) aws = nullptr;
  auto customer = world.iam.policies.find(arn);
  if (!aws && customer == world.iam.policies.end()) no_such_policy(arn);
  std::string document, created, default_version;
  if (aws) {
    // Only the default version's document is carried; older versions are unknown here.
    if (version != aws->default_version) {
      no_such_entity("Policy " + arn + " version " + version +
                     " does not exist or is not attachable.");
    }
    document = aws->document;
    created = aws_date(aws->update_date);
    default_version = aws->default_version;
  } else {
    const IamPolicy& policy = customer->second;
    auto found = std::find_if(policy.versions.begin(), policy.versions.end(),
                              [&](const IamPolicyVersion& v) { return v.id == version; });
    if (found == policy.versions.end()) {
      no_such_entity("Policy " + arn + " version " + version +
                     " does not exist or is not attachable.");
    }
    document = found->document;
    created = iam_time(found->created);
    default_version = policy.default_version;
  }
  return respond(request, [&](XmlWriter& xml) {
    xml.open("PolicyVersion")
        .element("Document", uri_encode(document))
        .element("VersionId", version)
        .element("IsDefaultVersion", version == default_version)
        .element("CreateDate", created)
        .close();
  });
}

// SimulatePrincipalPolicy on a role (its attached, inline and boundary policies) or on an
// access key's user (the scenario's "policies", AdministratorAccess by default).
ApiResponse simulate_principal_policy(World& world, const ApiRequest& request) {
  std::string source = required(request, "PolicySourceArn");
  auto actions = member_list(request, "ActionNames");
  if (actions.empty()) {
    validation_error(
        "1 validation error detected: Value null at 'actionNames' failed to "
        "satisfy constraint: Member must not be null");
  }
  auto resources = member_list(request, "ResourceArns");
  if (resources.empty()) resources.push_back("*");
  PrincipalPolicies policies;
  if (const IamRole* role = find_role_by_arn(world, source)) {
    policies = role_policies(world, *role);
  } else {
    auto key = std::find_if(world.access_keys.begin(), world.access_keys.end(),
                            [&](const AccessKey& k) { return k.arn == source; });
    if (key == world.access_keys.end() || source.find(":user/") == std::string::npos) {
      std::string kind = source.find(":role/") != std::string::npos ? "role" : "user";
      no_such_entity("The " + kind + " with name " + source.substr(source.rfind('/') + 1) +
                     " cannot be found.");
    }
    policies = key_policies(world, *key);
  }
  return respond(request, [&](XmlWriter& xml) {
    xml.open("EvaluationResults");
    for (const auto& action : actions) {
      for (const auto& resource : resources) {
        Evaluation result =
            evaluate_policies(policies.identity, policies.boundary, action, resource);
        xml.open("member")
            .element("EvalActionName", action)
            .element("EvalResourceName", resource)
            .element("EvalDecision", decision_name(result.decision))
            .open("MatchedStatements");
        for (const auto& matched : result.matched) {
          std::string type = matched.source_type;
          if (type == "permissions-boundary") {
            type = find_aws_managed_policy(matched.source_id) ? "aws-managed" : "user-managed";
          }
          xml.open("member")
              .element("SourcePolicyId", matched.source_id)
              .element("SourcePolicyType", type)
              .close();
        }
        xml.close().empty("MissingContextValues");
        if (result.boundary_denied) {
          xml.open("PermissionsBoundaryDecisionDetail")
              .element("AllowedByPermissionsBoundary", false)
              .close();
        }
        xml.close();
      }
    }
    xml.close().element("IsTruncated", false);
  });
}

}  // namespace

void add_iam_api(ApiTable& table) {
  auto& iam = table["iam"];
  iam["GetRole"] = get_role;
  iam["GetInstanceProfile"] = get_instance_profile;
  iam["ListRoles"] = list_roles;
  iam["ListInstanceProfiles"] = list_instance_profiles;
  iam["ListAttachedRolePolicies"] = list_attached_role_policies;
  iam["ListRolePolicies"] = list_role_policies;
  iam["GetRolePolicy"] = get_role_policy;
  iam["GetPolicy"] = get_policy;
  iam["GetPolicyVersion"] = get_policy_version;
  iam["SimulatePrincipalPolicy"] = simulate_principal_policy;
  add_iam_write_api(table);
}

}  // namespace ssmlink::emulator
