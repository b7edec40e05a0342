// doctor's IAM checks against the emulator's IAM: the fix doctor prints, run with Debian's
// aws, makes the instance come Online; a role shared by many instances is read once; the
// caller's own permissions through iam:SimulatePrincipalPolicy; a 5xx or a denial from
// IAM is a warning, never the end of the report.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/support/paths.hpp"
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

class DoctorIam : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new RunningEmulator({"--provision-ms", "50", "--online-delay-ms", "100"});
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void TearDown() override { emulator_->admin_post("faults", R"({"operations": {}})"); }

  testing::CliRun ssmlink(std::vector<std::string> args) {
    args.insert(args.end(), {"--api-timeout", "1"});
    return testing::run_ssmlink(args, emulator_->url(), home_.path());
  }

  Json doctor(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"doctor", "--instance", kInstance, "--output", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    testing::CliRun run = ssmlink(args);
    EXPECT_TRUE(run.code == 0 || run.code == 3) << run.code << run.err;
    return run.json();
  }

  static const Json* finding(const Json& findings, const std::string& id,
                             const std::string& severity) {
    for (const Json& f : findings) {
      if (f["id"] == id && f["severity"] == severity) return &f;
    }
    return nullptr;
  }

  // Whether SSM lists the instance Online, asking up to `tries` times (the emulator's
  // agent comes Online 100 ms after its path does).
  static bool online(int tries = 20) {
    AwsCli aws(*emulator_);
    for (int i = 0; i < tries; ++i) {
      Json info = aws.json({"ssm", "describe-instance-information", "--filters",
                            std::string("Key=InstanceIds,Values=") + kInstance});
      const Json& list = info["InstanceInformationList"];
      if (!list.empty() && list[0]["PingStatus"] == "Online") return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  // Runs doctor's fix ("aws iam ... (or narrow its Deny)") with Debian's aws.
  static void run_fix(const std::string& fix) {
    std::string command = fix.substr(0, fix.find(" ("));
    ASSERT_TRUE(command.starts_with("aws iam ")) << fix;
    std::vector<std::string> args;
    std::istringstream words(command.substr(4));
    for (std::string word; words >> word;)
      args.push_back(word);
    testing::ProcessResult result = AwsCli(*emulator_).run(args);
    ASSERT_EQ(result.exit_code, 0) << command << "\n" << result.err;
  }

  static RunningEmulator* emulator_;
  TempDir home_;
};

RunningEmulator* DoctorIam::emulator_ = nullptr;

TEST_F(DoctorIam, TheFixForEachRoleProblemMakesTheInstanceComeOnline) {
  for (const char* scenario :
       {"role-without-ssm-policy", "inline-deny", "boundary-excludes-ssmmessages"}) {
    SCOPED_TRACE(scenario);
    // The endpoints exist: only IAM stands in the way.
    Json base = Json::parse(
        read_file(testing::source_path(std::string("emulator/scenarios/") + scenario + ".json")));
    Json present =
        Json::parse(read_file(testing::source_path("emulator/scenarios/endpoints-present.json")));
    base["regions"]["us-east-1"]["vpcEndpoints"] = present["regions"]["us-east-1"]["vpcEndpoints"];
    base["regions"]["us-east-1"]["securityGroups"] =
        present["regions"]["us-east-1"]["securityGroups"];
    emulator_->admin_post("scenario", base.dump());
    EXPECT_FALSE(online(1));
    Json findings = doctor();
    const Json* problem = finding(findings, "iam.permissions", "error");
    ASSERT_NE(problem, nullptr) << findings.dump(2);
    run_fix((*problem)["fix"]);
    Json after = doctor();
    EXPECT_EQ(finding(after, "iam.permissions", "error"), nullptr) << after.dump(2);
    EXPECT_NE(finding(after, "iam.permissions", "ok"), nullptr) << after.dump(2);
    EXPECT_TRUE(online());
  }
}

TEST_F(DoctorIam, ARoleSharedByManyInstancesIsReadOnce) {
  Json scenario = Json::parse(read_file(testing::source_path("emulator/scenarios/seed.json")));
  Json& instances = scenario["regions"]["us-east-1"]["instances"];
  Json first = instances[0];
  for (const char* id : {"i-0a1b2c3d4e5f60001", "i-0a1b2c3d4e5f60002", "i-0a1b2c3d4e5f60003"}) {
    Json copy = first;
    copy["id"] = id;
    copy.erase("privateIp");
    instances.push_back(copy);
  }
  emulator_->admin_post("scenario", scenario.dump());
  emulator_->clear_requests();
  testing::CliRun run = ssmlink({"doctor", "--all", "--output", "json"});
  ASSERT_TRUE(run.code == 0 || run.code == 3) << run.err;
  std::map<std::string, int> calls;
  for (const Json& request : emulator_->requests()) {
    if (request["service"] == "iam") ++calls[request["action"].get<std::string>()];
  }
  EXPECT_EQ(calls["GetInstanceProfile"], 1);
  EXPECT_EQ(calls["GetRole"], 1);
  EXPECT_EQ(calls["ListAttachedRolePolicies"], 1);
  EXPECT_EQ(calls["GetPolicyVersion"], 1);
}

TEST_F(DoctorIam, HostManagementWithoutAProfileIsJudgedByItsRole) {
  emulator_->load_scenario("dhmc-no-profile");
  Json findings = doctor();
  const Json* profile = finding(findings, "instance.profile", "ok");
  ASSERT_NE(profile, nullptr) << findings.dump(2);
  EXPECT_NE((*profile)["title"].get<std::string>().find("Default Host Management"),
            std::string::npos);
  // Switched off, the instance has nothing: doctor says so and how to switch it on.
  AwsCli(*emulator_)
      .run({"ssm", "reset-service-setting", "--setting-id",
            "/ssm/managed-instance/default-ec2-instance-management-role"});
  Json off = doctor();
  const Json* missing = finding(off, "instance.profile", "error");
  ASSERT_NE(missing, nullptr) << off.dump(2);
  EXPECT_NE((*missing)["fix"].get<std::string>().find("update-service-setting"), std::string::npos);
}

TEST_F(DoctorIam, KmsPreferencesTheRoleMayNotUseAreAnError) {
  emulator_->load_scenario("kms-preferences");
  Json findings = doctor();
  const Json* kms = finding(findings, "kms.decrypt", "error");
  ASSERT_NE(kms, nullptr) << findings.dump(2);
  EXPECT_NE((*kms)["fix"].get<std::string>().find("put-role-policy"), std::string::npos);
  EXPECT_NE(finding(findings, "kms.caller", "info"), nullptr);
  emulator_->load_scenario("kms-preferences-allowed");
  EXPECT_NE(finding(doctor(), "kms.decrypt", "ok"), nullptr);
}

TEST_F(DoctorIam, UnreadableIamIsAWarningAndTheOtherFindingsStillCome) {
  emulator_->load_scenario("endpoints-present");
  for (const char* kind : {"denied", "5xx"}) {
    SCOPED_TRACE(kind);
    emulator_->admin_post("faults",
                          Json{{"operations", {{"iam:GetInstanceProfile", kind}}}}.dump());
    testing::CliRun run = ssmlink({"doctor", "--instance", kInstance, "--output", "json"});
    EXPECT_EQ(run.code, 0) << run.err << run.out;  // nothing else blocks
    Json findings = run.json();
    const Json* warning = finding(findings, "iam.role", "warning");
    ASSERT_NE(warning, nullptr) << findings.dump(2);
    EXPECT_NE((*warning)["detail"].get<std::string>().find("iam:GetInstanceProfile"),
              std::string::npos);
    EXPECT_NE(finding(findings, "agent.status", "ok"), nullptr) << findings.dump(2);
  }
}

TEST_F(DoctorIam, CheckCallerSimulatesWhatUpAndConnectNeed) {
  emulator_->load_scenario("endpoints-present");
  Json admin = doctor({"--check-caller"});
  const Json* ok = finding(admin, "caller.permission", "ok");
  ASSERT_NE(ok, nullptr) << admin.dump(2);

  Json scenario =
      Json::parse(read_file(testing::source_path("emulator/scenarios/endpoints-present.json")));
  scenario["account"]["accessKeys"][0]["policies"] = {"ReadOnlyAccess"};
  emulator_->admin_post("scenario", scenario.dump());
  testing::CliRun run =
      ssmlink({"doctor", "--instance", kInstance, "--check-caller", "--output", "json"});
  EXPECT_EQ(run.code, 3) << run.err;
  std::vector<std::string> missing;
  for (const Json& f : run.json()) {
    if (f["id"] == "caller.permission" && f["severity"] == "error") {
      missing.push_back(f["title"]);
    }
  }
  ASSERT_FALSE(missing.empty()) << run.out;
  std::string all;
  for (const auto& title : missing)
    all += title + "\n";
  EXPECT_NE(all.find("cloudformation:CreateStack"), std::string::npos) << all;
  EXPECT_NE(all.find("ssm:StartSession on arn:aws:ec2:us-east-1:123456789012:instance/" +
                     std::string(kInstance)),
            std::string::npos)
      << all;
  EXPECT_EQ(all.find("ec2:DescribeInstances"), std::string::npos) << all;
}

TEST_F(DoctorIam, UpsPreflightStopsOnARoleProblemBeforeCreatingAnything) {
  emulator_->load_scenario("seed");
  Json scenario = Json::parse(read_file(testing::source_path("emulator/scenarios/seed.json")));
  scenario["iam"]["roles"] = {
      {{"name", "SSMInstanceRole"}, {"managedPolicies", {"ReadOnlyAccess"}}}};
  scenario["iam"]["instanceProfiles"] = {
      {{"name", "SSMInstanceProfile"}, {"role", "SSMInstanceRole"}}};
  scenario["regions"]["us-east-1"]["instances"][0]["iamInstanceProfile"] = {
      {"arn", "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile"}};
  emulator_->admin_post("scenario", scenario.dump());
  emulator_->clear_requests();
  testing::CliRun run = ssmlink({"up", "--instance", kInstance});
  EXPECT_EQ(run.code, 3) << run.out << run.err;
  EXPECT_NE((run.out + run.err).find("iam.permissions"), std::string::npos) << run.out << run.err;
  EXPECT_NE((run.out + run.err).find("attach-role-policy --role-name SSMInstanceRole"),
            std::string::npos)
      << run.out << run.err;
  for (const Json& request : emulator_->requests()) {
    EXPECT_NE(request["action"], "CreateStack");
  }
}

TEST_F(DoctorIam, CheckCallerIsRefusedWithASnapshotOrAll) {
  testing::CliRun all = ssmlink({"doctor", "--all", "--check-caller"});
  EXPECT_EQ(all.code, 2);
  EXPECT_NE(all.err.find("--check-caller"), std::string::npos) << all.err;
  testing::CliRun snapshot =
      ssmlink({"doctor", "--snapshot", home_.file("any.json"), "--check-caller"});
  EXPECT_EQ(snapshot.code, 2);
  EXPECT_NE(snapshot.err.find("--snapshot"), std::string::npos) << snapshot.err;
}

}  // namespace
}  // namespace ssmlink::cli
