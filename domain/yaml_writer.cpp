#include "domain/yaml_writer.hpp"

#include <array>
#include <cstdio>
#include <regex>

#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

using Json = nlohmann::ordered_json;

// CloudFormation's intrinsic functions that have a YAML short form.
constexpr std::array<std::string_view, 17> kShortForms = {
    "Ref",           "Condition",  "Fn::And",    "Fn::Base64", "Fn::Cidr",        "Fn::Equals",
    "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::If",     "Fn::ImportValue", "Fn::Join",
    "Fn::Not",       "Fn::Or",     "Fn::Select", "Fn::Split",  "Fn::Sub"};

// The short-form tag of a one-key object such as {"Ref": "X"}, or "" if it is not one.
std::string short_form_tag(const Json& value) {
  if (!value.is_object() || value.size() != 1) return "";
  const std::string& key = value.begin().key();
  for (std::string_view name : kShortForms) {
    if (key == name) return "!" + std::string(key.starts_with("Fn::") ? key.substr(4) : key);
  }
  return "";
}

// Non-printable characters, per YAML 1.2's c-printable, plus the characters YAML
// treats as line breaks (NEL, LS, PS) and the byte-order mark.
std::string escape_code_point(uint32_t code) {
  char buffer[12];
  if (code <= 0xFF) {
    std::snprintf(buffer, sizeof buffer, "\\x%02X", code);
  } else {
    std::snprintf(buffer, sizeof buffer, "\\u%04X", code);
  }
  return buffer;
}

bool needs_escape(uint32_t code) {
  if (code == 0x09) return false;
  if (code < 0x20 || code == 0x7F) return true;
  if (code >= 0x80 && code <= 0x9F) return true;  // C1 controls, NEL among them
  return code == 0x2028 || code == 0x2029 || code == 0xFEFF;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (i + length > text.size()) length = 1;
    uint32_t code = c;
    if (length > 1) {
      code = c & (0xFF >> (length + 1));
      for (size_t k = 1; k < length; ++k)
        code = (code << 6) | (text[i + k] & 0x3F);
    }
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (needs_escape(code)) {
      out += escape_code_point(code);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out + "\"";
}

std::string scalar(const Json& value) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return is_plain_yaml_safe(text) ? text : double_quoted(text);
  }
  if (value.is_null()) return "null";
  return value.dump();  // numbers and booleans read back the same in YAML
}

bool is_collection(const Json& value) {
  return (value.is_object() || value.is_array()) && !value.empty() && short_form_tag(value).empty();
}

class Writer {
 public:
  std::string take() { return std::move(out_); }

  // A mapping at `indent`, its first line already positioned by the caller when
  // `inline_first` (as after "- ").
  void mapping(const Json& map, int indent, bool inline_first) {
    bool first = true;
    for (const auto& [key, value] : map.items()) {
      if (!(first && inline_first)) out_ += std::string(indent, ' ');
      first = false;
      out_ += scalar(Json(key)) + ":";
      value_after_key(value, indent);
    }
  }

  void sequence(const Json& list, int indent) {
    for (const auto& item : list) {
      out_ += std::string(indent, ' ') + "-";
      if (item.is_object() && is_collection(item)) {
        out_ += " ";
        mapping(item, indent + 2, true);
      } else if (item.is_array() && is_collection(item)) {
        out_ += "\n";
        sequence(item, indent + 2);
      } else {
        inline_value(item, indent + 2);
      }
    }
  }

 private:
  void value_after_key(const Json& value, int indent) {
    if (is_collection(value)) {
      out_ += "\n";
      if (value.is_object()) {
        mapping(value, indent + 2, false);
      } else {
        sequence(value, indent + 2);
      }
    } else {
      inline_value(value, indent + 2);
    }
  }

  // A value that starts on the current line: a scalar, an empty collection, or a
  // short-form function (whose list or map argument continues below it).
  void inline_value(const Json& value, int indent) {
    std::string tag = short_form_tag(value);
    if (tag.empty()) {
      if (value.is_object() && value.empty()) {
        out_ += " {}\n";
      } else if (value.is_array() && value.empty()) {
        out_ += " []\n";
      } else {
        out_ += " " + scalar(value) + "\n";
      }
      return;
    }
    const Json& argument = value.begin().value();
    if (tag == "!GetAtt" && argument.is_array() && argument.size() == 2 &&
        argument[0].is_string() && argument[1].is_string()) {
      out_ += " !GetAtt " +
              scalar(Json(argument[0].get<std::string>() + "." + argument[1].get<std::string>())) +
              "\n";
      return;
    }
    out_ += " " + tag;
    if (is_collection(argument)) {
      out_ += "\n";
      if (argument.is_object()) {
        mapping(argument, indent, false);
      } else {
        sequence(argument, indent);
      }
    } else {
      inline_value(argument, indent);
    }
  }

  std::string out_;
};

}  // namespace

bool is_plain_yaml_safe(std::string_view text) {
  if (text.empty() || text.size() > 200) return false;
  // Conservative: characters with no YAML meaning, not starting with an indicator.
  static const std::regex allowed(R"([A-Za-z0-9_/$][A-Za-z0-9 _./:${}()@,=+-]*)");
  if (!std::regex_match(std::string(text), allowed)) return false;
  if (text.back() == ' ' || text.back() == ':' || text.find(": ") != std::string_view::npos) {
    return false;
  }
  // Strings a YAML 1.1 or 1.2 resolver would turn into booleans, nulls, numbers or dates.
  static const std::regex special(
      R"((y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|)"
      R"(null|Null|NULL|~)|[-+]?[0-9][0-9_,:.]*([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+([eE][-+]?[0-9]+)?|)"
      R"([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|)"
      R"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)");
  return !std::regex_match(std::string(text), special);
}

std::string to_cloudformation_yaml(const nlohmann::ordered_json& document) {
  Writer writer;
  writer.mapping(document, 0, false);
  return writer.take();
}

}  // namespace ssmlink::domain
