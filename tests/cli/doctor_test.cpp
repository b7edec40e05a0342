// doctor against the emulator, scenario by scenario. Its verdict on whether a session would
// still be blocked once the endpoints exist must agree, in both directions, with what the
// emulator does when the endpoints are created (with the AWS CLI and ssmlink's template):
// the instance comes Online and a session may start, or not. The emulator judges IAM
// with its own evaluation, so the role scenarios test doctor's. And a snapshot gives the same
// findings as a live run.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/app.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/files.hpp"

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using testing::AwsCli;
using testing::RunningEmulator;
using testing::TempDir;

using testing::seed::kInstance;
using testing::seed::kInstanceSg;
using testing::seed::kSubnet;
using testing::seed::kVpc;
using Outcome = testing::CliRun;

class DoctorAgainstTheEmulator : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new RunningEmulator({"--provision-ms", "50", "--online-delay-ms", "100"});
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override { emulator_->load_scenario(GetParam()); }

  Outcome ssmlink(const std::vector<std::string>& args) {
    return testing::run_ssmlink(args, emulator_->url(), home_.path());
  }

  // Creates the endpoints the way the seed's user would: the AWS CLI and the template.
  // Returns the stack's final status.
  std::string create_endpoints_with_the_aws_cli() {
    AwsCli aws(*emulator_);
    Outcome rendered = ssmlink({"template", "--format", "json"});
    EXPECT_EQ(rendered.code, 0) << rendered.err;
    std::string path = home_.write("template.json", rendered.out);
    aws.json({"cloudformation", "create-stack", "--stack-name", "endpoints", "--template-body",
              "file://" + path, "--parameters",
              std::string("ParameterKey=VpcId,ParameterValue=") + kVpc,
              std::string("ParameterKey=SubnetIds,ParameterValue=") + kSubnet,
              std::string("ParameterKey=InstanceSecurityGroupId,ParameterValue=") + kInstanceSg});
    std::string status;
    for (int i = 0; i < 100; ++i) {
      status = aws.json({"cloudformation", "describe-stacks", "--stack-name",
                         "endpoints"})["Stacks"][0]["StackStatus"];
      if (status.find("IN_PROGRESS") == std::string::npos) break;
      std::this_thread::sleep_for(50ms);
    }
    return status;
  }

  // What the emulator's agent would refuse at session start (KMS preferences the role may
  // not decrypt with): the instance is Online, but no session starts.
  std::vector<std::string> session_blockers() {
    Json state = emulator_->admin_get("state");
    for (const Json& instance : state["regions"]["us-east-1"]["instances"]) {
      if (instance["id"] == kInstance) {
        return instance["_ssm"].value("sessionBlockers", std::vector<std::string>{});
      }
    }
    return {};
  }

  bool comes_online() {
    AwsCli aws(*emulator_);
    for (int i = 0; i < 3; ++i) {
      Json info = aws.json({"ssm", "describe-instance-information", "--filters",
                            std::string("Key=InstanceIds,Values=") + kInstance});
      const Json& list = info["InstanceInformationList"];
      if (!list.empty() && list[0]["PingStatus"] == "Online") return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  static RunningEmulator* emulator_;
  TempDir home_;
};

RunningEmulator* DoctorAgainstTheEmulator::emulator_ = nullptr;

bool blocks_after_up(const Json& findings) {
  for (const auto& finding : findings) {
    if (finding["severity"] == "error" && !finding["fixed_by_up"].get<bool>()) return true;
  }
  return false;
}

std::string errors_of(const Json& findings) {
  std::string text;
  for (const auto& finding : findings) {
    if (finding["severity"] == "error")
      text += finding["id"].get<std::string>() + ": " + finding["title"].get<std::string>() + "\n";
  }
  return text;
}

TEST_P(DoctorAgainstTheEmulator, VerdictAgreesWithWhetherTheInstanceComesOnline) {
  Outcome doctor = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
  ASSERT_TRUE(doctor.code == 0 || doctor.code == 3) << doctor.err;
  Json findings = Json::parse(doctor.out);
  bool any_error = !errors_of(findings).empty();
  EXPECT_EQ(doctor.code, any_error ? 3 : 0);

  std::string stack = create_endpoints_with_the_aws_cli();
  bool online = comes_online();
  auto blockers = session_blockers();
  bool sessions_start = online && blockers.empty();
  EXPECT_EQ(blocks_after_up(findings), !sessions_start)
      << GetParam() << ": stack " << stack << ", online " << online << ", session blockers "
      << Json(blockers).dump() << "\n"
      << errors_of(findings);
}

TEST_P(DoctorAgainstTheEmulator, ASnapshotGivesTheSameFindingsAsALiveRun) {
  Outcome live = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
  std::string file = home_.file("snapshot.json");
  Outcome saved = ssmlink({"snapshot", "--instance", kInstance, "-o", file});
  ASSERT_EQ(saved.code, 0) << saved.err;
  EXPECT_EQ(saved.out, "");
  std::string text = read_file(file);
  // (Not "Token" alone: policy documents name actions such as sts:GetSessionToken.)
  for (const char* secret :
       {"\"test\"", "SecretAccessKey", "\"SessionToken\"", "X-Amz-Security-Token"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  // Offline: no AWS settings at all.
  std::ostringstream out, err;
  MapEnvironment empty({{"HOME", home_.path()}});
  int code = run({"doctor", "--snapshot", file, "--output", "json"}, out, err, empty);
  EXPECT_EQ(code, live.code) << err.str();
  EXPECT_EQ(Json::parse(out.str()), Json::parse(live.out));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, DoctorAgainstTheEmulator,
                         ::testing::Values("seed", "dns-hostnames-off", "no-egress-443",
                                           "endpoints-present", "no-instance-profile", "no-agent",
                                           "public-subnet", "role-without-ssm-policy",
                                           "inline-deny", "boundary-excludes-ssmmessages",
                                           "dhmc-no-profile", "kms-preferences",
                                           "kms-preferences-allowed"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace ssmlink::cli
