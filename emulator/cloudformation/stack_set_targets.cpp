#include "emulator/cloudformation/stack_set_targets.hpp"

#include <algorithm>
#include <regex>

#include "emulator/api.hpp"
#include "emulator/cloudformation/stack_set_wire.hpp"

namespace ssmlink::emulator {

namespace {

void check_account_ids(const std::vector<std::string>& accounts) {
  static const std::regex account_id("[0-9]{12}");
  for (const auto& account : accounts) {
    if (!std::regex_match(account, account_id)) {
      throw stack_set_validation_error(
          "1 validation error detected: Value '[" + account +
          "]' at 'accounts' failed to satisfy constraint: Member must satisfy "
          "constraint: [Member must satisfy regular expression pattern: "
          "^[0-9]{12}$]");
    }
  }
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<TargetAccount> self_managed_targets(const DeploymentTargets& targets,
                                                const std::vector<std::string>& accounts) {
  if (!targets.organizational_unit_ids.empty()) {
    throw stack_set_validation_error(
        "StackSets with SELF_MANAGED permission model can only have accounts as target");
  }
  std::vector<std::string> given = accounts.empty() ? targets.accounts : accounts;
  if (given.empty())
    throw stack_set_validation_error("Accounts or DeploymentTargets must be specified");
  check_account_ids(given);
  std::vector<TargetAccount> out;
  for (const auto& account : given) {
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const auto& t) { return t.account == account; });
    if (!seen) out.push_back({account, ""});
  }
  return out;
}

}  // namespace

std::vector<TargetAccount> resolve_target_accounts(const World& management,
                                                   const StackSet& stack_set,
                                                   const DeploymentTargets& targets,
                                                   const std::vector<std::string>& accounts) {
  if (!stack_set.service_managed) return self_managed_targets(targets, accounts);
  if (!accounts.empty()) {
    throw stack_set_validation_error(
        "StackSets with SERVICE_MANAGED permission model can only have OrganizationalUnit as "
        "target");
  }
  if (targets.organizational_unit_ids.empty()) {
    throw stack_set_validation_error(
        "OrganizationalUnitIds are required in DeploymentTargets for "
        "SERVICE_MANAGED stack sets");
  }
  if (!management.organization) {
    throw stack_set_validation_error(
        "You must enable organizations access to operate a service managed "
        "stack set");
  }
  const Organization& organization = *management.organization;
  for (const auto& unit : targets.organizational_unit_ids) {
    if (unit != organization.root_id && !organization.find_unit(unit)) {
      throw stack_set_validation_error("OrganizationalUnitIds [" + unit +
                                       "] do not exist in the organization");
    }
  }
  check_account_ids(targets.accounts);
  std::string filter = targets.account_filter_type.empty() ? "NONE" : targets.account_filter_type;
  if (filter != "NONE" && filter != "INTERSECTION" && filter != "DIFFERENCE" && filter != "UNION") {
    throw stack_set_enum_error(filter, "deploymentTargets.accountFilterType",
                               "NONE, UNION, INTERSECTION, DIFFERENCE");
  }
  if (filter != "NONE" && targets.accounts.empty()) {
    throw stack_set_validation_error("Accounts must be specified with AccountFilterType " + filter);
  }
  std::vector<TargetAccount> out;
  for (const auto& account : organization.accounts) {
    if (account.id == organization.management_account_id) continue;
    // Units are not nested in the emulated organization: the root holds every account.
    std::string unit;
    for (const auto& given : targets.organizational_unit_ids) {
      if (unit.empty() && (given == organization.root_id || given == account.parent_id))
        unit = given;
    }
    bool in_units = !unit.empty();
    bool in_list = listed(targets.accounts, account.id);
    bool wanted = filter == "NONE"           ? in_units
                  : filter == "INTERSECTION" ? in_units && in_list
                  : filter == "DIFFERENCE"   ? in_units && !in_list
                                             : in_units || in_list;
    if (wanted) out.push_back({account.id, unit.empty() ? account.parent_id : unit});
  }
  return out;
}

}  // namespace ssmlink::emulator
