// Test helper: reads CloudFormation YAML (short-form tags included) with yaml-cpp and
// turns it into the long-form JSON document, so YAML and JSON output can be compared.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace ssmlink::testing {

nlohmann::json parse_cloudformation_yaml(const std::string& text);

}  // namespace ssmlink::testing
