// STS requests as query parameters (query protocol), in the model's member order.
#pragma once
#include "aws/client.hpp"
#include "aws/sts_credentials.hpp"

namespace ssmlink::cloud {

aws::QueryParams assume_role_params(const aws::AssumeRoleRequest& request);
aws::QueryParams assume_role_with_web_identity_params(const aws::WebIdentityRequest& request);

}  // namespace ssmlink::cloud
