#include "aws/credential_helpers.hpp"

#include <algorithm>
#include <array>

#include "util/files.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

std::optional<std::string> profile_setting(const SharedConfig& config, const std::string& profile,
                                           const std::string& key) {
  auto value = config.profile_value(profile, key);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

std::string default_session_name(const Clock& clock) {
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  return "ssmlink-session-" + std::to_string(seconds);
}

Clock::TimePoint parse_expiration(const std::string& text, const std::string& source) {
  std::string value = text;
  if (value.ends_with("UTC")) value.replace(value.size() - 3, 3, "Z");
  Clock::TimePoint time;
  if (!parse_iso8601(value, time)) {
    throw CredentialsError(source + ": the expiration \"" + printable(text) +
                           "\" is not an ISO 8601 time such as 2026-11-28T07:39:02Z");
  }
  return time;
}

std::string member_names(const nlohmann::json& object) {
  std::vector<std::string> names;
  if (object.is_object()) {
    for (const auto& [name, _] : object.items()) {
      names.push_back(printable(name, 40));
    }
  }
  return names.empty() ? "nothing" : join(names, ", ");
}

std::string json_string(const nlohmann::json& object, const std::string& key,
                        const std::string& source) {
  auto found = object.find(key);
  if (found == object.end()) {
    throw CredentialsError(source + ": the answer lacks " + key + " (it has " +
                           member_names(object) + ")");
  }
  if (!found->is_string()) {
    throw CredentialsError(source + ": " + key + " in the answer is a " + found->type_name() +
                           ", not a string");
  }
  return found->get<std::string>();
}

std::string safe_excerpt(std::string_view text, size_t max_length) {
  static constexpr std::array<std::string_view, 4> kSecretWords = {"secret", "token", "password",
                                                                   "bearer"};
  std::string lower = to_lower(text);
  size_t cut = text.size();
  for (auto word : kSecretWords) {
    cut = std::min(cut, lower.find(word));
  }
  if (cut == text.size()) return printable(text, max_length);
  return printable(text.substr(0, cut), max_length) + "[rest hidden: it may hold a secret]";
}

std::string read_token_file(const std::string& path, const std::string& what) {
  std::string token;
  try {
    token = read_file(path);
  } catch (const FileError& e) {
    throw CredentialsError(what + ": " + e.what());
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
    token.pop_back();
  if (token.empty()) throw CredentialsError(what + " " + path + " is empty");
  return token;
}

}  // namespace ssmlink::aws
