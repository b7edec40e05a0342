// `ssmlink status` end to end: stacks created with the AWS CLI in the emulator, one of
// them not ssmlink's, listed by the real session, signer and libcurl.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/app.hpp"
#include "domain/partitions.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/clock.hpp"
#include "workflows/cost.hpp"

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using testing::AwsCli;
using testing::RunningEmulator;
using testing::TempDir;

using testing::seed::kInstanceSg;
using testing::seed::kVpc;
constexpr const char* kSubnetA = testing::seed::kSubnet;
constexpr const char* kSubnetB = "subnet-0fedcba9876543210";

// us-east-1's price of one interface endpoint in one AZ for an hour, from the price book.
double endpoint_hour() {
  return domain::resolve_prices(workflows::price_book(), "us-east-1", {})->endpoint_hour.usd;
}

std::string usd3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f USD", value);
  return buffer;
}

using Outcome = testing::CliRun;

class StatusAgainstTheEmulator : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = new RunningEmulator({"--provision-ms", "50"}); }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override { emulator_->load_scenario("seed"); }

  Outcome ssmlink(const std::vector<std::string>& args, const std::string& endpoint = "") {
    return testing::run_ssmlink(args, endpoint.empty() ? emulator_->url() : endpoint, home_.path());
  }

  // A stack made with the AWS CLI from ssmlink's resolved template, with these stack tags.
  void create_stack(const std::string& name, std::vector<std::string> template_flags,
                    const Json& tags) {
    std::vector<std::string> args = {"template", "--resolved", "--format",      "json",
                                     "--vpc",    kVpc,         "--instance-sg", kInstanceSg};
    args.insert(args.end(), template_flags.begin(), template_flags.end());
    Outcome rendered = ssmlink(args);
    ASSERT_EQ(rendered.code, 0) << rendered.err;
    std::string path = home_.write(name + ".json", rendered.out);
    AwsCli aws(*emulator_);
    aws.json({"cloudformation", "create-stack", "--stack-name", name, "--template-body",
              "file://" + path, "--tags", tags.dump()});
    std::string status;
    for (int i = 0; i < 100; ++i) {
      status = aws.json(
          {"cloudformation", "describe-stacks", "--stack-name", name})["Stacks"][0]["StackStatus"];
      if (status.find("IN_PROGRESS") == std::string::npos) break;
      std::this_thread::sleep_for(50ms);
    }
    ASSERT_EQ(status, "CREATE_COMPLETE") << name;
  }

  static Json tag(const std::string& key, const std::string& value) {
    return Json{{"Key", key}, {"Value", value}};
  }

  // Two ssmlink stacks (one expired) and one that is not ssmlink's.
  void create_three_stacks() {
    auto now = std::chrono::system_clock::now();
    create_stack("ssmlink-vpc-0f00d1e2c3b4a5968", {"--subnet", kSubnetA, "--subnet", kSubnetB},
                 Json::array({tag("ssmlink:managed", "true"), tag("ssmlink:version", "0.1.0"),
                              tag("ssmlink:vpc", kVpc),
                              tag("ssmlink:subnets", std::string(kSubnetA) + "," + kSubnetB),
                              tag("ssmlink:services", "ssm,ssmmessages,ec2messages"),
                              tag("ssmlink:instance", "i-0a1b2c3d4e5f67890"),
                              tag("ssmlink:expires-at", format_iso8601(now + 2h))}));
    // Without private DNS, so that its endpoints do not clash with the first stack's.
    create_stack(
        "ssmlink-old", {"--subnet", kSubnetA, "--services", "ssm,ssmmessages", "--no-private-dns"},
        Json::array({tag("ssmlink:managed", "true"), tag("ssmlink:vpc", kVpc),
                     tag("ssmlink:subnets", kSubnetA), tag("ssmlink:services", "ssm,ssmmessages"),
                     tag("ssmlink:expires-at", format_iso8601(now - 1h))}));
    create_stack("not-ours", {"--subnet", kSubnetB, "--services", "ssm", "--no-private-dns"},
                 Json::array({tag("team", "network")}));
  }

  static RunningEmulator* emulator_;
  TempDir home_;
};

RunningEmulator* StatusAgainstTheEmulator::emulator_ = nullptr;

TEST_F(StatusAgainstTheEmulator, SaysSoWhenThereAreNoStacks) {
  Outcome status = ssmlink({"status"});
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_EQ(status.out, "No ssmlink stacks in us-east-1.\n");
}

TEST_F(StatusAgainstTheEmulator, ListsSsmlinksStacksAndFlagsTheExpiredOne) {
  create_three_stacks();
  Outcome status = ssmlink({"status"});
  ASSERT_EQ(status.code, 0) << status.err;
  std::cout << status.out;  // the README's example
  EXPECT_TRUE(status.out.starts_with("STACK")) << status.out;
  for (const char* header :
       {"STATE", "VPC", "AZS", "SERVICES", "AGE", "EXPIRES", "HOURLY", "COST SO FAR"}) {
    EXPECT_NE(status.out.find(header), std::string::npos) << header;
  }
  EXPECT_EQ(status.out.find("not-ours"), std::string::npos) << status.out;
  EXPECT_EQ(status.out.find("REGION"), std::string::npos) << "one region, no region column";
  std::istringstream lines(status.out);
  std::string header, row1, row2, note, rest;
  std::getline(lines, header);
  std::getline(lines, row1);
  std::getline(lines, row2);
  std::getline(lines, note);
  EXPECT_FALSE(std::getline(lines, rest)) << status.out;
  // Both were created within seconds: either may come first.
  bool vpc_first = row1.starts_with("ssmlink-vpc-");
  const std::string& first = vpc_first ? row1 : row2;
  const std::string& second = vpc_first ? row2 : row1;
  // 3 interface endpoints in 2 AZs; 2 in 1.
  EXPECT_TRUE(first.starts_with("ssmlink-vpc-0f00d1e2c3b4a5968 ")) << first;
  EXPECT_NE(first.find("CREATE_COMPLETE"), std::string::npos) << first;
  EXPECT_NE(first.find("ssm,ssmmessages,ec2messages"), std::string::npos) << first;
  EXPECT_NE(first.find("in 1:59"), std::string::npos) << first;
  EXPECT_NE(first.find(usd3(6 * endpoint_hour())), std::string::npos) << first;
  EXPECT_TRUE(second.starts_with("ssmlink-old ")) << second;
  EXPECT_NE(second.find("expired"), std::string::npos) << second;
  EXPECT_NE(second.find(usd3(2 * endpoint_hour())), std::string::npos) << second;
  EXPECT_EQ(note, "1 stack has expired: ssmlink down --expired");
}

TEST_F(StatusAgainstTheEmulator, JsonHasEveryField) {
  create_three_stacks();
  Outcome status = ssmlink({"status", "--output", "json"});
  ASSERT_EQ(status.code, 0) << status.err;
  Json report = Json::parse(status.out);
  EXPECT_EQ(report["region"], "us-east-1");
  EXPECT_EQ(report["regions"], Json::array({"us-east-1"}));
  EXPECT_EQ(report["unreadable_regions"], Json::array());
  ASSERT_EQ(report["stacks"].size(), 2u) << status.out;
  bool vpc_first = report["stacks"][0]["name"] != "ssmlink-old";
  const Json& first = report["stacks"][vpc_first ? 0 : 1];
  EXPECT_EQ(first["name"], "ssmlink-vpc-0f00d1e2c3b4a5968");
  EXPECT_TRUE(first["stack_id"].get<std::string>().starts_with("arn:aws:cloudformation:us-east-1:"))
      << first["stack_id"];
  EXPECT_EQ(first["status"], "CREATE_COMPLETE");
  EXPECT_EQ(first["region"], "us-east-1");
  EXPECT_EQ(first["vpc"], kVpc);
  EXPECT_EQ(first["subnets"], Json::array({kSubnetA, kSubnetB}));
  EXPECT_EQ(first["azs"], 2);
  EXPECT_EQ(first["services"], Json::array({"ssm", "ssmmessages", "ec2messages"}));
  EXPECT_EQ(first["instance"], "i-0a1b2c3d4e5f67890");
  Clock::TimePoint created;
  EXPECT_TRUE(parse_iso8601(first["created"].get<std::string>(), created)) << first["created"];
  EXPECT_GE(first["age_seconds"].get<long>(), 0);
  EXPECT_LT(first["age_seconds"].get<long>(), 600);
  EXPECT_TRUE(first["expires_at"].is_string());
  EXPECT_EQ(first["expired"], false);
  EXPECT_NEAR(first["hourly_usd"].get<double>(), 6 * endpoint_hour(), 1e-9);
  EXPECT_TRUE(first["cost_so_far_usd"].is_number());
  const Json& second = report["stacks"][vpc_first ? 1 : 0];
  EXPECT_EQ(second["name"], "ssmlink-old");
  EXPECT_EQ(second["expired"], true);
  EXPECT_EQ(second["instance"], nullptr);
  EXPECT_NEAR(second["hourly_usd"].get<double>(), 2 * endpoint_hour(), 1e-9);
}

TEST_F(StatusAgainstTheEmulator, AllRegionsReadsThePartitionsRegions) {
  create_three_stacks();
  Outcome status = ssmlink({"status", "--all-regions", "--output", "json"});
  ASSERT_EQ(status.code, 0) << status.err;
  Json report = Json::parse(status.out);
  EXPECT_EQ(report["regions"].size(), domain::partition_of("us-east-1")->regions.size());
  EXPECT_EQ(report["unreadable_regions"], Json::array());
  ASSERT_EQ(report["stacks"].size(), 2u);  // the emulator's other regions are empty
  EXPECT_EQ(report["stacks"][0]["region"], "us-east-1");

  Outcome text = ssmlink({"status", "--all-regions"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("REGION"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(" us-east-1 "), std::string::npos) << text.out;
}

TEST_F(StatusAgainstTheEmulator, AnUnreachableRegionFailsWithExitCode1) {
  Outcome status = ssmlink({"status"}, "http://127.0.0.1:1");
  EXPECT_EQ(status.code, 1);
  EXPECT_EQ(status.out, "");
  EXPECT_TRUE(status.err.starts_with("ssmlink: error: ")) << status.err;
  EXPECT_NE(status.err.find("127.0.0.1:1"), std::string::npos) << status.err;
  // A refused connection is a wrong endpoint, not a passing fault: not waited for.
  EXPECT_EQ(status.err.find("Retrying"), std::string::npos) << status.err;
}

TEST_F(StatusAgainstTheEmulator, HelpHasExamples) {
  Outcome help = ssmlink({"status", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--all-regions"), std::string::npos);
  EXPECT_NE(help.out.find("ssmlink status --all-regions"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::cli
