// The scenario's "iam" section (documented in emulator/scenario.hpp), the access keys'
// "policies", an instance's legacy "iamInstanceProfile" {arn, role, ssmCorePolicy} and a
// region's "defaultHostManagement", loaded into a staged World. Errors are ScenarioErrors
// naming the JSON path and the value.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

void load_iam(World& staged, const nlohmann::json& iam, TimePoint now);

// An AWS managed policy's name or ARN, or a customer managed policy's ARN (or name, when
// the iam section declares it): the ARN; a ScenarioError at `path` otherwise.
std::string policy_reference(const World& staged, const nlohmann::json& value,
                             const std::string& path);

// The profile an instance names: the declared one, or (for older scenarios) a profile and
// role synthesized from {arn, role, id, ssmCorePolicy}: the role trusts ec2.amazonaws.com
// and has AmazonSSMManagedInstanceCore unless ssmCorePolicy is false.
InstanceProfile instance_profile_reference(World& staged, const nlohmann::json& value,
                                           const std::string& path, TimePoint now);

// true: DHMC's usual role (created if not declared); a string: a declared role by
// "[path/]name"; false: off. Returns the setting's value ("" when off).
std::string default_host_management_setting(World& staged, const nlohmann::json& value,
                                            const std::string& path, TimePoint now);

// The "iam" section of the state dump, which load_iam reads back.
nlohmann::ordered_json dump_iam(const World& world);

}  // namespace ssmlink::emulator
