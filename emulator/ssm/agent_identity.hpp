// Whose credentials the SSM Agent on an instance has, and whether IAM lets them do what the
// agent must do to come Online: the instance profile's role, or else the Default Host
// Management Configuration role (agent >= 3.2.582.0, IMDSv2), judged by the emulator's own
// IAM evaluation (iam/policy_eval.hpp).
//
// The agent's calls are evaluated on the instance's ARN (arn:aws:ec2:REGION:ACCOUNT:
// instance/ID): ssm:UpdateInstanceInformation and the ssmmessages channel calls are
// authorized on the managed instance, so a policy scoped to instance ARNs works as it does
// in AWS, and Resource "*" matches either way. KMS (session preferences) is evaluated on
// the key's ARN: see session_problem.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

struct AgentIdentity {
  std::string role_name;                 // the role whose credentials work; empty when none does
  bool default_host_management = false;  // the role is DHMC's, not the profile's
  std::optional<std::string> problem;    // why no identity works (a path blocker)
};

AgentIdentity agent_identity(const World& world, const RegionState& region,
                             const Instance& instance);

// What the agent calls to come Online and serve sessions; ec2messages only for agents
// older than kAgentWithoutEc2Messages.
std::vector<std::string> agent_actions(const Instance& instance);

std::string instance_arn(const World& world, const RegionState& region, const Instance& instance);

// The ARN the agent's kms:Decrypt is evaluated on for the session preferences' key: a key
// ID becomes arn:aws:kms:REGION:ACCOUNT:key/ID, an ARN stays as it is, and an alias
// ("alias/x") becomes the alias ARN arn:aws:kms:REGION:ACCOUNT:alias/x (the emulator has no
// key store to resolve it to a key; policies naming Resource "*" or the alias ARN match).
std::string kms_key_arn(const World& world, const RegionState& region, const std::string& key);

// Why sessions cannot start on the instance although it is Online: the session
// preferences name a KMS key and the agent's role is not allowed kms:Decrypt on it.
std::optional<std::string> session_problem(const World& world, const RegionState& region,
                                           const Instance& instance);

}  // namespace ssmlink::emulator
