#include "cloud/sts_requests.hpp"

#include "cloud/params_writing.hpp"

namespace ssmlink::cloud {

aws::QueryParams assume_role_params(const aws::AssumeRoleRequest& request) {
  aws::QueryParams params{{"RoleArn", request.role_arn}, {"RoleSessionName", request.session_name}};
  add_optional(params, "DurationSeconds", request.duration_seconds);
  add_optional(params, "ExternalId", request.external_id);
  return params;
}

aws::QueryParams assume_role_with_web_identity_params(const aws::WebIdentityRequest& request) {
  aws::QueryParams params{{"RoleArn", request.role_arn},
                          {"RoleSessionName", request.session_name},
                          {"WebIdentityToken", request.web_identity_token}};
  add_optional(params, "DurationSeconds", request.duration_seconds);
  return params;
}

}  // namespace ssmlink::cloud
