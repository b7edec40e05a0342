#include "cli/app.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/suggest.hpp"
#include "tests/support/cfn_yaml.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/files.hpp"

namespace ssmlink::cli {
namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run_cli(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  std::ostringstream out, err;
  MapEnvironment environment(std::move(env));
  int code = run(args, out, err, environment);
  return {code, out.str(), err.str()};
}

using testing::TempDir;

TEST(Cli, VersionAndHelp) {
  auto version = run_cli({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_TRUE(version.out.starts_with("ssmlink "));
  auto help = run_cli({"--help"});
  EXPECT_EQ(help.code, 0);
  for (const char* command : {"template", "cost", "demo"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  for (const char* command : {"template", "cost"}) {
    auto sub = run_cli({command, "--help"});
    EXPECT_EQ(sub.code, 0);
    EXPECT_NE(sub.out.find("Examples:"), std::string::npos) << command;
    EXPECT_NE(sub.out.find("--region"), std::string::npos) << command;
  }
}

TEST(Cli, MistypedCommandGetsASuggestion) {
  auto result = run_cli({"tempalte"});
  EXPECT_EQ(result.code, 2);
  EXPECT_NE(result.err.find("unknown command \"tempalte\"; did you mean \"template\"?"),
            std::string::npos);
  EXPECT_EQ(closest("cots", {"cost", "demo", "template"}), "cost");
  EXPECT_FALSE(closest("zzzzzz", {"cost", "demo"}));
}

// Each bad input: exit 2 and a one-line error that names the value.
TEST(Cli, BadInputIsAOneLineErrorWithExitCode2) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"template", "--vpc", "vpc-xyz"}, "--vpc: \"vpc-xyz\" is not a VPC ID"},
      {{"template", "--vpc", "vpc-"}, "\"vpc-\" is not a VPC ID"},
      {{"template", "--subnet", "subnet-12"}, "\"subnet-12\" is not a subnet ID"},
      {{"template", "--instance-sg", "sg-zz"}, "\"sg-zz\" is not a security group ID"},
      {{"doctor", "--instance", "i-nope"}, "\"i-nope\" is not an instance ID"},
      {{"template", "--route-table", "rtb-1"}, "\"rtb-1\" is not a route table ID"},
      {{"template", "--services", "ssm,foo"}, "\"foo\" is not a service"},
      {{"template", "--services", "s3"}, "--services s3 needs --route-table"},
      {{"template", "--route-table", "rtb-12345678"}, "--route-table is only used by the s3"},
      {{"template", "--format", "xml"}, "\"xml\" is not a template format"},
      {{"template", "--egress", "open"}, "\"open\" is not an egress mode"},
      {{"template", "--source-cidr", "10.0.0.1"}, "\"10.0.0.1\" is not a CIDR block"},
      {{"template", "--tag", "novalue"}, "\"novalue\" is not a tag"},
      {{"template", "--tag", "aws:x=1"}, "reserved by AWS"},
      {{"template", "--tag", "a=1", "--tag", "a=2"}, "\"a\" is given twice"},
      {{"template", "--resolved"}, "--resolved needs --vpc"},
      {{"template", "--seed-compatible", "--name", "x"}, "cannot be combined with --name"},
      {{"template", "--seed-compatible", "--source-cidr", "10.0.0.0/8"},
       "cannot be combined with --source-cidr"},
      {{"template", "--resolved", "--vpc", "vpc-12345678", "--subnet", "subnet-12345678",
        "--instance-sg", "sg-12345678", "--region", "mars-1"},
       "\"mars-1\" is not an AWS region"},
      {{"cost", "--region", "moon"}, "\"moon\" is not an AWS region"},
      {{"cost", "--region", "eu-west-1", "--hours", "-5"}, "\"-5\" is not a number of hours"},
      {{"cost", "--region", "eu-west-1", "--hours", "0"}, "\"0\" is not a number of hours"},
      {{"cost", "--region", "eu-west-1", "--gb", "ten"}, "\"ten\" is not a number of GB"},
      {{"cost", "--region", "eu-west-1", "--gb", "nan"}, "\"nan\" is not a number of GB"},
      {{"cost", "--region", "eu-west-1", "--azs", "0"}, "\"0\" is not a whole number"},
      {{"cost", "--region", "eu-west-1", "--azs", "1.5"}, "\"1.5\" is not a whole number"},
      {{"cost", "--region", "eu-west-1", "--nat-gateways", "x"}, "\"x\" is not a whole number"},
      {{"cost", "--region", "eu-west-1", "--price-nat-gb", "-1"}, "\"-1\" is not a price"},
      {{"cost", "--region", "eu-west-1", "--services", "bogus"}, "\"bogus\" is not a service"},
      {{"cost", "--region", "cn-north-1"}, "no prices for cn-north-1"},
      {{"cost"}, "no region: give --region"},
      {{"template", "--bogus"}, "unknown option or argument: --bogus"},
      {{"template", "--output", "yaml"}, "--output"},
  };
  for (const auto& [args, expected] : cases) {
    SCOPED_TRACE(::testing::PrintToString(args));
    auto result = run_cli(args);
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
    EXPECT_TRUE(result.err.starts_with("ssmlink: error: ")) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(result.out, "");
  }
}

TEST(Cli, RegionComesFromTheEnvironmentToo) {
  auto result = run_cli({"cost", "--output", "json"}, {{"AWS_DEFAULT_REGION", "eu-west-1"}});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["region"], "eu-west-1");
  result = run_cli({"cost", "--output", "json"},
                   {{"AWS_REGION", "us-east-1"}, {"AWS_DEFAULT_REGION", "eu-west-1"}});
  EXPECT_EQ(nlohmann::json::parse(result.out)["region"], "us-east-1");
  result = run_cli({"cost", "--output", "json", "--region", "ap-northeast-1"},
                   {{"AWS_REGION", "us-east-1"}});
  EXPECT_EQ(nlohmann::json::parse(result.out)["region"], "ap-northeast-1");
  result = run_cli({"cost"}, {{"AWS_REGION", "nowhere"}});
  EXPECT_EQ(result.code, 2);
  EXPECT_NE(result.err.find("AWS_REGION: \"nowhere\""), std::string::npos);
}

TEST(Cli, CostJsonHasTheDocumentedFields) {
  auto result = run_cli({"cost", "--region", "ap-northeast-1", "--gb", "100", "--output", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["region"], "ap-northeast-1");
  EXPECT_EQ(json["hours"], 730);
  EXPECT_EQ(json["gb"], 100);
  EXPECT_DOUBLE_EQ(json["endpoints"]["hourly_usd"], 30.66);
  EXPECT_DOUBLE_EQ(json["endpoints"]["data_usd"], 1.0);
  EXPECT_DOUBLE_EQ(json["endpoints"]["total_usd"], 31.66);
  EXPECT_DOUBLE_EQ(json["nat_gateway"]["hourly_usd"], 48.91);  // includes the public IPv4
  EXPECT_DOUBLE_EQ(json["nat_gateway"]["data_usd"], 6.2);
  EXPECT_DOUBLE_EQ(json["nat_gateway"]["total_usd"], 55.11);
  EXPECT_TRUE(json["breakeven_gb"].is_null());
  EXPECT_FALSE(json["prices"]["interface_endpoint_hour"]["source"].get<std::string>().empty());

  auto two_azs = nlohmann::json::parse(
      run_cli({"cost", "--region", "ap-northeast-1", "--azs", "2", "--output", "json"}).out);
  EXPECT_NEAR(two_azs["breakeven_gb"].get<double>(), 238.653846, 1e-5);
}

TEST(Cli, CostTableShowsBothSidesAndTheVerdict) {
  auto result = run_cli({"cost", "--region", "ap-northeast-1", "--gb", "100"});
  ASSERT_EQ(result.code, 0) << result.err;
  for (const char* text : {"endpoints (3)", "NAT gateway", "30.66", "45.26", "3.65", "6.20",
                           "31.66", "55.11", "public IPv4 for the NAT gateway",
                           "Endpoints are cheaper by 23.45 USD at this volume, and stay "
                           "cheaper at any volume."}) {
    EXPECT_NE(result.out.find(text), std::string::npos) << text << "\n" << result.out;
  }
  auto two = run_cli({"cost", "--region", "ap-northeast-1", "--azs", "2"});
  EXPECT_NE(two.out.find("above 238.65 GB endpoints would be cheaper"), std::string::npos)
      << two.out;
}

TEST(Cli, TemplateWritesToAFileOnlyWhenEverythingIsValid) {
  TempDir dir;
  std::string file = (std::filesystem::path(dir.path()) / "t.yaml").string();
  auto bad = run_cli({"template", "--services", "s3", "-o", file});
  EXPECT_EQ(bad.code, 2);
  EXPECT_FALSE(std::filesystem::exists(file));
  auto bad_id = run_cli({"template", "--vpc", "vpc-1", "-o", file});
  EXPECT_EQ(bad_id.code, 2);
  EXPECT_FALSE(std::filesystem::exists(file));

  auto good = run_cli({"template", "--format", "json", "-o", file});
  EXPECT_EQ(good.code, 0) << good.err;
  EXPECT_EQ(good.out, "");
  auto json = nlohmann::json::parse(read_file(file));
  EXPECT_TRUE(json["Parameters"].contains("VpcId"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);  // no temporary left beside it

  auto unwritable = run_cli(
      {"template", "-o", (std::filesystem::path(dir.path()) / "missing" / "t.yaml").string()});
  EXPECT_EQ(unwritable.code, 2);
  EXPECT_NE(unwritable.err.find("cannot write"), std::string::npos);
}

TEST(Cli, ResolvedTemplateUsesTheResolvedRegion) {
  std::vector<std::string> args = {"template", "--resolved",      "--vpc",         "vpc-12345678",
                                   "--subnet", "subnet-12345678", "--instance-sg", "sg-12345678",
                                   "--subnet", "subnet-87654321"};
  auto literal = run_cli(args, {{"AWS_REGION", "us-gov-east-1"}});
  ASSERT_EQ(literal.code, 0) << literal.err;
  auto document = testing::parse_cloudformation_yaml(literal.out);
  auto& properties = document["Resources"]["SsmVpcEndpoint"]["Properties"];
  EXPECT_EQ(properties["ServiceName"], "com.amazonaws.us-gov-east-1.ssm");
  EXPECT_EQ(properties["SubnetIds"], nlohmann::json::array({"subnet-12345678", "subnet-87654321"}));

  auto without_region = run_cli(args);
  ASSERT_EQ(without_region.code, 0) << without_region.err;
  EXPECT_NE(without_region.out.find("!Sub com.amazonaws.${AWS::Region}.ssm"), std::string::npos);
}

TEST(Cli, TagsWithSpecialCharactersRoundTripThroughTheCommandLine) {
  const std::string value = "a: b # \"c\" 'd'\nline two, 日本語 ✓";
  auto result = run_cli({"template", "--tag", "note=" + value, "--name", "ops.team_1"});
  ASSERT_EQ(result.code, 0) << result.err;
  auto document = testing::parse_cloudformation_yaml(result.out);
  auto tags = document["Resources"]["VpcEndpointSecurityGroup"]["Properties"]["Tags"];
  EXPECT_EQ(tags[0], (nlohmann::json{{"Key", "Name"}, {"Value", "ops.team_1-sg"}}));
  EXPECT_EQ(tags.back(), (nlohmann::json{{"Key", "note"}, {"Value", value}}));
}

// The demo's every step is checked by the demo itself (it exits 1 when one goes wrong);
// here: it ran them all, against its own emulator, and left nothing behind.
TEST(Cli, DemoRunsTheWholeLoopOnItsOwnEmulator) {
  auto result = run_cli({"demo"});
  EXPECT_EQ(result.code, 0) << result.out << result.err;
  for (const char* step : {"$ ssmlink doctor --instance", "$ ssmlink up --instance",
                           "$ ssmlink status", "$ ssmlink down --instance"}) {
    EXPECT_NE(result.out.find(step), std::string::npos) << step;
  }
  EXPECT_NE(result.out.find("Online (agent"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("No ssmlink stacks in us-east-1."), std::string::npos);
  EXPECT_NE(result.out.find("Demo complete"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::cli
