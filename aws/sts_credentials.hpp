// The two STS calls credential providers need (AssumeRole for role_arn profiles,
// AssumeRoleWithWebIdentity for web identity). Behind an interface so the chain does not
// depend on how calls are made; StsCredentialsClient in sts_credentials.cpp is the real one.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "aws/credentials.hpp"

namespace ssmlink::aws {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  std::optional<std::string> external_id;
  std::optional<int> duration_seconds;
};

struct WebIdentityRequest {
  std::string role_arn;
  std::string session_name;
  std::string web_identity_token;
  std::optional<int> duration_seconds;
};

class StsCredentialsService {
 public:
  virtual ~StsCredentialsService() = default;
  // Signed with the source credentials; STS in `region` (regional endpoint).
  virtual Credentials assume_role(const Credentials& source, const std::string& region,
                                  const AssumeRoleRequest& request) = 0;
  // Unsigned, as AWS requires for AssumeRoleWithWebIdentity.
  virtual Credentials assume_role_with_web_identity(const std::string& region,
                                                    const WebIdentityRequest& request) = 0;
};

}  // namespace ssmlink::aws
