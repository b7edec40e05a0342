// AWS Organizations as the emulator models it: one organization whose management account
// is the emulated account, a root, organizational units under it, and member accounts
// generated from the seed (scenario "organization", or --accounts N). Each member account
// gets a world of its own when first reached (member_accounts.hpp).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "emulator/model.hpp"

namespace ssmlink::emulator {

struct OrganizationalUnit {
  std::string id;  // ou-<root part>-<8 lowercase letters or digits>
  std::string name;
  std::string parent_id;  // the root's ID (units are not nested here)
};

struct OrganizationAccount {
  std::string id;  // 12 digits
  std::string name;
  std::string email;
  std::string status = "ACTIVE";
  std::string joined_method = "CREATED";  // INVITED for the management account
  TimePoint joined;
  std::string parent_id;  // the root or a unit
};

struct Organization {
  std::string id;       // o-<10 lowercase letters or digits>
  std::string root_id;  // r-<4 lowercase letters or digits>
  std::string management_account_id;
  std::vector<OrganizationalUnit> units;
  std::vector<OrganizationAccount> accounts;    // the management account first
  std::map<std::string, size_t> account_index;  // account ID -> its place in `accounts`
  // Where member accounts have networks and instances; other regions are empty.
  std::vector<std::string> member_regions = {"us-east-1", "eu-west-1", "ap-southeast-2",
                                             "af-south-1"};

  const OrganizationalUnit* find_unit(const std::string& id) const;
  // The account's place in `accounts` (0: the management account), or none.
  std::optional<size_t> index_of(const std::string& account_id) const;
  const OrganizationAccount* management_account() const { return &accounts.front(); }
};

// Member accounts spread over the units in turn (or all under the root when there are
// none); IDs, unit IDs and the organization's ID from `random`, so a seed gives the same
// organization each time. `members` at most 100,000.
Organization generate_organization(const std::string& management_account_id, int members,
                                   const std::vector<std::string>& unit_names,
                                   std::mt19937_64& random, TimePoint now);

// The unit names --accounts uses when the scenario names none.
inline const std::vector<std::string> kDefaultUnitNames = {"Production", "Development", "Sandbox"};
inline constexpr int kMaxMemberAccounts = 100000;

}  // namespace ssmlink::emulator
