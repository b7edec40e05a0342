#include "emulator/organizations/organization.hpp"

#include <set>

namespace ssmlink::emulator {

namespace {

std::string random_text(std::mt19937_64& random, int length, std::string_view alphabet) {
  std::string text;
  for (int i = 0; i < length; ++i)
    text += alphabet[random() % alphabet.size()];
  return text;
}

constexpr std::string_view kLowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

std::string numbered(const char* prefix, int number) {
  std::string digits = std::to_string(number);
  return prefix + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

}  // namespace

const OrganizationalUnit* Organization::find_unit(const std::string& unit_id) const {
  for (const auto& unit : units) {
    if (unit.id == unit_id) return &unit;
  }
  return nullptr;
}

std::optional<size_t> Organization::index_of(const std::string& account_id) const {
  auto found = account_index.find(account_id);
  if (found == account_index.end()) return std::nullopt;
  return found->second;
}

Organization generate_organization(const std::string& management_account_id, int members,
                                   const std::vector<std::string>& unit_names,
                                   std::mt19937_64& random, TimePoint now) {
  Organization organization;
  organization.id = "o-" + random_text(random, 10, kLowerAlphanumeric);
  std::string root_part = random_text(random, 4, kLowerAlphanumeric);
  organization.root_id = "r-" + root_part;
  organization.management_account_id = management_account_id;
  for (const auto& name : unit_names) {
    organization.units.push_back(
        {"ou-" + root_part + "-" + random_text(random, 8, kLowerAlphanumeric), name,
         organization.root_id});
  }
  organization.accounts.push_back({management_account_id, "management", "management@example.com",
                                   "ACTIVE", "INVITED", now, organization.root_id});
  std::set<std::string> used{management_account_id};
  for (int i = 1; i <= members; ++i) {
    std::string id;
    do {
      id = random_text(random, 12, "0123456789");
    } while (id.front() == '0' || !used.insert(id).second);
    std::string name = numbered("member-", i);
    std::string parent = organization.units.empty()
                             ? organization.root_id
                             : organization.units[(i - 1) % organization.units.size()].id;
    organization.accounts.push_back(
        {id, name, name + "@example.com", "ACTIVE", "CREATED", now, parent});
  }
  for (size_t i = 0; i < organization.accounts.size(); ++i)
    organization.account_index[organization.accounts[i].id] = i;
  return organization;
}

}  // namespace ssmlink::emulator
