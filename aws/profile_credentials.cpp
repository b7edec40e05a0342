#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"

namespace ssmlink::aws {

namespace {

// Long-term keys written by `aws configure`, in one of the two shared files. Only this
// file's section counts: the credentials file is an earlier step of the chain than
// credential_process, the config file a later one.
class StaticKeysSource final : public CredentialSource {
 public:
  StaticKeysSource(const SharedConfig& config, std::string profile, SharedFile file)
      : config_(config), profile_(std::move(profile)), file_(file) {}

  std::optional<Credentials> load() override {
    auto key_id = value("aws_access_key_id");
    auto secret = value("aws_secret_access_key");
    if (!key_id && !secret) return std::nullopt;
    if (!secret) throw half_set("aws_access_key_id", "aws_secret_access_key");
    if (!key_id) throw half_set("aws_secret_access_key", "aws_access_key_id");
    Credentials credentials{*key_id, *secret, "", std::nullopt};
    // botocore's order: the legacy name first.
    auto token = value("aws_security_token");
    if (!token) token = value("aws_session_token");
    credentials.session_token = token.value_or("");
    return credentials;
  }

  std::string description() const override {
    return "profile " + profile_ +
           (file_ == SharedFile::Credentials ? " (shared credentials file)" : " (config file)");
  }

 private:
  std::optional<std::string> value(const std::string& key) const {
    auto found = file_ == SharedFile::Credentials ? config_.credentials_file_value(profile_, key)
                                                  : config_.config_file_value(profile_, key);
    if (!found || found->empty()) return std::nullopt;
    return found;
  }

  ConfigError half_set(const std::string& present, const std::string& missing) const {
    const std::string& file =
        file_ == SharedFile::Credentials ? config_.credentials_name() : config_.config_name();
    return ConfigError("profile " + profile_ + " in " + file + " has " + present + " but no " +
                       missing + ": add it (aws configure --profile " + profile_ + ") or remove " +
                       present);
  }

  const SharedConfig& config_;
  std::string profile_;
  SharedFile file_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_static_keys_source(const SharedConfig& config,
                                                          const std::string& profile,
                                                          SharedFile file) {
  return std::make_unique<StaticKeysSource>(config, profile, file);
}

}  // namespace ssmlink::aws
