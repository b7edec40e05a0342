#include "emulator/cloudformation/cfn_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "emulator/api.hpp"
#include "tests/emulator/cfn_test_support.hpp"

namespace ssmlink::emulator::testing {
namespace {

using Json = nlohmann::json;
using Lines = std::vector<std::string>;

const Ec2Failure kPrivateDnsFailure{
    "InvalidParameter",
    std::string("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC "
                "attributes set to true for ") +
        kVpc,
    400};

std::vector<std::pair<std::string, std::string>> seed_parameters() {
  return {{"AvailabilityZone", "us-east-1a"},
          {"VpcId", kVpc},
          {"SubnetId", kSubnetA},
          {"Ec2InstanceSg", kInstanceSg}};
}

std::vector<std::pair<std::string, std::string>> ssmlink_parameters() {
  return {{"VpcId", kVpc},
          {"SubnetIds", std::string(kSubnetA) + "," + kSubnetB},
          {"InstanceSecurityGroupId", kInstanceSg}};
}

std::string seed_template() {
  return read_file("tests/data/seed/vpc-endpoints-for-session-managers.yml");
}

size_t index_of(const Lines& lines, const std::string& line) {
  auto it = std::find(lines.begin(), lines.end(), line);
  EXPECT_NE(it, lines.end()) << "missing: " << line;
  return static_cast<size_t>(it - lines.begin());
}

TEST_F(EngineTest, CreateSucceedsWithAwsEventSequence) {
  std::string id = create(input("seed", seed_template(), seed_parameters()));
  EXPECT_TRUE(std::regex_match(
      id, std::regex(R"(arn:aws:cloudformation:us-east-1:123456789012:stack/seed/[0-9a-f-]{36})")));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  EXPECT_EQ(event_lines(id),
            (Lines{
                "seed CREATE_IN_PROGRESS User Initiated",
                "VpcEndpointSecurityGroup CREATE_IN_PROGRESS",
                "VpcEndpointSecurityGroup CREATE_IN_PROGRESS Resource creation Initiated",
                "VpcEndpointSecurityGroup CREATE_COMPLETE",
                "Ec2MessagesVpcEndpoint CREATE_IN_PROGRESS",
                "SsmMessagesVpcEndpoint CREATE_IN_PROGRESS",
                "SsmVpcEndpoint CREATE_IN_PROGRESS",
                "Ec2MessagesVpcEndpoint CREATE_IN_PROGRESS Resource creation Initiated",
                "SsmMessagesVpcEndpoint CREATE_IN_PROGRESS Resource creation Initiated",
                "SsmVpcEndpoint CREATE_IN_PROGRESS Resource creation Initiated",
                "Ec2MessagesVpcEndpoint CREATE_COMPLETE",
                "SsmMessagesVpcEndpoint CREATE_COMPLETE",
                "SsmVpcEndpoint CREATE_COMPLETE",
                "seed CREATE_COMPLETE",
            }));
  Stack stack = snapshot(id);
  const StackEvent& first = stack.events[1];
  EXPECT_EQ(first.physical_id, "");  // the first CREATE_IN_PROGRESS has no physical ID yet
  EXPECT_EQ(first.resource_type, "AWS::EC2::SecurityGroup");
  const StackEvent& initiated = stack.events[2];
  EXPECT_EQ(initiated.physical_id, provisioner.physical_id_of("VpcEndpointSecurityGroup"));
  EXPECT_EQ(initiated.event_id,
            "VpcEndpointSecurityGroup-CREATE_IN_PROGRESS-" + format_timestamp(initiated.timestamp));
  EXPECT_EQ(Json::parse(initiated.properties)["VpcId"], Json(kVpc));
  EXPECT_EQ(stack.events[0].physical_id, id);
  EXPECT_EQ(stack.events[0].resource_type, "AWS::CloudFormation::Stack");
  for (size_t i = 0; i < stack.events.size(); ++i) {
    EXPECT_EQ(stack.events[i].client_request_token, "token-seed");
    if (i > 0) {
      EXPECT_LT(stack.events[i - 1].timestamp, stack.events[i].timestamp);
    }
  }
  // The endpoints were made available when they completed, with the resolved properties.
  std::lock_guard lock(world.mutex);
  EXPECT_EQ(provisioner.ready.size(), 3u);
  const VpcEndpointSpec& ssm =
      provisioner.endpoints.at(provisioner.physical_id_of("SsmVpcEndpoint"));
  EXPECT_EQ(ssm.service_name, "com.amazonaws.ap-northeast-1.ssm");
  EXPECT_EQ(ssm.type, "Interface");
  EXPECT_EQ(ssm.private_dns_enabled, true);
  EXPECT_EQ(ssm.subnet_ids, (std::vector<std::string>{kSubnetA}));
  EXPECT_EQ(ssm.security_group_ids,
            (std::vector<std::string>{provisioner.physical_id_of("VpcEndpointSecurityGroup")}));
  const SecurityGroupSpec& group =
      provisioner.groups.at(provisioner.physical_id_of("VpcEndpointSecurityGroup"));
  ASSERT_EQ(group.ingress.size(), 1u);
  EXPECT_EQ(group.ingress[0].group_id, kInstanceSg);
  EXPECT_EQ(group.ingress[0].protocol, "tcp");
  EXPECT_EQ(group.ingress[0].from_port, 443);
  EXPECT_FALSE(group.egress.has_value());  // no SecurityGroupEgress: EC2's default egress
  EXPECT_TRUE(group.name.starts_with("seed-VpcEndpointSecurityGroup-")) << group.name;
}

TEST_F(EngineTest, IndependentEndpointsAreProvisionedInParallel) {
  std::string id = create(input("parallel", read_file("tests/data/emulator/ssmlink-template.yaml"),
                                ssmlink_parameters()));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  Lines lines = event_lines(id);
  size_t last_start = 0, first_complete = lines.size();
  for (const char* endpoint :
       {"SsmVpcEndpoint", "SsmMessagesVpcEndpoint", "Ec2MessagesVpcEndpoint"}) {
    last_start =
        std::max(last_start, index_of(lines, std::string(endpoint) + " CREATE_IN_PROGRESS"));
    first_complete =
        std::min(first_complete, index_of(lines, std::string(endpoint) + " CREATE_COMPLETE"));
  }
  EXPECT_LT(last_start, first_complete);  // all three were in progress at the same time
  EXPECT_LT(index_of(lines, "VpcEndpointSecurityGroup CREATE_COMPLETE"),
            index_of(lines, "SsmVpcEndpoint CREATE_IN_PROGRESS"));
  std::lock_guard lock(world.mutex);
  const VpcEndpointSpec& ssm =
      provisioner.endpoints.at(provisioner.physical_id_of("SsmVpcEndpoint"));
  EXPECT_EQ(ssm.service_name, "com.amazonaws.us-east-1.ssm");
  EXPECT_EQ(ssm.subnet_ids, (std::vector<std::string>{kSubnetA, kSubnetB}));
  const SecurityGroupSpec& group =
      provisioner.groups.at(provisioner.physical_id_of("VpcEndpointSecurityGroup"));
  ASSERT_TRUE(group.egress.has_value());
  ASSERT_EQ(group.egress->size(), 1u);
  EXPECT_EQ((*group.egress)[0].protocol, "icmp");
  EXPECT_EQ((*group.egress)[0].cidr_ipv4, "255.255.255.255/32");
}

const char* kChain = R"(
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: chain
      VpcId: vpc-0f00d1e2c3b4a5968
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Group.GroupId
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/16
      Description: https
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    DependsOn: Rule
    Properties:
      VpcId: vpc-0f00d1e2c3b4a5968
      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'
      RouteTableIds: [rtb-1]
  Egress:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !Ref Group
      IpProtocol: '-1'
      CidrIp: 0.0.0.0/0
      Description: all
Outputs:
  GroupId:
    Value: !GetAtt Group.GroupId
    Description: the group
  Dns:
    Value: !Join [',', !GetAtt Endpoint.DnsEntries]
  Rule:
    Value: !Ref Rule
)";

TEST_F(EngineTest, DependencyOrderFollowsReferencesAndDependsOn) {
  std::string id = create(input("chain", kChain));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  Lines lines = event_lines(id);
  EXPECT_LT(index_of(lines, "Group CREATE_COMPLETE"), index_of(lines, "Rule CREATE_IN_PROGRESS"));
  EXPECT_LT(index_of(lines, "Group CREATE_COMPLETE"), index_of(lines, "Egress CREATE_IN_PROGRESS"));
  EXPECT_LT(index_of(lines, "Rule CREATE_COMPLETE"),
            index_of(lines, "Endpoint CREATE_IN_PROGRESS"));
  // Rule and Egress depend only on Group: they run together.
  EXPECT_LT(index_of(lines, "Rule CREATE_IN_PROGRESS"), index_of(lines, "Egress CREATE_COMPLETE"));

  Stack stack = snapshot(id);
  std::lock_guard lock(world.mutex);
  std::string group = provisioner.physical_id_of("Group");
  std::string endpoint = provisioner.physical_id_of("Endpoint");
  ASSERT_EQ(stack.outputs.size(), 3u);
  std::map<std::string, StackOutput> outputs;
  for (const auto& output : stack.outputs)
    outputs[output.key] = output;
  EXPECT_EQ(outputs["GroupId"].value, group);
  EXPECT_EQ(outputs["GroupId"].description, "the group");
  EXPECT_EQ(outputs["Dns"].value, "Z1:" + endpoint + ".example");
  EXPECT_EQ(outputs["Rule"].value, provisioner.physical_id_of("https"));
  EXPECT_EQ(provisioner.rules.at(provisioner.physical_id_of("https")).group_id, group);
  EXPECT_EQ(provisioner.endpoints.at(endpoint).type, "Gateway");  // CloudFormation's default
  EXPECT_EQ(provisioner.endpoints.at(endpoint).service_name, "com.amazonaws.us-east-1.s3");
}

TEST_F(EngineTest, FailureCancelsTheOthersAndRollsBack) {
  {
    std::lock_guard lock(world.mutex);
    provisioner.fail_create["SsmVpcEndpoint"] = kPrivateDnsFailure;
  }
  std::string id = create(input("failing", seed_template(), seed_parameters()));
  ASSERT_EQ(settle(id), "ROLLBACK_COMPLETE");
  Lines lines = event_lines(id);
  Stack stack = snapshot(id);
  // The root cause, in the resource handler's format.
  auto failed = std::find_if(stack.events.begin(), stack.events.end(), [](const auto& event) {
    return event.logical_id == "SsmVpcEndpoint" && event.status == "CREATE_FAILED";
  });
  ASSERT_NE(failed, stack.events.end());
  EXPECT_TRUE(std::regex_match(
      failed->reason,
      std::regex(R"re(Resource handler returned message: "Enabling private DNS requires both )re"
                 R"re(enableDnsSupport and enableDnsHostnames VPC attributes set to true for )re"
                 R"re(vpc-0f00d1e2c3b4a5968 \(Service: Ec2, Status Code: 400, Request ID: )re"
                 R"re([0-9a-f-]{36}\) \(SDK Attempt Count: 1\)" \(RequestToken: [0-9a-f-]{36}, )re"
                 R"re(HandlerErrorCode: InvalidRequest\))re")))
      << failed->reason;
  EXPECT_EQ(failed->physical_id, "");
  size_t rollback = index_of(
      lines,
      "failing ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [SsmVpcEndpoint, "
      "Ec2MessagesVpcEndpoint, SsmMessagesVpcEndpoint]. Rollback requested by user.");
  // The endpoints that were still being created are cancelled before the rollback.
  EXPECT_LT(index_of(lines, "Ec2MessagesVpcEndpoint CREATE_FAILED Resource creation cancelled"),
            rollback);
  EXPECT_LT(index_of(lines, "SsmMessagesVpcEndpoint CREATE_FAILED Resource creation cancelled"),
            rollback);
  // What EC2 made is deleted, dependents first; what it never made just completes.
  EXPECT_LT(rollback, index_of(lines, "SsmVpcEndpoint DELETE_COMPLETE"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "SsmVpcEndpoint DELETE_IN_PROGRESS"), 0);
  EXPECT_LT(index_of(lines, "Ec2MessagesVpcEndpoint DELETE_COMPLETE"),
            index_of(lines, "VpcEndpointSecurityGroup DELETE_IN_PROGRESS"));
  EXPECT_LT(index_of(lines, "SsmMessagesVpcEndpoint DELETE_COMPLETE"),
            index_of(lines, "VpcEndpointSecurityGroup DELETE_IN_PROGRESS"));
  EXPECT_EQ(lines.back(), "failing ROLLBACK_COMPLETE");
  EXPECT_TRUE(stack.status_reason.empty());
  EXPECT_TRUE(stack.deleted.has_value());  // AWS sets DeletionTime when the rollback starts
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.live.empty());
  EXPECT_TRUE(provisioner.ready.empty());  // nothing was made available
}

TEST_F(EngineTest, OnFailureDoNothingLeavesTheStackFailed) {
  {
    std::lock_guard lock(world.mutex);
    provisioner.fail_create["SsmVpcEndpoint"] = kPrivateDnsFailure;
  }
  CreateStackInput in = input("keep", seed_template(), seed_parameters());
  in.on_failure = OnFailure::DoNothing;
  std::string id = create(in);
  ASSERT_EQ(settle(id), "CREATE_FAILED");
  Stack stack = snapshot(id);
  EXPECT_EQ(stack.status_reason,
            "The following resource(s) failed to create: [SsmVpcEndpoint, Ec2MessagesVpcEndpoint, "
            "SsmMessagesVpcEndpoint]. ");
  EXPECT_EQ(stack.resources.at("VpcEndpointSecurityGroup").status, "CREATE_COMPLETE");
  EXPECT_FALSE(stack.deleted.has_value());
  std::lock_guard lock(world.mutex);
  EXPECT_EQ(provisioner.live.size(), 3u);  // the group and the two cancelled endpoints remain
}

TEST_F(EngineTest, OnFailureDeleteDeletesTheStack) {
  {
    std::lock_guard lock(world.mutex);
    provisioner.fail_create["SsmVpcEndpoint"] = kPrivateDnsFailure;
  }
  CreateStackInput in = input("gone", seed_template(), seed_parameters());
  in.on_failure = OnFailure::Delete;
  std::string id = create(in);
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  Lines lines = event_lines(id);
  index_of(lines,
           "gone DELETE_IN_PROGRESS The following resource(s) failed to create: "
           "[SsmVpcEndpoint, Ec2MessagesVpcEndpoint, SsmMessagesVpcEndpoint]. . Delete "
           "requested by user.");
  EXPECT_EQ(lines.back(), "gone DELETE_COMPLETE");
  std::lock_guard lock(world.mutex);
  EXPECT_EQ(engine->find(kRegion, "gone"), nullptr);
  EXPECT_NE(engine->find(kRegion, id), nullptr);
  EXPECT_TRUE(provisioner.live.empty());
}

TEST_F(EngineTest, DeleteStackDeletesInReverseOrder) {
  std::string id = create(input("doomed", seed_template(), seed_parameters()));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  size_t created_events = snapshot(id).events.size();
  remove("doomed", {}, "delete-1");
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  Stack stack = snapshot(id);
  Lines lines = event_lines(id);
  Lines deletion(lines.begin() + static_cast<long>(created_events), lines.end());
  EXPECT_EQ(deletion.front(), "doomed DELETE_IN_PROGRESS User Initiated");
  EXPECT_EQ(deletion.back(), "doomed DELETE_COMPLETE");
  for (const char* endpoint :
       {"SsmVpcEndpoint", "SsmMessagesVpcEndpoint", "Ec2MessagesVpcEndpoint"}) {
    EXPECT_LT(index_of(deletion, std::string(endpoint) + " DELETE_COMPLETE"),
              index_of(deletion, "VpcEndpointSecurityGroup DELETE_IN_PROGRESS"));
  }
  for (size_t i = created_events; i < stack.events.size(); ++i) {
    EXPECT_EQ(stack.events[i].client_request_token, "delete-1");
  }
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.live.empty());
  // Gone by name, still describable by ID.
  EXPECT_EQ(engine->find(kRegion, "doomed"), nullptr);
  ASSERT_NE(engine->find(kRegion, id), nullptr);
  EXPECT_EQ(engine->find(kRegion, id)->status, "DELETE_COMPLETE");
  EXPECT_TRUE(engine->find(kRegion, id)->deleted.has_value());
}

TEST_F(EngineTest, DeletingWhatDoesNotExistSucceeds) {
  remove("never-existed");
  std::string id = create(input("once", kChain));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  remove(id);
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  size_t events = snapshot(id).events.size();
  remove(id);
  remove("once");
  EXPECT_EQ(snapshot(id).events.size(), events);
}

TEST_F(EngineTest, DeleteFailedThenRetried) {
  std::string id = create(input("stuck", seed_template(), seed_parameters()));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  {
    std::lock_guard lock(world.mutex);
    provisioner.fail_delete["VpcEndpointSecurityGroup"] =
        Ec2Failure{"DependencyViolation",
                   "resource " + provisioner.physical_id_of("VpcEndpointSecurityGroup") +
                       " has a dependent object",
                   400};
  }
  remove("stuck");
  ASSERT_EQ(settle(id), "DELETE_FAILED");
  Stack stack = snapshot(id);
  EXPECT_EQ(stack.status_reason,
            "The following resource(s) failed to delete: [VpcEndpointSecurityGroup]. ");
  const StackResource& group = stack.resources.at("VpcEndpointSecurityGroup");
  EXPECT_EQ(group.status, "DELETE_FAILED");
  EXPECT_TRUE(group.reason.starts_with("Resource handler returned message: \"resource sg-"));
  EXPECT_TRUE(group.reason.ends_with("HandlerErrorCode: InvalidRequest)"));
  EXPECT_EQ(stack.resources.at("SsmVpcEndpoint").status, "DELETE_COMPLETE");
  {
    std::lock_guard lock(world.mutex);
    // Still findable by name: a DELETE_FAILED stack is not deleted.
    EXPECT_NE(engine->find(kRegion, "stuck"), nullptr);
    provisioner.fail_delete.clear();
  }
  remove("stuck", {}, "retry");
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  Lines lines = event_lines(id);
  EXPECT_EQ(lines.back(), "stuck DELETE_COMPLETE");
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.live.empty());
}

TEST_F(EngineTest, RetainResourcesOnlyAfterDeleteFailed) {
  std::string id = create(input("retain", seed_template(), seed_parameters()));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  try {
    remove("retain", {"VpcEndpointSecurityGroup"});
    ADD_FAILURE() << "RetainResources accepted on a CREATE_COMPLETE stack";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.code, "ValidationError");
  }
  std::string group;
  {
    std::lock_guard lock(world.mutex);
    group = provisioner.physical_id_of("VpcEndpointSecurityGroup");
    provisioner.fail_delete["VpcEndpointSecurityGroup"] =
        Ec2Failure{"DependencyViolation", "x", 400};
  }
  remove("retain");
  ASSERT_EQ(settle(id), "DELETE_FAILED");
  remove("retain", {"VpcEndpointSecurityGroup"});
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  Lines lines = event_lines(id);
  index_of(lines, "VpcEndpointSecurityGroup DELETE_SKIPPED");
  std::lock_guard lock(world.mutex);
  EXPECT_EQ(provisioner.live, (std::set<std::string>{group}));
}

TEST_F(EngineTest, DeleteWhileCreatingCancelsAndDeletes) {
  // The group takes "forever" to create, so the deletion surely finds it in progress.
  world.timings.provision = std::chrono::hours(1);
  std::string id = create(input("hasty", seed_template(), seed_parameters()));
  // Wait until EC2 has made the security group, then delete (quickly).
  for (int i = 0; i < 10000; ++i) {
    {
      std::lock_guard lock(world.mutex);
      if (!provisioner.live.empty()) {
        world.timings.provision = std::chrono::milliseconds(25);
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  remove(id);
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  Lines lines = event_lines(id);
  EXPECT_LT(index_of(lines, "VpcEndpointSecurityGroup CREATE_FAILED Resource creation cancelled"),
            index_of(lines, "hasty DELETE_IN_PROGRESS User Initiated"));
  index_of(lines, "VpcEndpointSecurityGroup DELETE_COMPLETE");
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const auto& l) { return l.starts_with("SsmVpcEndpoint"); }),
            0);  // never started, never created
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.live.empty());
}

TEST_F(EngineTest, ClientRequestTokenMakesCreateIdempotent) {
  CreateStackInput in = input("same", kChain);
  std::string first = create(in);
  std::string second = create(in);
  EXPECT_EQ(first, second);
  try {
    CreateStackInput other = in;
    other.client_request_token = "another-token";
    create(other);
    ADD_FAILURE() << "a second stack with the same name";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.code, "AlreadyExistsException");
    EXPECT_EQ(std::string(error.what()), "Stack [same] already exists");
    EXPECT_EQ(error.status, 400);
  }
  ASSERT_EQ(settle(first), "CREATE_COMPLETE");
  std::lock_guard lock(world.mutex);
  EXPECT_EQ(engine->stacks(kRegion).size(), 1u);
}

TEST_F(EngineTest, NameCanBeReusedAfterDeletion) {
  std::string first = create(input("reuse", kChain));
  ASSERT_EQ(settle(first), "CREATE_COMPLETE");
  remove("reuse");
  ASSERT_EQ(settle(first), "DELETE_COMPLETE");
  CreateStackInput again = input("reuse", kChain);
  again.client_request_token = "second";
  std::string second = create(again);
  EXPECT_NE(first, second);
  ASSERT_EQ(settle(second), "CREATE_COMPLETE");
  std::lock_guard lock(world.mutex);
  auto stacks = engine->stacks(kRegion);  // newest first, deleted ones included
  ASSERT_EQ(stacks.size(), 2u);
  EXPECT_EQ(stacks[0]->id, second);
  EXPECT_EQ(stacks[1]->id, first);
  EXPECT_EQ(stacks[1]->status, "DELETE_COMPLETE");
  EXPECT_EQ(engine->find(kRegion, "reuse")->id, second);
}

TEST_F(EngineTest, StackTagsPropagateToResources) {
  CreateStackInput in =
      input("tagged", read_file("tests/data/emulator/ssmlink-template.yaml"), ssmlink_parameters());
  in.tags = {{"team", "ops"}, {"Name", "from-stack"}};
  std::string id = create(in);
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  std::lock_guard lock(world.mutex);
  const Tags& tags = provisioner.endpoints.at(provisioner.physical_id_of("SsmVpcEndpoint")).tags;
  auto value = [&](const std::string& key) {
    std::vector<std::string> values;
    for (const auto& [k, v] : tags) {
      if (k == key) values.push_back(v);
    }
    return values;
  };
  EXPECT_EQ(value("Name"), (std::vector<std::string>{"ssmlink-ssm"}));  // the resource's own wins
  EXPECT_EQ(value("ssmlink:managed"), (std::vector<std::string>{"true"}));
  EXPECT_EQ(value("team"), (std::vector<std::string>{"ops"}));
  EXPECT_EQ(value("aws:cloudformation:stack-name"), (std::vector<std::string>{"tagged"}));
  EXPECT_EQ(value("aws:cloudformation:stack-id"), (std::vector<std::string>{id}));
  EXPECT_EQ(value("aws:cloudformation:logical-id"), (std::vector<std::string>{"SsmVpcEndpoint"}));
}

TEST_F(EngineTest, OutputsOfSsmlinksTemplate) {
  std::string id = create(input("outputs", read_file("tests/data/emulator/ssmlink-template.json"),
                                ssmlink_parameters()));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  Stack stack = snapshot(id);
  std::lock_guard lock(world.mutex);
  std::map<std::string, std::string> outputs;
  for (const auto& output : stack.outputs)
    outputs[output.key] = output.value;
  EXPECT_EQ(
      outputs,
      (std::map<std::string, std::string>{
          {"VpcEndpointSecurityGroupId", provisioner.physical_id_of("VpcEndpointSecurityGroup")},
          {"SsmVpcEndpointId", provisioner.physical_id_of("SsmVpcEndpoint")},
          {"SsmMessagesVpcEndpointId", provisioner.physical_id_of("SsmMessagesVpcEndpoint")},
          {"Ec2MessagesVpcEndpointId", provisioner.physical_id_of("Ec2MessagesVpcEndpoint")},
      }));
}

TEST_F(EngineTest, AllServicesTemplateWithConditionsAndGatewayEndpoint) {
  auto parameters = ssmlink_parameters();
  parameters.emplace_back("RouteTableIds", "rtb-1,rtb-2");
  std::string id = create(input(
      "all", read_file("tests/data/emulator/ssmlink-template-all-services.yaml"), parameters));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  std::lock_guard lock(world.mutex);
  const VpcEndpointSpec& s3 = provisioner.endpoints.at(provisioner.physical_id_of("S3VpcEndpoint"));
  EXPECT_EQ(s3.service_name, "com.amazonaws.us-east-1.s3");  // IsChinaPartition is false
  EXPECT_EQ(s3.type, "Gateway");
  EXPECT_EQ(s3.route_table_ids, (std::vector<std::string>{"rtb-1", "rtb-2"}));
  EXPECT_EQ(provisioner.endpoints.size(), 6u);
}

TEST_F(EngineTest, AwsSpecificParametersMustExist) {
  auto parameters = seed_parameters();
  parameters[1].second = "vpc-00000000000000000";
  parameters[0].second = "us-east-1z";
  std::string id = create(input("ghost", seed_template(), parameters));
  ASSERT_EQ(settle(id), "ROLLBACK_COMPLETE");
  EXPECT_EQ(event_lines(id),
            (Lines{"ghost CREATE_IN_PROGRESS User Initiated",
                   "ghost ROLLBACK_IN_PROGRESS Parameter validation failed: parameter value "
                   "us-east-1z for parameter name AvailabilityZone does not exist, parameter value "
                   "vpc-00000000000000000 for parameter name VpcId does not exist. Rollback "
                   "requested by user.",
                   "ghost ROLLBACK_COMPLETE"}));
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.calls.empty());
}

TEST_F(EngineTest, EveryMemberOfAListParameterMustExist) {
  auto parameters = ssmlink_parameters();
  parameters[1].second = std::string(kSubnetA) + ",subnet-0000000000000dead";
  CreateStackInput in =
      input("list", read_file("tests/data/emulator/ssmlink-template.yaml"), parameters);
  in.on_failure = OnFailure::DoNothing;
  std::string id = create(in);
  ASSERT_EQ(settle(id), "CREATE_FAILED");
  EXPECT_EQ(snapshot(id).status_reason,
            "Parameter validation failed: parameter value subnet-0000000000000dead for parameter "
            "name SubnetIds does not exist. ");
}

TEST_F(EngineTest, AnEmptyAwsSpecificValueDoesNotExist) {
  auto parameters = seed_parameters();
  parameters[3].second = "";
  CreateStackInput in = input("empty", seed_template(), parameters);
  in.on_failure = OnFailure::DoNothing;
  std::string id = create(in);
  ASSERT_EQ(settle(id), "CREATE_FAILED");
  EXPECT_EQ(snapshot(id).status_reason,
            "Parameter validation failed: parameter value for parameter name Ec2InstanceSg does "
            "not exist. ");
}

TEST_F(EngineTest, PropertiesAreValidatedBeforeProvisioning) {
  std::string id = create(input("invalid", R"(
Resources:
  Good:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fine
  Bad:
    Type: AWS::EC2::SecurityGroup
    Properties:
      Foo: bar
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: https
          Port: 443
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref AWS::NoValue
      SubnetIds: subnet-1
      PrivateDnsEnabled: yes
)"));
  ASSERT_EQ(settle(id), "ROLLBACK_COMPLETE");
  Stack stack = snapshot(id);
  auto failure_of = [&](const std::string& logical_id) {
    for (const auto& event : stack.events) {
      if (event.logical_id == logical_id && event.status == "CREATE_FAILED") return event.reason;
    }
    return std::string("(none)");
  };
  EXPECT_EQ(failure_of("Bad"),
            "Properties validation failed for resource Bad with message: [#: required key "
            "[GroupDescription] not found, #: extraneous key [Foo] is not permitted, "
            "#/SecurityGroupIngress/0/FromPort: expected type: Integer, found: String, "
            "#/SecurityGroupIngress/0: extraneous key [Port] is not permitted]");
  EXPECT_EQ(
      failure_of("Endpoint"),
      "Properties validation failed for resource Endpoint with message: [#/PrivateDnsEnabled: "
      "expected type: Boolean, found: String, #/SubnetIds: expected type: JSONArray, found: "
      "String]");
  Lines lines = event_lines(id);
  index_of(lines,
           "invalid ROLLBACK_IN_PROGRESS Validation failed for following resources: [Bad, "
           "Endpoint]. Rollback requested by user.");
  auto failed = std::find_if(stack.events.begin(), stack.events.end(),
                             [](const auto& e) { return e.logical_id == "Bad"; });
  EXPECT_EQ(failed->detailed_status, "VALIDATION_FAILED");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "Good CREATE_IN_PROGRESS"), 0);
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.calls.empty());
}

TEST_F(EngineTest, ResolutionErrorsFailTheResource) {
  std::string id = create(input("select", R"(
Parameters:
  Subnets: {Type: CommaDelimitedList, Default: 'a,b'}
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Select [3, !Ref Subnets]
)"));
  ASSERT_EQ(settle(id), "ROLLBACK_COMPLETE");
  index_of(
      event_lines(id),
      "Group CREATE_FAILED Template error: Fn::Select cannot select nonexistent value at index 3");
}

TEST_F(EngineTest, ConditionsLeaveResourcesOut) {
  std::string id = create(input("conditional", R"(
Parameters:
  WithRule: {Type: String, AllowedValues: ['true', 'false'], Default: 'false'}
Conditions:
  AddRule: !Equals [!Ref WithRule, 'true']
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: conditional
      GroupName: !If [AddRule, with-rule, !Ref AWS::NoValue]
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Condition: AddRule
    Properties:
      GroupId: !Ref Group
      IpProtocol: tcp
      CidrIp: 10.0.0.0/8
Outputs:
  RuleId:
    Condition: AddRule
    Value: !Ref Rule
)"));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  Stack stack = snapshot(id);
  EXPECT_EQ(stack.resources.size(), 1u);
  EXPECT_TRUE(stack.outputs.empty());
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.groups.begin()->second.name.starts_with("conditional-Group-"));
}

TEST_F(EngineTest, ValidationErrorsAtCreateStack) {
  auto error_of = [&](const CreateStackInput& in) -> std::string {
    try {
      create(in);
    } catch (const ApiError& error) {
      EXPECT_EQ(error.code, "ValidationError");
      EXPECT_EQ(error.status, 400);
      return error.what();
    }
    return "(no error)";
  };
  EXPECT_EQ(error_of(input("1stack", kChain)),
            "1 validation error detected: Value '1stack' at 'stackName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
  EXPECT_EQ(error_of(input("under_score", kChain)),
            "1 validation error detected: Value 'under_score' at 'stackName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
  std::string long_name = "a" + std::string(128, 'b');
  EXPECT_EQ(error_of(input(long_name, kChain)),
            "1 validation error detected: Value '" + long_name +
                "' at 'stackName' failed to satisfy constraint: Member must have length less "
                "than or equal to 128");
  EXPECT_EQ(error_of(input("seed", seed_template())),
            "Parameters: [Ec2InstanceSg] must have values");
  EXPECT_EQ(error_of(input("x", "Resources:\n  I:\n    Type: AWS::EC2::Instance\n")),
            "Template format error: Unrecognized resource types: [AWS::EC2::Instance]");
  EXPECT_EQ(error_of(input("x", R"(
Conditions:
  Never: !Equals [a, b]
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Condition: Never
    Properties: {GroupDescription: x}
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Group, IpProtocol: tcp}
)")),
            "Template format error: Unresolved resource dependencies [Group] in the Resources "
            "block of the template");
  EXPECT_EQ(error_of(input("x",
                           "Parameters:\n  P: {Type: 'AWS::SSM::Parameter::Value<String>', "
                           "Default: /my/param}\n" +
                               std::string("Resources:\n  G:\n    Type: AWS::EC2::SecurityGroup\n"
                                           "    Properties: {GroupDescription: !Ref P}\n"))),
            "Unable to fetch parameters [/my/param] from parameter store for this account.");
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(engine->stacks(kRegion).empty());
}

class TimeoutTest : public EngineTest {
 protected:
  TimeoutTest() { options.minute = std::chrono::milliseconds(40); }
};

TEST_F(TimeoutTest, TimeoutInMinutesRollsBack) {
  world.timings.provision = std::chrono::milliseconds(400);
  CreateStackInput in = input("slow", kChain);
  in.timeout_minutes = 1;
  std::string id = create(in);
  ASSERT_EQ(settle(id), "ROLLBACK_COMPLETE");
  Lines lines = event_lines(id);
  EXPECT_LT(index_of(lines, "Group CREATE_FAILED Resource creation cancelled"),
            index_of(lines,
                     "slow ROLLBACK_IN_PROGRESS Stack creation time exceeded the specified "
                     "timeout. Rollback requested by user."));
  index_of(lines, "Group DELETE_COMPLETE");
  std::lock_guard lock(world.mutex);
  EXPECT_TRUE(provisioner.live.empty());
}

TEST_F(EngineTest, ResetForgetsEverything) {
  std::string id = create(input("forgotten", kChain));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  std::lock_guard lock(world.mutex);
  engine->reset();
  EXPECT_TRUE(engine->stacks(kRegion).empty());
}

}  // namespace
}  // namespace ssmlink::emulator::testing
