// The member accounts of the emulated organization, each an independent world generated
// from its place in the organization: in every region of Organization::member_regions a
// VPC with private subnets and two instances, some broken in known ways, so the report an
// organization-wide audit should give is known (plan_member says it, member_world builds
// it). Generation is lazy: a member's world is made when someone first assumes a role in
// it, so a thousand accounts cost nothing until they are read.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/organizations/organization.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

// Why a planned instance cannot be reached, or "" when it can.
inline constexpr const char* kNoPath = "no-path";  // no endpoints, no NAT, no internet
inline constexpr const char* kEndpointGroupClosed = "endpoint-group-closed";  // 443 not let in
inline constexpr const char* kNoInstanceProfile = "no-instance-profile";
inline constexpr const char* kNoAgent = "no-agent";

struct PlannedInstance {
  std::string id;
  std::string region;
  std::string blocker;  // one of the k* reasons above, or empty
};

struct MemberPlan {
  std::string account_id;
  size_t index = 0;                        // in Organization::accounts (members from 1)
  bool role_missing = false;               // no OrganizationAccountAccessRole: AssumeRole is denied
  double throttle_rate = 0;                // share of the account's calls throttled
  std::vector<std::string> opted_in;       // opt-in regions among member_regions it enabled
  std::vector<PlannedInstance> instances;  // in member_regions that are enabled
};

// What the member at `index` is; the same for the same organization every time.
MemberPlan plan_member(const Organization& organization, size_t index);

// The plan as a scenario (scenario.hpp's format) for load_scenario.
nlohmann::json member_scenario(const Organization& organization, const MemberPlan& plan);

// The world of member account `account_id`, made on first use; null when the account is
// not a member of `root`'s organization. Call with root.mutex held.
World* member_world(World& root, const std::string& account_id, TimePoint now);

// The role Organizations creates in each account it creates, trusting the management account.
inline constexpr const char* kOrganizationRole = "OrganizationAccountAccessRole";

}  // namespace ssmlink::emulator
