#include "cloud/cloudformation_requests.hpp"

#include <gtest/gtest.h>

namespace ssmlink::cloud {
namespace {

using Params = aws::QueryParams;

TEST(CloudFormationRequests, CreateStackWithEverything) {
  CreateStackRequest request;
  request.stack_name = "ssmlink-vpc-1a2b3c4d";
  request.template_body = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n";
  request.parameters = {{"VpcId", "vpc-1a2b3c4d", std::nullopt},
                        {"SubnetIds", "subnet-1,subnet-2", std::nullopt}};
  request.tags = {{"ssmlink:managed", "true"}, {"owner", "山田 & co=1"}};
  request.on_failure = OnFailure::Delete;
  request.timeout_in_minutes = 30;
  request.capabilities = {"CAPABILITY_IAM"};
  request.client_request_token = "ssmlink-up-0123abcd";
  EXPECT_EQ(create_stack_params(request),
            (Params{{"StackName", "ssmlink-vpc-1a2b3c4d"},
                    {"TemplateBody", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n"},
                    {"Parameters.member.1.ParameterKey", "VpcId"},
                    {"Parameters.member.1.ParameterValue", "vpc-1a2b3c4d"},
                    {"Parameters.member.2.ParameterKey", "SubnetIds"},
                    {"Parameters.member.2.ParameterValue", "subnet-1,subnet-2"},
                    {"TimeoutInMinutes", "30"},
                    {"Capabilities.member.1", "CAPABILITY_IAM"},
                    {"OnFailure", "DELETE"},
                    {"Tags.member.1.Key", "ssmlink:managed"},
                    {"Tags.member.1.Value", "true"},
                    {"Tags.member.2.Key", "owner"},
                    {"Tags.member.2.Value", "山田 & co=1"},
                    {"ClientRequestToken", "ssmlink-up-0123abcd"}}));
}

TEST(CloudFormationRequests, CreateStackMinimal) {
  CreateStackRequest request;
  request.stack_name = "s";
  request.template_body = "{}";
  EXPECT_EQ(create_stack_params(request), (Params{{"StackName", "s"}, {"TemplateBody", "{}"}}));
}

TEST(CloudFormationRequests, CreateStackBooleansAndOnFailureValues) {
  CreateStackRequest request;
  request.stack_name = "s";
  request.template_body = "{}";
  request.disable_rollback = true;
  EXPECT_EQ(create_stack_params(request).back(),
            (std::pair<std::string, std::string>{"DisableRollback", "true"}));
  request.disable_rollback = false;
  EXPECT_EQ(create_stack_params(request).back(),
            (std::pair<std::string, std::string>{"DisableRollback", "false"}));
  request.disable_rollback.reset();
  request.on_failure = OnFailure::DoNothing;
  EXPECT_EQ(create_stack_params(request).back().second, "DO_NOTHING");
  request.on_failure = OnFailure::Rollback;
  EXPECT_EQ(create_stack_params(request).back().second, "ROLLBACK");
}

TEST(CloudFormationRequests, DeleteStack) {
  EXPECT_EQ(delete_stack_params({"ssmlink-vpc-1", {}, std::nullopt, std::nullopt}),
            (Params{{"StackName", "ssmlink-vpc-1"}}));
  EXPECT_EQ(delete_stack_params({"arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1",
                                 {"SsmVpcEndpoint", "VpcEndpointSecurityGroup"},
                                 "ssmlink-down-1",
                                 DeletionMode::ForceDeleteStack}),
            (Params{{"StackName", "arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1"},
                    {"RetainResources.member.1", "SsmVpcEndpoint"},
                    {"RetainResources.member.2", "VpcEndpointSecurityGroup"},
                    {"ClientRequestToken", "ssmlink-down-1"},
                    {"DeletionMode", "FORCE_DELETE_STACK"}}));
  EXPECT_EQ(delete_stack_params({"s", {}, std::nullopt, DeletionMode::Standard}).back().second,
            "STANDARD");
}

TEST(CloudFormationRequests, DescribeStacksAndEvents) {
  EXPECT_TRUE(describe_stacks_params(std::nullopt, std::nullopt).empty());
  EXPECT_EQ(describe_stacks_params(std::string("ssmlink-vpc-1"), std::string("tok")),
            (Params{{"StackName", "ssmlink-vpc-1"}, {"NextToken", "tok"}}));
  EXPECT_EQ(describe_stack_events_params("ssmlink-vpc-1", std::nullopt),
            (Params{{"StackName", "ssmlink-vpc-1"}}));
  EXPECT_EQ(describe_stack_events_params("ssmlink-vpc-1", std::string("page/2")),
            (Params{{"StackName", "ssmlink-vpc-1"}, {"NextToken", "page/2"}}));
}

TEST(CloudFormationRequests, DescribeStackResources) {
  EXPECT_EQ(describe_stack_resources_params(
                {std::string("s"), std::string("SsmVpcEndpoint"), std::nullopt}),
            (Params{{"StackName", "s"}, {"LogicalResourceId", "SsmVpcEndpoint"}}));
  EXPECT_EQ(describe_stack_resources_params({std::nullopt, std::nullopt, std::string("vpce-1")}),
            (Params{{"PhysicalResourceId", "vpce-1"}}));
}

TEST(CloudFormationRequests, ListStacksWithStatusFilter) {
  EXPECT_TRUE(list_stacks_params({}, std::nullopt).empty());
  EXPECT_EQ(list_stacks_params({"CREATE_COMPLETE", "ROLLBACK_COMPLETE"}, std::string("n")),
            (Params{{"NextToken", "n"},
                    {"StackStatusFilter.member.1", "CREATE_COMPLETE"},
                    {"StackStatusFilter.member.2", "ROLLBACK_COMPLETE"}}));
}

TEST(CloudFormationRequests, GetTemplate) {
  EXPECT_EQ(get_template_params("s", TemplateStage::Original),
            (Params{{"StackName", "s"}, {"TemplateStage", "Original"}}));
  EXPECT_EQ(get_template_params("s", TemplateStage::Processed),
            (Params{{"StackName", "s"}, {"TemplateStage", "Processed"}}));
}

}  // namespace
}  // namespace ssmlink::cloud
