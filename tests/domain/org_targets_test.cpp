#include "domain/org_targets.hpp"

#include <gtest/gtest.h>

namespace ssmlink::domain {
namespace {

TEST(OrgTargets, AccountIdsAreTwelveDigitsEachOnce) {
  auto ids = parse_account_ids("111122223333, 444455556666");
  ASSERT_TRUE(ids) << ids.error().message;
  EXPECT_EQ(*ids, (std::vector<std::string>{"111122223333", "444455556666"}));
  EXPECT_EQ(parse_account_ids("12345").error().message,
            "\"12345\" is not an AWS account ID (expected 12 digits)");
  EXPECT_EQ(parse_account_ids("111122223333,111122223333").error().message,
            "account ID 111122223333 is given twice");
  EXPECT_EQ(parse_account_ids("111122223333,").error().message,
            "an empty account ID in \"111122223333,\"");
  EXPECT_FALSE(parse_account_ids(""));
}

TEST(OrgTargets, UnitsAreUnitOrRootIds) {
  EXPECT_TRUE(parse_unit_ids("ou-ab12-cdefgh34,r-ab12"));
  auto bad = parse_unit_ids("ou-nope");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("\"ou-nope\" is not an organizational unit or root ID"),
            std::string::npos);
  EXPECT_FALSE(parse_unit_ids("ou-AB12-cdefgh34"));  // upper case is not an OU ID
}

TEST(OrgTargets, RegionsAreCheckedOneByOne) {
  auto regions = parse_region_list("us-east-1,eu-west-1");
  ASSERT_TRUE(regions);
  EXPECT_EQ(regions->size(), 2u);
  EXPECT_FALSE(parse_region_list("us-east-1,mars"));
  EXPECT_FALSE(parse_region_list("us-east-1,us-east-1"));
}

}  // namespace
}  // namespace ssmlink::domain
