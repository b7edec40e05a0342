#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"

namespace ssmlink::aws {

namespace {

// EKS (IRSA) and other OIDC setups: a token file that a platform keeps fresh, exchanged
// for role credentials without signing. Each setting comes from the environment first
// (unless --profile was given), then from the profile, as in botocore.
class WebIdentitySource final : public CredentialSource {
 public:
  WebIdentitySource(SourceContext context, std::string profile, bool use_environment)
      : context_(std::move(context)),
        profile_(std::move(profile)),
        use_environment_(use_environment) {}

  std::optional<Credentials> load() override {
    auto token_file = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE");
    if (!token_file) return std::nullopt;
    auto role_arn = setting("role_arn", "AWS_ROLE_ARN");
    if (!role_arn) {
      throw ConfigError(description() + ": the token file " + *token_file +
                        " is set but no role to assume: set AWS_ROLE_ARN or role_arn in profile " +
                        profile_);
    }
    if (!session_name_) {
      session_name_ = setting("role_session_name", "AWS_ROLE_SESSION_NAME")
                          .value_or(default_session_name(*context_.clock));
    }
    // Read on every call: the platform replaces the token before it expires.
    std::string token =
        read_token_file(*token_file, description() + ": the web identity token file");
    WebIdentityRequest request{*role_arn, *session_name_, std::move(token), std::nullopt};
    return with_context(description() + ": cannot assume role " + *role_arn, [&] {
      return context_.sts->assume_role_with_web_identity(context_.sts_region, request);
    });
  }

  std::string description() const override {
    if (environment("AWS_WEB_IDENTITY_TOKEN_FILE")) return "web identity";
    return "profile " + profile_ + " via web identity";
  }

 private:
  std::optional<std::string> environment(const std::string& variable) const {
    if (!use_environment_) return std::nullopt;
    return context_.env->get(variable);
  }

  std::optional<std::string> setting(const std::string& key, const std::string& variable) const {
    if (auto value = environment(variable)) return value;
    return profile_setting(*context_.config, profile_, key);
  }

  SourceContext context_;
  std::string profile_;
  bool use_environment_;
  std::optional<std::string> session_name_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_web_identity_source(const SourceContext& context,
                                                           const std::string& profile,
                                                           bool use_environment) {
  return std::make_unique<WebIdentitySource>(context, profile, use_environment);
}

}  // namespace ssmlink::aws
