// A diagnosis never loses its whole report because one side call failed: whatever the
// failure (an HTML 500 page, a cut-off or unreadable answer, a denial, an unknown error,
// 5xx after retries), that call's checks become warnings naming it and the rest still run.
// Only the calls that read the target itself end the run, with exit 1 and the reason.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/running_emulator.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::cli {
namespace {

using Json = nlohmann::json;
using testing::RunningEmulator;
using testing::TempDir;
using testing::seed::kInstance;

// The calls doctor may do without, and the kinds of failure each must survive.
const std::vector<std::string> kSideCalls = {"ec2:DescribeVpcAttribute",
                                             "ec2:DescribeSecurityGroups",
                                             "ec2:DescribeNetworkAcls",
                                             "ec2:DescribeRouteTables",
                                             "ec2:DescribeVpcEndpoints",
                                             "ec2:DescribeVpcEndpointServices",
                                             "ssm:DescribeInstanceInformation",
                                             "ssm:GetDocument",
                                             "iam:GetInstanceProfile",
                                             "iam:GetRole",
                                             "iam:ListAttachedRolePolicies",
                                             "iam:ListRolePolicies",
                                             "iam:GetPolicy",
                                             "iam:GetPolicyVersion"};
const std::vector<std::string> kBadAnswers = {"html", "truncate", "garbage", "denied", "unknown"};

class Degrade : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = new RunningEmulator({"--provision-ms", "50"}); }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override { emulator_->load_scenario("seed"); }
  void TearDown() override { fail_only(Json::object()); }

  void fail_only(const Json& operations) {
    Json body = Json::object();
    body["operations"] = operations.is_null() ? Json::object() : operations;
    // The faults' draws start afresh, so a test sees the same ones whatever ran before it.
    body["seed"] = 1;
    emulator_->admin_post("faults", body.dump());
  }
  void fail_only(const std::string& call, const std::string& kind) {
    Json operations = Json::object();
    operations[call] = kind;
    fail_only(operations);
  }

  testing::CliRun ssmlink(std::vector<std::string> args) {
    args.insert(args.end(), {"--api-timeout", "1"});
    return testing::run_ssmlink(args, emulator_->url(), home_.path());
  }

  // The warnings that name `call`.
  static std::vector<Json> warnings_naming(const Json& findings, const std::string& call) {
    std::vector<Json> found;
    for (const Json& finding : findings) {
      std::string text = finding.value("detail", "") + " " + finding.value("fix", "");
      if (finding["severity"] == "warning" && text.find(call) != std::string::npos) {
        found.push_back(finding);
      }
    }
    return found;
  }

  static Json findings_of(const testing::CliRun& run) { return run.json(); }

  static inline RunningEmulator* emulator_ = nullptr;
  TempDir home_;
};

TEST_F(Degrade, EveryFailingSideCallBecomesAWarningAndTheOtherChecksStillRun) {
  testing::CliRun healthy = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
  ASSERT_EQ(healthy.code, 3) << healthy.err;
  size_t healthy_count = findings_of(healthy).size();
  for (const std::string& call : kSideCalls) {
    for (const std::string& kind : kBadAnswers) {
      SCOPED_TRACE(call + "=" + kind);
      fail_only(call, kind);
      testing::CliRun run = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
      ASSERT_TRUE(run.code == 0 || run.code == 3) << run.code << run.err << run.out;
      Json findings = findings_of(run);
      auto named = warnings_naming(findings, call);
      ASSERT_FALSE(named.empty()) << findings.dump(2);
      EXPECT_FALSE(named.front()["fix"].get<std::string>().empty());
      // The others ran: about as many findings as without the failure.
      EXPECT_GE(findings.size() + 3, healthy_count) << findings.dump(2);
    }
  }
}

TEST_F(Degrade, TheThirdPartyEmulatorCaseAnHtml500ForAgentStatusIsAWarning) {
  fail_only("ssm:DescribeInstanceInformation", "html");
  testing::CliRun run = ssmlink({"doctor", "--instance", kInstance});
  EXPECT_EQ(run.code, 3) << run.err << run.out;  // the seed VPC has no path: still said
  EXPECT_NE(run.out.find("path.none"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("! agent.status"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ssm:DescribeInstanceInformation"), std::string::npos) << run.out;
  testing::CliRun json = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
  auto named = warnings_naming(findings_of(json), "ssm:DescribeInstanceInformation");
  ASSERT_EQ(named.size(), 1u) << json.out;
  EXPECT_EQ(named.front()["id"], "agent.status");
  EXPECT_NE(named.front()["detail"].get<std::string>().find("HTML"), std::string::npos);
}

TEST_F(Degrade, ServerErrorsAfterRetriesAreAWarningToo) {
  fail_only("ec2:DescribeNetworkAcls", "5xx");
  testing::CliRun run = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
  ASSERT_EQ(run.code, 3) << run.err;
  auto named = warnings_naming(findings_of(run), "ec2:DescribeNetworkAcls");
  ASSERT_FALSE(named.empty());
  EXPECT_NE(named.front()["fix"].get<std::string>().find("run doctor again"), std::string::npos);
}

TEST_F(Degrade, ADenialAsksForThePermission) {
  fail_only("ec2:DescribeVpcEndpoints", "denied");
  testing::CliRun run = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
  auto named = warnings_naming(findings_of(run), "ec2:DescribeVpcEndpoints");
  ASSERT_FALSE(named.empty()) << run.out << run.err;
  EXPECT_NE(named.front()["fix"].get<std::string>().find("allow ec2:DescribeVpcEndpoints"),
            std::string::npos);
}

TEST_F(Degrade, TheTargetsOwnCallsEndTheRunWithTheReason) {
  for (std::string call : {"ec2:DescribeInstances", "ec2:DescribeVpcs", "ec2:DescribeSubnets"}) {
    SCOPED_TRACE(call);
    fail_only(call, "html");
    testing::CliRun run = ssmlink({"doctor", "--instance", kInstance});
    EXPECT_EQ(run.code, 1) << run.out << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_TRUE(run.err.find("ssmlink: error: ") != std::string::npos) << run.err;
    EXPECT_NE(run.err.find("HTML"), std::string::npos) << run.err;
  }
}

TEST_F(Degrade, TheTargetsOwnCallsAreTriedAgainWhileThrottled) {
  fail_only("ec2:DescribeInstances", "throttle@0.7");
  testing::CliRun run = testing::run_ssmlink(
      {"doctor", "--instance", kInstance, "--output", "json", "--api-timeout", "120"},
      emulator_->url(), home_.path());
  EXPECT_EQ(run.code, 3) << run.err;
  EXPECT_NE(run.err.find("Retrying EC2 DescribeInstances"), std::string::npos) << run.err;
}

TEST_F(Degrade, UpsPreflightDegradesTooAndTheStackIsCreated) {
  Json operations = Json::object();
  operations["ec2:DescribeNetworkAcls"] = "html";
  operations["ssm:GetDocument"] = "denied";
  fail_only(operations);
  testing::CliRun up = ssmlink({"up", "--instance", kInstance, "--output", "json"});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  Json report = up.json();
  EXPECT_EQ(report["status"], "CREATE_COMPLETE");
  EXPECT_FALSE(warnings_naming(report["preflight"], "ec2:DescribeNetworkAcls").empty())
      << report["preflight"].dump(2);
  fail_only(Json::object());
  EXPECT_EQ(ssmlink({"down", "--instance", kInstance}).code, 0);
}

}  // namespace
}  // namespace ssmlink::cli
