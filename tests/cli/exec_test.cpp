// `ssmlink exec` (and connect's temporary access, which it shares) end to end: the real
// client (StartSession, WebSocket, data channel) against the emulator's agent, in-process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunningEmulator;
using testing::seed::kInstance;
constexpr const char* kSeedStack = "ssmlink-vpc-0f00d1e2c3b4a5968";

class Exec : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new RunningEmulator({"--provision-ms", "60", "--online-delay-ms", "100"});
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override {
    emulator_->load_scenario("endpoints-present");
    emulator_->admin_post("session-faults", R"({"drop": 0, "duplicate": 0, "reorder": 0,
                                               "delay": 0})");
  }

  testing::CliRun ssmlink(const std::vector<std::string>& args) {
    return testing::run_ssmlink(args, emulator_->url(), home_.path());
  }
  testing::CliRun exec(const std::string& command) {
    return ssmlink({"exec", "--instance", kInstance, "--", "sh", "-c", command});
  }
  std::vector<std::string> stacks() {
    auto status = ssmlink({"status", "--output", "json"});
    EXPECT_EQ(status.code, 0) << status.err;
    nlohmann::json report = status.json();  // kept: a temporary dies before the loop runs
    std::vector<std::string> names;
    for (const auto& stack : report["stacks"])
      names.push_back(stack.value("name", ""));
    return names;
  }
  // The session's lines, "line-1" to "line-N", each once and in order.
  static std::string numbered_lines(int n) {
    std::string text;
    for (int i = 1; i <= n; ++i)
      text += "line-" + std::to_string(i) + "\n";
    return text;
  }

  static RunningEmulator* emulator_;
  testing::TempDir home_;
};

RunningEmulator* Exec::emulator_ = nullptr;

TEST_F(Exec, StdoutAndStderrStaySeparateAndTheExitCodeIsTheRemoteOne) {
  for (int code : {0, 1, 42}) {
    auto run = exec("echo out; echo err >&2; exit " + std::to_string(code));
    EXPECT_EQ(run.code, code) << run.err;
    EXPECT_EQ(run.out, "out\n");
    EXPECT_THAT(run.err, HasSubstr("err\n"));
    EXPECT_THAT(run.err, Not(HasSubstr("out\n")));
  }
}

TEST_F(Exec, ArgumentsAreQuotedAndOutputIsBinarySafe) {
  auto quoted = ssmlink({"exec", "--instance", kInstance, "--", "printf", "%s|", "a b", "it's"});
  EXPECT_EQ(quoted.code, 0) << quoted.err;
  EXPECT_EQ(quoted.out, "a b|it's|");
  auto binary = exec("printf 'A\\000B\\377\\001\\n'; head -c 300000 /dev/zero | tr '\\0' x");
  ASSERT_EQ(binary.code, 0) << binary.err;
  EXPECT_EQ(binary.out.substr(0, 6), std::string("A\0B\xff\x01\n", 6));
  EXPECT_EQ(binary.out.size(), 6u + 300000u);
}

TEST_F(Exec, NothingIsLostOrRepeatedUnderDuplicatesReorderingDelaysAndDrops) {
  emulator_->admin_post("session-faults", R"({"drop": 0.01, "duplicate": 0.1, "reorder": 0.1,
                                             "delay": 0.05, "delay_ms": 50, "seed": 7})");
  auto run = exec("i=1; while [ $i -le 2000 ]; do echo line-$i; i=$((i+1)); done");
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, numbered_lines(2000));
  EXPECT_THAT(run.err, HasSubstr("resum"));  // the drops happened, and were resumed
}

TEST_F(Exec, ADroppedWebSocketIsResumedWithoutLosingOrRepeatingOutput) {
  std::atomic<bool> dropped{false};
  std::thread dropper([&] {
    for (int i = 0; i < 100 && !dropped; ++i) {
      std::this_thread::sleep_for(50ms);
      nlohmann::json state = emulator_->admin_get("state");
      for (const auto& session : state["sessions"]) {
        if (session.value("connected", false)) {
          emulator_->admin_post("sessions/" + session.value("session_id", "") + "/drop");
          dropped = true;
        }
      }
    }
  });
  auto run = exec("i=1; while [ $i -le 400 ]; do echo line-$i; i=$((i+1)); sleep 0.005; done");
  dropper.join();
  ASSERT_TRUE(dropped) << run.err << emulator_->admin_get("state")["sessions"].dump();
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, numbered_lines(400));
  EXPECT_THAT(run.err, HasSubstr("Session resumed."));
}

TEST_F(Exec, AnInstanceWithoutAPathGetsATemporaryStackThatGoesAfterwards) {
  emulator_->load_scenario("seed");
  auto run = exec("echo hi");
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, "hi\n");  // the stack's progress went to stderr
  EXPECT_THAT(run.err, HasSubstr("CREATE_COMPLETE"));
  EXPECT_THAT(run.err, HasSubstr("Deleted  " + std::string(kSeedStack)));
  EXPECT_TRUE(stacks().empty());
}

TEST_F(Exec, KeepLeavesTheStackAndAStackThatWasThereIsNeverDeleted) {
  emulator_->load_scenario("seed");
  auto kept = ssmlink({"exec", "--instance", kInstance, "--keep", "--", "true"});
  EXPECT_EQ(kept.code, 0) << kept.err;
  EXPECT_EQ(stacks(), std::vector<std::string>{kSeedStack}) << kept.err;
  auto again = exec("true");  // Online now through the kept stack: nothing created or deleted
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(stacks(), std::vector<std::string>{kSeedStack});
  EXPECT_EQ(ssmlink({"down", "--stack", kSeedStack}).code, 0);
}

TEST_F(Exec, ATargetThatCannotBeReachedSaysWhatToDo) {
  emulator_->load_scenario("no-agent");
  auto run = ssmlink({"exec", "--instance", kInstance, "--no-up", "--", "true"});
  EXPECT_EQ(run.code, 3) << run.err;
  EXPECT_THAT(run.err, HasSubstr("is not connected to Session Manager"));
  EXPECT_THAT(run.err, HasSubstr("ssmlink doctor --instance " + std::string(kInstance)));
}

TEST_F(Exec, AccessDeniedNamesWhoNeedsWhichPermission) {
  emulator_->admin_post("faults", R"({"operations": {"ssm:StartSession": "denied"}})");
  auto run = exec("true");
  emulator_->admin_post("faults", R"({"operations": {}})");
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_THAT(run.err, HasSubstr("AccessDeniedException"));
  EXPECT_THAT(run.err, HasSubstr("arn:aws:iam::123456789012:user/"));  // the caller
  EXPECT_THAT(run.err, HasSubstr("needs ssm:StartSession on the instance"));
}

TEST_F(Exec, APathThatUpCannotOpenIsExplainedAndNothingIsLeft) {
  emulator_->load_scenario("dns-hostnames-off");
  auto run = exec("true");
  EXPECT_EQ(run.code, 3) << run.err;
  EXPECT_THAT(run.err, HasSubstr("vpc.dns-hostnames"));     // the preflight's finding
  EXPECT_THAT(run.err, HasSubstr("Nothing was created."));  // and up's outcome, on stderr
  EXPECT_TRUE(stacks().empty());
}

TEST_F(Exec, BadInputIsUsage) {
  EXPECT_EQ(ssmlink({"exec", "--", "true"}).code, 2);
  EXPECT_EQ(ssmlink({"exec", "--instance", "i-nope", "--", "true"}).code, 2);
  auto parameters = ssmlink({"exec", "--instance", kInstance, "--parameters", "=x", "--", "true"});
  EXPECT_EQ(parameters.code, 2);
  EXPECT_THAT(parameters.err, HasSubstr("KEY=VALUE"));
}

}  // namespace
}  // namespace ssmlink::cli
