// IAM requests as query parameters (query protocol), in the model's member order. `marker`
// is the previous page's Marker for the paginated calls (none: the first page).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"

namespace ssmlink::cloud {

aws::QueryParams get_instance_profile_params(const std::string& instance_profile_name);
aws::QueryParams get_role_params(const std::string& role_name);
aws::QueryParams list_attached_role_policies_params(const std::string& role_name,
                                                    const std::optional<std::string>& marker);
aws::QueryParams list_role_policies_params(const std::string& role_name,
                                           const std::optional<std::string>& marker);
aws::QueryParams get_role_policy_params(const std::string& role_name,
                                        const std::string& policy_name);
aws::QueryParams get_policy_params(const std::string& policy_arn);
aws::QueryParams get_policy_version_params(const std::string& policy_arn,
                                           const std::string& version_id);
// No ResourceArns when `resources` is empty: IAM then simulates for "*".
aws::QueryParams simulate_principal_policy_params(const std::string& policy_source_arn,
                                                  const std::vector<std::string>& actions,
                                                  const std::vector<std::string>& resources,
                                                  const std::optional<std::string>& marker);

}  // namespace ssmlink::cloud
