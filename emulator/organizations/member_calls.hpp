// Which account a call acts on, and what a member account answers before its handler runs:
// the caller's key belongs to an account (the account of its ARN); a member account's
// calls go to its own world, fail in an opt-in region it did not enable, and are
// sometimes throttled when the plan says so (member_accounts.hpp).
#pragma once
#include <optional>
#include <string>

#include "emulator/api.hpp"
#include "emulator/envelopes.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

// The world of the caller's account: a member's (made on first use) when the ARN names a
// member of the organization, else `root`. Call with root.mutex held.
World& caller_world(World& root, const std::string& caller_arn, TimePoint now);

// The error a member account answers instead of running the call, or none.
std::optional<ErrorReply> member_refusal(const ServiceInfo& service, World& member,
                                         const ApiRequest& request, const std::string& caller_arn);

}  // namespace ssmlink::emulator
