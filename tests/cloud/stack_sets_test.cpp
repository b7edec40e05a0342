// The StackSets service class over a fake transport: the parameters as the query
// protocol flattens them (botocore's model, CloudFormation 2010-05-15), and the answers read.
#include "cloud/stack_sets.hpp"

#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"

namespace ssmlink::cloud {
namespace {

using testing::FakeQueryService;

std::string reply(const std::string& operation, const std::string& result) {
  return "<" + operation + "Response><" + operation + "Result>" + result + "</" + operation +
         "Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + operation +
         "Response>";
}

TEST(StackSetsService, CreateStackInstancesFlattensTargetsOverridesAndPreferences) {
  FakeQueryService aws;
  aws.respond(reply("CreateStackInstances", "<OperationId>op-1</OperationId>"));
  StackSets stack_sets(aws.call());
  StackInstancesRequest request;
  request.stack_set_name = "ssmlink-endpoints";
  request.deployment_targets = {{"r-ab12"}, {"210987654321"}, "INTERSECTION"};
  request.regions = {"eu-west-1"};
  request.parameter_overrides = {{"VpcId", "vpc-1", std::nullopt}};
  request.operation_preferences.failure_tolerance_count = 0;
  request.operation_preferences.max_concurrent_count = 1;
  request.operation_id = "op-1";
  EXPECT_EQ(stack_sets.create_stack_instances(request), "op-1");
  ASSERT_EQ(aws.calls().size(), 1u);
  EXPECT_EQ(aws.calls()[0].params,
            (aws::QueryParams{{"StackSetName", "ssmlink-endpoints"},
                              {"DeploymentTargets.OrganizationalUnitIds.member.1", "r-ab12"},
                              {"DeploymentTargets.Accounts.member.1", "210987654321"},
                              {"DeploymentTargets.AccountFilterType", "INTERSECTION"},
                              {"Regions.member.1", "eu-west-1"},
                              {"ParameterOverrides.member.1.ParameterKey", "VpcId"},
                              {"ParameterOverrides.member.1.ParameterValue", "vpc-1"},
                              {"OperationPreferences.FailureToleranceCount", "0"},
                              {"OperationPreferences.MaxConcurrentCount", "1"},
                              {"OperationId", "op-1"}}));
}

TEST(StackSetsService, CreateStackSetIsServiceManagedWithManagedExecution) {
  FakeQueryService aws;
  aws.respond(reply("CreateStackSet", "<StackSetId>ssmlink-endpoints:1a2b</StackSetId>"));
  StackSets stack_sets(aws.call());
  CreateStackSetRequest request;
  request.stack_set_name = "ssmlink-endpoints";
  request.template_body = "{}";
  request.tags = {{"ssmlink:managed", "true"}};
  EXPECT_EQ(stack_sets.create_stack_set(request), "ssmlink-endpoints:1a2b");
  EXPECT_EQ(aws.calls()[0].params, (aws::QueryParams{{"StackSetName", "ssmlink-endpoints"},
                                                     {"TemplateBody", "{}"},
                                                     {"PermissionModel", "SERVICE_MANAGED"},
                                                     {"Tags.member.1.Key", "ssmlink:managed"},
                                                     {"Tags.member.1.Value", "true"},
                                                     {"AutoDeployment.Enabled", "false"},
                                                     {"ManagedExecution.Active", "true"}}));
}

TEST(StackSetsService, ReadsTheStackSetItsOperationAndResults) {
  FakeQueryService aws;
  aws.respond(reply("DescribeStackSet",
                    "<StackSet><StackSetName>s</StackSetName><StackSetId>s:1</StackSetId>"
                    "<Status>ACTIVE</Status><Tags><member><Key>ssmlink:managed</Key>"
                    "<Value>true</Value></member></Tags><ManagedExecution><Active>true</Active>"
                    "</ManagedExecution></StackSet>"));
  aws.respond(reply("DescribeStackSetOperation",
                    "<StackSetOperation><OperationId>op</OperationId><Action>CREATE</Action>"
                    "<Status>FAILED</Status><StatusDetails><FailedStackInstancesCount>1"
                    "</FailedStackInstancesCount></StatusDetails></StackSetOperation>"));
  aws.respond(reply("ListStackSetOperationResults",
                    "<Summaries><member><Account>210987654321</Account><Region>eu-west-1</Region>"
                    "<Status>FAILED</Status><StatusReason>ResourceLogicalId:SsmVpcEndpoint, "
                    "ResourceType:AWS::EC2::VPCEndpoint, ResourceStatusReason:nope.</StatusReason>"
                    "</member></Summaries>"));
  aws.respond(reply("ListStackInstances",
                    "<Summaries><member><Account>210987654321</Account><Region>eu-west-1</Region>"
                    "<StackId>arn:aws:cloudformation:eu-west-1:210987654321:stack/StackSet-s-1/x"
                    "</StackId><Status>OUTDATED</Status><StackInstanceStatus><DetailedStatus>"
                    "FAILED</DetailedStatus></StackInstanceStatus><DriftStatus>NOT_CHECKED"
                    "</DriftStatus></member></Summaries>"));
  StackSets stack_sets(aws.call());
  StackSet stack_set = stack_sets.describe_stack_set("s");
  EXPECT_EQ(stack_set.stack_set_id, "s:1");
  EXPECT_TRUE(stack_set.managed_execution);
  ASSERT_EQ(stack_set.tags.size(), 1u);
  StackSetOperation operation = stack_sets.describe_stack_set_operation("s", "op");
  EXPECT_EQ(operation.status, "FAILED");
  EXPECT_EQ(operation.failed_stack_instances_count, 1);
  auto results = stack_sets.list_stack_set_operation_results("s", "op");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, "FAILED");
  EXPECT_NE(results[0].status_reason->find("ResourceStatusReason:nope."), std::string::npos);
  auto instances = stack_sets.list_stack_instances("s");
  ASSERT_EQ(instances.size(), 1u);
  EXPECT_EQ(instances[0].detailed_status, "FAILED");
  EXPECT_EQ(instances[0].drift_status, "NOT_CHECKED");
}

TEST(StackSetsService, AResultWithoutItsAccountIsAResponseError) {
  FakeQueryService aws;
  aws.respond(reply("ListStackSetOperationResults",
                    "<Summaries><member><Region>eu-west-1</Region><Status>FAILED</Status>"
                    "</member></Summaries>"));
  StackSets stack_sets(aws.call());
  EXPECT_THROW(stack_sets.list_stack_set_operation_results("s", "op"), aws::ResponseError);
}

}  // namespace
}  // namespace ssmlink::cloud
