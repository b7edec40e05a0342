#include "cloud/sts.hpp"

#include <utility>

#include "cloud/sts_requests.hpp"
#include "cloud/sts_responses.hpp"

namespace ssmlink::cloud {

Sts::Sts(QueryCall call) : call_(std::move(call)) {}

CallerIdentity Sts::get_caller_identity() {
  return parse_get_caller_identity(call_("GetCallerIdentity", {}).result());
}

AssumedRole Sts::assume_role(const aws::AssumeRoleRequest& request) {
  return parse_assume_role(call_("AssumeRole", assume_role_params(request)).result());
}

AssumedRole Sts::assume_role_with_web_identity(const aws::WebIdentityRequest& request) {
  return parse_assume_role_with_web_identity(
      call_("AssumeRoleWithWebIdentity", assume_role_with_web_identity_params(request)).result());
}

}  // namespace ssmlink::cloud
