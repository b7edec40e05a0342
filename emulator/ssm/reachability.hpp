// The judge: can this instance's SSM Agent reach Systems Manager right now? The same
// conditions AWS's own troubleshooting runbooks check: agent, instance profile, a network
// path (endpoints with private DNS in a VPC with both DNS attributes, or the internet
// through a NAT gateway or an internet gateway with a public IP), security groups both
// ways on 443, and the network ACLs of both subnets (443 out, ephemeral ports back).
#pragma once
#include <string>
#include <vector>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

struct PathVerdict {
  bool reachable = false;
  std::vector<std::string> blockers;  // what stops it, for the state dump and the tests
};

PathVerdict judge_ssm_path(const RegionState& region, const Instance& instance);

}  // namespace ssmlink::emulator
