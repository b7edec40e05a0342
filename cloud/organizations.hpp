// AWS Organizations, typed: the organization, its roots, units and accounts, as an
// organization-wide audit walks them (issue 15). Names follow the Organizations API model
// (2016-11-28) in snake_case; statuses stay strings, as AWS writes them. Every list is
// paged with NextToken (at most 20 a page); visit_accounts streams them.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "cloud/calls.hpp"
#include "util/clock.hpp"

namespace ssmlink::cloud {

struct OrganizationInfo {
  std::string id;  // o-...
  std::string arn;
  std::string master_account_id;
  std::string feature_set;  // ALL | CONSOLIDATED_BILLING
};

struct OrganizationRoot {
  std::string id;  // r-...
  std::string arn;
  std::string name;
};

struct OrganizationalUnit {
  std::string id;  // ou-...-...
  std::string arn;
  std::string name;
};

struct OrganizationAccount {
  std::string id;  // 12 digits
  std::string arn;
  std::string name;
  std::string email;
  std::string status;         // ACTIVE | SUSPENDED | PENDING_CLOSURE
  std::string joined_method;  // INVITED | CREATED
  std::optional<Clock::TimePoint> joined;
};

class Organizations {
 public:
  explicit Organizations(aws::AwsClient& client) : Organizations(json_call(client)) {}
  explicit Organizations(JsonCall call) : call_(std::move(call)) {}

  OrganizationInfo describe_organization();
  std::vector<OrganizationRoot> list_roots();
  std::vector<OrganizationalUnit> list_organizational_units_for_parent(const std::string& parent);
  std::vector<OrganizationAccount> list_accounts_for_parent(const std::string& parent);
  // Every account of the organization, page by page, until visit returns false.
  void visit_accounts(const std::function<bool(const OrganizationAccount&)>& visit);

 private:
  JsonCall call_;
};

// The parsers, for tests: one page of each list.
OrganizationInfo parse_describe_organization(const nlohmann::json& output);
std::vector<OrganizationRoot> parse_roots(const nlohmann::json& output);
std::vector<OrganizationalUnit> parse_units(const nlohmann::json& output,
                                            const std::string& operation);
std::vector<OrganizationAccount> parse_accounts(const nlohmann::json& output,
                                                const std::string& operation);

}  // namespace ssmlink::cloud
