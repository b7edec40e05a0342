// doctor --org against the emulator's organization: its report must equal what the
// emulator made each member account to be (GET /_emulator/organization/plan): every
// instance that cannot be reached found, with the check its breakage fails first, no false
// alarm, the account whose role is missing and the opt-in region an account left off listed
// as unreadable, and the throttled account read in full all the same.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/support/running_emulator.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/files.hpp"

namespace ssmlink::cli {
namespace {

using Json = nlohmann::json;

// The check doctor fails first for each breakage the emulator plants.
std::string expected_check(const std::string& blocker) {
  static const std::map<std::string, std::string> checks = {
      {"no-path", "path.none"},
      {"endpoint-group-closed", "endpoint.sg-ingress"},
      {"no-instance-profile", "instance.profile"},
      {"no-agent", "agent.status"}};
  return checks.at(blocker);
}

TEST(DoctorOrg, TheReportIsTheOrganizationsKnownTruth) {
  testing::RunningEmulator emulator({"--accounts", "40", "--seed", "11"});
  testing::TempDir home;
  Json plan = emulator.admin_get("organization/plan");
  auto run = testing::run_ssmlink(
      {"doctor", "--org", "--regions", "us-east-1,eu-west-1,ap-southeast-2,af-south-1",
       "--max-concurrency", "6", "--output", "json"},
      emulator.url(), home.path());
  ASSERT_EQ(run.code, 3) << run.err;
  Json report = run.json();

  // account -> region -> instance -> check, as reported; and what could not be read.
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> found;
  std::set<std::string> unreadable_accounts, unreadable_regions;
  for (const auto& result : report["results"]) {
    std::string account = result["account"];
    if (result.contains("unreadable")) {
      if (result.contains("region")) {
        unreadable_regions.insert(account + " " + result["region"].get<std::string>());
      } else {
        unreadable_accounts.insert(account);
      }
      continue;
    }
    auto& region = found[account][result["region"]];
    for (const auto& blocked : result["blocked"])
      region[blocked["instance"]] = blocked["check"];
  }

  std::set<std::string> want_unreadable_accounts, want_unreadable_regions;
  size_t throttled = 0, blocked_instances = 0;
  for (const auto& member : plan["members"]) {
    std::string account = member["account"];
    if (member["roleMissing"]) {
      want_unreadable_accounts.insert(account);
      continue;
    }
    throttled += member["throttleRate"].get<double>() > 0;
    std::set<std::string> opted_in = member["optedIn"];
    if (!opted_in.contains("af-south-1")) want_unreadable_regions.insert(account + " af-south-1");
    std::map<std::string, std::map<std::string, std::string>> want;
    for (const auto& instance : member["instances"]) {
      if (instance["blocker"] == "") continue;
      want[instance["region"]][instance["id"]] = expected_check(instance["blocker"]);
      ++blocked_instances;
    }
    for (const auto& region : {"us-east-1", "eu-west-1", "ap-southeast-2", "af-south-1"})
      EXPECT_EQ(found[account][region], want[region]) << account << " " << region;
  }
  EXPECT_EQ(unreadable_accounts, want_unreadable_accounts);
  EXPECT_EQ(unreadable_regions, want_unreadable_regions);
  EXPECT_EQ(want_unreadable_accounts.size(), 2u);  // members 5 and 28
  EXPECT_EQ(throttled, 1u);                        // member 9: 30% of its calls throttled
  EXPECT_GT(blocked_instances, 20u);

  // The management account is read with the caller's own keys: the seed's instance.
  EXPECT_EQ(found["123456789012"]["us-east-1"]["i-0a1b2c3d4e5f67890"], "path.none");
  EXPECT_EQ(report["totals"]["accounts"], 41);
  EXPECT_EQ(report["totals"]["unreadableAccounts"], 2);
  EXPECT_EQ(report["totals"]["blocked"], blocked_instances + 1);
}

TEST(DoctorOrg, StreamsJsonLinesAndChecksItsOptions) {
  testing::RunningEmulator emulator({"--accounts", "3", "--seed", "11"});
  testing::TempDir home;
  Json plan = emulator.admin_get("organization/plan");
  std::string first = plan["members"][0]["account"];
  auto run = testing::run_ssmlink({"doctor", "--org", "--accounts", first, "--regions",
                                   "us-east-1,eu-west-1", "--output", "json", "--stream"},
                                  emulator.url(), home.path());
  std::vector<Json> lines;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);)
    lines.push_back(Json::parse(line));
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_EQ(lines[0]["account"], first);
  EXPECT_EQ(lines[2]["totals"]["accounts"], 1);

  // Without --regions, each account's enabled regions: the 17 every account has, and
  // af-south-1 where the account enabled it (member 3 did not).
  std::string third = plan["members"][2]["account"];
  auto every = testing::run_ssmlink(
      {"doctor", "--org", "--accounts", first + "," + third, "--output", "json"}, emulator.url(),
      home.path());
  std::map<std::string, std::set<std::string>> regions;
  Json every_report = every.json();
  for (const auto& result : every_report["results"])
    regions[result["account"].get<std::string>()].insert(result["region"].get<std::string>());
  EXPECT_EQ(regions[first].size(), 18u) << every.out << every.err;
  EXPECT_TRUE(regions[first].contains("af-south-1"));
  EXPECT_EQ(regions[third].size(), 17u);
  EXPECT_FALSE(regions[third].contains("af-south-1"));

  // --ou: the accounts of that unit (one member each of the three units here).
  testing::AwsCli aws(emulator);
  Json roots = aws.json({"organizations", "list-roots"});
  Json units = aws.json({"organizations", "list-organizational-units-for-parent", "--parent-id",
                         roots["Roots"][0]["Id"].get<std::string>()});
  auto unit = testing::run_ssmlink(
      {"doctor", "--org", "--ou", units["OrganizationalUnits"][1]["Id"].get<std::string>(),
       "--regions", "us-east-1", "--output", "json"},
      emulator.url(), home.path());
  EXPECT_EQ(unit.json()["totals"]["accounts"], 1) << unit.out << unit.err;
  EXPECT_EQ(unit.json()["results"][0]["accountName"], "member-0002");

  auto bad =
      testing::run_ssmlink({"doctor", "--org", "--accounts", "12345"}, emulator.url(), home.path());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("\"12345\" is not an AWS account ID (expected 12 digits)"),
            std::string::npos)
      << bad.err;
  bad = testing::run_ssmlink({"doctor", "--regions", "us-east-1"}, emulator.url(), home.path());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("go with --org"), std::string::npos) << bad.err;
  bad = testing::run_ssmlink({"doctor", "--org", "--all"}, emulator.url(), home.path());
  EXPECT_EQ(bad.code, 2);
  bad = testing::run_ssmlink({"doctor", "--org", "--ou", "ou-nope"}, emulator.url(), home.path());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("not an organizational unit"), std::string::npos) << bad.err;
}

// The results as a set of lines, whatever order the workers finished in.
std::multiset<std::string> result_lines(const Json& report) {
  std::multiset<std::string> lines;
  for (const auto& result : report["results"])
    lines.insert(result.dump());
  return lines;
}

TEST(DoctorOrg, ASnapshotOfTheOrganizationGivesTheSameReportOffline) {
  testing::RunningEmulator emulator({"--accounts", "12", "--seed", "5"});
  testing::TempDir home;
  std::string directory = home.path() + "/org-audit";
  std::vector<std::string> scope = {"--regions", "us-east-1,af-south-1"};
  auto args = [&](std::vector<std::string> command) {
    command.insert(command.end(), scope.begin(), scope.end());
    return command;
  };
  auto saved = testing::run_ssmlink(args({"snapshot", "--org", "-o", directory}), emulator.url(),
                                    home.path());
  EXPECT_EQ(saved.code, 1) << saved.err;  // member 5 has no role, members 3, 7, 11 no af-south-1
  EXPECT_NE(saved.out.find("ssmlink doctor --org --snapshot " + directory), std::string::npos)
      << saved.out;
  auto live = testing::run_ssmlink(args({"doctor", "--org", "--output", "json"}), emulator.url(),
                                   home.path());
  ASSERT_EQ(live.code, 3) << live.err;
  // Offline: no AWS at all (a dead endpoint), the same results and totals.
  auto offline =
      testing::run_ssmlink({"doctor", "--org", "--snapshot", directory, "--output", "json"},
                           "http://127.0.0.1:9", home.path());
  ASSERT_EQ(offline.code, 3) << offline.err;
  EXPECT_EQ(result_lines(offline.json()), result_lines(live.json()));
  EXPECT_EQ(offline.json()["totals"], live.json()["totals"]);

  // Each region's file is an ordinary snapshot, and --accounts keeps part of the audit.
  Json plan = emulator.admin_get("organization/plan");
  std::string first = plan["members"][0]["account"];
  auto one =
      testing::run_ssmlink({"doctor", "--snapshot", directory + "/" + first + "-us-east-1.json",
                            "--all", "--output", "json"},
                           emulator.url(), home.path());
  EXPECT_TRUE(one.code == 0 || one.code == 3) << one.err;
  auto part = testing::run_ssmlink(
      {"doctor", "--org", "--snapshot", directory, "--accounts", first, "--output", "json"},
      emulator.url(), home.path());
  EXPECT_EQ(part.json()["totals"]["accounts"], 1) << part.out;

  // An index that points outside its directory is refused.
  write_file_atomically(directory + "/index.jsonl",
                        R"({"account":"111122223333","region":"us-east-1","snapshot":"../x.json"})"
                        "\n");
  auto refused = testing::run_ssmlink({"doctor", "--org", "--snapshot", directory}, emulator.url(),
                                      home.path());
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("is not a snapshot file name"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace ssmlink::cli
