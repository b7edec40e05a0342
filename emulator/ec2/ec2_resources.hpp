// The EC2 changes CloudFormation makes, with EC2's own validation and error messages.
// Failures carry AWS's code and message exactly (the engine wraps them into resource
// events). Callers hold the World's mutex.
#pragma once
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

struct Ec2Failure {
  std::string code;     // InvalidParameter, InvalidSubnetID.NotFound, DependencyViolation, ...
  std::string message;  // AWS's wording
  int status = 400;
};

template <typename T>
using Ec2Result = std::expected<T, Ec2Failure>;

struct SecurityGroupSpec {
  std::string description;
  std::string vpc_id;
  std::string name;  // generated as CloudFormation does when empty
  std::vector<SecurityGroupRule> ingress;
  std::optional<std::vector<SecurityGroupRule>> egress;  // none: EC2's allow-all default
  Tags tags;
};

struct VpcEndpointSpec {
  std::string vpc_id;
  std::string service_name;
  std::string type = "Gateway";  // CloudFormation's default when VpcEndpointType is absent
  std::vector<std::string> subnet_ids;
  std::vector<std::string> security_group_ids;  // none: the VPC's default group
  std::vector<std::string> route_table_ids;
  std::optional<bool> private_dns_enabled;
  std::string policy_document;
  Tags tags;
};

Ec2Result<std::string> create_security_group(World& world, RegionState& region,
                                             const SecurityGroupSpec& spec);
Ec2Result<std::string> add_security_group_rule(World& world, RegionState& region,
                                               const std::string& group_id, bool egress,
                                               SecurityGroupRule rule);
Ec2Result<void> remove_security_group_rule(RegionState& region, const std::string& group_id,
                                           const std::string& rule_id);
Ec2Result<void> delete_security_group(RegionState& region, const std::string& group_id);

// Created in state "pending"; set_vpc_endpoint_state makes it "available" when the
// engine finishes provisioning it.
Ec2Result<std::string> create_vpc_endpoint(World& world, RegionState& region,
                                           const VpcEndpointSpec& spec, TimePoint now);
void set_vpc_endpoint_state(RegionState& region, const std::string& endpoint_id,
                            const std::string& state);
Ec2Result<void> delete_vpc_endpoint(RegionState& region, const std::string& endpoint_id);

}  // namespace ssmlink::emulator
