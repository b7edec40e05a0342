// EC2 DescribeRegions: the partition's regions with each one's opt-in status for the
// calling account (a member of the organization may not have enabled every opt-in region).
#pragma once
#include "emulator/api.hpp"

namespace ssmlink::emulator {

ApiResponse describe_regions(World& world, const ApiRequest& request);

}  // namespace ssmlink::emulator
