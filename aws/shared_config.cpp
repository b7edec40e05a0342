#include "aws/shared_config.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "aws/errors.hpp"
#include "aws/shell_split.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

// One [section] of an INI file, as Python's configparser (and so botocore) reads it.
struct ParsedSection {
  std::string name;
  int line = 0;
  std::map<std::string, std::string> values;
  std::map<std::string, std::map<std::string, std::string>> nested;
};

// Reads the AWS CLI's INI dialect: [section] headers, "key = value" (or "key: value")
// settings with lower-cased keys, full-line # and ; comments, and continuation lines:
// lines indented deeper than a setting belong to it, as "key = value" sub-settings when
// the setting's own value is empty (s3 =, ec2 =), as more lines of the value otherwise.
class IniParser {
 public:
  explicit IniParser(std::string file_name) : file_(std::move(file_name)) {}

  std::vector<ParsedSection> parse(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
    int number = 0;
    for (std::string_view line : split_lines(text)) {
      ++number;
      parse_line(line, number);
    }
    return std::move(sections_);
  }

 private:
  static std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (line.ends_with('\r')) line.remove_suffix(1);
      lines.push_back(line);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return lines;
  }

  static size_t indentation(std::string_view line) {
    size_t count = 0;
    while (count < line.size() && (line[count] == ' ' || line[count] == '\t'))
      ++count;
    return count;
  }

  [[noreturn]] void fail(int number, const std::string& what) const {
    throw ConfigError(file_ + " line " + std::to_string(number) + ": " + what);
  }

  [[noreturn]] void fail_unexpected(int number, std::string_view line) const {
    fail(number,
         "expected \"key = value\" or \"[section]\", found \"" + printable(trim(line), 60) + "\"");
  }

  void parse_line(std::string_view line, int number) {
    std::string content = trim(line);
    if (content.empty() || content[0] == '#' || content[0] == ';') return;
    size_t indent = indentation(line);
    if (!setting_.empty() && indent > setting_indent_) return continue_setting(content, number);
    if (content[0] == '[') return start_section(content, number);
    add_setting(content, indent, number);
  }

  void start_section(const std::string& content, int number) {
    size_t close = content.find(']');
    if (close == std::string::npos || close == 1) fail_unexpected(number, content);
    std::string rest = trim(std::string_view(content).substr(close + 1));
    if (!rest.empty() && rest[0] != '#' && rest[0] != ';') fail_unexpected(number, content);
    std::string name = trim(std::string_view(content).substr(1, close - 1));
    if (name.empty()) fail_unexpected(number, content);
    for (const auto& section : sections_) {
      if (section.name == name) {
        fail(number, "section [" + printable(name) + "] appears twice (first on line " +
                         std::to_string(section.line) + "); merge the two into one");
      }
    }
    sections_.push_back(ParsedSection{name, number, {}, {}});
    setting_.clear();
  }

  void add_setting(const std::string& content, size_t indent, int number) {
    size_t delimiter = content.find_first_of("=:");
    if (delimiter == std::string::npos) fail_unexpected(number, content);
    std::string key = to_lower(trim(std::string_view(content).substr(0, delimiter)));
    if (key.empty()) fail_unexpected(number, content);
    if (sections_.empty()) {
      fail(number, "\"" + printable(content, 60) +
                       "\" comes before any [section]; put it under [default] or "
                       "[profile NAME]");
    }
    ParsedSection& section = sections_.back();
    if (section.values.contains(key) || section.nested.contains(key)) {
      fail(number, "\"" + printable(key) + "\" is set twice in [" + printable(section.name) +
                       "]; keep one");
    }
    section.values[key] = trim(std::string_view(content).substr(delimiter + 1));
    setting_ = key;
    setting_indent_ = indent;
  }

  void continue_setting(const std::string& content, int number) {
    ParsedSection& section = sections_.back();
    auto value = section.values.find(setting_);
    if (value != section.values.end() && !value->second.empty()) {
      value->second += "\n" + content;  // configparser's multi-line value
      return;
    }
    size_t equals = content.find('=');
    std::string key = equals == std::string::npos ? "" : trim(content.substr(0, equals));
    if (key.empty()) {
      fail(number, "expected an indented \"key = value\" under \"" + printable(setting_) +
                       " =\", found \"" + printable(content, 60) + "\"");
    }
    if (value != section.values.end()) section.values.erase(value);
    section.nested[setting_][key] = trim(content.substr(equals + 1));
  }

  std::string file_;
  std::vector<ParsedSection> sections_;
  std::string setting_;  // the last setting of the current section, for continuation lines
  size_t setting_indent_ = 0;
};

// "profile dev" -> ("profile", "dev"); botocore splits section names like a shell does,
// so [profile "my dev"] names the profile "my dev".
std::optional<std::pair<std::string, std::string>> two_words(const std::string& name) {
  auto words = shell_split(name);
  if (!words || words->size() != 2) return std::nullopt;
  return std::pair{(*words)[0], (*words)[1]};
}

// A path from AWS_CONFIG_FILE and friends, with ~ meaning HOME as in the AWS CLI.
// None when it needs HOME and there is none.
std::optional<std::string> expand_home(const std::string& path, const Environment& env) {
  if (path != "~" && !path.starts_with("~/")) return path;
  auto home = env.get("HOME");
  if (!home) return std::nullopt;
  return *home + path.substr(1);
}

// The file's text; empty when it does not exist, as for the AWS CLI.
std::string read_optional_file(const std::string& shown, const std::optional<std::string>& path) {
  if (!path) return {};
  std::error_code error;
  auto status = std::filesystem::status(*path, error);
  if (status.type() == std::filesystem::file_type::not_found) return {};
  if (status.type() == std::filesystem::file_type::directory) {
    throw ConfigError("cannot read " + shown + ": it is a directory, not a file");
  }
  try {
    return read_file(*path);
  } catch (const FileError& e) {
    throw ConfigError(std::string(e.what()) + " (named by " + shown + ")");
  }
}

}  // namespace

SharedConfig SharedConfig::load(const Environment& env) {
  std::string config_name = env.get("AWS_CONFIG_FILE").value_or("~/.aws/config");
  std::string credentials_name =
      env.get("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials");
  std::string config_text = read_optional_file(config_name, expand_home(config_name, env));
  std::string credentials_text =
      read_optional_file(credentials_name, expand_home(credentials_name, env));
  return parse(config_text, credentials_text, config_name, credentials_name);
}

SharedConfig SharedConfig::parse(std::string_view config_text, std::string_view credentials_text,
                                 const std::string& config_name,
                                 const std::string& credentials_name) {
  SharedConfig config;
  config.config_name_ = config_name;
  config.credentials_name_ = credentials_name;
  auto keep = [](ParsedSection& parsed) {
    return Section{std::move(parsed.values), std::move(parsed.nested)};
  };
  // A later section with the same meaning ([default] and [profile default]) replaces an
  // earlier one, as in botocore.
  for (auto& parsed : IniParser(config_name).parse(config_text)) {
    if (parsed.name == "default") {
      config.config_profiles_[parsed.name] = keep(parsed);
    } else if (auto words = two_words(parsed.name)) {
      auto& [kind, name] = *words;
      if (kind == "profile") config.config_profiles_[name] = keep(parsed);
      if (kind == "sso-session") config.sso_sessions_[name] = keep(parsed);
      if (kind == "services") config.services_[name] = keep(parsed);
    }
  }
  for (auto& parsed : IniParser(credentials_name).parse(credentials_text)) {
    config.credentials_profiles_[parsed.name] = keep(parsed);
  }
  return config;
}

bool SharedConfig::has_profile(const std::string& profile) const {
  return config_profiles_.contains(profile) || credentials_profiles_.contains(profile);
}

std::vector<std::string> SharedConfig::profile_names() const {
  std::set<std::string> names;
  for (const auto& [name, _] : config_profiles_) {
    names.insert(name);
  }
  for (const auto& [name, _] : credentials_profiles_) {
    names.insert(name);
  }
  return {names.begin(), names.end()};
}

namespace {
template <typename Sections>
std::optional<std::string> find_value(const Sections& sections, const std::string& section,
                                      const std::string& key) {
  auto found = sections.find(section);
  if (found == sections.end()) return std::nullopt;
  auto value = found->second.values.find(key);
  if (value == found->second.values.end()) return std::nullopt;
  return value->second;
}
}  // namespace

std::optional<std::string> SharedConfig::profile_value(const std::string& profile,
                                                       const std::string& key) const {
  if (auto value = credentials_file_value(profile, key)) return value;
  return config_file_value(profile, key);
}

std::optional<std::string> SharedConfig::config_file_value(const std::string& profile,
                                                           const std::string& key) const {
  return find_value(config_profiles_, profile, key);
}

std::optional<std::string> SharedConfig::credentials_file_value(const std::string& profile,
                                                                const std::string& key) const {
  return find_value(credentials_profiles_, profile, key);
}

bool SharedConfig::has_sso_session(const std::string& session) const {
  return sso_sessions_.contains(session);
}

std::optional<std::string> SharedConfig::sso_session_value(const std::string& session,
                                                           const std::string& key) const {
  return find_value(sso_sessions_, session, key);
}

std::optional<std::string> SharedConfig::services_value(const std::string& section,
                                                        const std::string& service,
                                                        const std::string& key) const {
  auto found = services_.find(section);
  if (found == services_.end()) return std::nullopt;
  auto settings = found->second.nested.find(service);
  if (settings == found->second.nested.end()) return std::nullopt;
  auto value = settings->second.find(key);
  if (value == settings->second.end()) return std::nullopt;
  return value->second;
}

std::string resolve_profile_name(const std::optional<std::string>& profile_flag,
                                 const Environment& env) {
  if (profile_flag) return *profile_flag;
  if (auto profile = env.get("AWS_PROFILE")) return *profile;
  if (auto profile = env.get("AWS_DEFAULT_PROFILE")) return *profile;
  return "default";
}

}  // namespace ssmlink::aws
