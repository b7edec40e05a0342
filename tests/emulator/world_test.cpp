#include "emulator/world.hpp"

#include <gtest/gtest.h>

namespace ssmlink::emulator {
namespace {

TEST(World, RegionsAppearOnFirstUseWithZonesAndServices) {
  World world;
  RegionState& region = world.region("eu-west-1");
  EXPECT_EQ(region.availability_zones,
            (std::vector<std::string>{"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  bool ssm = false;
  for (const auto& service : region.endpoint_services) {
    if (service.name == "com.amazonaws.eu-west-1.ssm") {
      ssm = true;
      EXPECT_EQ(service.private_dns_name, "ssm.eu-west-1.amazonaws.com");
    }
  }
  EXPECT_TRUE(ssm);
  EXPECT_EQ(&world.region("eu-west-1"), &region);
  auto& china = world.region("cn-north-1");
  bool gateway = false;
  for (const auto& service : china.endpoint_services) {
    if (service.type == "Gateway") {
      gateway = true;
      EXPECT_EQ(service.name, "cn.com.amazonaws.cn-north-1.s3");
    }
  }
  EXPECT_TRUE(gateway);
}

TEST(World, IdsAreSeededAndShapedLikeAws) {
  World a, b;
  std::string id = a.new_id("vpce");
  EXPECT_EQ(id, b.new_id("vpce"));
  EXPECT_EQ(id.size(), 5u + 17u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 5), std::string::npos);
  EXPECT_NE(a.new_id("vpce"), id);
  EXPECT_EQ(a.new_request_id().size(), 36u);
}

TEST(World, AvailabilityZoneIds) {
  EXPECT_EQ(availability_zone_id("us-east-1", "us-east-1b"), "use1-az2");
  EXPECT_EQ(availability_zone_id("ap-northeast-1", "ap-northeast-1a"), "apne1-az1");
}

}  // namespace
}  // namespace ssmlink::emulator
