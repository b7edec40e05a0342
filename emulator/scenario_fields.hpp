// The scenario loader's checked access to JSON objects (scenario.cpp, iam/iam_scenario.cpp):
// every key checked against the allowed ones, typed getters whose errors name the JSON
// path and the value.
#pragma once
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/model.hpp"
#include "emulator/scenario.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator::scenario_fields {

using nlohmann::json;

[[noreturn]] inline void fail(const std::string& path, const std::string& problem) {
  throw ScenarioError((path.empty() ? "/" : path) + ": " + problem);
}

// 17 upper-case hex digits derived from the text: the tail of IAM-style unique IDs
// (AIDA... for users, AIPA... for instance profiles).
inline std::string upper_digest(const std::string& text) {
  std::string digest = sha256_hex(text).substr(0, 17);
  for (auto& c : digest)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return digest;
}

inline std::string shown(const json& value) {
  return printable(value.dump(), 60);
}

// JSON pointer escaping for keys such as tag names ("~" and "/").
inline std::string pointer_key(const std::string& key) {
  std::string out;
  for (char c : key)
    out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

// One JSON object of the scenario: its keys checked against what is allowed, typed
// getters that name the path of whatever is wrong.
class Fields {
 public:
  Fields(const json& object, std::string path, std::initializer_list<const char*> allowed)
      : object_(object), path_(std::move(path)) {
    if (!object.is_object()) fail(path_, "expected an object, got " + shown(object));
    for (const auto& [key, value] : object.items()) {
      if (key.starts_with("_")) continue;  // annotations, e.g. world_dump's status
      bool known = std::any_of(allowed.begin(), allowed.end(),
                               [&](const char* name) { return key == name; });
      if (!known) {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        fail(at(key), "unknown key \"" + key + "\" (expected one of: " + join(names, ", ") + ")");
      }
    }
  }

  const std::string& path() const { return path_; }
  std::string at(const std::string& key) const { return path_ + "/" + pointer_key(key); }
  bool has(const char* key) const { return object_.contains(key) && !object_[key].is_null(); }
  const json& raw(const char* key) const { return object_[key]; }

  std::string string(const char* key) const {
    if (!has(key)) fail(at(key), "missing (required)");
    return string(key, "");
  }
  std::string string(const char* key, const std::string& fallback) const {
    if (!has(key)) return fallback;
    const json& value = object_[key];
    if (!value.is_string()) fail(at(key), "expected a string, got " + shown(value));
    return value.get<std::string>();
  }
  bool boolean(const char* key, bool fallback) const {
    if (!has(key)) return fallback;
    const json& value = object_[key];
    if (!value.is_boolean()) fail(at(key), "expected true or false, got " + shown(value));
    return value.get<bool>();
  }
  std::optional<long long> integer(const char* key) const {
    if (!has(key)) return std::nullopt;
    const json& value = object_[key];
    if (!value.is_number_integer()) fail(at(key), "expected an integer, got " + shown(value));
    return value.get<long long>();
  }
  // An array (empty when absent), each element with its path.
  std::vector<std::pair<const json*, std::string>> array(const char* key) const {
    std::vector<std::pair<const json*, std::string>> items;
    if (!has(key)) return items;
    const json& value = object_[key];
    if (!value.is_array()) fail(at(key), "expected an array, got " + shown(value));
    for (size_t i = 0; i < value.size(); ++i) {
      items.emplace_back(&value[i], at(key) + "/" + std::to_string(i));
    }
    return items;
  }
  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    for (const auto& [item, path] : array(key)) {
      if (!item->is_string()) fail(path, "expected a string, got " + shown(*item));
      out.push_back(item->get<std::string>());
    }
    return out;
  }
  Tags tags() const {
    Tags out;
    if (!has("tags")) return out;
    const json& value = object_["tags"];
    if (!value.is_object()) {
      fail(at("tags"), "expected an object of tag names and values, got " + shown(value));
    }
    for (const auto& [key, tag] : value.items()) {
      if (!tag.is_string()) fail(at("tags") + "/" + pointer_key(key), "expected a string");
      out.emplace_back(key, tag.get<std::string>());
    }
    return out;
  }

 private:
  const json& object_;
  std::string path_;
};

}  // namespace ssmlink::emulator::scenario_fields
