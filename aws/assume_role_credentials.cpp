#include <algorithm>
#include <charconv>

#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"
#include "aws/refreshing_credentials.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

// Like botocore: role_arn makes a role profile unless the profile is for web identity.
bool has_role(const SharedConfig& config, const std::string& profile) {
  return profile_setting(config, profile, "role_arn") &&
         !config.profile_value(profile, "web_identity_token_file");
}

bool has_static_keys(const SharedConfig& config, const std::string& profile) {
  return config.profile_value(profile, "aws_access_key_id") ||
         config.profile_value(profile, "aws_secret_access_key");
}

struct RoleSettings {
  std::string role_arn;
  std::optional<std::string> source_profile;
  std::optional<std::string> credential_source;
  std::optional<std::string> external_id;
  std::optional<std::string> session_name;
  std::optional<int> duration_seconds;
};

class AssumeRoleSource final : public CredentialSource {
 public:
  AssumeRoleSource(SourceContext context, std::string profile, std::vector<std::string> visited)
      : context_(std::move(context)), profile_(std::move(profile)), visited_(std::move(visited)) {
    if (std::ranges::find(visited_, profile_) == visited_.end()) visited_.push_back(profile_);
  }

  std::optional<Credentials> load() override {
    if (!has_role(config(), profile_)) return std::nullopt;
    RoleSettings role = read_settings();
    if (!source_) source_ = resolve_source(role);
    if (!session_name_) {
      session_name_ = role.session_name.value_or(default_session_name(*context_.clock));
    }
    Credentials source_credentials = source_->get();
    AssumeRoleRequest request{role.role_arn, *session_name_, role.external_id,
                              role.duration_seconds};
    return with_context("profile " + profile_ + ": cannot assume role " + role.role_arn, [&] {
      return context_.sts->assume_role(source_credentials, context_.sts_region, request);
    });
  }

  std::string description() const override {
    std::string via = "profile " + profile_ + " via assume role";
    if (auto source_profile = profile_setting(config(), profile_, "source_profile")) {
      return via + " (source profile " + *source_profile + ")";
    }
    if (auto credential_source = profile_setting(config(), profile_, "credential_source")) {
      return via + " (credential_source " + *credential_source + ")";
    }
    return via;
  }

 private:
  const SharedConfig& config() const { return *context_.config; }
  std::optional<std::string> setting(const std::string& key) const {
    return profile_setting(config(), profile_, key);
  }

  RoleSettings read_settings() const {
    RoleSettings role;
    role.role_arn = *setting("role_arn");
    role.source_profile = setting("source_profile");
    role.credential_source = setting("credential_source");
    role.external_id = setting("external_id");
    role.session_name = setting("role_session_name");
    if (role.source_profile && role.credential_source) {
      throw ConfigError("profile " + profile_ +
                        " has both source_profile and credential_source; keep one of them");
    }
    if (!role.source_profile && !role.credential_source) {
      throw ConfigError("profile " + profile_ + " has role_arn but neither source_profile nor " +
                        "credential_source: add source_profile = <a profile with credentials> " +
                        "or credential_source = Environment, Ec2InstanceMetadata or EcsContainer");
    }
    if (auto duration = setting("duration_seconds")) {
      role.duration_seconds = parse_duration(*duration);
    }
    if (auto mfa_serial = setting("mfa_serial")) {
      // A setting ssmlink cannot use, like the other profile problems above (exit 2).
      throw ConfigError(
          "profile " + profile_ + " assumes its role with MFA (mfa_serial " + *mfa_serial +
          "), and ssmlink cannot ask for MFA codes, so MFA-protected roles are not supported: "
          "get session credentials first (e.g. aws sts get-session-token --serial-number " +
          *mfa_serial +
          " --token-code <code>, then export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and "
          "AWS_SESSION_TOKEN) or use a profile with credential_process");
    }
    return role;
  }

  int parse_duration(const std::string& text) const {
    int seconds = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds <= 0) {
      throw ConfigError("profile " + profile_ + ": duration_seconds \"" + printable(text) +
                        "\" is not a number of seconds (e.g. 3600; STS allows 900 to 43200)");
    }
    return seconds;
  }

  std::shared_ptr<CredentialsProvider> resolve_source(const RoleSettings& role) {
    if (role.credential_source) return from_credential_source(*role.credential_source);
    return from_source_profile(*role.source_profile);
  }

  std::shared_ptr<CredentialsProvider> from_credential_source(const std::string& name) {
    std::unique_ptr<CredentialSource> source;
    std::string canonical = to_lower(name);
    if (canonical == "environment") source = make_environment_source(*context_.env);
    if (canonical == "ec2instancemetadata") {
      source = make_instance_metadata_source(context_, profile_);
    }
    if (canonical == "ecscontainer") source = make_container_source(context_);
    if (!source) {
      throw ConfigError("profile " + profile_ + ": credential_source \"" + printable(name) +
                        "\" is not one of Environment, Ec2InstanceMetadata, EcsContainer");
    }
    auto credentials = source->load();
    if (!credentials) {
      std::string reason = source->not_found_reason();
      throw CredentialsError("profile " + profile_ + ": credential_source " + name +
                             " has no credentials" + (reason.empty() ? "" : " (" + reason + ")"));
    }
    return keep_refreshed(source, std::move(*credentials), context_.clock);
  }

  std::shared_ptr<CredentialsProvider> from_source_profile(const std::string& source_profile) {
    check_source_profile(source_profile);
    if (has_static_keys(config(), source_profile) || !has_role(config(), source_profile)) {
      auto sources = make_profile_sources(context_, source_profile, /*use_environment=*/false);
      if (auto provider = first_with_credentials(sources, context_.clock)) return provider;
      throw ConfigError("source profile " + source_profile + " (named by profile " + profile_ +
                        ") has no credentials: give it aws_access_key_id and " +
                        "aws_secret_access_key, an SSO login, or credential_process");
    }
    std::vector<std::string> visited = visited_;
    visited.push_back(source_profile);
    std::unique_ptr<CredentialSource> source =
        std::make_unique<AssumeRoleSource>(context_, source_profile, std::move(visited));
    auto credentials = source->load();
    if (!credentials) {
      throw CredentialsError("source profile " + source_profile + " gave no role credentials");
    }
    return keep_refreshed(source, std::move(*credentials), context_.clock);
  }

  // botocore's rules: the source profile must exist, and the path must not come back to a
  // profile on it, except that a profile may name itself to use its own keys.
  void check_source_profile(const std::string& source_profile) const {
    if (!config().has_profile(source_profile)) {
      throw ConfigError("profile " + profile_ + ": source_profile " + source_profile +
                        " is not in " + config().config_name() + " or " +
                        config().credentials_name());
    }
    bool seen = std::ranges::find(visited_, source_profile) != visited_.end();
    if (!seen) return;
    if (source_profile == profile_ && has_static_keys(config(), source_profile)) return;
    throw ConfigError("profile " + profile_ + ": source_profile makes a loop (" +
                      join(visited_, " -> ") + " -> " + source_profile +
                      "); end the path at a profile that has credentials");
  }

  SourceContext context_;
  std::string profile_;
  std::vector<std::string> visited_;
  std::shared_ptr<CredentialsProvider> source_;
  std::optional<std::string> session_name_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_assume_role_source(const SourceContext& context,
                                                          const std::string& profile,
                                                          std::vector<std::string> visited) {
  return std::make_unique<AssumeRoleSource>(context, profile, std::move(visited));
}

}  // namespace ssmlink::aws
