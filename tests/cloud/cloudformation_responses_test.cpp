// CloudFormation parsers against responses written after the CloudFormation API Reference
// examples (member names from reference/aws-models/cloudformation/2010-05-15), and against
// malformed ones.
#include "cloud/cloudformation_responses.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using testing::utc;
using testing::XmlText;

constexpr const char* kStackId =
    "arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/"
    "aaf549a0-a413-11df-adb3-5081b3858e83";

std::string cfn(const std::string& operation, const std::string& result) {
  return "<" + operation +
         "Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><" + operation +
         "Result>" + result + "</" + operation +
         "Result><ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId>"
         "</ResponseMetadata></" +
         operation + "Response>";
}

pugi::xml_node result_of(const XmlText& text) {
  return text.root().first_child();
}

// --- CreateStack ---

TEST(CloudFormationCreateStack, ReturnsTheStackId) {
  XmlText text(cfn("CreateStack", std::string("<StackId>") + kStackId + "</StackId>"));
  EXPECT_EQ(parse_create_stack(result_of(text)), kStackId);
}

TEST(CloudFormationCreateStack, NoStackIdIsAnError) {
  XmlText text(cfn("CreateStack", "<OperationId>op-1</OperationId>"));
  EXPECT_THAT(
      [&] { parse_create_stack(result_of(text)); },
      ThrowsMessage<aws::ResponseError>("CloudFormation CreateStack response: StackId is missing"));
}

TEST(CloudFormationCreateStack, TheResponseElementIsNotTheResult) {
  XmlText text(cfn("CreateStack", std::string("<StackId>") + kStackId + "</StackId>"));
  EXPECT_THAT([&] { parse_create_stack(text.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "CloudFormation CreateStack response: the result is <CreateStackResponse>, "
                  "expected <CreateStackResult>"));
}

// --- DescribeStacks ---

constexpr const char* kStacks = R"(
<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult>
    <Stacks>
      <member>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackName>ssmlink-vpc-1a2b3c4d</StackName>
        <Description>VPC endpoints for Session Manager (ssm, ssmmessages, ec2messages), made by ssmlink 0.1.0</Description>
        <Parameters>
          <member><ParameterKey>VpcId</ParameterKey><ParameterValue>vpc-1a2b3c4d</ParameterValue></member>
          <member><ParameterKey>SubnetIds</ParameterKey><ParameterValue>subnet-1,subnet-2</ParameterValue></member>
          <member>
            <ParameterKey>LatestAmi</ParameterKey>
            <ParameterValue>/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64</ParameterValue>
            <ResolvedValue>ami-0abcdef1234567890</ResolvedValue>
          </member>
        </Parameters>
        <CreationTime>2026-11-28T07:39:02.123Z</CreationTime>
        <LastUpdatedTime>2026-11-28T07:45:00Z</LastUpdatedTime>
        <StackStatus>CREATE_COMPLETE</StackStatus>
        <DisableRollback>false</DisableRollback>
        <NotificationARNs/>
        <TimeoutInMinutes>30</TimeoutInMinutes>
        <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
        <Outputs>
          <member>
            <OutputKey>SsmVpcEndpointId</OutputKey>
            <OutputValue>vpce-0d7e2f0c2a1e4f5b6</OutputValue>
            <Description>The ssm endpoint</Description>
          </member>
          <member>
            <OutputKey>VpcEndpointSecurityGroupId</OutputKey>
            <OutputValue>sg-0c1d2e3f4a5b6c7d8</OutputValue>
            <ExportName>ssmlink-sg</ExportName>
          </member>
        </Outputs>
        <Tags>
          <member><Key>ssmlink:managed</Key><Value>true</Value></member>
          <member><Key>ssmlink:expires-at</Key><Value>2026-11-28T09:39:02Z</Value></member>
        </Tags>
        <EnableTerminationProtection>false</EnableTerminationProtection>
        <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>
      </member>
      <member>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/broken/bbf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackName>broken</StackName>
        <CreationTime>2026-11-27T10:00:00Z</CreationTime>
        <DeletionTime>2026-11-27T10:05:00Z</DeletionTime>
        <StackStatus>ROLLBACK_COMPLETE</StackStatus>
        <StackStatusReason>The following resource(s) failed to create: [SsmVpcEndpoint]. Rollback requested by user.</StackStatusReason>
      </member>
    </Stacks>
    <NextToken>stacks-2</NextToken>
  </DescribeStacksResult>
  <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
</DescribeStacksResponse>)";

TEST(CloudFormationDescribeStacks, ReadsAStack) {
  XmlText text(kStacks);
  Page<Stack> page = parse_describe_stacks(text.child("DescribeStacksResult"));
  ASSERT_EQ(page.items.size(), 2u);
  const Stack& stack = page.items[0];
  EXPECT_EQ(stack.stack_id, kStackId);
  EXPECT_EQ(stack.stack_name, "ssmlink-vpc-1a2b3c4d");
  EXPECT_EQ(stack.stack_status, "CREATE_COMPLETE");
  EXPECT_EQ(stack.stack_status_reason, std::nullopt);
  EXPECT_THAT(*stack.description, HasSubstr("made by ssmlink"));
  EXPECT_EQ(stack.creation_time, utc(2026, 11, 28, 7, 39, 2));
  EXPECT_EQ(stack.last_updated_time, utc(2026, 11, 28, 7, 45, 0));
  EXPECT_EQ(stack.deletion_time, std::nullopt);
  EXPECT_THAT(stack.parameters,
              ElementsAre(Parameter{"VpcId", "vpc-1a2b3c4d", std::nullopt},
                          Parameter{"SubnetIds", "subnet-1,subnet-2", std::nullopt},
                          Parameter{"LatestAmi",
                                    "/aws/service/ami-amazon-linux-latest/"
                                    "al2023-ami-kernel-default-x86_64",
                                    "ami-0abcdef1234567890"}));
  ASSERT_EQ(stack.outputs.size(), 2u);
  EXPECT_EQ(stack.outputs[0].output_key, "SsmVpcEndpointId");
  EXPECT_EQ(stack.outputs[0].output_value, "vpce-0d7e2f0c2a1e4f5b6");
  EXPECT_EQ(stack.outputs[0].description, "The ssm endpoint");
  EXPECT_EQ(stack.outputs[0].export_name, std::nullopt);
  EXPECT_EQ(stack.outputs[1].export_name, "ssmlink-sg");
  EXPECT_THAT(stack.tags, ElementsAre(Tag{"ssmlink:managed", "true"},
                                      Tag{"ssmlink:expires-at", "2026-11-28T09:39:02Z"}));
  EXPECT_THAT(stack.capabilities, ElementsAre("CAPABILITY_IAM"));
  EXPECT_EQ(stack.disable_rollback, false);
  EXPECT_EQ(stack.timeout_in_minutes, 30);
  EXPECT_EQ(stack.enable_termination_protection, false);
  EXPECT_EQ(page.next_token, "stacks-2");
}

TEST(CloudFormationDescribeStacks, OptionalMembersMayBeAbsent) {
  XmlText text(kStacks);
  const Stack stack = parse_describe_stacks(text.child("DescribeStacksResult")).items[1];
  EXPECT_EQ(stack.stack_status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(*stack.stack_status_reason, HasSubstr("SsmVpcEndpoint"));
  EXPECT_EQ(stack.deletion_time, utc(2026, 11, 27, 10, 5, 0));
  EXPECT_EQ(stack.description, std::nullopt);
  EXPECT_EQ(stack.disable_rollback, std::nullopt);
  EXPECT_TRUE(stack.parameters.empty());
  EXPECT_TRUE(stack.outputs.empty());
  EXPECT_TRUE(stack.tags.empty());
}

TEST(CloudFormationDescribeStacks, NoStacks) {
  XmlText text(cfn("DescribeStacks", "<Stacks/>"));
  Page<Stack> page = parse_describe_stacks(result_of(text));
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.next_token, std::nullopt);
}

TEST(CloudFormationDescribeStacks, MalformedStacks) {
  XmlText no_status(cfn("DescribeStacks", std::string("<Stacks><member><StackId>") + kStackId +
                                              "</StackId><StackName>s</StackName>"
                                              "<CreationTime>2026-11-28T07:39:02Z</CreationTime>"
                                              "</member></Stacks>"));
  EXPECT_THAT([&] { parse_describe_stacks(result_of(no_status)); },
              ThrowsMessage<aws::ResponseError>(
                  "CloudFormation DescribeStacks response: Stacks/member[1]/StackStatus is "
                  "missing"));
  XmlText no_id(cfn("DescribeStacks",
                    "<Stacks><member><StackName>s</StackName><StackStatus>CREATE_COMPLETE"
                    "</StackStatus><CreationTime>2026-11-28T07:39:02Z</CreationTime></member>"
                    "</Stacks>"));
  EXPECT_THAT([&] { parse_describe_stacks(result_of(no_id)); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("Stacks/member[1]/StackId is missing")));
  XmlText bad_time(cfn("DescribeStacks", std::string("<Stacks><member><StackId>") + kStackId +
                                             "</StackId><StackName>s</StackName><StackStatus>"
                                             "CREATE_COMPLETE</StackStatus><CreationTime>"
                                             "28/11/2026</CreationTime></member></Stacks>"));
  EXPECT_THAT([&] { parse_describe_stacks(result_of(bad_time)); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("Stacks/member[1]/CreationTime is \"28/11/2026\", not an ISO 8601")));
  XmlText bad_output(
      cfn("DescribeStacks", std::string("<Stacks><member><StackId>") + kStackId +
                                "</StackId><StackName>s</StackName><StackStatus>CREATE_COMPLETE"
                                "</StackStatus><CreationTime>2026-11-28T07:39:02Z</CreationTime>"
                                "<Outputs><member><OutputValue>x</OutputValue></member></Outputs>"
                                "</member></Stacks>"));
  EXPECT_THAT([&] { parse_describe_stacks(result_of(bad_output)); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("Stacks/member[1]/Outputs/member[1]/OutputKey is missing")));
}

// --- DescribeStackEvents ---

constexpr const char* kStackEvents = R"xml(
<DescribeStackEventsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStackEventsResult>
    <StackEvents>
      <member>
        <EventId>SsmVpcEndpoint-CREATE_FAILED-2026-11-28T07:40:10.123Z</EventId>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackName>ssmlink-vpc-1a2b3c4d</StackName>
        <LogicalResourceId>SsmVpcEndpoint</LogicalResourceId>
        <PhysicalResourceId/>
        <ResourceType>AWS::EC2::VPCEndpoint</ResourceType>
        <Timestamp>2026-11-28T07:40:10.123Z</Timestamp>
        <ResourceStatus>CREATE_FAILED</ResourceStatus>
        <ResourceStatusReason>Resource handler returned message: "private-dns-enabled cannot be set because there is already a conflicting DNS domain for ssm.eu-west-1.amazonaws.com in the VPC vpc-1a2b3c4d (Service: Ec2, Status Code: 400)"</ResourceStatusReason>
        <ResourceProperties>{"VpcId":"vpc-1a2b3c4d","PrivateDnsEnabled":"true"}</ResourceProperties>
        <ClientRequestToken>ssmlink-up-0123abcd</ClientRequestToken>
      </member>
      <member>
        <EventId>1dedea10-a413-11df-adb3-5081b3858e83</EventId>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackName>ssmlink-vpc-1a2b3c4d</StackName>
        <LogicalResourceId>ssmlink-vpc-1a2b3c4d</LogicalResourceId>
        <PhysicalResourceId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/aaf549a0-a413-11df-adb3-5081b3858e83</PhysicalResourceId>
        <ResourceType>AWS::CloudFormation::Stack</ResourceType>
        <Timestamp>2026-11-28T07:39:02Z</Timestamp>
        <ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus>
        <ResourceStatusReason>User Initiated</ResourceStatusReason>
      </member>
    </StackEvents>
    <NextToken>events-2</NextToken>
  </DescribeStackEventsResult>
  <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
</DescribeStackEventsResponse>)xml";

TEST(CloudFormationDescribeStackEvents, ReadsEventsNewestFirst) {
  XmlText text(kStackEvents);
  Page<StackEvent> page = parse_describe_stack_events(text.child("DescribeStackEventsResult"));
  ASSERT_EQ(page.items.size(), 2u);
  const StackEvent& failed = page.items[0];
  EXPECT_EQ(failed.event_id, "SsmVpcEndpoint-CREATE_FAILED-2026-11-28T07:40:10.123Z");
  EXPECT_EQ(failed.stack_id, kStackId);
  EXPECT_EQ(failed.stack_name, "ssmlink-vpc-1a2b3c4d");
  EXPECT_EQ(failed.logical_resource_id, "SsmVpcEndpoint");
  EXPECT_EQ(failed.physical_resource_id, "");  // present but empty: not created
  EXPECT_EQ(failed.resource_type, "AWS::EC2::VPCEndpoint");
  EXPECT_EQ(failed.timestamp, utc(2026, 11, 28, 7, 40, 10));
  EXPECT_EQ(failed.resource_status, "CREATE_FAILED");
  EXPECT_THAT(*failed.resource_status_reason, HasSubstr("conflicting DNS domain"));
  EXPECT_EQ(failed.client_request_token, "ssmlink-up-0123abcd");

  const StackEvent& started = page.items[1];
  EXPECT_EQ(started.resource_type, "AWS::CloudFormation::Stack");
  EXPECT_EQ(started.resource_status_reason, "User Initiated");
  EXPECT_EQ(started.client_request_token, std::nullopt);
  EXPECT_EQ(page.next_token, "events-2");
}

TEST(CloudFormationDescribeStackEvents, MalformedEvents) {
  XmlText no_event_id(
      cfn("DescribeStackEvents", std::string("<StackEvents><member><StackId>") + kStackId +
                                     "</StackId><StackName>s</StackName><Timestamp>"
                                     "2026-11-28T07:39:02Z</Timestamp></member></StackEvents>"));
  EXPECT_THAT([&] { parse_describe_stack_events(result_of(no_event_id)); },
              ThrowsMessage<aws::ResponseError>(
                  "CloudFormation DescribeStackEvents response: StackEvents/member[1]/EventId is "
                  "missing"));
  XmlText no_time(cfn("DescribeStackEvents",
                      std::string("<StackEvents><member><EventId>e</EventId><StackId>") + kStackId +
                          "</StackId><StackName>s</StackName></member></StackEvents>"));
  EXPECT_THAT(
      [&] { parse_describe_stack_events(result_of(no_time)); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("StackEvents/member[1]/Timestamp is missing")));
}

// --- DescribeStackResources ---

constexpr const char* kStackResources = R"(
<DescribeStackResourcesResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStackResourcesResult>
    <StackResources>
      <member>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackName>ssmlink-vpc-1a2b3c4d</StackName>
        <LogicalResourceId>VpcEndpointSecurityGroup</LogicalResourceId>
        <PhysicalResourceId>sg-0c1d2e3f4a5b6c7d8</PhysicalResourceId>
        <ResourceType>AWS::EC2::SecurityGroup</ResourceType>
        <Timestamp>2026-11-28T07:39:40Z</Timestamp>
        <ResourceStatus>CREATE_COMPLETE</ResourceStatus>
        <DriftInformation><StackResourceDriftStatus>NOT_CHECKED</StackResourceDriftStatus></DriftInformation>
      </member>
      <member>
        <LogicalResourceId>SsmVpcEndpoint</LogicalResourceId>
        <ResourceType>AWS::EC2::VPCEndpoint</ResourceType>
        <Timestamp>2026-11-28T07:40:10Z</Timestamp>
        <ResourceStatus>CREATE_FAILED</ResourceStatus>
        <ResourceStatusReason>conflicting DNS domain</ResourceStatusReason>
        <Description>The ssm endpoint</Description>
      </member>
    </StackResources>
  </DescribeStackResourcesResult>
  <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
</DescribeStackResourcesResponse>)";

TEST(CloudFormationDescribeStackResources, ReadsResources) {
  XmlText text(kStackResources);
  std::vector<StackResource> resources =
      parse_describe_stack_resources(text.child("DescribeStackResourcesResult"));
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources[0].stack_id, kStackId);
  EXPECT_EQ(resources[0].logical_resource_id, "VpcEndpointSecurityGroup");
  EXPECT_EQ(resources[0].physical_resource_id, "sg-0c1d2e3f4a5b6c7d8");
  EXPECT_EQ(resources[0].resource_type, "AWS::EC2::SecurityGroup");
  EXPECT_EQ(resources[0].timestamp, utc(2026, 11, 28, 7, 39, 40));
  EXPECT_EQ(resources[0].resource_status, "CREATE_COMPLETE");
  EXPECT_EQ(resources[0].resource_status_reason, std::nullopt);
  EXPECT_EQ(resources[1].physical_resource_id, std::nullopt);
  EXPECT_EQ(resources[1].stack_name, std::nullopt);
  EXPECT_EQ(resources[1].resource_status_reason, "conflicting DNS domain");
  EXPECT_EQ(resources[1].description, "The ssm endpoint");
}

TEST(CloudFormationDescribeStackResources, MissingRequiredMembersAreErrors) {
  XmlText no_type(cfn("DescribeStackResources",
                      "<StackResources><member><LogicalResourceId>A</LogicalResourceId>"
                      "<Timestamp>2026-11-28T07:39:40Z</Timestamp><ResourceStatus>CREATE_COMPLETE"
                      "</ResourceStatus></member></StackResources>"));
  EXPECT_THAT(
      [&] { parse_describe_stack_resources(result_of(no_type)); },
      ThrowsMessage<aws::ResponseError>("CloudFormation DescribeStackResources response: "
                                        "StackResources/member[1]/ResourceType is missing"));
  XmlText empty(cfn("DescribeStackResources", "<StackResources/>"));
  EXPECT_TRUE(parse_describe_stack_resources(result_of(empty)).empty());
}

// --- ListStacks ---

constexpr const char* kStackSummaries = R"(
<ListStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <ListStacksResult>
    <StackSummaries>
      <member>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ssmlink-vpc-1a2b3c4d/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackStatus>CREATE_COMPLETE</StackStatus>
        <StackName>ssmlink-vpc-1a2b3c4d</StackName>
        <CreationTime>2026-11-28T07:39:02Z</CreationTime>
        <TemplateDescription>VPC endpoints for Session Manager, made by ssmlink 0.1.0</TemplateDescription>
      </member>
      <member>
        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/old/ccf549a0-a413-11df-adb3-5081b3858e83</StackId>
        <StackStatus>DELETE_COMPLETE</StackStatus>
        <StackStatusReason>User Initiated</StackStatusReason>
        <DeletionTime>2026-11-20T12:00:00Z</DeletionTime>
        <StackName>old</StackName>
        <CreationTime>2026-11-20T11:00:00Z</CreationTime>
        <LastUpdatedTime>2026-11-20T11:30:00Z</LastUpdatedTime>
      </member>
    </StackSummaries>
  </ListStacksResult>
  <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
</ListStacksResponse>)";

TEST(CloudFormationListStacks, ReadsSummaries) {
  XmlText text(kStackSummaries);
  Page<StackSummary> page = parse_list_stacks(text.child("ListStacksResult"));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].stack_id, kStackId);
  EXPECT_EQ(page.items[0].stack_name, "ssmlink-vpc-1a2b3c4d");
  EXPECT_EQ(page.items[0].stack_status, "CREATE_COMPLETE");
  EXPECT_EQ(page.items[0].creation_time, utc(2026, 11, 28, 7, 39, 2));
  EXPECT_THAT(*page.items[0].template_description, HasSubstr("made by ssmlink"));
  EXPECT_EQ(page.items[0].deletion_time, std::nullopt);
  EXPECT_EQ(page.items[1].stack_status, "DELETE_COMPLETE");
  EXPECT_EQ(page.items[1].stack_status_reason, "User Initiated");
  EXPECT_EQ(page.items[1].deletion_time, utc(2026, 11, 20, 12, 0, 0));
  EXPECT_EQ(page.items[1].last_updated_time, utc(2026, 11, 20, 11, 30, 0));
  EXPECT_EQ(page.items[1].template_description, std::nullopt);
  EXPECT_EQ(page.next_token, std::nullopt);
}

TEST(CloudFormationListStacks, MalformedSummaries) {
  XmlText no_name(
      cfn("ListStacks", std::string("<StackSummaries><member><StackId>") + kStackId +
                            "</StackId><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>"
                            "2026-11-28T07:39:02Z</CreationTime></member></StackSummaries>"));
  EXPECT_THAT([&] { parse_list_stacks(result_of(no_name)); },
              ThrowsMessage<aws::ResponseError>(
                  "CloudFormation ListStacks response: StackSummaries/member[1]/StackName is "
                  "missing"));
  XmlText bad_deletion(cfn("ListStacks", std::string("<StackSummaries><member><StackId>") +
                                             kStackId +
                                             "</StackId><StackName>s</StackName><StackStatus>"
                                             "DELETE_COMPLETE</StackStatus><CreationTime>"
                                             "2026-11-28T07:39:02Z</CreationTime><DeletionTime>"
                                             "never</DeletionTime></member></StackSummaries>"));
  EXPECT_THROW(parse_list_stacks(result_of(bad_deletion)), aws::ResponseError);
}

// --- GetTemplate ---

TEST(CloudFormationGetTemplate, ReturnsTheBodyAsWritten) {
  XmlText text(cfn("GetTemplate", R"(<TemplateBody>AWSTemplateFormatVersion: "2010-09-09"
Description: a &amp; b &lt;c&gt;
Resources:
  Sg: {Type: "AWS::EC2::SecurityGroup"}
</TemplateBody><StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable>)"));
  EXPECT_EQ(parse_get_template(result_of(text)),
            "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: a & b <c>\nResources:\n"
            "  Sg: {Type: \"AWS::EC2::SecurityGroup\"}\n");
}

TEST(CloudFormationGetTemplate, NoBodyIsAnError) {
  XmlText text(cfn("GetTemplate", "<StagesAvailable/>"));
  EXPECT_THAT([&] { parse_get_template(result_of(text)); },
              ThrowsMessage<aws::ResponseError>(
                  "CloudFormation GetTemplate response: TemplateBody is missing"));
}

}  // namespace
}  // namespace ssmlink::cloud
