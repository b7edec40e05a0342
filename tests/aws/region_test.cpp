#include "aws/region.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/error_of.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;

const SharedConfig kRegionConfig = SharedConfig::parse(
    "[profile dev]\nregion = ap-northeast-1\n"
    "[profile both]\nregion = eu-west-1\n"
    "[profile bad]\nregion = tokyo\n"
    "[profile blank]\nregion =\n",
    "[both]\nregion = us-west-2\n");

TEST(ResolveRegion, FlagFirst) {
  MapEnvironment env({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "eu-west-2"}});
  auto choice = resolve_region("us-east-2", env, kRegionConfig, "dev");
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->region, "us-east-2");
  EXPECT_EQ(choice->source, "--region");
}

TEST(ResolveRegion, ThenAwsRegionThenAwsDefaultRegion) {
  MapEnvironment env({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "eu-west-2"}});
  EXPECT_EQ(resolve_region(std::nullopt, env, kRegionConfig, "dev")->source, "AWS_REGION");
  env.unset("AWS_REGION");
  auto choice = resolve_region(std::nullopt, env, kRegionConfig, "dev");
  EXPECT_EQ(choice->region, "eu-west-2");
  EXPECT_EQ(choice->source, "AWS_DEFAULT_REGION");
}

TEST(ResolveRegion, ThenTheProfile) {
  MapEnvironment env;
  auto choice = resolve_region(std::nullopt, env, kRegionConfig, "dev");
  EXPECT_EQ(choice->region, "ap-northeast-1");
  EXPECT_EQ(choice->source, "profile dev");
  // As in the AWS CLI, the credentials file's section is merged in and wins.
  EXPECT_EQ(resolve_region(std::nullopt, env, kRegionConfig, "both")->region, "us-west-2");
}

TEST(ResolveRegion, NoneWhenNothingNamesOne) {
  MapEnvironment env;
  EXPECT_FALSE(resolve_region(std::nullopt, env, kRegionConfig, "nobody"));
  EXPECT_FALSE(resolve_region(std::nullopt, env, kRegionConfig, "blank"));
}

TEST(ResolveRegion, ABadRegionNamesItsSource) {
  MapEnvironment env;
  env.set("AWS_REGION", "xx");
  EXPECT_THAT(
      error_of<ConfigError>([&] { resolve_region(std::nullopt, env, kRegionConfig, "dev"); }),
      HasSubstr("AWS_REGION: \"xx\" is not an AWS region (expected a name such as"));
  EXPECT_THAT(error_of<ConfigError>([&] { resolve_region("moon-1", env, kRegionConfig, "dev"); }),
              HasSubstr("--region: \"moon-1\" is not an AWS region"));
  env.unset("AWS_REGION");
  env.set("AWS_DEFAULT_REGION", "EU-WEST-1");
  EXPECT_THAT(
      error_of<ConfigError>([&] { resolve_region(std::nullopt, env, kRegionConfig, "dev"); }),
      HasSubstr("AWS_DEFAULT_REGION: \"EU-WEST-1\" is not an AWS region"));
  env.unset("AWS_DEFAULT_REGION");
  EXPECT_THAT(
      error_of<ConfigError>([&] { resolve_region(std::nullopt, env, kRegionConfig, "bad"); }),
      HasSubstr("region of profile bad in ~/.aws/config: \"tokyo\" is not an AWS region"));
}

}  // namespace
}  // namespace ssmlink::aws
