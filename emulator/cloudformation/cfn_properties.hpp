// The Properties each supported resource type accepts, checked as CloudFormation's
// resource registry checks them (JSON schema: unknown keys, required keys, types), and
// turned into the EC2 requests the provisioner makes.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/cloudformation/cfn_resources.hpp"

namespace ssmlink::emulator {

// Schema violations in the registry's wording ("#: extraneous key [Foo] is not permitted",
// "#: required key [GroupDescription] not found", "#/SubnetIds: expected type: JSONArray,
// found: String"). Values that are still intrinsic functions are not checked.
std::vector<std::string> property_violations(const std::string& type,
                                             const nlohmann::json& properties);

// The stack event reason for violations: "Properties validation failed for resource X with
// message: [#: extraneous key [Foo] is not permitted]".
std::string properties_validation_message(const std::string& logical_id,
                                          const std::vector<std::string>& violations);

// The EC2 requests for resolved properties; an error names a value EC2 cannot take.
std::expected<SecurityGroupSpec, std::string> security_group_spec(const nlohmann::json& properties);
std::expected<SecurityGroupRuleSpec, std::string> security_group_rule_spec(
    const nlohmann::json& properties, bool egress);
std::expected<VpcEndpointSpec, std::string> vpc_endpoint_spec(const nlohmann::json& properties);

// The resource's own Tags property, as key/value pairs.
Tags resource_tags(const nlohmann::json& properties);

}  // namespace ssmlink::emulator
