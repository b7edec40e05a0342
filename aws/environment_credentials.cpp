#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"

namespace ssmlink::aws {

namespace {

class EnvironmentSource final : public CredentialSource {
 public:
  explicit EnvironmentSource(const Environment& env) : env_(env) {}

  std::optional<Credentials> load() override {
    auto key_id = env_.get("AWS_ACCESS_KEY_ID");
    auto secret = env_.get("AWS_SECRET_ACCESS_KEY");
    if (!key_id && !secret) return std::nullopt;
    if (!secret) throw half_set("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    if (!key_id) throw half_set("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID");
    Credentials credentials{*key_id, *secret, "", std::nullopt};
    // botocore's order: the legacy name first.
    auto token = env_.get("AWS_SECURITY_TOKEN");
    if (!token) token = env_.get("AWS_SESSION_TOKEN");
    credentials.session_token = token.value_or("");
    if (auto expiration = env_.get("AWS_CREDENTIAL_EXPIRATION")) {
      credentials.expiration = parse_expiration(*expiration, "AWS_CREDENTIAL_EXPIRATION");
    }
    return credentials;
  }

  std::string description() const override { return "environment"; }

 private:
  static CredentialsError half_set(const std::string& present, const std::string& missing) {
    return CredentialsError(present + " is set but " + missing + " is not: set both, or unset " +
                            present + " to use a profile's credentials");
  }

  const Environment& env_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_environment_source(const Environment& env) {
  return std::make_unique<EnvironmentSource>(env);
}

}  // namespace ssmlink::aws
