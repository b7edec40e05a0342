#include "domain/stack_listing.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ssmlink::domain {
namespace {

using namespace std::chrono_literals;

const Clock::TimePoint kNow =
    Clock::TimePoint(std::chrono::seconds(1795867200));  // 2026-11-28T12:00Z
constexpr double kEndpointHour = 0.014;

StackFacts managed(std::vector<Tag> extra = {}) {
  StackFacts stack{
      "ssmlink-vpc-0f00d1e2c3b4a5968",
      "arn:aws:cloudformation:us-east-1:123456789012:stack/ssmlink-vpc-0f00d1e2c3b4a5968/1",
      "CREATE_COMPLETE",
      "us-east-1",
      kNow - 47min,
      {{"ssmlink:managed", "true"},
       {"ssmlink:version", "0.1.0"},
       {"ssmlink:vpc", "vpc-0f00d1e2c3b4a5968"},
       {"ssmlink:subnets", "subnet-0123456789abcdef0"},
       {"ssmlink:services", "ssm,ssmmessages,ec2messages"},
       {"ssmlink:expires-at", "2026-11-28T13:13:00Z"}}};
  for (Tag& tag : extra) {
    auto same = std::find_if(stack.tags.begin(), stack.tags.end(),
                             [&](const Tag& t) { return t.key == tag.key; });
    if (same != stack.tags.end()) {
      same->value = tag.value;
    } else {
      stack.tags.push_back(tag);
    }
  }
  return stack;
}

TEST(StackListing, ReadsThePurposeFromTheTags) {
  auto row = stack_row(managed({{"ssmlink:instance", "i-0a1b2c3d4e5f67890"}}), kNow, kEndpointHour);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->name, "ssmlink-vpc-0f00d1e2c3b4a5968");
  EXPECT_EQ(row->region, "us-east-1");
  EXPECT_EQ(row->status, "CREATE_COMPLETE");
  EXPECT_EQ(row->purpose.vpc_id, "vpc-0f00d1e2c3b4a5968");
  EXPECT_EQ(row->purpose.subnet_ids, std::vector<std::string>{"subnet-0123456789abcdef0"});
  EXPECT_EQ(row->purpose.services.size(), 3u);
  EXPECT_EQ(row->purpose.instance_id, "i-0a1b2c3d4e5f67890");
  EXPECT_EQ(row->azs, 1);
}

TEST(StackListing, AgeIsFromCreationToNow) {
  auto row = stack_row(managed(), kNow, kEndpointHour);
  EXPECT_EQ(row->age, 47min);
}

TEST(StackListing, AStackCreatedAfterNowByClockSkewIsNew) {
  StackFacts stack = managed();
  stack.created = kNow + 5s;
  EXPECT_EQ(stack_row(stack, kNow, kEndpointHour)->age, 0s);
}

TEST(StackListing, TimeToExpiry) {
  auto row = stack_row(managed(), kNow, kEndpointHour);
  EXPECT_EQ(row->expires_in, 73min);
  EXPECT_FALSE(row->expired);
}

TEST(StackListing, ExpiredOnceTheExpiryHasPassed) {
  auto row =
      stack_row(managed({{"ssmlink:expires-at", "2026-11-28T11:00:00Z"}}), kNow, kEndpointHour);
  EXPECT_EQ(row->expires_in, -1h);
  EXPECT_TRUE(row->expired);
  auto exactly = stack_row(managed({{"ssmlink:expires-at", "2026-11-28T12:00:00Z"}}), kNow, 0.01);
  EXPECT_TRUE(exactly->expired);
}

TEST(StackListing, NoExpiryWithoutTheTag) {
  StackFacts stack = managed();
  std::erase_if(stack.tags, [](const Tag& tag) { return tag.key == "ssmlink:expires-at"; });
  auto row = stack_row(stack, kNow, kEndpointHour);
  EXPECT_FALSE(row->expires_in);
  EXPECT_FALSE(row->expired);
}

TEST(StackListing, HourlyCostIsPerInterfaceEndpointAndAz) {
  auto one_az = stack_row(managed(), kNow, kEndpointHour);
  EXPECT_DOUBLE_EQ(*one_az->hourly_usd, 3 * 0.014);
  auto two_azs =
      stack_row(managed({{"ssmlink:subnets", "subnet-0123456789abcdef0,subnet-0fedcba9876543210"}}),
                kNow, kEndpointHour);
  EXPECT_EQ(two_azs->azs, 2);
  EXPECT_DOUBLE_EQ(*two_azs->hourly_usd, 6 * 0.014);
}

TEST(StackListing, TheS3GatewayEndpointCostsNothing) {
  auto row = stack_row(managed({{"ssmlink:services", "ssm,ssmmessages,s3"}}), kNow, kEndpointHour);
  EXPECT_EQ(interface_endpoint_count(row->purpose.services), 2);
  EXPECT_DOUBLE_EQ(*row->hourly_usd, 2 * 0.014);
}

TEST(StackListing, CostSoFarBillsPartialHoursAsFullHours) {
  auto row = stack_row(managed(), kNow, kEndpointHour);  // 47 minutes: one hour
  EXPECT_DOUBLE_EQ(*row->cost_so_far_usd, 3 * 0.014);
  StackFacts older = managed();
  older.created = kNow - (74h + 1s);  // 75 billed hours
  EXPECT_DOUBLE_EQ(*stack_row(older, kNow, kEndpointHour)->cost_so_far_usd, 75 * 3 * 0.014);
}

TEST(StackListing, BilledHours) {
  EXPECT_EQ(billed_hours(0s), 0);
  EXPECT_EQ(billed_hours(1s), 1);
  EXPECT_EQ(billed_hours(3600s), 1);
  EXPECT_EQ(billed_hours(3601s), 2);
  EXPECT_EQ(billed_hours(-5s), 0);
}

TEST(StackListing, NoPriceMeansNoCostRatherThanZero) {
  auto row = stack_row(managed(), kNow, std::nullopt);
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->hourly_usd);
  EXPECT_FALSE(row->cost_so_far_usd);
}

TEST(StackListing, ARolledBackStackHoldsNoEndpoints) {
  StackFacts stack = managed();
  stack.status = "ROLLBACK_COMPLETE";
  auto row = stack_row(stack, kNow, kEndpointHour);
  EXPECT_DOUBLE_EQ(*row->hourly_usd, 0);
  EXPECT_DOUBLE_EQ(*row->cost_so_far_usd, 0);
  EXPECT_TRUE(holds_endpoints("CREATE_IN_PROGRESS"));
  EXPECT_TRUE(holds_endpoints("DELETE_FAILED"));
  EXPECT_FALSE(holds_endpoints("DELETE_COMPLETE"));
}

TEST(StackListing, UnmanagedStacksAreIgnored) {
  StackFacts other = managed();
  other.tags = {{"ssmlink:vpc", "vpc-0f00d1e2c3b4a5968"}};
  EXPECT_FALSE(stack_row(other, kNow, kEndpointHour));
  other.tags = {{"ssmlink:managed", "false"}};
  EXPECT_FALSE(stack_row(other, kNow, kEndpointHour));
  other.tags = {};
  EXPECT_FALSE(stack_row(other, kNow, kEndpointHour));
}

TEST(StackListing, MalformedTagsStillList) {
  StackFacts stack = managed({{"ssmlink:expires-at", "next tuesday"},
                              {"ssmlink:services", "ssm,telnet"},
                              {"ssmlink:subnets", ""},
                              {"ssmlink:vpc", ""}});
  auto row = stack_row(stack, kNow, kEndpointHour);
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->expires_in);
  EXPECT_FALSE(row->expired);
  EXPECT_TRUE(row->purpose.services.empty());
  EXPECT_EQ(row->azs, 0);
  EXPECT_EQ(row->purpose.vpc_id, "");
  EXPECT_FALSE(row->hourly_usd);  // unknown, not zero
  EXPECT_FALSE(row->cost_so_far_usd);
  EXPECT_EQ(row->age, 47min);
}

TEST(StackListing, OnlyTheManagedTagMakesAStackOurs) {
  StackFacts bare{"by-hand",   "id",       "CREATE_COMPLETE",
                  "eu-west-1", kNow - 25h, {{"ssmlink:managed", "true"}}};
  auto row = stack_row(bare, kNow, kEndpointHour);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->age, 25h);
  EXPECT_FALSE(row->hourly_usd);
}

}  // namespace
}  // namespace ssmlink::domain
