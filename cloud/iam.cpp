#include "cloud/iam.hpp"

#include <utility>

#include "cloud/iam_requests.hpp"
#include "cloud/iam_responses.hpp"
#include "cloud/paging.hpp"

namespace ssmlink::cloud {

Iam::Iam(QueryCall call) : call_(std::move(call)) {}

InstanceProfileInfo Iam::get_instance_profile(const std::string& name) {
  return parse_get_instance_profile(
      call_("GetInstanceProfile", get_instance_profile_params(name)).result());
}

IamRole Iam::get_role(const std::string& name) {
  return parse_get_role(call_("GetRole", get_role_params(name)).result());
}

std::vector<AttachedPolicy> Iam::list_attached_role_policies(const std::string& role_name) {
  return collect_pages<AttachedPolicy>(
      "IAM ListAttachedRolePolicies", [&](const std::optional<std::string>& marker) {
        return parse_list_attached_role_policies(
            call_("ListAttachedRolePolicies", list_attached_role_policies_params(role_name, marker))
                .result());
      });
}

std::vector<std::string> Iam::list_role_policies(const std::string& role_name) {
  return collect_pages<std::string>(
      "IAM ListRolePolicies", [&](const std::optional<std::string>& marker) {
        return parse_list_role_policies(
            call_("ListRolePolicies", list_role_policies_params(role_name, marker)).result());
      });
}

std::string Iam::get_role_policy(const std::string& role_name, const std::string& policy_name) {
  return parse_get_role_policy(
      call_("GetRolePolicy", get_role_policy_params(role_name, policy_name)).result());
}

ManagedPolicyInfo Iam::get_policy(const std::string& policy_arn) {
  return parse_get_policy(call_("GetPolicy", get_policy_params(policy_arn)).result());
}

std::string Iam::get_policy_version(const std::string& policy_arn, const std::string& version_id) {
  return parse_get_policy_version(
      call_("GetPolicyVersion", get_policy_version_params(policy_arn, version_id)).result());
}

std::vector<SimulationResult> Iam::simulate_principal_policy(
    const std::string& principal_arn, const std::vector<std::string>& actions,
    const std::vector<std::string>& resources) {
  return collect_pages<SimulationResult>(
      "IAM SimulatePrincipalPolicy", [&](const std::optional<std::string>& marker) {
        return parse_simulate_principal_policy(
            call_("SimulatePrincipalPolicy",
                  simulate_principal_policy_params(principal_arn, actions, resources, marker))
                .result());
      });
}

}  // namespace ssmlink::cloud
