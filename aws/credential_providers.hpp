// The sources of the credential chain (credential_chain.hpp), one per place credentials
// can come from. The chain tries them in order; assume role also uses them for its
// source credentials (source_profile, credential_source).
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/credentials.hpp"
#include "aws/http.hpp"
#include "aws/shared_config.hpp"
#include "aws/sts_credentials.hpp"
#include "util/clock.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

class CredentialSource {
 public:
  virtual ~CredentialSource() = default;
  // The source's credentials, or none when it is not set up, so that the chain moves on.
  // A source that is set up but cannot deliver throws CredentialsError (ConfigError for a
  // malformed setting). Called again to refresh temporary credentials.
  virtual std::optional<Credentials> load() = 0;
  // Where the credentials come from, for people: "environment", "profile dev via sso", ...
  virtual std::string description() const = 0;
  // After load() found nothing: why, when that helps someone fix it; otherwise empty.
  virtual std::string not_found_reason() const { return {}; }
};

// What sources need besides their own settings. env and config outlive the sources.
struct SourceContext {
  const Environment* env = nullptr;
  const SharedConfig* config = nullptr;
  std::shared_ptr<HttpClient> http;  // unsigned calls: IMDS, container, SSO portal
  std::shared_ptr<StsCredentialsService> sts;
  std::shared_ptr<Clock> clock;
  std::string sts_region;
  std::chrono::milliseconds process_timeout{60000};  // credential_process
};

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SECURITY_TOKEN / AWS_SESSION_TOKEN,
// AWS_CREDENTIAL_EXPIRATION.
std::unique_ptr<CredentialSource> make_environment_source(const Environment& env);

// role_arn with source_profile or credential_source: STS AssumeRole with the source's
// credentials. `visited` holds the profiles already on the source_profile path.
std::unique_ptr<CredentialSource> make_assume_role_source(const SourceContext& context,
                                                          const std::string& profile,
                                                          std::vector<std::string> visited = {});

// web_identity_token_file and role_arn in the profile, or (when use_environment)
// AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN: STS AssumeRoleWithWebIdentity.
std::unique_ptr<CredentialSource> make_web_identity_source(const SourceContext& context,
                                                           const std::string& profile,
                                                           bool use_environment);

// sso_account_id and sso_role_name with an sso_session (or legacy sso_start_url and
// sso_region): the token cached by `aws sso login`, exchanged at the SSO portal.
std::unique_ptr<CredentialSource> make_sso_source(const SourceContext& context,
                                                  const std::string& profile);

// aws_access_key_id and aws_secret_access_key of the profile in one of the two files.
enum class SharedFile { Credentials, Config };
std::unique_ptr<CredentialSource> make_static_keys_source(const SharedConfig& config,
                                                          const std::string& profile,
                                                          SharedFile file);

// credential_process: runs the command (no shell) and reads its JSON.
std::unique_ptr<CredentialSource> make_process_source(const SourceContext& context,
                                                      const std::string& profile);

// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI (ECS, EKS Pod Identity).
std::unique_ptr<CredentialSource> make_container_source(const SourceContext& context);

// The EC2 instance profile through IMDS (v2, falling back to v1); settings from the
// environment, then from `profile`.
std::unique_ptr<CredentialSource> make_instance_metadata_source(const SourceContext& context,
                                                                const std::string& profile);

// The profile's own sources in the chain's order: web identity, sso, shared credentials
// file, credential_process, config file.
std::vector<std::unique_ptr<CredentialSource>> make_profile_sources(const SourceContext& context,
                                                                    const std::string& profile,
                                                                    bool use_environment);

}  // namespace ssmlink::aws
