// The IDs of the seed scenario (emulator/scenarios/seed.json) that tests and the soak
// harness use.
#pragma once

namespace ssmlink::testing::seed {

inline constexpr const char* kInstance = "i-0a1b2c3d4e5f67890";
inline constexpr const char* kVpc = "vpc-0f00d1e2c3b4a5968";
inline constexpr const char* kSubnet = "subnet-0123456789abcdef0";
inline constexpr const char* kInstanceSg = "sg-0aa11bb22cc33dd44";

}  // namespace ssmlink::testing::seed
