#include "cli/render_status.hpp"

#include <gtest/gtest.h>

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;

const Clock::TimePoint kNow = Clock::TimePoint(std::chrono::seconds(1795867200));

domain::StackRow row(const std::string& name, const std::string& region) {
  domain::StackRow r;
  r.name = name;
  r.stack_id = "arn:" + name;
  r.status = "CREATE_COMPLETE";
  r.region = region;
  r.purpose.vpc_id = "vpc-0f00d1e2c3b4a5968";
  r.purpose.subnet_ids = {"subnet-0123456789abcdef0"};
  r.purpose.services = domain::default_services();
  r.azs = 1;
  r.created = kNow - 47min;
  r.age = 47min;
  r.expires_in = 73min;
  r.hourly_usd = 0.042;
  r.cost_so_far_usd = 0.042;
  return r;
}

TEST(FormatDuration, HoursAndMinutesThenDaysAndHours) {
  EXPECT_EQ(format_duration(0s), "0:00");
  EXPECT_EQ(format_duration(59s), "0:00");
  EXPECT_EQ(format_duration(47min), "0:47");
  EXPECT_EQ(format_duration(23h + 59min), "23:59");
  EXPECT_EQ(format_duration(74h + 10min), "3d 2h");
  EXPECT_EQ(format_duration(-5s), "0:00");
}

TEST(RenderStatus, OneRegionTable) {
  workflows::StatusReport report{"ap-northeast-1", {"ap-northeast-1"}, {}, {}, {}, kNow};
  report.stacks.push_back(row("ssmlink-vpc-0f00d1e2c3b4a5968", "ap-northeast-1"));
  domain::StackRow old = row("ssmlink-old", "ap-northeast-1");
  old.expires_in = -1h;
  old.expired = true;
  report.stacks.push_back(old);
  EXPECT_EQ(status_text(report, false),
            "STACK                          STATE            VPC                    AZS  SERVICES"
            "                      AGE  EXPIRES     HOURLY  COST SO FAR\n"
            "ssmlink-vpc-0f00d1e2c3b4a5968  CREATE_COMPLETE  vpc-0f00d1e2c3b4a5968    1  "
            "ssm,ssmmessages,ec2messages  0:47  in 1:13  0.042 USD     0.04 USD\n"
            "ssmlink-old                    CREATE_COMPLETE  vpc-0f00d1e2c3b4a5968    1  "
            "ssm,ssmmessages,ec2messages  0:47  expired  0.042 USD     0.04 USD\n"
            "1 stack has expired: ssmlink down --expired\n");
}

TEST(RenderStatus, ManyRegionsUnpricedAndUnreadable) {
  workflows::StatusReport report{
      "us-east-1", {"us-east-1", "us-east-2", "me-south-1"}, {}, {}, {"us-east-2"}, kNow};
  for (const char* name : {"a", "b"}) {
    domain::StackRow r = row(name, "us-east-2");
    r.hourly_usd.reset();
    r.cost_so_far_usd.reset();
    r.expired = true;
    report.stacks.push_back(r);
  }
  report.unreadable_regions.push_back({"me-south-1", "InvalidClientTokenId: not enabled"});
  std::string text = status_text(report, false);
  EXPECT_TRUE(text.starts_with("STACK  REGION     STATE")) << text;
  EXPECT_NE(text.find("expired       —            —\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2 stacks have expired: ssmlink down --expired\n"), std::string::npos);
  EXPECT_NE(text.find("No endpoint price for us-east-2 in data/pricing.json"), std::string::npos);
  EXPECT_TRUE(text.ends_with("me-south-1 not read: InvalidClientTokenId: not enabled\n")) << text;

  auto json = status_json(report);
  EXPECT_EQ(json["stacks"][0]["hourly_usd"], nullptr);
  EXPECT_EQ(json["stacks"][0]["cost_so_far_usd"], nullptr);
  EXPECT_EQ(json["unreadable_regions"][0]["region"], "me-south-1");
  EXPECT_EQ(json["unpriced_regions"][0], "us-east-2");
}

TEST(RenderStatus, NoStacks) {
  workflows::StatusReport one{"eu-west-1", {"eu-west-1"}, {}, {}, {}, kNow};
  EXPECT_EQ(status_text(one, false), "No ssmlink stacks in eu-west-1.\n");
  workflows::StatusReport all{"eu-west-1", {"eu-west-1", "eu-west-2", "me-south-1"},
                              {},          {{"me-south-1", "refused"}},
                              {},          kNow};
  EXPECT_EQ(status_text(all, false),
            "No ssmlink stacks in any of 2 regions read.\nme-south-1 not read: refused\n");
}

TEST(RenderStatus, ColourOnlyWhenAsked) {
  workflows::StatusReport report{"us-east-1", {"us-east-1"}, {}, {}, {}, kNow};
  domain::StackRow r = row("x", "us-east-1");
  r.expired = true;
  r.expires_in = -1s;
  report.stacks.push_back(r);
  EXPECT_EQ(status_text(report, false).find('\033'), std::string::npos);
  EXPECT_NE(status_text(report, true).find("\033[33mexpired\033[0m"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::cli
