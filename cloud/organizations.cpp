#include "cloud/organizations.hpp"

#include "cloud/json_reading.hpp"
#include "cloud/paging.hpp"

namespace ssmlink::cloud {

namespace {

constexpr const char* kService = "Organizations";

std::optional<std::string> next_token(const nlohmann::json& output, const std::string& operation) {
  return JsonObject::response(output, kService, operation).optional_string("NextToken");
}

nlohmann::json paged_input(nlohmann::json input, const std::optional<std::string>& token) {
  if (token) input["NextToken"] = *token;
  return input;
}

}  // namespace

OrganizationInfo parse_describe_organization(const nlohmann::json& output) {
  JsonObject organization = JsonObject::response(output, kService, "DescribeOrganization")
                                .required_object("Organization");
  return {organization.required_string("Id"), organization.required_string("Arn"),
          organization.required_string("MasterAccountId"),
          organization.optional_string("FeatureSet").value_or("")};
}

std::vector<OrganizationRoot> parse_roots(const nlohmann::json& output) {
  std::vector<OrganizationRoot> roots;
  for (const JsonObject& root :
       JsonObject::response(output, kService, "ListRoots").object_list("Roots")) {
    roots.push_back({root.required_string("Id"), root.required_string("Arn"),
                     root.optional_string("Name").value_or("")});
  }
  return roots;
}

std::vector<OrganizationalUnit> parse_units(const nlohmann::json& output,
                                            const std::string& operation) {
  std::vector<OrganizationalUnit> units;
  for (const JsonObject& unit :
       JsonObject::response(output, kService, operation).object_list("OrganizationalUnits")) {
    units.push_back({unit.required_string("Id"), unit.required_string("Arn"),
                     unit.optional_string("Name").value_or("")});
  }
  return units;
}

std::vector<OrganizationAccount> parse_accounts(const nlohmann::json& output,
                                                const std::string& operation) {
  std::vector<OrganizationAccount> accounts;
  for (const JsonObject& account :
       JsonObject::response(output, kService, operation).object_list("Accounts")) {
    accounts.push_back({account.required_string("Id"), account.required_string("Arn"),
                        account.optional_string("Name").value_or(""),
                        account.optional_string("Email").value_or(""),
                        account.optional_string("Status").value_or(""),
                        account.optional_string("JoinedMethod").value_or(""),
                        account.optional_time("JoinedTimestamp")});
  }
  return accounts;
}

OrganizationInfo Organizations::describe_organization() {
  return parse_describe_organization(call_("DescribeOrganization", nlohmann::json::object()));
}

std::vector<OrganizationRoot> Organizations::list_roots() {
  return collect_pages<OrganizationRoot>(
      "Organizations ListRoots", [&](const std::optional<std::string>& token) {
        nlohmann::json output = call_("ListRoots", paged_input(nlohmann::json::object(), token));
        return Page{parse_roots(output), next_token(output, "ListRoots")};
      });
}

std::vector<OrganizationalUnit> Organizations::list_organizational_units_for_parent(
    const std::string& parent) {
  const std::string operation = "ListOrganizationalUnitsForParent";
  return collect_pages<OrganizationalUnit>(
      "Organizations " + operation, [&](const std::optional<std::string>& token) {
        nlohmann::json output = call_(operation, paged_input({{"ParentId", parent}}, token));
        return Page{parse_units(output, operation), next_token(output, operation)};
      });
}

std::vector<OrganizationAccount> Organizations::list_accounts_for_parent(
    const std::string& parent) {
  const std::string operation = "ListAccountsForParent";
  return collect_pages<OrganizationAccount>(
      "Organizations " + operation, [&](const std::optional<std::string>& token) {
        nlohmann::json output = call_(operation, paged_input({{"ParentId", parent}}, token));
        return Page{parse_accounts(output, operation), next_token(output, operation)};
      });
}

void Organizations::visit_accounts(const std::function<bool(const OrganizationAccount&)>& visit) {
  visit_pages<OrganizationAccount>(
      "Organizations ListAccounts",
      [&](const std::optional<std::string>& token) {
        nlohmann::json output = call_("ListAccounts", paged_input(nlohmann::json::object(), token));
        return Page{parse_accounts(output, "ListAccounts"), next_token(output, "ListAccounts")};
      },
      visit);
}

}  // namespace ssmlink::cloud
