// The AWS CLI's shared files: ~/.aws/config ([default], [profile NAME], [sso-session NAME],
// [services NAME]) and ~/.aws/credentials ([NAME]), with AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE overriding their paths.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/environment.hpp"

namespace ssmlink::aws {

class SharedConfig {
 public:
  // Reads both files; a missing file counts as empty. A malformed one throws ConfigError
  // naming the file, the line number and what was expected.
  static SharedConfig load(const Environment& env);
  static SharedConfig parse(std::string_view config_text, std::string_view credentials_text,
                            const std::string& config_name = "~/.aws/config",
                            const std::string& credentials_name = "~/.aws/credentials");

  // In either file.
  bool has_profile(const std::string& profile) const;
  std::vector<std::string> profile_names() const;

  // A profile's setting; the credentials file wins over the config file, as in botocore.
  std::optional<std::string> profile_value(const std::string& profile,
                                           const std::string& key) const;
  std::optional<std::string> config_file_value(const std::string& profile,
                                               const std::string& key) const;
  std::optional<std::string> credentials_file_value(const std::string& profile,
                                                    const std::string& key) const;

  // [sso-session NAME] settings.
  bool has_sso_session(const std::string& session) const;
  std::optional<std::string> sso_session_value(const std::string& session,
                                               const std::string& key) const;

  // A nested setting in a [services NAME] section, e.g. ("dev", "ec2", "endpoint_url").
  std::optional<std::string> services_value(const std::string& section, const std::string& service,
                                            const std::string& key) const;

  const std::string& config_name() const { return config_name_; }
  const std::string& credentials_name() const { return credentials_name_; }

 private:
  using Settings = std::map<std::string, std::string>;
  struct Section {
    Settings values;
    std::map<std::string, Settings> nested;  // "ec2 =" followed by indented "key = value" lines
  };
  std::map<std::string, Section> config_profiles_;
  std::map<std::string, Section> credentials_profiles_;
  std::map<std::string, Section> sso_sessions_;
  std::map<std::string, Section> services_;
  std::string config_name_;
  std::string credentials_name_;
};

// The profile in use: --profile, then AWS_PROFILE, then AWS_DEFAULT_PROFILE, then
// "default" (AWS CLI v2's order).
std::string resolve_profile_name(const std::optional<std::string>& profile_flag,
                                 const Environment& env);

}  // namespace ssmlink::aws
