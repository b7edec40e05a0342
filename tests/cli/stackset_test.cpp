// up, status and down --stackset against the emulator's organization and StackSets: the
// StackSet reaches exactly the VPCs the emulator planted without a path, and their
// instances come within reach; a re-run converges; a failing account stops its region
// beyond the failure tolerance and not within it, with the root cause from the member's
// own stack events; down deletes the instances and then the StackSet.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/support/running_emulator.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace ssmlink::cli {
namespace {

using Json = nlohmann::json;
using Target = std::pair<std::string, std::string>;  // account, region

const char* kRegions = "us-east-1,eu-west-1";

// The member account-regions the emulator made without any path to SSM: what the
// StackSet must reach (a member without the role cannot be read, so is not among them).
std::set<Target> planted_without_path(const Json& plan) {
  std::set<Target> targets;
  for (const auto& member : plan["members"]) {
    if (member["roleMissing"]) continue;
    for (const auto& instance : member["instances"]) {
      std::string region = instance["region"];
      if (instance["blocker"] == "no-path" && (region == "us-east-1" || region == "eu-west-1"))
        targets.insert(Target(member["account"].get<std::string>(), region));
    }
  }
  return targets;
}

std::set<Target> with_outcome(const Json& report, const std::string& outcome) {
  std::set<Target> targets;
  for (const auto& result : report["results"]) {
    if (result["outcome"] == outcome) {
      targets.insert(
          Target(result["account"].get<std::string>(), result["region"].get<std::string>()));
    }
  }
  return targets;
}

TEST(StackSetCommands, UpReachesThePlantedVpcsConvergesAndDownRemovesIt) {
  testing::RunningEmulator emulator({"--accounts", "8", "--seed", "11"});
  testing::TempDir home;
  Json plan = emulator.admin_get("organization/plan");
  std::set<Target> want = planted_without_path(plan);
  ASSERT_GE(want.size(), 2u);

  auto up = testing::run_ssmlink({"up", "--stackset", "--regions", kRegions, "--max-concurrent",
                                  "4", "--ttl", "2h", "--output", "json"},
                                 emulator.url(), home.path());
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  Json report = up.json();
  EXPECT_TRUE(report["created_stack_set"]);
  EXPECT_EQ(with_outcome(report, "deployed"), want) << up.out;
  EXPECT_EQ(report["totals"]["failed"], 0);
  EXPECT_FALSE(report["expires_at"].is_null());
  // The emulator's instances of a VPC share a group: the endpoints admit that group only.
  for (const auto& result : report["results"]) {
    if (result["outcome"] == "deployed") {
      EXPECT_TRUE(result["instance_group"].is_string()) << result.dump();
    }
  }
  // The management account's own VPC without a path is named, not deployed to.
  ASSERT_EQ(with_outcome(report, "skipped").size(), 1u) << up.out;

  // The instances that had no path are no longer blocked by it.
  auto doctor = testing::run_ssmlink({"doctor", "--org", "--accounts", want.begin()->first,
                                      "--regions", kRegions, "--output", "json"},
                                     emulator.url(), home.path());
  Json after = doctor.json();  // kept: a range-for over a temporary's member dangles
  for (const auto& result : after["results"]) {
    for (const auto& blocked : result["blocked"])
      EXPECT_NE(blocked["check"], "path.none") << doctor.out;
  }

  auto again = testing::run_ssmlink({"up", "--stackset", "--regions", kRegions, "--output", "json"},
                                    emulator.url(), home.path());
  auto noted = testing::run_ssmlink({"up", "--stackset", "--regions", kRegions, "--ttl", "9h"},
                                    emulator.url(), home.path());
  EXPECT_EQ(noted.code, 0) << noted.err;
  EXPECT_NE(noted.out.find("--ttl is set when the StackSet is created"), std::string::npos)
      << noted.out;
  ASSERT_EQ(again.code, 0) << again.out << again.err;
  Json second = again.json();
  EXPECT_FALSE(second["created_stack_set"]);
  // Converged: the audit no longer finds those VPCs without a path, so nothing is sent.
  EXPECT_TRUE(with_outcome(second, "deployed").empty()) << again.out;
  EXPECT_EQ(second["totals"]["failed"], 0);

  auto status = testing::run_ssmlink({"status", "--stackset", "--output", "json"}, emulator.url(),
                                     home.path());
  ASSERT_EQ(status.code, 0) << status.err;
  Json listed = status.json();
  EXPECT_TRUE(listed["managed"]);
  std::set<Target> current;
  for (const auto& instance : listed["instances"]) {
    EXPECT_EQ(instance["status"], "CURRENT");
    current.insert(
        Target(instance["account"].get<std::string>(), instance["region"].get<std::string>()));
  }
  EXPECT_EQ(current, want);

  // In the member account, its stack is the StackSet's: down refuses it.
  const Json* member_stack = nullptr;
  for (const auto& instance : listed["instances"]) {
    if (instance["region"] == "eu-west-1") member_stack = &instance;
  }
  ASSERT_NE(member_stack, nullptr);
  testing::AwsCli aws(emulator);
  Json role = aws.json({"sts", "assume-role", "--role-arn",
                        "arn:aws:iam::" + (*member_stack)["account"].get<std::string>() +
                            ":role/OrganizationAccountAccessRole",
                        "--role-session-name", "member-down"})["Credentials"];
  std::string stack_id = (*member_stack)["stack_id"];
  std::string stack_name = split(stack_id, '/').at(1);  // arn:...:stack/NAME/UUID
  auto refused = testing::run_ssmlink({"down", "--stack", stack_name}, emulator.url(), home.path(),
                                      {{"AWS_ACCESS_KEY_ID", role["AccessKeyId"]},
                                       {"AWS_SECRET_ACCESS_KEY", role["SecretAccessKey"]},
                                       {"AWS_SESSION_TOKEN", role["SessionToken"]},
                                       {"AWS_REGION", "eu-west-1"}});
  EXPECT_EQ(refused.code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("belongs to the StackSet ssmlink-endpoints"), std::string::npos)
      << refused.err;

  auto not_yet =
      testing::run_ssmlink({"down", "--stackset", "--expired"}, emulator.url(), home.path());
  EXPECT_EQ(not_yet.code, 0) << not_yet.err;
  EXPECT_NE(not_yet.out.find("Not expired"), std::string::npos) << not_yet.out;

  auto down = testing::run_ssmlink({"down", "--stackset"}, emulator.url(), home.path());
  ASSERT_EQ(down.code, 0) << down.out << down.err;
  EXPECT_NE(down.out.find("Deleted  StackSet ssmlink-endpoints and its " +
                          std::to_string(want.size()) + " stack instances"),
            std::string::npos)
      << down.out;
  auto gone = testing::run_ssmlink({"status", "--stackset"}, emulator.url(), home.path());
  EXPECT_EQ(gone.code, 1);
  EXPECT_NE(gone.out.find("No StackSet ssmlink-endpoints"), std::string::npos) << gone.out;
}

// Between the audit and the deployment, someone gives the us-east-1 target's VPC an ssm
// endpoint with private DNS (through the member's role, with Debian's aws): the StackSet's
// own ssm endpoint then fails there for real, as on AWS, on the conflicting DNS name.
struct Sabotaged {
  std::string directory;
  Target broken;
  std::set<Target> targets;
};

Sabotaged sabotaged_snapshot(testing::RunningEmulator& emulator, const testing::TempDir& home) {
  Sabotaged result;
  result.directory = home.path() + "/org";
  auto saved =
      testing::run_ssmlink({"snapshot", "--org", "--regions", kRegions, "-o", result.directory},
                           emulator.url(), home.path());
  EXPECT_TRUE(saved.code == 0 || saved.code == 1) << saved.err;  // 1: the role-less member
  Json truth = emulator.admin_get("organization/plan");
  result.targets = planted_without_path(truth);
  std::string instance_id;
  for (const auto& member : truth["members"]) {
    for (const auto& instance : member["instances"]) {
      if (instance["blocker"] == "no-path" && instance["region"] == "us-east-1") {
        result.broken = {member["account"], "us-east-1"};
        instance_id = instance["id"];
      }
    }
  }
  testing::AwsCli aws(emulator);
  Json role =
      aws.json({"sts", "assume-role", "--role-arn",
                "arn:aws:iam::" + result.broken.first + ":role/OrganizationAccountAccessRole",
                "--role-session-name", "sabotage"})["Credentials"];
  aws.use_credentials(role["AccessKeyId"], role["SecretAccessKey"], role["SessionToken"]);
  // The account is the organization's throttled one (member 9): try again as AWS says to.
  auto patiently = [&aws](const std::vector<std::string>& args) {
    testing::ProcessResult run;
    for (int attempt = 0; attempt < 10; ++attempt) {
      run = aws.run(args);
      if (run.exit_code == 0 || run.err.find("RequestLimitExceeded") == std::string::npos) break;
    }
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out.empty() ? Json() : Json::parse(run.out);
  };
  Json described = patiently({"ec2", "describe-instances", "--instance-ids",
                              instance_id})["Reservations"][0]["Instances"][0];
  patiently({"ec2", "create-vpc-endpoint", "--vpc-endpoint-type", "Interface", "--vpc-id",
             described["VpcId"], "--service-name", "com.amazonaws.us-east-1.ssm", "--subnet-ids",
             described["SubnetId"], "--private-dns-enabled"});
  return result;
}

std::string accounts_of(const std::set<Target>& targets) {
  std::set<std::string> accounts;
  for (const auto& target : targets)
    accounts.insert(target.first);
  return join(std::vector<std::string>(accounts.begin(), accounts.end()), ",");
}

TEST(StackSetCommands, AFailingAccountStopsItsRegionOnlyBeyondTheTolerance) {
  // Seed 11 with 10 members: one VPC without a path in us-east-1, three in eu-west-1.
  testing::RunningEmulator emulator({"--accounts", "10", "--seed", "11"});
  testing::TempDir home;
  Sabotaged world = sabotaged_snapshot(emulator, home);
  ASSERT_FALSE(world.broken.first.empty());

  // Tolerance 0, one at a time, regions in order: us-east-1 stops at the broken account
  // (those before it deployed, those after cancelled) and eu-west-1 is not started.
  auto strict =
      testing::run_ssmlink({"up", "--stackset", "--from-snapshot", world.directory, "--accounts",
                            accounts_of(world.targets), "--regions", kRegions, "--output", "json"},
                           emulator.url(), home.path());
  ASSERT_EQ(strict.code, 1) << strict.out << strict.err;
  Json report = strict.json();
  EXPECT_EQ(with_outcome(report, "failed"), std::set<Target>{world.broken}) << strict.out;
  std::set<Target> deployed = with_outcome(report, "deployed");
  std::set<Target> cancelled = with_outcome(report, "cancelled");
  EXPECT_EQ(deployed.size() + cancelled.size(), world.targets.size() - 1) << strict.out;
  for (const auto& target : deployed)
    EXPECT_EQ(target.second, "us-east-1") << strict.out;
  for (const auto& target : world.targets) {
    if (target.second == "eu-west-1") {
      EXPECT_TRUE(cancelled.contains(target)) << strict.out;
    }
  }
  for (const auto& result : report["results"]) {
    if (result["outcome"] != "failed") continue;
    std::string reason = result["reason"];
    // The member stack's own event: the resource, its type and EC2's words.
    EXPECT_NE(reason.find("(AWS::EC2::VPCEndpoint)"), std::string::npos) << reason;
    EXPECT_NE(reason.find("conflicting DNS"), std::string::npos) << reason;
  }

  // Tolerance 1: the same failure, and every other VPC deployed.
  auto tolerant = testing::run_ssmlink(
      {"up", "--stackset", "--from-snapshot", world.directory, "--accounts",
       accounts_of(world.targets), "--regions", kRegions, "--failure-tolerance", "1",
       "--max-concurrent", "2", "--region-concurrency", "parallel", "--output", "json"},
      emulator.url(), home.path());
  ASSERT_EQ(tolerant.code, 1) << tolerant.out << tolerant.err;
  Json second = tolerant.json();
  EXPECT_EQ(with_outcome(second, "failed"), std::set<Target>{world.broken}) << tolerant.out;
  std::set<Target> others = world.targets;
  others.erase(world.broken);
  std::set<Target> reached = with_outcome(second, "deployed");
  for (const auto& target : with_outcome(second, "already-deployed"))
    reached.insert(target);
  EXPECT_EQ(reached, others) << tolerant.out;

  auto status = testing::run_ssmlink({"status", "--stackset"}, emulator.url(), home.path());
  EXPECT_NE(status.out.find("OUTDATED"), std::string::npos) << status.out;
  auto down = testing::run_ssmlink({"down", "--stackset"}, emulator.url(), home.path());
  EXPECT_EQ(down.code, 0) << down.out << down.err;
}

}  // namespace
}  // namespace ssmlink::cli
