#include "domain/plan.hpp"
#include "domain/template.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ssmlink::domain {
namespace {

std::string error_of(const Plan& plan) {
  auto result = check_plan(plan);
  return result ? "" : result.error().message;
}

TEST(Plan, DefaultsAreSessionManagerWithoutOpenEgress) {
  Plan plan;
  EXPECT_EQ(plan.services, default_services());
  EXPECT_EQ(plan.egress, Egress::None);
  EXPECT_TRUE(plan.private_dns);
  EXPECT_EQ(plan.name_or_default(), "ssmlink");
  EXPECT_TRUE(check_plan(plan));
}

TEST(Plan, GatewayServiceNeedsRouteTablesAndOnlyItUsesThem) {
  Plan plan;
  plan.services = {Service::Ssm, Service::S3};
  EXPECT_NE(error_of(plan).find("--services s3 needs --route-table"), std::string::npos);
  plan.route_tables = {"rtb-12345678"};
  EXPECT_EQ(error_of(plan), "");
  plan.services = {Service::Ssm};
  EXPECT_NE(error_of(plan).find("--route-table is only used by the s3"), std::string::npos);
}

TEST(Plan, ResolvedNeedsEveryId) {
  Plan plan;
  plan.resolved = true;
  EXPECT_NE(error_of(plan).find("--resolved needs --vpc"), std::string::npos);
  plan.vpc = "vpc-12345678";
  EXPECT_NE(error_of(plan).find("--resolved needs at least one --subnet"), std::string::npos);
  plan.subnets = {"subnet-12345678"};
  EXPECT_NE(error_of(plan).find("--resolved needs --instance-sg or --source-cidr"),
            std::string::npos);
  plan.source_cidrs = {*parse_cidr("10.0.0.0/8")};
  EXPECT_EQ(error_of(plan), "");
}

TEST(Plan, SeedCompatibleRejectsWhatTheSeedCannotExpress) {
  Plan plan;
  plan.seed_compatible = true;
  plan.source_cidrs = {*parse_cidr("10.0.0.0/8")};
  EXPECT_NE(error_of(plan).find("--seed-compatible cannot be combined with --source-cidr"),
            std::string::npos);
  plan.source_cidrs.clear();
  plan.name = "x";
  EXPECT_NE(error_of(plan).find("--seed-compatible cannot be combined with --name"),
            std::string::npos);
}

TEST(Plan, DuplicatesAreDroppedButDuplicateTagKeysAreAnError) {
  Plan plan;
  plan.subnets = {"subnet-12345678", "subnet-12345678", "subnet-87654321"};
  EXPECT_EQ(check_plan(plan)->subnets,
            (std::vector<std::string>{"subnet-12345678", "subnet-87654321"}));
  plan.tags = {{"a", "1"}, {"a", "2"}};
  EXPECT_NE(error_of(plan).find("\"a\" is given twice"), std::string::npos);
}

// The names shell completion offers are the ones parse_egress takes, one per mode.
TEST(Plan, EveryEgressNameParsesToItsOwnMode) {
  std::set<Egress> modes;
  for (std::string_view name : kEgressNames)
    modes.insert(*parse_egress(name));
  EXPECT_EQ(modes, (std::set<Egress>{Egress::None, Egress::Https, Egress::All}));
  std::set<TemplateFormat> formats;
  for (std::string_view name : kTemplateFormatNames)
    formats.insert(*parse_template_format(name));
  EXPECT_EQ(formats, (std::set<TemplateFormat>{TemplateFormat::Yaml, TemplateFormat::Json}));
}

TEST(Plan, ParsesEgressAndNames) {
  EXPECT_EQ(*parse_egress("https"), Egress::Https);
  EXPECT_FALSE(parse_egress("some"));
  EXPECT_TRUE(parse_name("team-ops_1.x"));
  EXPECT_FALSE(parse_name(""));
  EXPECT_FALSE(parse_name("-lead"));
  EXPECT_FALSE(parse_name("has space"));
  EXPECT_FALSE(parse_name(std::string(65, 'a')));
}

}  // namespace
}  // namespace ssmlink::domain
