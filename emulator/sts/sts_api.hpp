// STS as ssmlink and the AWS CLI use it: GetCallerIdentity, AssumeRole (temporary ASIA...
// keys with a session token and an expiry, added to World::access_keys so that the server
// accepts them until they expire) and AssumeRoleWithWebIdentity (the one action AWS serves
// unsigned). Query protocol XML per reference/aws-models/sts/2011-06-15.
#pragma once
#include <string_view>

#include "emulator/api.hpp"

namespace ssmlink::emulator {

void add_sts_api(ApiTable& table);

// The key every emulator accepts unless its scenario names others: test/test, an IAM user
// of the world's account.
inline constexpr std::string_view default_access_key_id = "test";
inline constexpr std::string_view default_secret_access_key = "test";

// Adds the default key when the world has no key at all (a fresh World, or a scenario
// without keys). Call with the world locked.
void ensure_default_access_key(World& world);

}  // namespace ssmlink::emulator
