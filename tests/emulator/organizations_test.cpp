// The emulator's AWS Organizations: the generated tree (the same for a seed, IDs unique and
// well-formed), the scenario's "organization", and Debian's AWS CLI reading it all through
// the JSON 1.1 protocol, paging included, and its errors.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "emulator/organizations/member_accounts.hpp"
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

// Member accounts: a world of their own behind OrganizationAccountAccessRole, as the plan says.
class MemberAccountsAwsCli : public ::testing::Test {
 protected:
  // The member at `index` of the emulator's organization (the same seed, so the same IDs).
  std::string account(size_t index) {
    if (names.empty()) {  // read once, with the management account's key
      json listed = aws.json({"organizations", "list-accounts"});
      for (const auto& item : listed["Accounts"])
        names[item["Name"].get<std::string>()] = item["Id"].get<std::string>();
    }
    std::string number = std::to_string(index);
    return names["member-" + std::string(4 - number.size(), '0') + number];
  }
  ssmlink::testing::ProcessResult assume(const std::string& account_id) {
    return aws.run({"sts", "assume-role", "--role-arn",
                    "arn:aws:iam::" + account_id + ":role/OrganizationAccountAccessRole",
                    "--role-session-name", "audit"});
  }
  void become(const std::string& account_id) {
    auto result = assume(account_id);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    credentials = json::parse(result.out)["Credentials"];
    aws.use_credentials(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                        credentials["SessionToken"]);
  }
  Organization organization() {
    World world;
    load_scenario(world, {{"organization", {{"accounts", 30}}}}, kJoined);
    return *world.organization;
  }

  ssmlink::testing::RunningEmulator emulator{{"--accounts", "30", "--seed", "3"}};
  ssmlink::testing::AwsCli aws{emulator};
  json credentials;                          // the last role become() assumed
  std::map<std::string, std::string> names;  // account name -> ID
};

TEST(MemberPlan, KnowsEachBreakageAndTheSameIndexGivesTheSamePlan) {
  World world;
  load_scenario(world, {{"organization", {{"accounts", 200}}}}, kJoined);
  std::map<std::string, int> blockers;
  int denied = 0, throttled = 0, disabled = 0;
  for (size_t i = 1; i <= 200; ++i) {
    MemberPlan plan = plan_member(*world.organization, i);
    denied += plan.role_missing;
    throttled += plan.throttle_rate > 0;
    disabled += plan.opted_in.empty();  // af-south-1 is the one opt-in region
    for (const auto& instance : plan.instances)
      ++blockers[instance.blocker];
    EXPECT_EQ(plan.instances.size(), plan.opted_in.empty() ? 6u : 8u);
    EXPECT_EQ(plan_member(*world.organization, i).instances[0].id, plan.instances[0].id);
  }
  EXPECT_EQ(denied, 9);     // 5, 28, 51, ...
  EXPECT_EQ(throttled, 6);  // 9, 46, 83, ...
  EXPECT_EQ(disabled, 50);  // every fourth
  for (const char* reason : {"", kNoPath, kEndpointGroupClosed, kNoInstanceProfile, kNoAgent})
    EXPECT_GT(blockers[reason], 10) << reason;
}

TEST_F(MemberAccountsAwsCli, AMemberHasTheInstancesOfItsPlanAndSsmSeesTheReachableOnes) {
  Organization org = organization();
  MemberPlan plan = plan_member(org, 1);  // the plan depends on the place, not on the seed
  plan.account_id = account(1);
  become(plan.account_id);
  json identity = aws.json({"sts", "get-caller-identity"});
  EXPECT_EQ(identity["Account"], plan.account_id);
  EXPECT_EQ(identity["Arn"], "arn:aws:sts::" + plan.account_id +
                                 ":assumed-role/OrganizationAccountAccessRole/audit");
  std::set<std::string> expected, online;
  for (const auto& instance : plan.instances) {
    if (instance.region == "us-east-1") expected.insert(instance.id);
  }
  std::set<std::string> listed;
  json instances = aws.json({"ec2", "describe-instances"});
  for (const auto& reservation : instances["Reservations"])
    for (const auto& instance : reservation["Instances"])
      listed.insert(instance["InstanceId"].get<std::string>());
  EXPECT_EQ(listed, expected);
  json information = aws.json({"ssm", "describe-instance-information"});
  for (const auto& info : information["InstanceInformationList"])
    if (info["PingStatus"] == "Online") online.insert(info["InstanceId"].get<std::string>());
  for (const auto& instance : plan.instances) {
    if (instance.region != "us-east-1") continue;
    EXPECT_EQ(online.contains(instance.id), instance.blocker.empty())
        << instance.id << " " << instance.blocker << "\n" << information.dump();
  }
  // The management account's own world is another one.
  aws.use_credentials("test", "test", "");
  EXPECT_FALSE(aws.json({"ec2", "describe-instances"})["Reservations"].dump().contains(
      plan.instances[0].id));
}

TEST_F(MemberAccountsAwsCli, AMemberWithoutTheRoleRefusesAndAnOptInRegionItDidNotEnableFails) {
  auto refused = assume(account(5));
  EXPECT_EQ(refused.exit_code, 254);
  EXPECT_NE(refused.err.find("AccessDenied"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("is not authorized to perform: sts:AssumeRole on resource: "
                             "arn:aws:iam::" +
                             account(5) + ":role/OrganizationAccountAccessRole"),
            std::string::npos)
      << refused.err;

  become(account(3));  // every fourth member left af-south-1 off
  json regions = aws.json({"ec2", "describe-regions"})["Regions"];
  EXPECT_EQ(regions.size(), 17u);
  json all = aws.json({"ec2", "describe-regions", "--all-regions", "--filters",
                       "Name=region-name,Values=af-south-1"})["Regions"];
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["OptInStatus"], "not-opted-in");
  ssmlink::testing::AwsCli south(emulator, "af-south-1");
  south.use_credentials(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                        credentials["SessionToken"]);
  auto failed = south.run({"ec2", "describe-instances"});
  EXPECT_NE(failed.err.find("AuthFailure"), std::string::npos) << failed.err;

  aws.use_credentials("test", "test", "");  // a member's role may not assume another's
  become(account(1));
  EXPECT_EQ(aws.json({"ec2", "describe-regions"})["Regions"].size(), 18u);
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
