// `ssmlink whoami`: who AWS thinks the caller is, and where the credentials and the
// region came from.
#pragma once
#include <string>

#include "aws/session.hpp"

namespace ssmlink::workflows {

struct Identity {
  std::string account;
  std::string arn;
  std::string user_id;
  std::string region;
  std::string region_source;  // --region, AWS_REGION, profile dev, ...
  std::string profile;
  std::string credential_source;  // environment, profile dev via sso, instance metadata, ...
};

Identity run_whoami(aws::Session& session);

}  // namespace ssmlink::workflows
