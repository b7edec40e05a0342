// The seed scenario's IDs under the names the emulator's tests use.
#pragma once
#include "tests/support/seed_ids.hpp"

namespace ssmlink::emulator::testing {

inline constexpr const char* kRegion = "us-east-1";
inline constexpr const char* kVpc = ssmlink::testing::seed::kVpc;
inline constexpr const char* kSubnetA = ssmlink::testing::seed::kSubnet;
inline constexpr const char* kSubnetB = "subnet-0fedcba9876543210";
inline constexpr const char* kInstance = ssmlink::testing::seed::kInstance;
inline constexpr const char* kInstanceGroup = ssmlink::testing::seed::kInstanceSg;
inline constexpr const char* kInstanceSg = kInstanceGroup;

}  // namespace ssmlink::emulator::testing
