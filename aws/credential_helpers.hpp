// Small pieces the credential sources share: settings, session names, expirations,
// JSON fields and token files, and excerpts that are safe to put in a message.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "aws/errors.hpp"
#include "aws/shared_config.hpp"
#include "util/clock.hpp"

namespace ssmlink::aws {

// A profile setting (the credentials file wins); an empty value counts as unset.
std::optional<std::string> profile_setting(const SharedConfig& config, const std::string& profile,
                                           const std::string& key);

// botocore's default role session name, botocore-session-<unix time>, with our name.
std::string default_session_name(const Clock& clock);

// ISO 8601 (a trailing "UTC" instead of "Z" too, as older AWS CLIs wrote it). A bad
// value is a CredentialsError naming `source` and the value.
Clock::TimePoint parse_expiration(const std::string& text, const std::string& source);

// The string member `key` of a JSON object; missing or not a string is a CredentialsError
// naming `source`, the key and the members present, never their values.
std::string json_string(const nlohmann::json& object, const std::string& key,
                        const std::string& source);
std::string member_names(const nlohmann::json& object);

// Program output or a response body, ready for a one-line message: control characters
// escaped, cut short, and cut before any word that may introduce a secret (secret,
// token, password, bearer), so a half-written credentials document cannot leak.
std::string safe_excerpt(std::string_view text, size_t max_length = 80);

// The file's text without trailing line breaks; a CredentialsError naming `what` and the
// path when it cannot be read or is empty.
std::string read_token_file(const std::string& path, const std::string& what);

// Runs `call`; an AwsError other than CredentialsError and ConfigError (an STS refusal, a
// transport failure) becomes a CredentialsError that starts with `context`.
template <typename Call>
auto with_context(const std::string& context, Call call) -> decltype(call()) {
  try {
    return call();
  } catch (const CredentialsError&) {
    throw;
  } catch (const ConfigError&) {
    throw;
  } catch (const AwsError& e) {
    throw CredentialsError(context + ": " + e.what());
  }
}

}  // namespace ssmlink::aws
