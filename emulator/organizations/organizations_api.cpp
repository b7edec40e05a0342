#include "emulator/organizations/organizations_api.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <regex>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;

ApiResponse reply(const json& body) {
  return {200, "application/x-amz-json-1.1", body.dump()};
}

const Organization& organization_of(const World& world) {
  if (!world.organization) {
    throw ApiError(400, "AWSOrganizationsNotInUseException",
                   "Your account is not a member of an organization.");
  }
  return *world.organization;
}

std::string arn(const Organization& organization, const std::string& kind,
                const std::string& tail) {
  return "arn:aws:organizations::" + organization.management_account_id + ":" + kind + "/" +
         organization.id + tail;
}

double seconds(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

json account_json(const Organization& organization, const OrganizationAccount& account) {
  return {{"Id", account.id},
          {"Arn", arn(organization, "account", "/" + account.id)},
          {"Email", account.email},
          {"Name", account.name},
          {"Status", account.status},
          {"JoinedMethod", account.joined_method},
          {"JoinedTimestamp", seconds(account.joined)}};
}

json unit_json(const Organization& organization, const OrganizationalUnit& unit) {
  return {{"Id", unit.id}, {"Arn", arn(organization, "ou", "/" + unit.id)}, {"Name", unit.name}};
}

json root_json(const Organization& organization) {
  return {{"Id", organization.root_id},
          {"Arn", arn(organization, "root", "/" + organization.root_id)},
          {"Name", "Root"},
          {"PolicyTypes", json::array()}};
}

std::optional<std::string> string_member(const json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_string()) {
    throw ApiError(400, "SerializationException",
                   std::string("Start of structure or map found where not expected for ") + name);
  }
  return body[name].get<std::string>();
}

// A page of `items`: MaxResults 1-20 (the model's bounds; 20 when absent) from the offset
// NextToken carries. The token is opaque to clients; here it is the offset, checked.
struct Page {
  size_t begin = 0;
  size_t end = 0;
  std::optional<std::string> next_token;
};

Page page_of(const json& body, size_t size) {
  size_t limit = 20;
  if (body.is_object() && body.contains("MaxResults") && !body["MaxResults"].is_null()) {
    const json& value = body["MaxResults"];
    if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 20) {
      throw ApiError(400, "InvalidInputException",
                     "You provided a value that does not match the required pattern. MaxResults "
                     "must be from 1 to 20.");
    }
    limit = value.get<size_t>();
  }
  size_t begin = 0;
  if (auto token = string_member(body, "NextToken")) {
    const std::string prefix = "emulator-page-";
    size_t offset = 0;
    bool ok = token->starts_with(prefix);
    if (ok) {
      const char* first = token->data() + prefix.size();
      const char* last = token->data() + token->size();
      auto [end, error] = std::from_chars(first, last, offset);
      ok = error == std::errc() && end == last && offset > 0 && offset < size;
    }
    if (!ok) {
      throw ApiError(400, "InvalidInputException", "The pagination token is invalid.");
    }
    begin = offset;
  }
  Page page{begin, std::min(size, begin + limit), std::nullopt};
  if (page.end < size) page.next_token = "emulator-page-" + std::to_string(page.end);
  return page;
}

// ParentId: a root (r-...) or a unit (ou-...-...) that exists.
std::string parent_of(const Organization& organization, const json& body) {
  auto parent = string_member(body, "ParentId");
  if (!parent) {
    throw ApiError(400, "InvalidInputException",
                   "You provided an invalid value for a required parameter: ParentId.");
  }
  static const std::regex pattern("^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$");
  if (!std::regex_match(*parent, pattern)) {
    throw ApiError(400, "InvalidInputException",
                   "You specified an invalid value for ParentId: " + *parent + ".");
  }
  if (*parent != organization.root_id && !organization.find_unit(*parent)) {
    throw ApiError(400, "ParentNotFoundException",
                   "We can't find a root or OU with the ParentId that you specified.");
  }
  return *parent;
}

template <typename Item, typename ToJson>
json paged(const json& body, const std::vector<const Item*>& items, const char* member,
           ToJson to_json) {
  Page page = page_of(body, items.size());
  json result = {{member, json::array()}};
  for (size_t i = page.begin; i < page.end; ++i)
    result[member].push_back(to_json(*items[i]));
  if (page.next_token) result["NextToken"] = *page.next_token;
  return result;
}

ApiResponse describe_organization(World& world, const ApiRequest&) {
  const Organization& organization = organization_of(world);
  const OrganizationAccount& management = *organization.management_account();
  return reply({{"Organization",
                 {{"Id", organization.id},
                  {"Arn", arn(organization, "organization", "")},
                  {"FeatureSet", "ALL"},
                  {"MasterAccountArn", arn(organization, "account", "/" + management.id)},
                  {"MasterAccountId", management.id},
                  {"MasterAccountEmail", management.email},
                  {"AvailablePolicyTypes", json::array()}}}});
}

ApiResponse list_roots(World& world, const ApiRequest& request) {
  const Organization& organization = organization_of(world);
  std::vector<const Organization*> roots{&organization};
  return reply(
      paged(request.body, roots, "Roots", [](const Organization& o) { return root_json(o); }));
}

ApiResponse list_accounts(World& world, const ApiRequest& request) {
  const Organization& organization = organization_of(world);
  std::vector<const OrganizationAccount*> accounts;
  for (const auto& account : organization.accounts)
    accounts.push_back(&account);
  return reply(paged(request.body, accounts, "Accounts",
                     [&](const OrganizationAccount& a) { return account_json(organization, a); }));
}

ApiResponse list_accounts_for_parent(World& world, const ApiRequest& request) {
  const Organization& organization = organization_of(world);
  std::string parent = parent_of(organization, request.body);
  std::vector<const OrganizationAccount*> accounts;
  for (const auto& account : organization.accounts) {
    if (account.parent_id == parent) accounts.push_back(&account);
  }
  return reply(paged(request.body, accounts, "Accounts",
                     [&](const OrganizationAccount& a) { return account_json(organization, a); }));
}

ApiResponse list_units_for_parent(World& world, const ApiRequest& request) {
  const Organization& organization = organization_of(world);
  std::string parent = parent_of(organization, request.body);
  std::vector<const OrganizationalUnit*> units;
  for (const auto& unit : organization.units) {
    if (unit.parent_id == parent) units.push_back(&unit);
  }
  return reply(paged(request.body, units, "OrganizationalUnits",
                     [&](const OrganizationalUnit& u) { return unit_json(organization, u); }));
}

}  // namespace

void add_organizations_api(ApiTable& table) {
  auto& organizations = table["organizations"];
  organizations["DescribeOrganization"] = describe_organization;
  organizations["ListRoots"] = list_roots;
  organizations["ListAccounts"] = list_accounts;
  organizations["ListAccountsForParent"] = list_accounts_for_parent;
  organizations["ListOrganizationalUnitsForParent"] = list_units_for_parent;
}

}  // namespace ssmlink::emulator
