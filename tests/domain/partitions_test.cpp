#include "domain/partitions.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"
#include "util/files.hpp"

namespace ssmlink::domain {
namespace {

TEST(Partitions, MatchTheReferenceData) {
  auto reference = nlohmann::json::parse(
      read_file(testing::source_path("reference/aws-models/partitions.json")));
  ASSERT_EQ(partitions().size(), reference["partitions"].size());
  for (const auto& entry : reference["partitions"]) {
    auto it =
        std::ranges::find_if(partitions(), [&](const Partition& p) { return p.id == entry["id"]; });
    ASSERT_NE(it, partitions().end()) << entry["id"];
    EXPECT_EQ(it->dns_suffix, entry["outputs"]["dnsSuffix"]);
    for (const auto& [region, _] : entry["regions"].items()) {
      if (region.ends_with("-global")) continue;
      EXPECT_EQ(partition_of(region)->id, it->id) << region;
    }
  }
}

TEST(Partitions, PlacesRegionsInTheirPartition) {
  EXPECT_EQ(partition_of("ap-northeast-1")->id, "aws");
  EXPECT_EQ(partition_of("cn-north-1")->id, "aws-cn");
  EXPECT_EQ(partition_of("cn-northwest-1")->dns_suffix, "amazonaws.com.cn");
  EXPECT_EQ(partition_of("us-gov-west-1")->id, "aws-us-gov");
  // A region newer than the data still matches its partition's pattern.
  EXPECT_EQ(partition_of("eu-east-9")->id, "aws");
  EXPECT_FALSE(partition_of("moon-base-1"));
  EXPECT_FALSE(partition_of("us-east"));
  EXPECT_FALSE(partition_of(""));
}

TEST(Partitions, ParseRegionNamesTheBadValue) {
  EXPECT_EQ(*parse_region("eu-west-1"), "eu-west-1");
  auto bad = parse_region("tokyo");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("\"tokyo\" is not an AWS region"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::domain
