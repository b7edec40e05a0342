// CloudFormation StackSets over the emulated organization, judged by Debian's AWS CLI: a
// service-managed stack set deploys one stack per (member account, region) through that
// account's own stack engine, with AWS's failure tolerance, region order, concurrency,
// managed execution and errors.
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <set>
#include <thread>

#include "emulator/organizations/member_accounts.hpp"
#include "emulator/scenario.hpp"
#include "emulator/world.hpp"
#include "tests/support/running_emulator.hpp"

namespace ssmlink::emulator {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

constexpr int kMembers = 4;

std::pair<std::string, std::string> stack_set_target(const std::string& account,
                                                     const std::string& region) {
  return {account, region};
}
const char* kBadVpc = "vpc-0000000000000dead";

class StackSetsAwsCli : public ::testing::Test {
 protected:
  // A fresh emulator whose CloudFormation resources take `provision_ms` each.
  void start(int provision_ms) {
    emulator = std::make_unique<ssmlink::testing::RunningEmulator>(std::vector<std::string>{
        "--accounts", std::to_string(kMembers), "--provision-ms", std::to_string(provision_ms)});
    aws = std::make_unique<ssmlink::testing::AwsCli>(*emulator);
    json accounts = aws->json({"organizations", "list-accounts"})["Accounts"];
    for (const auto& account : accounts) {
      if (account["Id"] != "123456789012") members.push_back(account["Id"].get<std::string>());
    }
    ASSERT_EQ(members.size(), static_cast<size_t>(kMembers));
    root = aws->json({"organizations", "list-roots"})["Roots"][0]["Id"].get<std::string>();
  }

  // The template: a security group in the account's VPC of the region, looked up in a
  // mapping (so one operation deploys everywhere), or in VpcId when an override gives one.
  // `broken`: (account, region) targets mapped to a VPC that does not exist.
  std::string template_body(const std::set<std::pair<std::string, std::string>>& broken = {}) {
    // A member's world depends only on its place in the organization: the same VPCs here.
    World local;
    TimePoint now = std::chrono::system_clock::now();
    load_scenario(local, {{"organization", {{"accounts", kMembers}}}}, now);
    std::string mapping;
    for (size_t i = 0; i < members.size(); ++i) {
      World* member = member_world(local, local.organization->accounts[i + 1].id, now);
      mapping += "    \"" + members[i] + "\":\n";
      for (const char* region : {"us-east-1", "eu-west-1", "af-south-1"}) {
        if (!member->regions.contains(region)) continue;  // an opt-in region it left off
        std::string vpc = broken.contains({members[i], region})
                              ? kBadVpc
                              : member->regions.at(region).vpcs.begin()->first;
        mapping += "      " + std::string(region) + ": " + vpc + "\n";
      }
    }
    return "Parameters:\n  VpcId:\n    Type: String\n    Default: mapped\n"
           "Conditions:\n  UseMap: !Equals [!Ref VpcId, mapped]\n"
           "Mappings:\n  Vpcs:\n" +
           mapping +
           "Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
           "      GroupDescription: stack set test\n"
           "      VpcId: !If [UseMap, !FindInMap [Vpcs, !Ref \"AWS::AccountId\", !Ref "
           "\"AWS::Region\"], !Ref VpcId]\n";
  }

  void create_stack_set(const std::string& name, const std::string& body,
                        bool managed_execution = false) {
    aws->json({"cloudformation", "create-stack-set", "--stack-set-name", name, "--template-body",
               body, "--permission-model", "SERVICE_MANAGED", "--auto-deployment", "Enabled=false",
               "--tags", "Key=team,Value=platform", "--managed-execution",
               managed_execution ? "Active=true" : "Active=false"});
  }

  // Root + INTERSECTION with `accounts`: exactly those members.
  std::string targets(const std::vector<std::string>& accounts) {
    std::string list;
    for (const auto& account : accounts)
      list += (list.empty() ? "" : ",") + account;
    return "OrganizationalUnitIds=" + root + ",Accounts=" + list +
           ",AccountFilterType=INTERSECTION";
  }

  std::string create_instances(const std::string& name, const std::vector<std::string>& accounts,
                               std::vector<std::string> regions, const std::string& preferences) {
    std::vector<std::string> args = {"cloudformation",
                                     "create-stack-instances",
                                     "--stack-set-name",
                                     name,
                                     "--deployment-targets",
                                     targets(accounts),
                                     "--operation-preferences",
                                     preferences,
                                     "--regions"};
    args.insert(args.end(), regions.begin(), regions.end());
    return aws->json(args)["OperationId"];
  }

  json wait_for(const std::string& name, const std::string& operation_id) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      json operation =
          aws->json({"cloudformation", "describe-stack-set-operation", "--stack-set-name", name,
                     "--operation-id", operation_id})["StackSetOperation"];
      std::string status = operation["Status"];
      if (status == "SUCCEEDED" || status == "FAILED") return operation;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "operation still " << status;
        return operation;
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  }

  // (account, region) -> the result's summary.
  std::map<std::pair<std::string, std::string>, json> results(const std::string& name,
                                                              const std::string& operation_id) {
    std::map<std::pair<std::string, std::string>, json> out;
    json summaries =
        aws->json({"cloudformation", "list-stack-set-operation-results", "--stack-set-name", name,
                   "--operation-id", operation_id})["Summaries"];
    for (const auto& summary : summaries)
      out[{summary["Account"], summary["Region"]}] = summary;
    return out;
  }

  // An AWS CLI signed as OrganizationAccountAccessRole in `account`.
  std::unique_ptr<ssmlink::testing::AwsCli> member_cli(const std::string& account,
                                                       const std::string& region = "us-east-1") {
    json credentials = aws->json({"sts", "assume-role", "--role-arn",
                                  "arn:aws:iam::" + account + ":role/" + kOrganizationRole,
                                  "--role-session-name", "stacksets"})["Credentials"];
    auto cli = std::make_unique<ssmlink::testing::AwsCli>(*emulator, region);
    cli->use_credentials(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                         credentials["SessionToken"]);
    return cli;
  }

  std::unique_ptr<ssmlink::testing::RunningEmulator> emulator;
  std::unique_ptr<ssmlink::testing::AwsCli> aws;
  std::vector<std::string> members;  // in the organization's order
  std::string root;
};

TEST_F(StackSetsAwsCli, DeploysToTheChosenMembersInTwoRegionsAndTheMemberSeesItsStack) {
  start(20);
  create_stack_set("endpoints", template_body());
  json set = aws->json(
      {"cloudformation", "describe-stack-set", "--stack-set-name", "endpoints"})["StackSet"];
  EXPECT_EQ(set["PermissionModel"], "SERVICE_MANAGED");
  EXPECT_EQ(set["Status"], "ACTIVE");
  EXPECT_EQ(set["Tags"][0]["Key"], "team");
  EXPECT_EQ(set["StackSetARN"], "arn:aws:cloudformation:us-east-1:123456789012:stackset/" +
                                    set["StackSetId"].get<std::string>());

  std::string operation_id = create_instances("endpoints", {members[0], members[2]},
                                              {"us-east-1", "eu-west-1"}, "MaxConcurrentCount=2");
  json operation = wait_for("endpoints", operation_id);
  EXPECT_EQ(operation["Status"], "SUCCEEDED");
  EXPECT_EQ(operation["Action"], "CREATE");
  auto by_target = results("endpoints", operation_id);
  ASSERT_EQ(by_target.size(), 4u);  // the intersection: two members, not the others
  for (const auto& [target, summary] : by_target) {
    EXPECT_EQ(summary["Status"], "SUCCEEDED") << summary.dump();
    EXPECT_EQ(summary["OrganizationalUnitId"], root);
    EXPECT_EQ(summary["AccountGateResult"]["Status"], "SKIPPED");
  }

  json instances = aws->json({"cloudformation", "list-stack-instances", "--stack-set-name",
                              "endpoints", "--stack-instance-account", members[0]})["Summaries"];
  ASSERT_EQ(instances.size(), 2u);
  std::string stack_id;
  for (const auto& instance : instances) {
    EXPECT_EQ(instance["Status"], "CURRENT");
    EXPECT_EQ(instance["StackInstanceStatus"]["DetailedStatus"], "SUCCEEDED");
    EXPECT_EQ(instance["LastOperationId"], operation_id);
    if (instance["Region"] == "us-east-1") stack_id = instance["StackId"].get<std::string>();
  }
  EXPECT_TRUE(stack_id.starts_with("arn:aws:cloudformation:us-east-1:" + members[0] +
                                   ":stack/StackSet-endpoints-"))
      << stack_id;

  // The member's own CloudFormation shows the stack StackSets made there.
  auto member = member_cli(members[0]);
  json stacks = member->json({"cloudformation", "describe-stacks"})["Stacks"];
  ASSERT_EQ(stacks.size(), 1u);
  EXPECT_EQ(stacks[0]["StackId"], stack_id);
  EXPECT_EQ(stacks[0]["StackStatus"], "CREATE_COMPLETE");
  json events = member->json(
      {"cloudformation", "describe-stack-events", "--stack-name", stack_id})["StackEvents"];
  EXPECT_EQ(events[0]["ResourceStatus"], "CREATE_COMPLETE");
  // The management account's CloudFormation has none of them.
  EXPECT_TRUE(aws->json({"cloudformation", "describe-stacks"})["Stacks"].empty());
  // StackSets belong to the management account.
  auto refused = member->run({"cloudformation", "list-stack-sets"});
  EXPECT_NE(refused.err.find("management account only"), std::string::npos) << refused.err;
}

TEST_F(StackSetsAwsCli, AFailureWithinToleranceSucceedsAndUpdateFixesTheInstance) {
  start(20);
  create_stack_set("tolerant", template_body({{members[1], "us-east-1"}}));
  std::string operation_id =
      create_instances("tolerant", {members[0], members[1], members[2]}, {"us-east-1"},
                       "FailureToleranceCount=1,MaxConcurrentCount=1");
  json operation = wait_for("tolerant", operation_id);
  EXPECT_EQ(operation["Status"], "SUCCEEDED");
  EXPECT_EQ(operation["StatusDetails"]["FailedStackInstancesCount"], 1);
  auto by_target = results("tolerant", operation_id);
  json failed = by_target[stack_set_target(members[1], "us-east-1")];
  EXPECT_EQ(failed["Status"], "FAILED");
  EXPECT_TRUE(failed["StatusReason"].get<std::string>().starts_with(
      "ResourceLogicalId:Group, ResourceType:AWS::EC2::SecurityGroup, "
      "ResourceStatusReason:Resource handler returned message: \"The vpc ID '" +
      std::string(kBadVpc) + "' does not exist"))
      << failed.dump();
  EXPECT_EQ(by_target[stack_set_target(members[2], "us-east-1")]["Status"], "SUCCEEDED");

  json outdated = aws->json({"cloudformation", "list-stack-instances", "--stack-set-name",
                             "tolerant", "--filters", "Name=DETAILED_STATUS,Values=FAILED"});
  ASSERT_EQ(outdated["Summaries"].size(), 1u);
  EXPECT_EQ(outdated["Summaries"][0]["Account"], members[1]);
  EXPECT_EQ(outdated["Summaries"][0]["Status"], "OUTDATED");

  // An override with the account's real VPC replaces the rolled-back stack.
  auto member = member_cli(members[1]);
  std::string vpc = member->json({"ec2", "describe-vpcs"})["Vpcs"][0]["VpcId"];
  json update =
      aws->json({"cloudformation", "update-stack-instances", "--stack-set-name", "tolerant",
                 "--deployment-targets", targets({members[1]}), "--regions", "us-east-1",
                 "--parameter-overrides", "ParameterKey=VpcId,ParameterValue=" + vpc});
  EXPECT_EQ(wait_for("tolerant", update["OperationId"])["Status"], "SUCCEEDED");
  json instance = aws->json({"cloudformation", "describe-stack-instance", "--stack-set-name",
                             "tolerant", "--stack-instance-account", members[1],
                             "--stack-instance-region", "us-east-1"})["StackInstance"];
  EXPECT_EQ(instance["Status"], "CURRENT");
  EXPECT_EQ(instance["ParameterOverrides"][0]["ParameterValue"], vpc);
  json stacks = member->json({"cloudformation", "describe-stacks"})["Stacks"];
  ASSERT_EQ(stacks.size(), 1u);
  EXPECT_EQ(stacks[0]["StackId"], instance["StackId"]);

  // An instance that does not exist cannot be updated.
  auto missing =
      aws->run({"cloudformation", "update-stack-instances", "--stack-set-name", "tolerant",
                "--deployment-targets", targets({members[3]}), "--regions", "us-east-1"});
  EXPECT_NE(missing.err.find("StackInstanceNotFoundException"), std::string::npos) << missing.err;
}

TEST_F(StackSetsAwsCli, BeyondToleranceSequentialRegionsCancelTheRestParallelOnesCarryOn) {
  start(20);
  std::string body = template_body({{members[0], "us-east-1"}});
  create_stack_set("sequential", body);
  create_stack_set("parallel", body);
  std::string preferences =
      "FailureToleranceCount=0,MaxConcurrentCount=1,RegionOrder=us-east-1,"
      "eu-west-1";
  std::string sequential = create_instances("sequential", {members[0], members[1]},
                                            {"eu-west-1", "us-east-1"}, preferences);
  std::string parallel =
      create_instances("parallel", {members[0], members[1]}, {"eu-west-1", "us-east-1"},
                       preferences + ",RegionConcurrencyType=PARALLEL");
  EXPECT_EQ(wait_for("sequential", sequential)["Status"], "FAILED");
  EXPECT_EQ(wait_for("parallel", parallel)["Status"], "FAILED");

  // Sequential: us-east-1 first (RegionOrder); its failure cancels its other account and
  // every target in the later region.
  auto in_order = results("sequential", sequential);
  EXPECT_EQ(in_order[stack_set_target(members[0], "us-east-1")]["Status"], "FAILED");
  std::vector<std::pair<std::string, std::string>> cancelled_targets = {
      {members[1], "us-east-1"}, {members[0], "eu-west-1"}, {members[1], "eu-west-1"}};
  for (const auto& target : cancelled_targets) {
    EXPECT_EQ(in_order[target]["Status"], "CANCELLED") << target.first << " " << target.second;
    EXPECT_EQ(in_order[target]["StatusReason"], "Cancelled since failure tolerance has exceeded");
  }
  // Parallel: each region has its own tolerance; eu-west-1 deploys regardless.
  auto together = results("parallel", parallel);
  EXPECT_EQ(together[stack_set_target(members[0], "us-east-1")]["Status"], "FAILED");
  EXPECT_EQ(together[stack_set_target(members[1], "us-east-1")]["Status"], "CANCELLED");
  EXPECT_EQ(together[stack_set_target(members[0], "eu-west-1")]["Status"], "SUCCEEDED");
  EXPECT_EQ(together[stack_set_target(members[1], "eu-west-1")]["Status"], "SUCCEEDED");

  json cancelled =
      aws->json({"cloudformation", "list-stack-instances", "--stack-set-name", "sequential",
                 "--filters", "Name=DETAILED_STATUS,Values=CANCELLED", "--page-size", "2"});
  EXPECT_EQ(cancelled["Summaries"].size(), 3u);  // two pages: the CLI follows NextToken
  EXPECT_EQ(cancelled["Summaries"][0]["Status"], "OUTDATED");
}

TEST_F(StackSetsAwsCli, OneOperationAtATimeThenDeletingEmptiesAndRemovesTheStackSet) {
  // Slow enough that two CLI calls (each a Python start) end before the stack does, even on
  // a loaded 2-core CI machine, where 1.5 s was not.
  start(5000);
  create_stack_set("exclusive", template_body());
  std::string operation_id =
      create_instances("exclusive", {members[0]}, {"us-east-1"}, "MaxConcurrentCount=1");
  auto busy = aws->run({"cloudformation", "create-stack-instances", "--stack-set-name", "exclusive",
                        "--deployment-targets", targets({members[1]}), "--regions", "us-east-1"});
  EXPECT_NE(busy.err.find("OperationInProgressException"), std::string::npos) << busy.err;
  EXPECT_NE(busy.err.find("Another Operation on StackSet arn:aws:cloudformation:us-east-1:"
                          "123456789012:stackset/exclusive:"),
            std::string::npos)
      << busy.err;
  json running = aws->json(
      {"cloudformation", "list-stack-instances", "--stack-set-name", "exclusive"})["Summaries"];
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0]["StackInstanceStatus"]["DetailedStatus"], "RUNNING");
  EXPECT_EQ(wait_for("exclusive", operation_id)["Status"], "SUCCEEDED");

  auto not_empty =
      aws->run({"cloudformation", "delete-stack-set", "--stack-set-name", "exclusive"});
  EXPECT_NE(not_empty.err.find("StackSetNotEmptyException"), std::string::npos) << not_empty.err;

  std::string stack_id = running[0]["StackId"];
  json deletion = aws->json({"cloudformation", "delete-stack-instances", "--stack-set-name",
                             "exclusive", "--deployment-targets", targets({members[0]}),
                             "--regions", "us-east-1", "--no-retain-stacks"});
  EXPECT_EQ(wait_for("exclusive", deletion["OperationId"])["Status"], "SUCCEEDED");
  EXPECT_TRUE(aws->json({"cloudformation", "list-stack-instances", "--stack-set-name",
                         "exclusive"})["Summaries"]
                  .empty());
  auto member = member_cli(members[0]);
  json gone = member->json({"cloudformation", "describe-stacks", "--stack-name", stack_id});
  EXPECT_EQ(gone["Stacks"][0]["StackStatus"], "DELETE_COMPLETE");

  aws->json({"cloudformation", "delete-stack-set", "--stack-set-name", "exclusive"});
  auto missing =
      aws->run({"cloudformation", "describe-stack-set", "--stack-set-name", "exclusive"});
  EXPECT_NE(missing.err.find("StackSetNotFoundException"), std::string::npos) << missing.err;
}

TEST_F(StackSetsAwsCli, ManagedExecutionRunsSeparateTargetsTogetherAndQueuesTheSameTarget) {
  start(1500);
  create_stack_set("managed", template_body(), true);
  // Submitted at once, as a client deploying account by account does.
  auto submit = [&](const std::string& account) {
    return std::async(std::launch::async, [this, account] {
      return create_instances("managed", {account}, {"us-east-1"}, "MaxConcurrentCount=1");
    });
  };
  auto first = submit(members[0]);
  auto second = submit(members[1]);
  auto again = submit(members[0]);
  std::vector<std::string> ids = {first.get(), second.get(), again.get()};
  json summaries = aws->json(
      {"cloudformation", "list-stack-set-operations", "--stack-set-name", "managed"})["Summaries"];
  std::map<std::string, int> statuses;
  for (const auto& summary : summaries)
    ++statuses[summary["Status"]];
  EXPECT_EQ(statuses["RUNNING"], 2) << summaries.dump();
  EXPECT_EQ(statuses["QUEUED"], 1) << summaries.dump();
  for (const auto& id : ids)
    EXPECT_EQ(wait_for("managed", id)["Status"], "SUCCEEDED");
  json instances = aws->json(
      {"cloudformation", "list-stack-instances", "--stack-set-name", "managed"})["Summaries"];
  ASSERT_EQ(instances.size(), 2u);
  for (const auto& instance : instances)
    EXPECT_EQ(instance["Status"], "CURRENT");
}

TEST_F(StackSetsAwsCli, AnOptInRegionLeftOffFailsItsTargetAndAResetForgetsRunningStackSets) {
  start(1500);
  // The fourth member (index 3 in the organization) left af-south-1 off (member_accounts.cpp).
  const std::string& left_off = members[2];
  auto south = member_cli(left_off, "af-south-1");
  auto refused = south->run({"cloudformation", "describe-stacks"});
  EXPECT_NE(refused.err.find("InvalidClientTokenId"), std::string::npos) << refused.err;

  create_stack_set("regional", template_body());
  std::string operation_id = create_instances("regional", {members[0], left_off}, {"af-south-1"},
                                              "FailureToleranceCount=1,MaxConcurrentCount=2");
  auto by_target = results("regional", operation_id);
  EXPECT_EQ(by_target[stack_set_target(members[0], "af-south-1")]["Status"], "RUNNING");
  json failed = by_target[stack_set_target(left_off, "af-south-1")];
  EXPECT_EQ(failed["Status"], "FAILED");
  EXPECT_EQ(failed["StatusReason"], "Region af-south-1 is not enabled in account " + left_off +
                                        ". Enable the region before deploying stack instances to "
                                        "it.");

  // A reset while a member's stack is being made: the stack set, the member worlds and
  // their engines' work are gone, and the emulator goes on answering.
  emulator->admin_post("reset");
  EXPECT_TRUE(aws->json({"cloudformation", "list-stack-sets"})["Summaries"].empty());
  auto member = member_cli(members[0], "af-south-1");
  EXPECT_TRUE(member->json({"cloudformation", "describe-stacks"})["Stacks"].empty());
}

}  // namespace
}  // namespace ssmlink::emulator
