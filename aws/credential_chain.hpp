// The AWS CLI's credential chain (botocore credentials.create_credential_resolver):
//   1. environment (AWS_ACCESS_KEY_ID, ...) - skipped when --profile is given
//   2. role_arn with source_profile or credential_source (STS AssumeRole)
//   3. web identity (profile web_identity_token_file, or AWS_WEB_IDENTITY_TOKEN_FILE)
//   4. IAM Identity Center (sso_session / sso_start_url, token cached by aws sso login)
//   5. shared credentials file
//   6. credential_process
//   7. config file static keys
//   8. container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)
//   9. EC2 instance metadata (IMDSv2), unless AWS_EC2_METADATA_DISABLED=true
// The first source that has credentials wins; temporary credentials are refreshed before
// they expire.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "aws/credentials.hpp"
#include "aws/http.hpp"
#include "aws/shared_config.hpp"
#include "aws/sts_credentials.hpp"
#include "util/clock.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

struct CredentialChainParts {
  std::optional<std::string> profile_flag;  // --profile
  std::string region;                       // for STS calls (AssumeRole, web identity)
  const Environment* env = nullptr;
  const SharedConfig* config = nullptr;
  std::shared_ptr<HttpClient> http;  // unsigned calls: IMDS, container, SSO portal
  std::shared_ptr<StsCredentialsService> sts;
  std::shared_ptr<Clock> clock;
  // How long a credential_process may run before it is stopped (the tests shorten it).
  std::chrono::milliseconds credential_process_timeout{60000};
};

// Finds the first source with credentials on the first get() and keeps using it.
// No source at all: CredentialsError listing what was tried and how to configure one.
std::shared_ptr<CredentialsProvider> make_credential_chain(CredentialChainParts parts);

}  // namespace ssmlink::aws
