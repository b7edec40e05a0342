// The emulator's AWS Organizations: the generated tree (the same for a seed, IDs unique and
// well-formed), the scenario's "organization", and Debian's AWS CLI reading it all through
// the JSON 1.1 protocol, paging included, and its errors.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "emulator/organizations/organization.hpp"
#include "emulator/scenario.hpp"
#include "emulator/world.hpp"
#include "tests/support/running_emulator.hpp"

namespace ssmlink::emulator {
namespace {

using nlohmann::json;

const TimePoint kJoined = std::chrono::system_clock::from_time_t(1764979200);

TEST(Organization, ASeedGivesTheSameOrganizationAndIdsAreUniqueAndWellFormed) {
  std::mt19937_64 first(7), second(7), other(8);
  Organization a = generate_organization("123456789012", 2000, kDefaultUnitNames, first, kJoined);
  Organization b = generate_organization("123456789012", 2000, kDefaultUnitNames, second, kJoined);
  Organization c = generate_organization("123456789012", 2000, kDefaultUnitNames, other, kJoined);
  ASSERT_EQ(a.accounts.size(), 2001u);
  EXPECT_EQ(a.accounts.back().id, b.accounts.back().id);
  EXPECT_EQ(a.id, b.id);
  EXPECT_NE(a.accounts.back().id, c.accounts.back().id);

  std::set<std::string> ids;
  std::regex account("^[1-9][0-9]{11}$");
  for (const auto& member : a.accounts) {
    EXPECT_TRUE(std::regex_match(member.id, account)) << member.id;
    ids.insert(member.id);
  }
  EXPECT_EQ(ids.size(), a.accounts.size());
  EXPECT_EQ(a.accounts.front().id, "123456789012");
  EXPECT_EQ(a.accounts.front().parent_id, a.root_id);
  EXPECT_TRUE(std::regex_match(a.id, std::regex("^o-[a-z0-9]{10,32}$")));
  EXPECT_TRUE(std::regex_match(a.root_id, std::regex("^r-[0-9a-z]{4,32}$")));
  ASSERT_EQ(a.units.size(), 3u);
  for (size_t i = 0; i < a.units.size(); ++i) {
    const auto& unit = a.units[i];
    EXPECT_TRUE(std::regex_match(unit.id, std::regex("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$")));
    // Members are spread over the units in turn: 2,000 = 667 + 667 + 666.
    EXPECT_EQ(std::ranges::count(a.accounts, unit.id, &OrganizationAccount::parent_id),
              i < 2 ? 667 : 666);
  }
}

TEST(Organization, AScenarioNamesTheMembersAndUnits) {
  World world;
  load_scenario(world, {{"organization", {{"accounts", 4}, {"organizationalUnits", {"Apps"}}}}},
                kJoined);
  ASSERT_TRUE(world.organization);
  EXPECT_EQ(world.organization->accounts.size(), 5u);
  ASSERT_EQ(world.organization->units.size(), 1u);
  EXPECT_EQ(world.organization->units[0].name, "Apps");

  World refused;
  try {
    load_scenario(refused, {{"organization", {{"accounts", -1}}}}, kJoined);
    FAIL() << "a negative count loaded";
  } catch (const ScenarioError& error) {
    EXPECT_NE(std::string(error.what()).find("/organization/accounts"), std::string::npos)
        << error.what();
  }
  World plain;
  load_scenario(plain, json::object(), kJoined);
  EXPECT_FALSE(plain.organization);
}

class OrganizationsAwsCli : public ::testing::Test {
 protected:
  ssmlink::testing::RunningEmulator emulator{{"--accounts", "45", "--seed", "7"}};
  ssmlink::testing::AwsCli aws{emulator};
};

TEST_F(OrganizationsAwsCli, ReadsTheTreeAndPagesThroughTheAccounts) {
  json organization = aws.json({"organizations", "describe-organization"})["Organization"];
  EXPECT_EQ(organization["MasterAccountId"], "123456789012");
  EXPECT_EQ(organization["FeatureSet"], "ALL");

  // The CLI follows NextToken (20 a page) to the end: 3 pages.
  json accounts = aws.json({"organizations", "list-accounts"})["Accounts"];
  ASSERT_EQ(accounts.size(), 46u);
  std::set<std::string> ids;
  for (const auto& account : accounts)
    ids.insert(account["Id"].get<std::string>());
  EXPECT_EQ(ids.size(), 46u);

  json roots = aws.json({"organizations", "list-roots"})["Roots"];
  ASSERT_EQ(roots.size(), 1u);
  std::string root = roots[0]["Id"];
  json units = aws.json({"organizations", "list-organizational-units-for-parent", "--parent-id",
                         root})["OrganizationalUnits"];
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0]["Name"], "Production");
  // Every account is under the root or one of its units, once.
  size_t placed =
      aws.json({"organizations", "list-accounts-for-parent", "--parent-id", root})["Accounts"]
          .size();
  for (const auto& unit : units) {
    placed += aws.json({"organizations", "list-accounts-for-parent", "--parent-id",
                        unit["Id"].get<std::string>()})["Accounts"]
                  .size();
  }
  EXPECT_EQ(placed, 46u);

  // One page by hand: MaxResults and the NextToken to go on with.
  json page = aws.json({"organizations", "list-accounts", "--max-items", "5"});
  EXPECT_EQ(page["Accounts"].size(), 5u);
  EXPECT_TRUE(page.contains("NextToken"));
}

TEST_F(OrganizationsAwsCli, AnUnknownParentAndABadTokenAreTheServicesErrors) {
  auto result =
      aws.run({"organizations", "list-accounts-for-parent", "--parent-id", "ou-abcd-zzzzzzzz"});
  EXPECT_EQ(result.exit_code, 254);
  EXPECT_NE(result.err.find("ParentNotFoundException"), std::string::npos) << result.err;
  // The emulator's own check of the token (the CLI's paginator would check its own first).
  result = aws.run({"organizations", "list-accounts", "--no-paginate", "--next-token", "bogus"});
  EXPECT_EQ(result.exit_code, 254);
  EXPECT_NE(result.err.find("InvalidInputException"), std::string::npos) << result.err;
}

TEST(OrganizationsAwsCliWithout, AnAccountInNoOrganizationSaysSo) {
  ssmlink::testing::RunningEmulator emulator;
  ssmlink::testing::AwsCli aws(emulator);
  auto result = aws.run({"organizations", "describe-organization"});
  EXPECT_EQ(result.exit_code, 254);
  EXPECT_NE(result.err.find("AWSOrganizationsNotInUseException"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace ssmlink::emulator
