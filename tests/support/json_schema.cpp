#include "tests/support/json_schema.hpp"

#include <algorithm>
#include <set>

namespace ssmlink::testing {

namespace {

using Json = nlohmann::json;

class Validator {
 public:
  explicit Validator(const Json& root) : root_(root) {}

  void check(const Json& value, const Json& schema, const std::string& path) {
    if (schema.contains("$ref")) {
      std::string ref = schema["$ref"];
      const std::string prefix = "#/definitions/";
      if (!ref.starts_with(prefix)) return fail(path, "unsupported $ref " + ref);
      return check(value, root_["definitions"][ref.substr(prefix.size())], path);
    }
    if (schema.contains("anyOf")) {
      bool any = false;
      for (const auto& option : schema["anyOf"]) {
        Validator trial(root_);
        trial.check(value, option, path);
        any = any || trial.errors.empty();
      }
      if (!any) fail(path, "matches none of anyOf");
    }
    if (schema.contains("type") && !type_matches(value, schema["type"])) {
      return fail(path,
                  "is " + std::string(value.type_name()) + ", expected " + schema["type"].dump());
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
      fail(path, value.dump() + " is not one of " + schema["enum"].dump());
    }
    if (value.is_string()) check_string(value.get<std::string>(), schema, path);
    if (value.is_array()) check_array(value, schema, path);
    if (value.is_object()) check_object(value, schema, path);
  }

  std::vector<std::string> errors;

 private:
  static bool type_matches(const Json& value, const Json& type) {
    if (type.is_array()) {
      for (const auto& option : type) {
        if (type_matches(value, option)) return true;
      }
      return false;
    }
    std::string name = type;
    if (name == "string") return value.is_string();
    if (name == "integer") return value.is_number_integer();
    if (name == "number") return value.is_number();
    if (name == "boolean") return value.is_boolean();
    if (name == "array") return value.is_array();
    if (name == "object") return value.is_object();
    return false;
  }

  void check_string(const std::string& text, const Json& schema, const std::string& path) {
    if (schema.contains("minLength") && text.size() < schema["minLength"].get<size_t>()) {
      fail(path, "is shorter than minLength");
    }
    if (schema.contains("maxLength") && text.size() > schema["maxLength"].get<size_t>()) {
      fail(path, "is longer than maxLength");
    }
  }

  void check_array(const Json& value, const Json& schema, const std::string& path) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>()) {
      fail(path, "has fewer than minItems");
    }
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>()) {
      fail(path, "has more than maxItems");
    }
    if (schema.value("uniqueItems", false)) {
      std::set<std::string> seen;
      for (const auto& item : value) {
        if (!seen.insert(item.dump()).second) fail(path, "repeats " + item.dump());
      }
    }
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        check(value[i], schema["items"], path + "[" + std::to_string(i) + "]");
      }
    }
  }

  void check_object(const Json& value, const Json& schema, const std::string& path) {
    const Json properties = schema.value("properties", Json::object());
    for (const auto& name : schema.value("required", Json::array())) {
      if (!value.contains(name.get<std::string>())) fail(path, "lacks required " + name.dump());
    }
    for (const auto& [name, item] : value.items()) {
      if (properties.contains(name)) {
        check(item, properties[name], path + "." + name);
      } else if (schema.contains("additionalProperties") &&
                 schema["additionalProperties"] == false) {
        fail(path, "has unknown property " + name);
      }
    }
  }

  void fail(const std::string& path, const std::string& what) {
    errors.push_back(path + ": " + what);
  }

  const Json& root_;
};

}  // namespace

std::vector<std::string> validate_against_schema(const nlohmann::json& value,
                                                 const nlohmann::json& schema) {
  Validator validator(schema);
  validator.check(value, schema, "Properties");
  return validator.errors;
}

}  // namespace ssmlink::testing
