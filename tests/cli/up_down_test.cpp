// up, down and status against the emulator: the whole loop, AWS saying no, endpoints that
// already exist, stacks that are not ssmlink's, expiry, Ctrl-C and resume, and a flaky
// API. Each test checks what AWS holds afterwards (with the AWS CLI), not only exit codes.
#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/clock.hpp"

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using testing::AwsCli;
using testing::RunningEmulator;
using testing::TempDir;

using testing::seed::kInstance;
using testing::seed::kVpc;
using Result = testing::CliRun;
constexpr const char* kStack = "ssmlink-vpc-0f00d1e2c3b4a5968";

class UpDown : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new RunningEmulator({"--provision-ms", "60", "--online-delay-ms", "100"});
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override { load("seed"); }

  void load(const std::string& scenario) {
    emulator_->load_scenario(scenario);
    emulator_->admin_post("faults", R"({"throttle": 0, "5xx": 0})");
    earlier_requests_ = emulator_->requests().size();
  }

  Result ssmlink(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& extra = {}) {
    return testing::run_ssmlink(args, emulator_->url(), home_.path(), extra);
  }

  // This test's calls of one action (the request log spans the suite).
  int calls(const std::string& action) const {
    auto requests = emulator_->requests();
    int count = 0;
    for (size_t i = earlier_requests_; i < requests.size(); ++i) {
      count += requests[i]["action"] == action;
    }
    return count;
  }

  // Stacks that exist (not deleted), and the VPC endpoints, as the AWS CLI sees them.
  std::vector<std::string> live_stacks() const {
    std::vector<std::string> names;
    Json stacks = aws().json({"cloudformation", "describe-stacks"});
    for (const auto& stack : stacks["Stacks"]) {
      names.push_back(stack["StackName"]);
    }
    return names;
  }
  size_t endpoints() const {
    return aws().json({"ec2", "describe-vpc-endpoints"})["VpcEndpoints"].size();
  }
  AwsCli aws() const { return AwsCli(*emulator_); }

  void create_stack_with_the_aws_cli(const std::string& name,
                                     const std::vector<std::string>& tags) {
    Result rendered = ssmlink({"template", "--format", "json", "--resolved", "--region",
                               "us-east-1", "--vpc", kVpc, "--subnet", "subnet-0123456789abcdef0",
                               "--instance-sg", "sg-0aa11bb22cc33dd44", "--services", "ssm"});
    ASSERT_EQ(rendered.code, 0) << rendered.err;
    std::string path = home_.write(name + ".json", rendered.out);
    std::vector<std::string> args{"cloudformation",  "create-stack",  "--stack-name", name,
                                  "--template-body", "file://" + path};
    if (!tags.empty()) {
      args.push_back("--tags");
      args.insert(args.end(), tags.begin(), tags.end());
    }
    aws().json(args);
    for (int i = 0; i < 100; ++i) {
      Json stack = aws().json({"cloudformation", "describe-stacks", "--stack-name", name});
      if (!stack["Stacks"][0]["StackStatus"].get<std::string>().ends_with("_IN_PROGRESS")) return;
      std::this_thread::sleep_for(50ms);
    }
  }

  static RunningEmulator* emulator_;
  TempDir home_;
  size_t earlier_requests_ = 0;
};

RunningEmulator* UpDown::emulator_ = nullptr;

TEST_F(UpDown, TheWholeLoopLeavesNothingBehind) {
  Result up = ssmlink({"up", "--instance", kInstance, "--ttl", "2h", "--output", "json"});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  Json report = up.json();
  EXPECT_EQ(report["outcome"], "created");
  EXPECT_EQ(report["status"], "CREATE_COMPLETE");
  EXPECT_EQ(report["stack_name"], kStack);
  EXPECT_EQ(report["agent"]["ping_status"], "Online");
  EXPECT_EQ(report["connect"],
            std::string("ssmlink connect --instance ") + kInstance + " --region us-east-1");
  ASSERT_EQ(report["resources"].size(), 4u);
  for (const auto& resource : report["resources"]) {
    EXPECT_EQ(resource["status"], "CREATE_COMPLETE");
    EXPECT_FALSE(resource["physical_id"].get<std::string>().empty());
  }
  EXPECT_TRUE(report["expires_at"].is_string());
  EXPECT_GT(report["hourly_usd"].get<double>(), 0);
  EXPECT_TRUE(report["timings"]["stack_seconds"].is_number());
  EXPECT_EQ(endpoints(), 3u);

  // The stack carries ssmlink's ownership and purpose.
  Json stack = aws().json({"cloudformation", "describe-stacks", "--stack-name", kStack});
  std::map<std::string, std::string> tags;
  for (const auto& tag : stack["Stacks"][0]["Tags"])
    tags[tag["Key"]] = tag["Value"];
  EXPECT_EQ(tags["ssmlink:managed"], "true");
  EXPECT_EQ(tags["ssmlink:vpc"], kVpc);
  EXPECT_EQ(tags["ssmlink:instance"], kInstance);
  EXPECT_EQ(tags["ssmlink:services"], "ssm,ssmmessages,ec2messages");
  EXPECT_TRUE(tags.contains("ssmlink:expires-at"));

  // Again: attaches to what is there, creates nothing.
  Result again = ssmlink({"up", "--instance", kInstance, "--output", "json"});
  ASSERT_EQ(again.code, 0) << again.out << again.err;
  EXPECT_EQ(again.json()["outcome"], "already-up");
  EXPECT_EQ(calls("CreateStack"), 1);
  EXPECT_EQ(endpoints(), 3u);

  Result status = ssmlink({"status", "--output", "json"});
  ASSERT_EQ(status.code, 0) << status.err;
  ASSERT_EQ(status.json()["stacks"].size(), 1u);
  EXPECT_EQ(status.json()["stacks"][0]["name"], kStack);

  Result down = ssmlink({"down", "--instance", kInstance, "--output", "json"});
  ASSERT_EQ(down.code, 0) << down.out << down.err;
  Json deleted = down.json();
  EXPECT_EQ(deleted["outcome"], "deleted");
  ASSERT_EQ(deleted["stacks"].size(), 1u);
  EXPECT_EQ(deleted["stacks"][0]["status"], "DELETE_COMPLETE");
  EXPECT_TRUE(live_stacks().empty());
  EXPECT_EQ(endpoints(), 0u);

  Result nothing = ssmlink({"down", "--stack", kStack});
  EXPECT_EQ(nothing.code, 0) << nothing.err;
  EXPECT_NE(nothing.out.find("Nothing to delete"), std::string::npos) << nothing.out;
}

TEST_F(UpDown, TextOutputNamesTheStackAndHowToConnectAndUndo) {
  Result up = ssmlink({"up", "--instance", kInstance});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  EXPECT_NE(up.out.find(std::string("VpcEndpointSecurityGroup CREATE_COMPLETE")), std::string::npos)
      << up.out;
  EXPECT_NE(up.out.find(std::string(kStack) + " CREATE_COMPLETE"), std::string::npos);
  EXPECT_NE(up.out.find("Online (agent"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("Connect: ssmlink connect --instance"), std::string::npos);
  EXPECT_NE(up.out.find(std::string("Undo:    ssmlink down --stack ") + kStack), std::string::npos);
  EXPECT_EQ(ssmlink({"down", "--stack", kStack}).code, 0);
}

TEST_F(UpDown, DnsOffIsBlockedBeforeAnythingIsCreated) {
  load("dns-hostnames-off");
  Result up = ssmlink({"up", "--instance", kInstance});
  EXPECT_EQ(up.code, 3) << up.out << up.err;
  EXPECT_NE(up.out.find("vpc.dns-hostnames"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("modify-vpc-attribute"), std::string::npos) << up.out;
  EXPECT_EQ(calls("CreateStack"), 0);
}

TEST_F(UpDown, ForcedUpOnDnsOffReportsTheRootCauseAndCleansUp) {
  load("dns-hostnames-off");
  Result up = ssmlink({"up", "--instance", kInstance, "--force"});
  EXPECT_EQ(up.code, 1) << up.out << up.err;
  // The root cause once, with AWS's reason, the hint and the fix; not the cascade.
  EXPECT_NE(up.out.find("Failed   "), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("enableDnsSupport and enableDnsHostnames"), std::string::npos);
  EXPECT_NE(up.out.find("Fix      aws ec2 modify-vpc-attribute --vpc-id vpc-0f00d1e2c3b4a5968"),
            std::string::npos)
      << up.out;
  EXPECT_NE(up.out.find("The rolled-back stack was deleted."), std::string::npos);
  EXPECT_TRUE(live_stacks().empty());
  EXPECT_EQ(endpoints(), 0u);

  Result json = ssmlink({"up", "--instance", kInstance, "--force", "--output", "json"});
  EXPECT_EQ(json.code, 1);
  Json report = json.json();
  EXPECT_EQ(report["outcome"], "failed");
  EXPECT_EQ(report["status"], "ROLLBACK_COMPLETE");
  EXPECT_EQ(report["root_cause"]["type"], "AWS::EC2::VPCEndpoint");
  EXPECT_NE(report["hint"]["fix"].get<std::string>().find("--enable-dns-hostnames"),
            std::string::npos);
  EXPECT_TRUE(report["failed_stack_deleted"].get<bool>());
  EXPECT_TRUE(live_stacks().empty());
}

TEST_F(UpDown, WorkingEndpointsAreReusedNotDuplicated) {
  load("endpoints-present");
  size_t before = endpoints();
  Result up = ssmlink({"up", "--instance", kInstance, "--output", "json"});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  EXPECT_EQ(up.json()["outcome"], "nothing-to-do");
  EXPECT_FALSE(up.json()["reused_endpoints"].empty());
  EXPECT_EQ(calls("CreateStack"), 0);
  EXPECT_EQ(endpoints(), before);
}

TEST_F(UpDown, AnInstanceThatNeverComesOnlineSaysWhatIsStillWrong) {
  load("no-instance-profile");
  Result blocked = ssmlink({"up", "--instance", kInstance});
  EXPECT_EQ(blocked.code, 3) << blocked.out;
  EXPECT_EQ(calls("CreateStack"), 0);

  Result forced = ssmlink({"up", "--instance", kInstance, "--force", "--online-timeout", "2"});
  EXPECT_EQ(forced.code, 4) << forced.out << forced.err;
  EXPECT_NE(forced.out.find("did not come Online"), std::string::npos) << forced.out;
  EXPECT_NE(forced.out.find("instance.profile"), std::string::npos) << forced.out;
  EXPECT_NE(forced.out.find(std::string("Undo:    ssmlink down --stack ") + kStack),
            std::string::npos);
  EXPECT_EQ(ssmlink({"down", "--stack", kStack}).code, 0);
}

TEST_F(UpDown, QuietPrintsOnlyTheOutcome) {
  Result up = ssmlink({"up", "--instance", kInstance, "--quiet"});
  ASSERT_EQ(up.code, 0) << up.err;
  EXPECT_EQ(up.out.find("CREATE_IN_PROGRESS"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("Connect: "), std::string::npos) << up.out;
  Result down = ssmlink({"down", "--stack", kStack, "--quiet"});
  EXPECT_EQ(down.code, 0);
  EXPECT_NE(down.out.find("Deleted  "), std::string::npos) << down.out;
}

TEST_F(UpDown, AFailedStackFromAnEarlierRunIsClearedAway) {
  load("dns-hostnames-off");
  // An earlier up that failed and was not cleaned up: ssmlink's tags, ROLLBACK_COMPLETE.
  create_stack_with_the_aws_cli(
      kStack, {"Key=ssmlink:managed,Value=true", "Key=ssmlink:vpc,Value=" + std::string(kVpc)});
  Json before = aws().json({"cloudformation", "describe-stacks", "--stack-name", kStack});
  ASSERT_EQ(before["Stacks"][0]["StackStatus"], "ROLLBACK_COMPLETE");

  // Without private DNS the endpoints need no DNS attributes, so this one succeeds.
  Result up = ssmlink({"up", "--instance", kInstance, "--force", "--no-private-dns",
                       "--no-wait-online", "--output", "json"});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  EXPECT_EQ(up.json()["outcome"], "created");
  EXPECT_EQ(calls("DeleteStack"), 1);
  EXPECT_EQ(live_stacks(), std::vector<std::string>{kStack});
  EXPECT_EQ(ssmlink({"down", "--stack", kStack}).code, 0);
}

TEST_F(UpDown, DeleteFailedShowsTheRootCauseAndARetryWorks) {
  Result up = ssmlink({"up", "--instance", kInstance, "--no-wait-online", "--output", "json"});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  std::string group;
  const Json report = up.json();  // a range-for over up.json()[...] would dangle
  for (const auto& resource : report["resources"]) {
    if (resource["logical_id"] == "VpcEndpointSecurityGroup") group = resource["physical_id"];
  }
  ASSERT_FALSE(group.empty()) << up.out;
  // Someone else's endpoint now uses the stack's group: EC2 refuses to delete it.
  Json other = aws().json({"ec2", "create-vpc-endpoint", "--vpc-id", kVpc, "--vpc-endpoint-type",
                           "Interface", "--service-name", "com.amazonaws.us-east-1.kms",
                           "--subnet-ids", testing::seed::kSubnet, "--security-group-ids", group,
                           "--no-private-dns-enabled"});
  std::string other_id = other["VpcEndpoint"]["VpcEndpointId"];

  Result down = ssmlink({"down", "--stack", kStack});
  EXPECT_EQ(down.code, 1) << down.out << down.err;
  EXPECT_NE(down.out.find("Failed   VpcEndpointSecurityGroup (AWS::EC2::SecurityGroup)"),
            std::string::npos)
      << down.out;
  EXPECT_NE(down.out.find("has a dependent object"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("Fix      aws ec2 describe-network-interfaces --filters "
                          "Name=group-id,Values=" +
                          group),
            std::string::npos)
      << down.out;
  EXPECT_EQ(live_stacks(), std::vector<std::string>{kStack});

  aws().json({"ec2", "delete-vpc-endpoints", "--vpc-endpoint-ids", other_id});
  Result again = ssmlink({"down", "--stack", kStack, "--output", "json"});
  ASSERT_EQ(again.code, 0) << again.out << again.err;
  EXPECT_EQ(again.json()["stacks"][0]["status"], "DELETE_COMPLETE");
  EXPECT_TRUE(live_stacks().empty());
  EXPECT_EQ(endpoints(), 0u);
}

TEST_F(UpDown, DownRefusesAStackThatIsNotSsmlinks) {
  create_stack_with_the_aws_cli("not-ours", {});
  Result down = ssmlink({"down", "--stack", "not-ours"});
  EXPECT_EQ(down.code, 2);
  EXPECT_NE(down.err.find("not ssmlink's"), std::string::npos) << down.err;
  EXPECT_EQ(calls("DeleteStack"), 0);
  EXPECT_EQ(live_stacks(), std::vector<std::string>{"not-ours"});

  // Nor does up take over its name.
  Result up = ssmlink({"up", "--instance", kInstance, "--stack-name", "not-ours"});
  EXPECT_EQ(up.code, 2) << up.out;
  EXPECT_EQ(calls("CreateStack"), 1);  // the AWS CLI's own
}

TEST_F(UpDown, DownExpiredDeletesOnlyStacksPastTheirTime) {
  auto at = [](std::chrono::minutes offset) {
    return format_iso8601(std::chrono::system_clock::now() + offset);
  };
  create_stack_with_the_aws_cli("ssmlink-old", {"Key=ssmlink:managed,Value=true",
                                                "Key=ssmlink:vpc,Value=" + std::string(kVpc),
                                                "Key=ssmlink:expires-at,Value=" + at(-10min)});
  create_stack_with_the_aws_cli("ssmlink-new", {"Key=ssmlink:managed,Value=true",
                                                "Key=ssmlink:vpc,Value=" + std::string(kVpc),
                                                "Key=ssmlink:expires-at,Value=" + at(50min)});
  create_stack_with_the_aws_cli("other-old", {"Key=ssmlink:expires-at,Value=" + at(-10min)});

  Result down = ssmlink({"down", "--expired", "--output", "json"});
  ASSERT_EQ(down.code, 0) << down.out << down.err;
  ASSERT_EQ(down.json()["stacks"].size(), 1u);
  EXPECT_EQ(down.json()["stacks"][0]["stack_name"], "ssmlink-old");
  auto left = live_stacks();
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"other-old", "ssmlink-new"}));
}

TEST_F(UpDown, StatusWatchReportsAFinishedStackAndRefusesAnUnknownOne) {
  ASSERT_EQ(ssmlink({"up", "--instance", kInstance, "--no-wait-online"}).code, 0);
  Result watch = ssmlink({"status", "--watch", kStack, "--output", "json"});
  EXPECT_EQ(watch.code, 0) << watch.err;
  EXPECT_EQ(watch.json()["status"], "CREATE_COMPLETE");
  EXPECT_FALSE(watch.json()["watched"].get<bool>());
  Result unknown = ssmlink({"status", "--watch", "no-such-stack"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("no-such-stack"), std::string::npos);
  EXPECT_EQ(ssmlink({"down", "--stack", kStack}).code, 0);
}

TEST_F(UpDown, AVpcTargetNeedsItsSubnetsAndWhoMayReachThem) {
  Result bare = ssmlink({"up", "--vpc", kVpc});
  EXPECT_EQ(bare.code, 2);
  EXPECT_NE(bare.err.find("--vpc needs --subnet"), std::string::npos) << bare.err;
  Result full = ssmlink({"up", "--vpc", kVpc, "--subnet", testing::seed::kSubnet, "--instance-sg",
                         testing::seed::kInstanceSg, "--output", "json"});
  ASSERT_EQ(full.code, 0) << full.out << full.err;
  EXPECT_EQ(full.json()["outcome"], "created");
  EXPECT_TRUE(full.json()["instance_id"].is_null());
  EXPECT_EQ(ssmlink({"down", "--vpc", kVpc}).code, 0);
  EXPECT_TRUE(live_stacks().empty());
}

TEST_F(UpDown, DownNeedsExactlyOneTarget) {
  EXPECT_EQ(ssmlink({"down"}).code, 2);
  EXPECT_EQ(ssmlink({"down", "--expired", "--vpc", kVpc}).code, 2);
  Result bad = ssmlink({"down", "--stack", "9bad"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("9bad"), std::string::npos) << bad.err;
}

// Default settings (3 attempts per call): the workflows' patience carries them through
// sustained throttling, server errors and dropped connections.
TEST_F(UpDown, SurvivesThrottlingServerErrorsAndResetsWithDefaultSettings) {
  emulator_->admin_post("faults", R"({"throttle": 0.3, "5xx": 0.1, "reset": 0.02, "seed": 7})");
  Result up = ssmlink({"up", "--instance", kInstance, "--output", "json"});
  Result down = ssmlink({"down", "--instance", kInstance, "--output", "json"});
  int faults = 0;
  auto requests = emulator_->requests();
  for (size_t i = earlier_requests_; i < requests.size(); ++i) {
    faults += requests[i].contains("fault");
  }
  emulator_->admin_post("faults", R"({"throttle": 0, "5xx": 0, "reset": 0})");
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  EXPECT_EQ(up.json()["status"], "CREATE_COMPLETE");
  ASSERT_EQ(down.code, 0) << down.out << down.err;
  EXPECT_GT(faults, 5);
  EXPECT_TRUE(live_stacks().empty());
  EXPECT_EQ(endpoints(), 0u);
}

// Ctrl-C needs a process of its own: the real binary, against a slower emulator.
TEST(UpInterrupted, StopsWatchingThenTheNextUpAttaches) {
  RunningEmulator emulator({"--provision-ms", "1500", "--online-delay-ms", "100"});
  TempDir home;
  std::vector<std::string> env{"HOME=" + home.path(),
                               "AWS_ACCESS_KEY_ID=test",
                               "AWS_SECRET_ACCESS_KEY=test",
                               "AWS_REGION=us-east-1",
                               "AWS_ENDPOINT_URL=" + emulator.url(),
                               "PATH=/usr/bin:/bin"};
  auto child = testing::ChildProcess::exec(
      {testing::binary_path("ssmlink"), "up", "--instance", kInstance}, env);
  bool creating = false;
  while (auto line = child.read_line(10s)) {
    if (line->find("CREATE_IN_PROGRESS") != std::string::npos) {
      creating = true;
      break;
    }
  }
  ASSERT_TRUE(creating);
  child.signal(SIGINT);
  std::optional<int> code = child.wait(5s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 130);
  std::string out, err;
  child.pump(out, err, 0ms);
  EXPECT_NE(out.find("Resume:  ssmlink status --watch " + std::string(kStack)), std::string::npos)
      << out;
  EXPECT_NE(out.find("Undo:    ssmlink down --stack " + std::string(kStack)), std::string::npos);

  auto again = testing::run_process(
      {testing::binary_path("ssmlink"), "up", "--instance", kInstance, "--output", "json"}, env,
      60s);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  Json report = Json::parse(again.out);
  EXPECT_TRUE(report["attached"].get<bool>());
  EXPECT_EQ(report["status"], "CREATE_COMPLETE");
  int creates = 0;
  for (const auto& request : emulator.requests())
    creates += request["action"] == "CreateStack";
  EXPECT_EQ(creates, 1);
  auto down =
      testing::run_process({testing::binary_path("ssmlink"), "down", "--stack", kStack}, env, 60s);
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
}

}  // namespace
}  // namespace ssmlink::cli
