// Organizations: the parsers (after the Organizations API Reference's examples), paging,
// and the service class's inputs.
#include "cloud/organizations.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using testing::FakeJsonService;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

constexpr const char* kAccountsPage = R"({
  "Accounts": [
    {"Arn": "arn:aws:organizations::111111111111:account/o-exampleorgid/111111111111",
     "Email": "bill@example.com", "Id": "111111111111", "JoinedMethod": "INVITED",
     "JoinedTimestamp": 1481830215.45, "Name": "Master Account", "Status": "ACTIVE"},
    {"Arn": "arn:aws:organizations::111111111111:account/o-exampleorgid/222222222222",
     "Email": "alice@example.com", "Id": "222222222222", "JoinedMethod": "INVITED",
     "JoinedTimestamp": 1481835741.044, "Name": "Production Account", "Status": "ACTIVE"}],
  "NextToken": "page-2"})";

TEST(Organizations, ParsesAnAccountsPage) {
  auto accounts = parse_accounts(nlohmann::json::parse(kAccountsPage), "ListAccounts");
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[1].id, "222222222222");
  EXPECT_EQ(accounts[1].name, "Production Account");
  EXPECT_EQ(accounts[1].email, "alice@example.com");
  EXPECT_EQ(accounts[1].status, "ACTIVE");
  EXPECT_EQ(accounts[0].joined_method, "INVITED");
  ASSERT_TRUE(accounts[0].joined);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(accounts[0].joined->time_since_epoch())
                .count(),
            1481830215);
}

TEST(Organizations, AnAccountWithoutItsIdIsAnErrorNamingThePath) {
  auto no_id = nlohmann::json::parse(R"({"Accounts": [{"Id": "111111111111", "Arn": "a"},
                                                      {"Arn": "b"}]})");
  EXPECT_THAT([&] { parse_accounts(no_id, "ListAccounts"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("Accounts[1].Id")));
  EXPECT_THAT([&] { parse_describe_organization(nlohmann::json::parse("{}")); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("Organization")));
}

TEST(Organizations, VisitsEveryAccountAcrossPagesAndStopsWhenTold) {
  FakeJsonService aws;
  aws.respond(kAccountsPage);
  aws.respond(R"({"Accounts": [{"Id": "333333333333", "Arn": "arn:c"}]})");
  Organizations organizations(aws.call());
  std::vector<std::string> seen;
  organizations.visit_accounts([&](const OrganizationAccount& account) {
    seen.push_back(account.id);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"111111111111", "222222222222", "333333333333"}));
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].operation, "ListAccounts");
  EXPECT_EQ(aws.calls()[0].input, nlohmann::json::object());
  EXPECT_EQ(aws.calls()[1].input, (nlohmann::json{{"NextToken", "page-2"}}));

  FakeJsonService once;
  once.respond(kAccountsPage);
  Organizations stopping(once.call());
  int visited = 0;
  stopping.visit_accounts([&](const OrganizationAccount&) { return ++visited < 1; });
  EXPECT_EQ(visited, 1);
  EXPECT_EQ(once.calls().size(), 1u);  // no second page fetched
}

TEST(Organizations, ListsUnitsAndAccountsOfAParent) {
  FakeJsonService aws;
  aws.respond(R"({"Roots": [{"Id": "r-examplerootid111", "Name": "Root",
                  "Arn": "arn:aws:organizations::111111111111:root/o-exampleorgid/r-examplerootid111"}]})");
  aws.respond(R"({"OrganizationalUnits": [{"Id": "ou-examplerootid111-exampleouid111",
                  "Name": "AccountingOU", "Arn": "arn:ou"}], "NextToken": "n"})");
  aws.respond(R"({"OrganizationalUnits": []})");
  aws.respond(R"({"Accounts": []})");
  Organizations organizations(aws.call());
  auto roots = organizations.list_roots();
  ASSERT_EQ(roots.size(), 1u);
  auto units = organizations.list_organizational_units_for_parent(roots[0].id);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "AccountingOU");
  EXPECT_TRUE(organizations.list_accounts_for_parent(units[0].id).empty());
  EXPECT_EQ(aws.calls()[1].input, (nlohmann::json{{"ParentId", "r-examplerootid111"}}));
  EXPECT_EQ(aws.calls()[2].input,
            (nlohmann::json{{"ParentId", "r-examplerootid111"}, {"NextToken", "n"}}));
  EXPECT_EQ(aws.calls()[3].operation, "ListAccountsForParent");
}

TEST(Organizations, DescribesTheOrganization) {
  FakeJsonService aws;
  aws.respond(R"({"Organization": {"Id": "o-exampleorgid",
    "Arn": "arn:aws:organizations::111111111111:organization/o-exampleorgid",
    "FeatureSet": "ALL", "MasterAccountId": "111111111111",
    "MasterAccountEmail": "bill@example.com", "AvailablePolicyTypes": []}})");
  OrganizationInfo info = Organizations(aws.call()).describe_organization();
  EXPECT_EQ(info.id, "o-exampleorgid");
  EXPECT_EQ(info.master_account_id, "111111111111");
  EXPECT_EQ(info.feature_set, "ALL");
}

}  // namespace
}  // namespace ssmlink::cloud
