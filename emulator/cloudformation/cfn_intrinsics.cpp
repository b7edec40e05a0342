#include "emulator/cloudformation/cfn_intrinsics.hpp"

#include <cmath>
#include <cstdio>

#include "emulator/region_name.hpp"

namespace ssmlink::emulator {

namespace {

using Json = nlohmann::json;

// The function an object stands for: {"Ref": ...} or {"Fn::X": ...}, one key only.
// {"Condition": ...} is a function only where conditions are evaluated (an IAM policy's
// Condition key in Properties is data).
std::string function_of(const Json& value, bool in_condition) {
  if (!value.is_object() || value.size() != 1) return "";
  const std::string& key = value.begin().key();
  if (key == "Ref" || key.starts_with("Fn::")) return key;
  if (in_condition && key == "Condition") return key;
  return "";
}

[[noreturn]] void fail(const std::string& message) {
  throw TemplateError(message);
}

std::string base64(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// The pieces of an Fn::Sub string: literal text and ${...} variable names. ${!Literal}
// stands for the literal text ${Literal}.
struct SubPart {
  bool variable;
  std::string text;
};

std::vector<SubPart> parse_sub(const std::string& text) {
  std::vector<SubPart> parts;
  std::string literal;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "${") == 0) {
      size_t end = text.find('}', i + 2);
      if (end == std::string::npos) {
        literal += text.substr(i);
        break;
      }
      std::string inner = text.substr(i + 2, end - i - 2);
      if (!inner.empty() && inner[0] == '!') {
        literal += "${" + inner.substr(1) + "}";
      } else {
        if (!literal.empty()) parts.push_back({false, literal});
        literal.clear();
        // "${ Name }" is accepted by CloudFormation; names never contain spaces.
        size_t first = inner.find_first_not_of(' ');
        size_t last = inner.find_last_not_of(' ');
        parts.push_back(
            {true, first == std::string::npos ? "" : inner.substr(first, last - first + 1)});
      }
      i = end + 1;
    } else {
      literal += text[i++];
    }
  }
  if (!literal.empty()) parts.push_back({false, literal});
  return parts;
}

class Evaluator {
 public:
  explicit Evaluator(const EvaluationContext& context) : context_(context) {}

  std::optional<Json> value(const Json& value, bool in_condition = false) {
    std::string function = function_of(value, in_condition);
    if (!function.empty()) return call(function, value.begin().value());
    if (value.is_object()) {
      Json out = Json::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (auto evaluated = this->value(it.value())) out[it.key()] = std::move(*evaluated);
      }
      return out;
    }
    if (value.is_array()) {
      Json out = Json::array();
      for (const auto& item : value) {
        if (auto evaluated = this->value(item)) out.push_back(std::move(*evaluated));
      }
      return out;
    }
    return value;
  }

  bool condition(const Json& value) {
    auto result = this->value(value, true);
    if (!result || !result->is_boolean()) {
      fail(
          "Template error: every Fn::If, Fn::And, Fn::Or, Fn::Not and Condition must evaluate "
          "to a boolean");
    }
    return result->get<bool>();
  }

 private:
  Json required(const Json& argument, const std::string& function) {
    auto result = value(argument);
    if (!result) fail("Template error: " + function + " cannot use AWS::NoValue as an argument");
    return *result;
  }

  std::string text(const Json& argument, const std::string& function) {
    Json result = required(argument, function);
    if (result.is_object() || result.is_array() || result.is_null()) {
      fail("Template error: " + function + " requires a string argument");
    }
    return to_text(result);
  }

  std::optional<Json> call(const std::string& function, const Json& argument) {
    if (function == "Ref") return ref(argument);
    if (function == "Fn::GetAtt") return get_att(argument);
    if (function == "Fn::Sub") return sub(argument);
    if (function == "Fn::Join") return join(argument);
    if (function == "Fn::Select") return select(argument);
    if (function == "Fn::Split") return split(argument);
    if (function == "Fn::If") return if_(argument);
    if (function == "Fn::FindInMap") return find_in_map(argument);
    if (function == "Fn::GetAZs") return get_azs(argument);
    if (function == "Fn::Base64") return base64(text(argument, function));
    if (function == "Fn::Equals") return equals(argument);
    if (function == "Fn::Not") return not_(argument);
    if (function == "Fn::And" || function == "Fn::Or") return and_or(function, argument);
    if (function == "Condition") return named_condition(argument);
    if (function == "Fn::ImportValue") {
      // The emulator keeps no exports, so every import fails as a missing export would.
      fail("No export named " + text(argument, function) + " found.");
    }
    fail("Template error: " + function + " is not supported by the emulator");
  }

  std::optional<Json> ref(const Json& argument) {
    if (!argument.is_string()) fail("Template error: Ref requires a string argument");
    const std::string name = argument.get<std::string>();
    if (auto it = context_.parameters.find(name); it != context_.parameters.end()) {
      return it->second;
    }
    const auto& pseudo = context_.pseudo;
    if (name == "AWS::NoValue") return std::nullopt;
    if (name == "AWS::Region") return pseudo.region;
    if (name == "AWS::AccountId") return pseudo.account_id;
    if (name == "AWS::StackName") return pseudo.stack_name;
    if (name == "AWS::StackId") return pseudo.stack_id;
    if (name == "AWS::Partition") return partition_of(pseudo.region);
    if (name == "AWS::URLSuffix") return url_suffix_of(pseudo.region);
    if (name == "AWS::NotificationARNs") return Json::array();
    if (const ResourceValue* resource = context_.resource ? context_.resource(name) : nullptr) {
      return resource->physical_id;
    }
    fail("Template format error: Unresolved resource dependencies [" + name +
         "] in the Resources block of the template");
  }

  std::optional<Json> get_att(const Json& argument) {
    std::string logical_id, attribute;
    if (argument.is_string()) {
      std::string whole = argument.get<std::string>();
      size_t dot = whole.find('.');
      logical_id = whole.substr(0, dot);
      attribute = dot == std::string::npos ? "" : whole.substr(dot + 1);
    } else if (argument.is_array() && argument.size() == 2 && argument[0].is_string()) {
      logical_id = argument[0].get<std::string>();
      attribute = text(argument[1], "Fn::GetAtt");
    } else {
      fail("Template error: every Fn::GetAtt object requires two non-empty parameters");
    }
    const ResourceValue* resource = context_.resource ? context_.resource(logical_id) : nullptr;
    if (!resource) {
      fail("Template format error: Unresolved resource dependencies [" + logical_id +
           "] in the Resources block of the template");
    }
    auto it = resource->attributes.find(attribute);
    if (it == resource->attributes.end()) {
      fail("Template error: resource " + logical_id + " does not support attribute type " +
           attribute + " in Fn::GetAtt");
    }
    return it->second;
  }

  std::optional<Json> sub(const Json& argument) {
    std::string pattern;
    Json variables = Json::object();
    if (argument.is_string()) {
      pattern = argument.get<std::string>();
    } else if (argument.is_array() && argument.size() == 2 && argument[0].is_string() &&
               argument[1].is_object()) {
      pattern = argument[0].get<std::string>();
      for (auto it = argument[1].begin(); it != argument[1].end(); ++it) {
        variables[it.key()] = required(it.value(), "Fn::Sub");
      }
    } else {
      fail(
          "Template error: One or more Fn::Sub intrinsic functions don't specify expected "
          "arguments. Specify a string as first argument, and an optional second argument "
          "to specify a mapping of values to replace in the string");
    }
    std::string out;
    for (const auto& part : parse_sub(pattern)) {
      if (!part.variable) {
        out += part.text;
        continue;
      }
      Json replacement;
      if (variables.contains(part.text)) {
        replacement = variables[part.text];
      } else if (part.text.find('.') != std::string::npos && !part.text.starts_with("AWS::")) {
        replacement = *get_att(Json(part.text));
      } else {
        auto value = ref(Json(part.text));
        replacement = value ? *value : Json("");
      }
      if (replacement.is_array() || replacement.is_object()) {
        fail("Template error: variable " + part.text +
             " in Fn::Sub expression does not resolve to a string");
      }
      out += to_text(replacement);
    }
    return out;
  }

  std::optional<Json> join(const Json& argument) {
    static const std::string usage =
        "Template error: every Fn::Join object requires two parameters, (1) a string delimiter "
        "and (2) a list of strings to be joined or a function that returns a list of strings "
        "(such as Fn::GetAZs) to be joined.";
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string()) fail(usage);
    Json items = required(argument[1], "Fn::Join");
    if (!items.is_array()) fail(usage);
    std::string out;
    bool first = true;
    for (const auto& item : items) {
      if (item.is_object() || item.is_array() || item.is_null()) fail(usage);
      if (!first) out += argument[0].get<std::string>();
      out += to_text(item);
      first = false;
    }
    return out;
  }

  std::optional<Json> select(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2) {
      fail(
          "Template error: Fn::Select requires a list argument with two elements: an integer "
          "index and a list");
    }
    std::string index_text = text(argument[0], "Fn::Select");
    Json items = required(argument[1], "Fn::Select");
    if (!items.is_array()) fail("Template error: Fn::Select requires a list to select from");
    size_t index = 0;
    try {
      size_t used = 0;
      long long parsed = std::stoll(index_text, &used);
      if (used != index_text.size() || parsed < 0) throw std::invalid_argument(index_text);
      index = static_cast<size_t>(parsed);
    } catch (const std::exception&) {
      fail("Template error: Fn::Select requires an integer index, not " + index_text);
    }
    // Message from a public CREATE_FAILED event (awslabs/amazon-ecs-amazon-efs issue #2).
    if (index >= items.size()) {
      fail("Template error: Fn::Select cannot select nonexistent value at index " + index_text);
    }
    return items[index];
  }

  std::optional<Json> split(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string()) {
      fail(
          "Template error: every Fn::Split object requires two parameters, (1) a string "
          "delimiter and (2) a string to be split or a function that returns a string to be "
          "split.");
    }
    std::string delimiter = argument[0].get<std::string>();
    std::string source = text(argument[1], "Fn::Split");
    Json out = Json::array();
    if (delimiter.empty()) {
      out.push_back(source);
      return out;
    }
    size_t start = 0;
    while (true) {
      size_t at = source.find(delimiter, start);
      out.push_back(source.substr(start, at == std::string::npos ? std::string::npos : at - start));
      if (at == std::string::npos) break;
      start = at + delimiter.size();
    }
    return out;
  }

  bool condition_named(const std::string& name) {
    auto it = context_.conditions.find(name);
    if (it == context_.conditions.end()) {
      fail("Template format error: Unresolved condition dependency " + name + " in Fn::If");
    }
    return it->second;
  }

  std::optional<Json> if_(const Json& argument) {
    if (!argument.is_array() || argument.size() != 3 || !argument[0].is_string()) {
      fail("Template error: Fn::If requires a list argument with three elements");
    }
    return value(condition_named(argument[0].get<std::string>()) ? argument[1] : argument[2]);
  }

  std::optional<Json> named_condition(const Json& argument) {
    if (!argument.is_string()) fail("Template error: Condition requires a string argument");
    return condition_named(argument.get<std::string>());
  }

  std::optional<Json> equals(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2) {
      fail("Template error: Fn::Equals requires a list argument with two elements");
    }
    Json left = required(argument[0], "Fn::Equals");
    Json right = required(argument[1], "Fn::Equals");
    // CloudFormation compares values as strings: 443 equals "443".
    auto normal = [](const Json& v) -> Json {
      if (v.is_array()) {
        Json list = Json::array();
        for (const auto& item : v)
          list.push_back(to_text(item));
        return list;
      }
      return v.is_object() ? v : Json(to_text(v));
    };
    return normal(left) == normal(right);
  }

  std::optional<Json> not_(const Json& argument) {
    if (!argument.is_array() || argument.size() != 1) {
      fail("Template error: Fn::Not requires a list argument with one function token");
    }
    return !condition(argument[0]);
  }

  std::optional<Json> and_or(const std::string& function, const Json& argument) {
    if (!argument.is_array() || argument.size() < 2 || argument.size() > 10) {
      fail("Template error: " + function +
           " requires a list argument with between 2 and 10 function tokens");
    }
    bool is_and = function == "Fn::And";
    bool result = is_and;
    for (const auto& item : argument) {
      bool value = condition(item);
      result = is_and ? (result && value) : (result || value);
    }
    return result;
  }

  std::optional<Json> find_in_map(const Json& argument) {
    if (!argument.is_array() || argument.size() != 3) {
      fail("Template error: Fn::FindInMap requires a list argument with three elements");
    }
    std::string map = text(argument[0], "Fn::FindInMap");
    std::string top = text(argument[1], "Fn::FindInMap");
    std::string second = text(argument[2], "Fn::FindInMap");
    const Json& mappings = context_.tmpl->mappings;
    if (!mappings.contains(map) || !mappings[map].contains(top) ||
        !mappings[map][top].contains(second)) {
      fail("Template error: Unable to get mapping for " + map + "::" + top + "::" + second);
    }
    return mappings[map][top][second];
  }

  std::optional<Json> get_azs(const Json& argument) {
    std::string region = argument.is_string() ? argument.get<std::string>() : "";
    if (!argument.is_string()) region = text(argument, "Fn::GetAZs");
    Json zones = Json::array();
    if (region.empty() || region == context_.pseudo.region) {
      for (const auto& zone : context_.pseudo.availability_zones)
        zones.push_back(zone);
    } else {
      for (const char* letter : {"a", "b", "c"})
        zones.push_back(region + letter);
    }
    return zones;
  }

  const EvaluationContext& context_;
};

void collect(const Json& value, References& out, const std::map<std::string, bool>* conditions,
             bool in_condition) {
  std::string function = function_of(value, in_condition);
  if (function.empty()) {
    if (value.is_object() || value.is_array()) {
      for (const auto& item : value)
        collect(item, out, conditions, false);
    }
    return;
  }
  const Json& argument = value.begin().value();
  if (function == "Ref") {
    if (argument.is_string()) out.names.insert(argument.get<std::string>());
  } else if (function == "Fn::GetAtt") {
    std::string logical_id, attribute;
    if (argument.is_string()) {
      std::string whole = argument.get<std::string>();
      size_t dot = whole.find('.');
      logical_id = whole.substr(0, dot);
      if (dot != std::string::npos) attribute = whole.substr(dot + 1);
    } else if (argument.is_array() && !argument.empty() && argument[0].is_string()) {
      logical_id = argument[0].get<std::string>();
      if (argument.size() > 1 && argument[1].is_string())
        attribute = argument[1].get<std::string>();
      if (argument.size() > 1) collect(argument[1], out, conditions, false);
    }
    if (!logical_id.empty()) {
      out.names.insert(logical_id);
      out.attributes.insert({logical_id, attribute});
    }
  } else if (function == "Fn::Sub") {
    const Json* pattern = nullptr;
    std::set<std::string> local;
    if (argument.is_string()) {
      pattern = &argument;
    } else if (argument.is_array() && !argument.empty()) {
      if (argument[0].is_string()) pattern = &argument[0];
      if (argument.size() > 1 && argument[1].is_object()) {
        for (auto it = argument[1].begin(); it != argument[1].end(); ++it) {
          local.insert(it.key());
          collect(it.value(), out, conditions, false);
        }
      }
    }
    if (pattern) {
      for (const auto& part : parse_sub(pattern->get<std::string>())) {
        if (!part.variable || local.contains(part.text)) continue;
        size_t dot = part.text.find('.');
        if (dot != std::string::npos && !part.text.starts_with("AWS::")) {
          out.names.insert(part.text.substr(0, dot));
          out.attributes.insert({part.text.substr(0, dot), part.text.substr(dot + 1)});
        } else {
          out.names.insert(part.text);
        }
      }
    }
  } else if (function == "Fn::If") {
    if (argument.is_array() && argument.size() == 3 && argument[0].is_string()) {
      std::string name = argument[0].get<std::string>();
      out.conditions.insert(name);
      if (conditions && conditions->contains(name)) {
        collect(conditions->at(name) ? argument[1] : argument[2], out, conditions, false);
      } else {
        collect(argument[1], out, conditions, false);
        collect(argument[2], out, conditions, false);
      }
    }
  } else if (function == "Condition") {
    if (argument.is_string()) out.conditions.insert(argument.get<std::string>());
  } else {
    bool condition_function = function == "Fn::Not" || function == "Fn::And" ||
                              function == "Fn::Or" || function == "Fn::Equals";
    if (argument.is_array()) {
      for (const auto& item : argument)
        collect(item, out, conditions, condition_function);
    } else {
      collect(argument, out, conditions, condition_function);
    }
  }
}

}  // namespace

std::string url_suffix_of(const std::string& region) {
  return region.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

bool is_pseudo_parameter(const std::string& name) {
  return name == "AWS::Region" || name == "AWS::AccountId" || name == "AWS::StackName" ||
         name == "AWS::StackId" || name == "AWS::Partition" || name == "AWS::URLSuffix" ||
         name == "AWS::NoValue" || name == "AWS::NotificationARNs";
}

std::string to_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
  if (value.is_number_float()) {
    double number = value.get<double>();
    if (std::floor(number) == number && std::fabs(number) < 1e15) {
      return std::to_string(static_cast<long long>(number));
    }
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", number);
    return buffer;
  }
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) out += ",";
      out += to_text(item);
    }
    return out;
  }
  if (value.is_null()) return "";
  return value.dump();
}

std::optional<nlohmann::json> evaluate(const nlohmann::json& value,
                                       const EvaluationContext& context) {
  return Evaluator(context).value(value);
}

std::map<std::string, bool> evaluate_conditions(const Template& tmpl,
                                                const EvaluationContext& context) {
  // Conditions may name each other; evaluate in dependency order, refusing cycles.
  EvaluationContext working = context;
  working.conditions.clear();
  std::set<std::string> visiting;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    if (working.conditions.contains(name)) return;
    if (!tmpl.conditions.contains(name)) {
      throw TemplateError("Template format error: Unresolved condition dependency " + name +
                          " in Fn::If");
    }
    if (!visiting.insert(name).second) {
      throw TemplateError("Template error: circular condition dependency for " + name);
    }
    References references;
    collect_references(tmpl.conditions[name], references);
    // Condition bodies use Condition in any position (Fn::And [{Condition: A}, ...]).
    std::function<void(const Json&)> conditions_in = [&](const Json& v) {
      if (v.is_object() && v.size() == 1 && v.begin().key() == "Condition" &&
          v.begin().value().is_string()) {
        references.conditions.insert(v.begin().value().get<std::string>());
      }
      if (v.is_object() || v.is_array()) {
        for (const auto& item : v)
          conditions_in(item);
      }
    };
    conditions_in(tmpl.conditions[name]);
    for (const auto& other : references.conditions)
      visit(other);
    working.conditions[name] = Evaluator(working).condition(tmpl.conditions[name]);
    visiting.erase(name);
  };
  for (auto it = tmpl.conditions.begin(); it != tmpl.conditions.end(); ++it)
    visit(it.key());
  return working.conditions;
}

void collect_references(const nlohmann::json& value, References& out,
                        const std::map<std::string, bool>* conditions) {
  collect(value, out, conditions, false);
}

}  // namespace ssmlink::emulator
