#include "tests/support/cfn_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <stdexcept>

namespace ssmlink::testing {

namespace {

using Json = nlohmann::json;

// YAML 1.2 core schema resolution for plain (untagged, unquoted) scalars.
Json plain_scalar(const std::string& text) {
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex real(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text == "null" || text == "~" || text.empty()) return nullptr;
  if (std::regex_match(text, integer)) return std::stoll(text);
  if (std::regex_match(text, real)) return std::stod(text);
  return text;
}

Json convert(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  auto value = [&]() -> Json {
    switch (node.Type()) {
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        if (tag == "?") return plain_scalar(node.Scalar());
        return node.Scalar();  // quoted ("!") or tagged: a string
      case YAML::NodeType::Sequence: {
        Json list = Json::array();
        for (const auto& item : node)
          list.push_back(convert(item));
        return list;
      }
      case YAML::NodeType::Map: {
        Json map = Json::object();
        for (const auto& entry : node)
          map[entry.first.as<std::string>()] = convert(entry.second);
        return map;
      }
      default:
        throw std::runtime_error("undefined YAML node");
    }
  }();
  if (tag.size() > 1 && tag[0] == '!' && tag != "!" && !tag.starts_with("tag:")) {
    std::string function = tag.substr(1);
    std::string key = function == "Ref" || function == "Condition" ? function : "Fn::" + function;
    if (key == "Fn::GetAtt" && value.is_string()) {
      std::string text = value.get<std::string>();
      size_t dot = text.find('.');
      value = Json::array({text.substr(0, dot), text.substr(dot + 1)});
    }
    return Json{{key, value}};
  }
  return value;
}

}  // namespace

nlohmann::json parse_cloudformation_yaml(const std::string& text) {
  return convert(YAML::Load(text));
}

}  // namespace ssmlink::testing
