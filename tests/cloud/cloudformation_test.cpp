// The CloudFormation service class over a fake transport.
#include "cloud/cloudformation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::ElementsAre;
using testing::FakeQueryService;

std::string wrap(const std::string& operation, const std::string& result) {
  return "<" + operation + "Response><" + operation + "Result>" + result + "</" + operation +
         "Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + operation +
         "Response>";
}

std::string event(const std::string& id) {
  return "<member><EventId>" + id +
         "</EventId><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1</StackId>"
         "<StackName>s</StackName><Timestamp>2026-11-28T07:39:02Z</Timestamp></member>";
}

std::string events_page(const std::vector<std::string>& ids, const std::string& next_token) {
  std::string members;
  for (const std::string& id : ids)
    members += event(id);
  std::string token = next_token.empty() ? "" : "<NextToken>" + next_token + "</NextToken>";
  return wrap("DescribeStackEvents", "<StackEvents>" + members + "</StackEvents>" + token);
}

std::string stack(const std::string& name) {
  return "<member><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/" + name +
         "/1</StackId><StackName>" + name +
         "</StackName><CreationTime>2026-11-28T07:39:02Z</CreationTime>"
         "<StackStatus>CREATE_COMPLETE</StackStatus></member>";
}

TEST(CloudFormationService, CreateStackSendsTheRequestAndReturnsTheId) {
  FakeQueryService aws;
  aws.respond(
      wrap("CreateStack", "<StackId>arn:aws:cloudformation:eu-west-1:1:stack/s/1</StackId>"));
  CloudFormation cloudformation(aws.call());
  CreateStackRequest request;
  request.stack_name = "s";
  request.template_body = "{}";
  request.tags = {{"ssmlink:managed", "true"}};
  EXPECT_EQ(cloudformation.create_stack(request), "arn:aws:cloudformation:eu-west-1:1:stack/s/1");
  ASSERT_EQ(aws.calls().size(), 1u);
  EXPECT_EQ(aws.calls()[0].action, "CreateStack");
  EXPECT_EQ(aws.calls()[0].params, (aws::QueryParams{{"StackName", "s"},
                                                     {"TemplateBody", "{}"},
                                                     {"Tags.member.1.Key", "ssmlink:managed"},
                                                     {"Tags.member.1.Value", "true"}}));
}

TEST(CloudFormationService, DeleteStackNeedsNoResult) {
  FakeQueryService aws;
  aws.respond(
      "<DeleteStackResponse><ResponseMetadata><RequestId>r</RequestId>"
      "</ResponseMetadata></DeleteStackResponse>");
  CloudFormation cloudformation(aws.call());
  cloudformation.delete_stack({"s", {}, std::string("token-1"), std::nullopt});
  ASSERT_EQ(aws.calls().size(), 1u);
  EXPECT_EQ(aws.calls()[0].action, "DeleteStack");
  EXPECT_EQ(aws.calls()[0].params,
            (aws::QueryParams{{"StackName", "s"}, {"ClientRequestToken", "token-1"}}));
}

TEST(CloudFormationService, DescribeStacksMergesPages) {
  FakeQueryService aws;
  aws.respond(wrap("DescribeStacks",
                   "<Stacks>" + stack("a") + stack("b") + "</Stacks><NextToken>p2</NextToken>"));
  aws.respond(wrap("DescribeStacks", "<Stacks>" + stack("c") + "</Stacks>"));
  CloudFormation cloudformation(aws.call());
  std::vector<Stack> stacks = cloudformation.describe_stacks();
  ASSERT_EQ(stacks.size(), 3u);
  EXPECT_EQ(stacks[2].stack_name, "c");
  EXPECT_TRUE(aws.calls()[0].params.empty());
  EXPECT_EQ(aws.calls()[1].params, (aws::QueryParams{{"NextToken", "p2"}}));
}

TEST(CloudFormationService, DescribeStacksByName) {
  FakeQueryService aws;
  aws.respond(wrap("DescribeStacks", "<Stacks>" + stack("a") + "</Stacks>"));
  CloudFormation cloudformation(aws.call());
  EXPECT_EQ(cloudformation.describe_stacks(std::string("a")).size(), 1u);
  EXPECT_EQ(aws.calls()[0].params, (aws::QueryParams{{"StackName", "a"}}));
}

TEST(CloudFormationService, DescribeStackEventsReadsEveryPage) {
  FakeQueryService aws;
  aws.respond(events_page({"e5", "e4"}, "p2"));
  aws.respond(events_page({"e3", "e2"}, "p3"));
  aws.respond(events_page({"e1"}, ""));
  CloudFormation cloudformation(aws.call());
  std::vector<std::string> ids;
  for (const StackEvent& e : cloudformation.describe_stack_events("s"))
    ids.push_back(e.event_id);
  EXPECT_THAT(ids, ElementsAre("e5", "e4", "e3", "e2", "e1"));
  ASSERT_EQ(aws.calls().size(), 3u);
  EXPECT_EQ(aws.calls()[2].params, (aws::QueryParams{{"StackName", "s"}, {"NextToken", "p3"}}));
}

// A watcher that last saw e3 reads e5 and e4, stops at e3 and never asks for page 3.
TEST(CloudFormationService, ForEachStackEventStopsReadingAtTheLastSeenEvent) {
  FakeQueryService aws;
  aws.respond(events_page({"e5", "e4"}, "p2"));
  aws.respond(events_page({"e3", "e2"}, "p3"));
  aws.respond(events_page({"e1"}, ""));
  CloudFormation cloudformation(aws.call());
  std::vector<std::string> new_events;
  cloudformation.for_each_stack_event("s", [&](const StackEvent& e) {
    if (e.event_id == "e3") return false;
    new_events.push_back(e.event_id);
    return true;
  });
  EXPECT_THAT(new_events, ElementsAre("e5", "e4"));
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].params, (aws::QueryParams{{"StackName", "s"}}));
  EXPECT_EQ(aws.calls()[1].params, (aws::QueryParams{{"StackName", "s"}, {"NextToken", "p2"}}));
}

TEST(CloudFormationService, ForEachStackEventStoppingOnTheFirstReadsOnePage) {
  FakeQueryService aws;
  aws.respond(events_page({"e5", "e4"}, "p2"));
  CloudFormation cloudformation(aws.call());
  int visited = 0;
  cloudformation.for_each_stack_event("s", [&](const StackEvent&) {
    ++visited;
    return false;
  });
  EXPECT_EQ(visited, 1);
  EXPECT_EQ(aws.calls().size(), 1u);
}

TEST(CloudFormationService, ListStacksWithFilterAndPages) {
  FakeQueryService aws;
  std::string summary =
      "<member><StackId>arn:aws:cloudformation:eu-west-1:1:stack/a/1</StackId><StackName>a"
      "</StackName><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>"
      "2026-11-28T07:39:02Z</CreationTime></member>";
  aws.respond(wrap("ListStacks",
                   "<StackSummaries>" + summary + "</StackSummaries><NextToken>p2</NextToken>"));
  aws.respond(wrap("ListStacks", "<StackSummaries>" + summary + "</StackSummaries>"));
  CloudFormation cloudformation(aws.call());
  EXPECT_EQ(cloudformation.list_stacks({"CREATE_COMPLETE"}).size(), 2u);
  EXPECT_EQ(
      aws.calls()[1].params,
      (aws::QueryParams{{"NextToken", "p2"}, {"StackStatusFilter.member.1", "CREATE_COMPLETE"}}));
}

TEST(CloudFormationService, ResourcesAndTemplate) {
  FakeQueryService aws;
  aws.respond(wrap("DescribeStackResources",
                   "<StackResources><member><LogicalResourceId>Sg</LogicalResourceId>"
                   "<ResourceType>AWS::EC2::SecurityGroup</ResourceType><Timestamp>"
                   "2026-11-28T07:39:02Z</Timestamp><ResourceStatus>CREATE_COMPLETE"
                   "</ResourceStatus></member></StackResources>"));
  aws.respond(wrap("GetTemplate", "<TemplateBody>{}</TemplateBody>"));
  CloudFormation cloudformation(aws.call());
  DescribeStackResourcesRequest request;
  request.stack_name = "s";
  EXPECT_EQ(cloudformation.describe_stack_resources(request).at(0).logical_resource_id, "Sg");
  EXPECT_EQ(cloudformation.get_template("s"), "{}");
  EXPECT_EQ(aws.calls()[0].action, "DescribeStackResources");
  EXPECT_EQ(aws.calls()[1].action, "GetTemplate");
  EXPECT_EQ(aws.calls()[1].params,
            (aws::QueryParams{{"StackName", "s"}, {"TemplateStage", "Original"}}));
}

}  // namespace
}  // namespace ssmlink::cloud
