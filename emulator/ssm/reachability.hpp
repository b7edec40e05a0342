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
  // What stops sessions on an instance that is Online (the KMS key of the session
  // preferences the role may not decrypt with); StartSession's agent fails with it.
  std::vector<std::string> session_blockers;
};

// IAM (the instance profile's role, DHMC's role) is the world's; the network the region's.
PathVerdict judge_ssm_path(const World& world, const RegionState& region, const Instance& instance);

}  // namespace ssmlink::emulator
