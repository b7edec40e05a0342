#include "aws/credential_chain.hpp"

#include <functional>
#include <mutex>
#include <stdexcept>

#include "aws/credential_providers.hpp"
#include "aws/errors.hpp"
#include "aws/refreshing_credentials.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

// Where the profile name came from, when someone chose it; none for the implicit default.
std::optional<std::string> profile_origin(const CredentialChainParts& parts) {
  if (parts.profile_flag) return "--profile";
  for (const char* variable : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
    if (parts.env->get(variable)) return variable;
  }
  return std::nullopt;
}

std::string profile_list(const SharedConfig& config) {
  auto names = config.profile_names();
  return names.empty() ? "none" : join(names, ", ");
}

// A profile chosen by name must exist (botocore's ProfileNotFound); only the environment's
// keys, tried before this step, may stand in for it.
class ProfileMustExist final : public CredentialSource {
 public:
  ProfileMustExist(const SharedConfig& config, std::string profile,
                   std::optional<std::string> origin)
      : config_(config), profile_(std::move(profile)), origin_(std::move(origin)) {}

  std::optional<Credentials> load() override {
    if (origin_ && !config_.has_profile(profile_)) {
      throw ConfigError("profile " + profile_ + " (from " + *origin_ + ") not found in " +
                        config_.config_name() + " or " + config_.credentials_name() +
                        " (profiles there: " + profile_list(config_) +
                        "); check the name, or create it with aws configure --profile " + profile_);
    }
    return std::nullopt;
  }

  std::string description() const override { return "profile " + profile_; }

 private:
  const SharedConfig& config_;
  std::string profile_;
  std::optional<std::string> origin_;
};

class CredentialChain final : public CredentialsProvider {
 public:
  using Explain = std::function<std::string(const std::vector<std::string>& notes)>;

  CredentialChain(std::vector<std::unique_ptr<CredentialSource>> sources,
                  std::shared_ptr<Clock> clock, Explain nothing_found)
      : sources_(std::move(sources)),
        clock_(std::move(clock)),
        nothing_found_(std::move(nothing_found)) {}

  Credentials get() override {
    std::lock_guard lock(mutex_);
    if (!chosen_) {
      chosen_ = first_with_credentials(sources_, clock_);
      if (!chosen_) throw CredentialsError(nothing_found_(notes()));
      sources_.clear();  // the others are never asked again
    }
    return chosen_->get();
  }

  std::string source() const override {
    std::lock_guard lock(mutex_);
    return chosen_ ? chosen_->source() : std::string();
  }

 private:
  std::vector<std::string> notes() const {
    std::vector<std::string> notes;
    for (const auto& source : sources_) {
      if (auto reason = source->not_found_reason(); !reason.empty()) {
        notes.push_back(source->description() + ": " + reason);
      }
    }
    return notes;
  }

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<CredentialSource>> sources_;
  std::shared_ptr<Clock> clock_;
  Explain nothing_found_;
  std::shared_ptr<RefreshingCredentials> chosen_;
};

std::string nothing_found(const std::string& profile, bool environment_skipped,
                          const SharedConfig& config, const std::vector<std::string>& notes) {
  std::string named = profile == "default" ? "" : " --profile " + profile;
  std::string message = "no AWS credentials found for profile " + profile + ". Tried: ";
  message += environment_skipped ? "environment variables (skipped: --profile was given)"
                                 : "environment variables (AWS_ACCESS_KEY_ID)";
  message += ", profile " + profile + " in " + config.credentials_name() + " and " +
             config.config_name() +
             " (role_arn, web_identity_token_file, sso_session, aws_access_key_id, "
             "credential_process), AWS_WEB_IDENTITY_TOKEN_FILE, container credentials "
             "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI) and instance metadata";
  for (const auto& note : notes) {
    message += "; " + note;
  }
  message += ". To fix: run \"aws configure" + named + "\" to save access keys, or \"aws " +
             "configure sso" + named + "\" then \"aws sso login" + named +
             "\" for IAM Identity Center; choose a profile that has credentials with --profile " +
             "or AWS_PROFILE (profiles: " + profile_list(config) +
             "); or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
  return message;
}

}  // namespace

std::vector<std::unique_ptr<CredentialSource>> make_profile_sources(const SourceContext& context,
                                                                    const std::string& profile,
                                                                    bool use_environment) {
  std::vector<std::unique_ptr<CredentialSource>> sources;
  sources.push_back(make_web_identity_source(context, profile, use_environment));
  sources.push_back(make_sso_source(context, profile));
  sources.push_back(make_static_keys_source(*context.config, profile, SharedFile::Credentials));
  sources.push_back(make_process_source(context, profile));
  sources.push_back(make_static_keys_source(*context.config, profile, SharedFile::Config));
  return sources;
}

std::shared_ptr<CredentialsProvider> make_credential_chain(CredentialChainParts parts) {
  if (!parts.env || !parts.config || !parts.http || !parts.sts || !parts.clock) {
    throw std::invalid_argument("make_credential_chain: every part is required");
  }
  std::string profile = resolve_profile_name(parts.profile_flag, *parts.env);
  // botocore: --profile turns the environment's keys off; AWS_PROFILE does not.
  bool use_environment = !parts.profile_flag;
  // Without a region, STS's global endpoint (us-east-1) answers, as for the AWS CLI.
  SourceContext context{parts.env,
                        parts.config,
                        parts.http,
                        parts.sts,
                        parts.clock,
                        parts.region.empty() ? "us-east-1" : parts.region,
                        parts.credential_process_timeout};

  std::vector<std::unique_ptr<CredentialSource>> sources;
  if (use_environment) sources.push_back(make_environment_source(*parts.env));
  sources.push_back(
      std::make_unique<ProfileMustExist>(*parts.config, profile, profile_origin(parts)));
  sources.push_back(make_assume_role_source(context, profile));
  for (auto& source : make_profile_sources(context, profile, use_environment)) {
    sources.push_back(std::move(source));
  }
  sources.push_back(make_container_source(context));
  sources.push_back(make_instance_metadata_source(context, profile));

  const SharedConfig& config = *parts.config;
  auto explain = [profile, use_environment, &config](const std::vector<std::string>& notes) {
    return nothing_found(profile, !use_environment, config, notes);
  };
  return std::make_shared<CredentialChain>(std::move(sources), parts.clock, explain);
}

}  // namespace ssmlink::aws
