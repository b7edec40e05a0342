#include "emulator/cloudformation/cfn_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

namespace ssmlink::emulator {

namespace {

using Json = nlohmann::json;

// Thrown inside the conversion for a node CloudFormation would not accept.
struct NotWellFormed {
  YAML::Mark mark;
};

std::string not_well_formed(const YAML::Mark& mark) {
  // AWS counts from 1: "Template format error: YAML not well-formed. (line 26, column 17)"
  // (seen in `aws cloudformation validate-template` output quoted in many public repos).
  if (mark.is_null()) return "Template format error: YAML not well-formed.";
  return "Template format error: YAML not well-formed. (line " + std::to_string(mark.line + 1) +
         ", column " + std::to_string(mark.column + 1) + ")";
}

// The short forms CloudFormation defines ("Intrinsic function reference", YAML short
// syntax). Ref and Condition keep their names; the others get the Fn:: prefix.
const std::set<std::string>& short_forms() {
  static const std::set<std::string> names = {
      "Ref",         "Condition", "Base64", "Cidr",  "FindInMap", "GetAtt",      "GetAZs",
      "ImportValue", "Join",      "Select", "Split", "Sub",       "Transform",   "And",
      "Equals",      "If",        "Not",    "Or",    "Length",    "ToJsonString"};
  return names;
}

// YAML 1.2 core schema resolution of a plain (unquoted, untagged) scalar.
Json plain_scalar(const std::string& text) {
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex real(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text == "null" || text == "Null" || text == "NULL" || text == "~" || text.empty()) {
    return nullptr;
  }
  if (std::regex_match(text, integer)) {
    try {
      return std::stoll(text);
    } catch (const std::out_of_range&) {
      return text;  // too big for a 64-bit integer: keep the digits
    }
  }
  if (std::regex_match(text, real)) return std::stod(text);
  return text;
}

Json convert(const YAML::Node& node);

Json convert_untagged(const YAML::Node& node, bool plain) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      return plain ? plain_scalar(node.Scalar()) : Json(node.Scalar());
    case YAML::NodeType::Sequence: {
      Json list = Json::array();
      for (const auto& item : node)
        list.push_back(convert(item));
      return list;
    }
    case YAML::NodeType::Map: {
      Json map = Json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) throw NotWellFormed{entry.first.Mark()};
        map[entry.first.Scalar()] = convert(entry.second);
      }
      return map;
    }
    default:
      throw NotWellFormed{node.Mark()};
  }
}

Json convert(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (tag.empty() || tag == "?") return convert_untagged(node, true);
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return convert_untagged(node, false);
  if (tag.starts_with("tag:yaml.org,2002:")) return convert_untagged(node, true);
  std::string function = tag.substr(1);
  if (tag[0] != '!' || !short_forms().contains(function)) throw NotWellFormed{node.Mark()};
  // The argument of a short form: a scalar argument is a string (!Ref 443 names "443").
  Json argument = node.IsScalar() ? Json(node.Scalar()) : convert_untagged(node, true);
  if (function == "GetAtt" && argument.is_string()) {
    // !GetAtt Resource.Attribute: the logical ID ends at the first dot (attributes such as
    // Outputs.Name contain dots themselves).
    std::string text = argument.get<std::string>();
    size_t dot = text.find('.');
    if (dot != std::string::npos) {
      argument = Json::array({text.substr(0, dot), text.substr(dot + 1)});
    }
  }
  std::string key = function == "Ref" || function == "Condition" ? function : "Fn::" + function;
  return Json{{key, argument}};
}

}  // namespace

std::expected<nlohmann::json, std::string> cloudformation_yaml_to_json(const std::string& text) {
  try {
    return convert(YAML::Load(text));
  } catch (const YAML::Exception& error) {
    return std::unexpected(not_well_formed(error.mark));
  } catch (const NotWellFormed& error) {
    return std::unexpected(not_well_formed(error.mark));
  }
}

}  // namespace ssmlink::emulator
