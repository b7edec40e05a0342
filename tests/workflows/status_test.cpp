// status over several regions with a fake lister: what is read in parallel, what a region
// that cannot be read does, and when a failure is fatal.
#include "workflows/status.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <stdexcept>

#include "aws/errors.hpp"
#include "workflows/cost.hpp"

namespace ssmlink::workflows {
namespace {

using namespace std::chrono_literals;

const Clock::TimePoint kNow = Clock::TimePoint(std::chrono::seconds(1795867200));

domain::StackFacts stack(const std::string& name, const std::string& region, bool ours,
                         std::chrono::seconds age = 3600s) {
  domain::StackFacts facts{name, "id-" + name, "CREATE_COMPLETE", region, kNow - age, {}};
  if (ours) {
    facts.tags = {{"ssmlink:managed", "true"},
                  {"ssmlink:vpc", "vpc-0f00d1e2c3b4a5968"},
                  {"ssmlink:subnets", "subnet-0123456789abcdef0"},
                  {"ssmlink:services", "ssm,ssmmessages,ec2messages"}};
  }
  return facts;
}

aws::ServiceError not_enabled() {
  return aws::ServiceError("CloudFormation", "DescribeStacks", 403, "InvalidClientTokenId",
                           "The security token included in the request is invalid.", "r-1");
}

TEST(Status, ListsOnlyManagedStacksInTheRegion) {
  auto list = [](const std::string& region) {
    return std::vector{stack("ssmlink-a", region, true), stack("other", region, false)};
  };
  StatusReport report = collect_status("us-east-1", {"us-east-1"}, list, false, kNow);
  EXPECT_EQ(report.region, "us-east-1");
  ASSERT_EQ(report.stacks.size(), 1u);
  EXPECT_EQ(report.stacks[0].name, "ssmlink-a");
  double price = domain::resolve_prices(price_book(), "us-east-1", {})->endpoint_hour.usd;
  EXPECT_DOUBLE_EQ(*report.stacks[0].hourly_usd, 3 * price);
  EXPECT_TRUE(report.unreadable_regions.empty());
  EXPECT_TRUE(report.unpriced_regions.empty());
}

TEST(Status, InOneRegionAnErrorPropagates) {
  auto list = [](const std::string&) -> std::vector<domain::StackFacts> { throw not_enabled(); };
  EXPECT_THROW(collect_status("us-east-1", {"us-east-1"}, list, false, kNow), aws::ServiceError);
}

TEST(Status, EveryRegionIsReadAndTheOrderIsKept) {
  std::vector<std::string> regions = {"us-east-1",    "us-west-2",  "eu-west-1", "ap-northeast-1",
                                      "eu-central-1", "ap-south-1", "us-east-2", "sa-east-1",
                                      "ca-central-1", "eu-north-1"};
  std::mutex mutex;
  std::set<std::string> asked;
  auto list = [&](const std::string& region) {
    {
      std::lock_guard lock(mutex);
      asked.insert(region);
    }
    return std::vector{stack("ssmlink-" + region, region, true)};
  };
  StatusReport report = collect_status("us-east-1", regions, list, true, kNow);
  EXPECT_EQ(asked.size(), regions.size());
  EXPECT_EQ(report.regions, regions);
  ASSERT_EQ(report.stacks.size(), regions.size());
}

TEST(Status, OldestStackFirst) {
  auto list = [](const std::string& region) {
    return std::vector{stack("new", region, true, 60s), stack("old", region, true, 7200s)};
  };
  StatusReport report = collect_status("us-east-1", {"us-east-1"}, list, false, kNow);
  EXPECT_EQ(report.stacks[0].name, "old");
  EXPECT_EQ(report.stacks[1].name, "new");
}

TEST(Status, StacksCreatedInTheSameSecondSortByName) {
  auto list = [](const std::string& region) {
    return std::vector{stack("b", region, true), stack("a", region, true)};
  };
  StatusReport report = collect_status("us-east-1", {"us-east-1"}, list, false, kNow);
  EXPECT_EQ(report.stacks[0].name, "a");
}

TEST(Status, ARegionThatCannotBeReadIsReportedNotFatal) {
  auto list = [](const std::string& region) -> std::vector<domain::StackFacts> {
    if (region == "me-south-1") throw not_enabled();
    if (region == "ap-east-1") throw aws::TransportError("https://x", "Connection refused", false);
    return {stack("ssmlink-" + region, region, true)};
  };
  StatusReport report =
      collect_status("us-east-1", {"us-east-1", "me-south-1", "ap-east-1"}, list, true, kNow);
  ASSERT_EQ(report.stacks.size(), 1u);
  ASSERT_EQ(report.unreadable_regions.size(), 2u);
  EXPECT_EQ(report.unreadable_regions[0].region, "me-south-1");
  EXPECT_NE(report.unreadable_regions[0].error.find("InvalidClientTokenId"), std::string::npos)
      << report.unreadable_regions[0].error;
  EXPECT_NE(report.unreadable_regions[0].error.find("not enabled"), std::string::npos);
  EXPECT_EQ(report.unreadable_regions[1].region, "ap-east-1");
  EXPECT_NE(report.unreadable_regions[1].error.find("Connection refused"), std::string::npos);
}

TEST(Status, TheSessionsOwnRegionFailingIsFatalEvenAcrossRegions) {
  auto list = [](const std::string& region) -> std::vector<domain::StackFacts> {
    if (region == "us-east-1") throw not_enabled();
    return {};
  };
  EXPECT_THROW(collect_status("us-east-1", {"eu-west-1", "us-east-1"}, list, true, kNow),
               aws::ServiceError);
}

TEST(Status, AFailureThatIsNotAwsIsNeverHidden) {
  auto list = [](const std::string& region) -> std::vector<domain::StackFacts> {
    if (region == "eu-west-1") throw std::logic_error("bug");
    return {};
  };
  EXPECT_THROW(collect_status("us-east-1", {"us-east-1", "eu-west-1"}, list, true, kNow),
               std::logic_error);
}

TEST(Status, ARegionWithoutPricesListsWithoutCost) {
  auto list = [](const std::string& region) {
    return std::vector{stack("ssmlink-" + region, region, true)};
  };
  // The price book has no interface endpoint price for us-east-2.
  StatusReport report = collect_status("us-east-2", {"us-east-2"}, list, false, kNow);
  ASSERT_EQ(report.stacks.size(), 1u);
  EXPECT_FALSE(report.stacks[0].hourly_usd);
  EXPECT_EQ(report.unpriced_regions, std::vector<std::string>{"us-east-2"});
}

}  // namespace
}  // namespace ssmlink::workflows
