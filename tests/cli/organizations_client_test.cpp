// ssmlink's own AWS client (credentials, SigV4 for the global endpoint, JSON 1.1) reading
// the emulator's organization through cloud::Organizations: the path doctor --org will take.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "aws/service.hpp"
#include "aws/session.hpp"
#include "cli/context.hpp"
#include "cli/session.hpp"
#include "cloud/organizations.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {
namespace {

TEST(OrganizationsClient, ReadsTheEmulatorsOrganizationPageByPage) {
  RunningEmulator emulator({"--accounts", "45", "--seed", "7"});
  TempDir home;
  MapEnvironment env({{"HOME", home.path()},
                      {"AWS_ACCESS_KEY_ID", "test"},
                      {"AWS_SECRET_ACCESS_KEY", "test"},
                      {"AWS_REGION", "eu-west-1"},
                      {"AWS_ENDPOINT_URL", emulator.url()}});
  std::ostringstream out, err;
  cli::Context context{out, err, env, false, {}};
  auto session = cli::open_session(context);
  aws::AwsClient client = session->client(aws::organizations_service());
  cloud::Organizations organizations(client);

  cloud::OrganizationInfo info = organizations.describe_organization();
  EXPECT_EQ(info.master_account_id, "123456789012");
  EXPECT_TRUE(info.id.starts_with("o-"));

  std::set<std::string> ids;
  organizations.visit_accounts([&](const cloud::OrganizationAccount& account) {
    ids.insert(account.id);
    return true;
  });
  EXPECT_EQ(ids.size(), 46u);  // three pages of at most 20

  auto roots = organizations.list_roots();
  ASSERT_EQ(roots.size(), 1u);
  size_t placed = organizations.list_accounts_for_parent(roots[0].id).size();
  auto units = organizations.list_organizational_units_for_parent(roots[0].id);
  ASSERT_EQ(units.size(), 3u);
  for (const auto& unit : units)
    placed += organizations.list_accounts_for_parent(unit.id).size();
  EXPECT_EQ(placed, 46u);
}

}  // namespace
}  // namespace ssmlink::testing
