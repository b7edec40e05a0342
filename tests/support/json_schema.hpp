// Test helper: validates a value against the subset of JSON Schema that the
// CloudFormation registry schemas use (type, properties, additionalProperties,
// required, items, $ref, enum, anyOf, min/max length and items, uniqueItems).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ssmlink::testing {

// Every violation, as "path: what is wrong"; empty when the value conforms.
std::vector<std::string> validate_against_schema(const nlohmann::json& value,
                                                 const nlohmann::json& schema);

}  // namespace ssmlink::testing
