#include "workflows/iam_inventory.hpp"

#include <algorithm>
#include <set>

#include "cloud/iam.hpp"
#include "cloud/ssm.hpp"
#include "cloud/sts.hpp"
#include "domain/agent_identity.hpp"
#include "domain/iam_index.hpp"
#include "util/strings.hpp"
#include "workflows/side_calls.hpp"

namespace ssmlink::workflows {

namespace {

using domain::Inventory;

// A side call whose failure names the call: "iam:GetRole: AccessDenied: ...".
template <typename Call>
std::optional<std::string> noted(const GatherOptions& options, const std::string& call,
                                 Call&& fetch) {
  auto failure = side_call(options, call, std::forward<Call>(fetch));
  if (failure) return call + ": " + *failure;
  return failure;
}

// One region's IAM reading. Failures land on the record they concern.
class IamGatherer {
 public:
  IamGatherer(aws::Session& session, Inventory& inventory, const GatherOptions& options)
      : options_(options),
        iam_client_(session.client(aws::iam_service())),
        ssm_client_(session.client(aws::ssm_service())),
        iam_(iam_client_),
        ssm_(ssm_client_),
        inventory_(inventory) {}

  void run() {
    std::set<std::string> profiles;
    for (const auto& instance : inventory_.instances) {
      if (instance.instance_profile_arn) profiles.insert(*instance.instance_profile_arn);
    }
    for (const auto& arn : profiles)
      profile(arn);
    host_management();
    inventory_.iam_read = true;
  }

 private:
  void profile(const std::string& arn) {
    domain::InventoryInstanceProfile result{arn, {}, std::nullopt};
    result.error = noted(options_, "iam:GetInstanceProfile", [&] {
      for (const auto& role : iam_.get_instance_profile(std::string(domain::iam_name(arn))).roles)
        result.role_names.push_back(role.name);
    });
    inventory_.instance_profiles.push_back(result);
    for (const auto& name : result.role_names)
      role(name);
  }

  void role(const std::string& name) {
    if (!roles_read_.insert(name).second) return;
    domain::InventoryRole result;
    result.name = name;
    result.error = noted(options_, "iam:GetRole", [&] {
      cloud::IamRole role = iam_.get_role(name);
      result.arn = role.arn;
      result.trust_policy = role.assume_role_policy_document;
      result.permissions_boundary_arn = role.permissions_boundary_arn;
    });
    if (!result.error) {
      result.error = noted(options_, "iam:ListAttachedRolePolicies", [&] {
        for (const auto& policy : iam_.list_attached_role_policies(name))
          result.attached_policy_arns.push_back(policy.arn);
      });
    }
    if (!result.error) {
      result.error = noted(options_, "iam:ListRolePolicies", [&] {
        for (const auto& policy_name : iam_.list_role_policies(name)) {
          result.inline_policies.push_back({policy_name, iam_.get_role_policy(name, policy_name)});
        }
      });
    }
    for (const auto& arn : result.attached_policy_arns)
      managed_policy(arn);
    if (result.permissions_boundary_arn) managed_policy(*result.permissions_boundary_arn);
    inventory_.roles.push_back(std::move(result));
  }

  void managed_policy(const std::string& arn) {
    if (!policies_read_.insert(arn).second) return;
    domain::InventoryManagedPolicy result{arn, "", "", std::nullopt};
    result.error = noted(options_, "iam:GetPolicy",
                         [&] { result.version_id = iam_.get_policy(arn).default_version_id; });
    if (!result.error) {
      result.error = noted(options_, "iam:GetPolicyVersion", [&] {
        result.document = iam_.get_policy_version(arn, result.version_id);
      });
    }
    inventory_.managed_policies.push_back(std::move(result));
  }

  // Default Host Management: read always, as the agent falls back on it when the
  // profile's role does not work.
  void host_management() {
    std::string value;
    bool read = attempt(inventory_, options_, "ssm:GetServiceSetting", [&] {
      value = ssm_.get_service_setting(std::string(domain::kHostManagementSetting)).value;
    });
    // "$None" (Status Default) when it was never set.
    if (!read || value.empty() || value.starts_with('$')) return;
    inventory_.host_management_role = value;
    role(std::string(domain::iam_name(value)));
  }

  const GatherOptions& options_;
  aws::AwsClient iam_client_;
  aws::AwsClient ssm_client_;
  cloud::Iam iam_;
  cloud::Ssm ssm_;
  Inventory& inventory_;
  std::set<std::string> roles_read_;
  std::set<std::string> policies_read_;
};

// The calls up, down and connect make, and what the stack's resources need
// (reference/cfn-schemas: AWS::EC2::VPCEndpoint and AWS::EC2::SecurityGroup handlers).
const std::vector<std::string>& caller_actions() {
  static const std::vector<std::string> actions = {
      "cloudformation:CreateStack",
      "cloudformation:DescribeStacks",
      "cloudformation:DescribeStackEvents",
      "cloudformation:DeleteStack",
      "ec2:DescribeInstances",
      "ec2:DescribeVpcs",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeVpcEndpoints",
      "ec2:CreateVpcEndpoint",
      "ec2:DeleteVpcEndpoints",
      "ec2:CreateSecurityGroup",
      "ec2:DeleteSecurityGroup",
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:CreateTags",
      "ssm:DescribeInstanceInformation",
      "ssm:TerminateSession",
      "ssm:ResumeSession",
  };
  return actions;
}

// The principal to simulate for the caller's ARN: an assumed role's session is its role.
std::optional<std::string> principal_for(cloud::Iam& iam, const std::string& caller,
                                         std::string& error) {
  if (caller.ends_with(":root")) {
    error = "the caller is the account's root user, which IAM policies do not limit";
    return std::nullopt;
  }
  auto parts = split(caller, ':');
  if (parts.size() < 6) {
    error = "the caller's ARN " + caller + " is not one IAM can simulate";
    return std::nullopt;
  }
  if (parts[2] == "sts" && parts[5].starts_with("assumed-role/")) {
    std::string role = split(parts[5], '/').at(1);
    try {
      return iam.get_role(role).arn;
    } catch (const aws::ServiceError&) {
      return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + role;
    }
  }
  if (parts[2] == "iam") return caller;
  error = "the caller " + caller + " is not an IAM user or role: simulate by hand";
  return std::nullopt;
}

}  // namespace

void gather_iam(aws::Session& session, domain::Inventory& inventory, const GatherOptions& options) {
  IamGatherer(session, inventory, options).run();
}

domain::CallerCheck check_caller(aws::Session& session, const domain::Inventory& inventory,
                                 const std::optional<std::string>& instance_id) {
  domain::CallerCheck result;
  aws::AwsClient sts_client = session.client(aws::sts_service());
  aws::AwsClient iam_client = session.client(aws::iam_service());
  cloud::Iam iam(iam_client);
  try {
    cloud::CallerIdentity caller = cloud::Sts(sts_client).get_caller_identity();
    result.principal_arn = caller.arn;
    std::string error;
    auto principal = principal_for(iam, caller.arn, error);
    if (!principal) {
      result.error = error;
      return result;
    }
    result.principal_arn = *principal;
    auto add = [&](const std::vector<cloud::SimulationResult>& answers) {
      for (const auto& answer : answers) {
        result.permissions.push_back({answer.action,
                                      answer.resource.empty() ? "*" : answer.resource,
                                      answer.decision, answer.denying_statements});
      }
    };
    add(iam.simulate_principal_policy(*principal, caller_actions(), {}));
    if (instance_id) {
      add(iam.simulate_principal_policy(
          *principal, {"ssm:StartSession"},
          {domain::instance_arn(inventory.region, caller.account, *instance_id)}));
    }
    if (inventory.session_preferences && !inventory.session_preferences->kms_key_id.empty()) {
      std::string key_arn = domain::kms_key_arn(inventory.session_preferences->kms_key_id,
                                                inventory.region, caller.account);
      std::vector<std::string> resources;
      if (key_arn != "*") resources.push_back(key_arn);
      add(iam.simulate_principal_policy(*principal, {"kms:GenerateDataKey"}, resources));
    }
  } catch (const aws::CredentialsError&) {
    throw;
  } catch (const aws::ConfigError&) {
    throw;
  } catch (const aws::AwsError& error) {
    result.error = "iam:SimulatePrincipalPolicy: " + failure_text(error);
  }
  return result;
}

}  // namespace ssmlink::workflows
