// CloudFormation templates written in YAML, read the way CloudFormation reads them: the
// short-form tags (!Ref, !Sub, !GetAtt X.Y, ...) become their long JSON forms ({"Ref": ...},
// {"Fn::Sub": ...}), plain scalars resolve by the YAML 1.2 core schema (443 is a number,
// "443" a string, true a boolean) and quoted scalars stay strings.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <string>

namespace ssmlink::emulator {

// The template as JSON, or CloudFormation's ValidationError message for a body that is not
// well-formed YAML ("Template format error: YAML not well-formed. (line 3, column 5)").
std::expected<nlohmann::json, std::string> cloudformation_yaml_to_json(const std::string& text);

}  // namespace ssmlink::emulator
