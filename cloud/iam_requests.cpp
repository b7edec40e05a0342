#include "cloud/iam_requests.hpp"

#include "cloud/params_writing.hpp"

namespace ssmlink::cloud {

namespace {
// The role's listings page alike.
aws::QueryParams iam_role_page_params(const std::string& role_name,
                                      const std::optional<std::string>& marker) {
  aws::QueryParams params{{"RoleName", role_name}};
  add_optional(params, "Marker", marker);
  return params;
}
}  // namespace

aws::QueryParams get_instance_profile_params(const std::string& instance_profile_name) {
  return {{"InstanceProfileName", instance_profile_name}};
}

aws::QueryParams get_role_params(const std::string& role_name) {
  return {{"RoleName", role_name}};
}

aws::QueryParams list_attached_role_policies_params(const std::string& role_name,
                                                    const std::optional<std::string>& marker) {
  return iam_role_page_params(role_name, marker);
}

aws::QueryParams list_role_policies_params(const std::string& role_name,
                                           const std::optional<std::string>& marker) {
  return iam_role_page_params(role_name, marker);
}

aws::QueryParams get_role_policy_params(const std::string& role_name,
                                        const std::string& policy_name) {
  return {{"RoleName", role_name}, {"PolicyName", policy_name}};
}

aws::QueryParams get_policy_params(const std::string& policy_arn) {
  return {{"PolicyArn", policy_arn}};
}

aws::QueryParams get_policy_version_params(const std::string& policy_arn,
                                           const std::string& version_id) {
  return {{"PolicyArn", policy_arn}, {"VersionId", version_id}};
}

aws::QueryParams simulate_principal_policy_params(const std::string& policy_source_arn,
                                                  const std::vector<std::string>& actions,
                                                  const std::vector<std::string>& resources,
                                                  const std::optional<std::string>& marker) {
  aws::QueryParams params{{"PolicySourceArn", policy_source_arn}};
  add_query_list(params, "ActionNames", actions);
  add_query_list(params, "ResourceArns", resources);
  add_optional(params, "Marker", marker);
  return params;
}

}  // namespace ssmlink::cloud
