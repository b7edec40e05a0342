// Writes a CloudFormation document as YAML: block style, keys in document order,
// intrinsic functions in their short form (!Ref, !Sub, !GetAtt X.Y, ...), and every
// string that YAML could read as something else double-quoted.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ssmlink::domain {

std::string to_cloudformation_yaml(const nlohmann::ordered_json& document);

// True when text can be written as a plain (unquoted) YAML scalar and read back as the
// same string by YAML 1.1 and 1.2 parsers.
bool is_plain_yaml_safe(std::string_view text);

}  // namespace ssmlink::domain
