#include "domain/ids.hpp"

#include <gtest/gtest.h>

namespace ssmlink::domain {
namespace {

TEST(Ids, AcceptsEightAndSeventeenHexDigits) {
  EXPECT_TRUE(is_id(ResourceKind::Vpc, "vpc-0a1b2c3d"));
  EXPECT_TRUE(is_id(ResourceKind::Vpc, "vpc-0f00d1e2c3b4a5968"));
  EXPECT_TRUE(is_id(ResourceKind::Subnet, "subnet-0123456789abcdef0"));
  EXPECT_TRUE(is_id(ResourceKind::SecurityGroup, "sg-0aa11bb22cc33dd44"));
  EXPECT_TRUE(is_id(ResourceKind::RouteTable, "rtb-12345678"));
  EXPECT_TRUE(is_id(ResourceKind::Instance, "i-0a1b2c3d4e5f67890"));
  EXPECT_TRUE(is_id(ResourceKind::VpcEndpoint, "vpce-0a1b2c3d4e5f67890"));
  EXPECT_TRUE(is_id(ResourceKind::NetworkAcl, "acl-0bb11cc2"));
}

TEST(Ids, RejectsMalformedIds) {
  for (const char* bad :
       {"vpc-", "vpc-xyz", "vpc-1234567", "vpc-123456789", "vpc-0A1B2C3D", "vpc-0a1b2c3d4e5f6789",
        "vpc-0a1b2c3d4e5f678901", "VPC-0a1b2c3d", "vpc_0a1b2c3d", " vpc-0a1b2c3d", "vpc-0a1b2c3d ",
        "subnet-0a1b2c3d", "", "vpc-0a1b2c3g"}) {
    EXPECT_FALSE(is_id(ResourceKind::Vpc, bad)) << bad;
  }
  EXPECT_FALSE(is_id(ResourceKind::SecurityGroup, "sgr-0a1b2c3d"));
  EXPECT_FALSE(is_id(ResourceKind::Instance, "ix-0a1b2c3d"));
}

TEST(Ids, ErrorNamesTheValueAndTheExpectedForm) {
  auto result = parse_id(ResourceKind::Vpc, "vpc-xyz");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "\"vpc-xyz\" is not a VPC ID (expected vpc- followed by 8 or 17 hex digits)");
  EXPECT_EQ(parse_id(ResourceKind::RouteTable, "rtb-1").error().message,
            "\"rtb-1\" is not a route table ID (expected rtb- followed by 8 or 17 hex digits)");
}

TEST(Ids, ErrorEscapesControlCharacters) {
  auto result = parse_id(ResourceKind::Subnet, "subnet-\n\x01");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("subnet-\\n\\x01"), std::string::npos);
}

TEST(Cidr, AcceptsIpv4AndIpv6Blocks) {
  EXPECT_EQ(parse_cidr("10.0.0.0/16")->version, IpVersion::V4);
  EXPECT_EQ(parse_cidr("0.0.0.0/0")->version, IpVersion::V4);
  EXPECT_EQ(parse_cidr("10.1.2.3/32")->version, IpVersion::V4);
  EXPECT_EQ(parse_cidr("2001:db8::/56")->version, IpVersion::V6);
}

TEST(Cidr, RejectsMalformedBlocks) {
  for (const char* bad : {"10.0.0.0", "10.0.0.0/33", "10.0.0.1/16", "10.0.0/16", "10.0.0.0/",
                          "10.0.0.0/-1", "abc/8", "2001:db8::1/56", "2001:db8::/129", ""}) {
    EXPECT_FALSE(parse_cidr(bad)) << bad;
  }
  EXPECT_NE(parse_cidr("10.0.0.1/16").error().message.find("host bits"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::domain
