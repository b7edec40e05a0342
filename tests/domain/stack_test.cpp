#include <gtest/gtest.h>

#include "domain/failure_hints.hpp"
#include "domain/stack_progress.hpp"
#include "domain/stack_tags.hpp"

namespace ssmlink::domain {
namespace {

using namespace std::chrono_literals;

EventTime at(int seconds) {
  return EventTime{} + std::chrono::seconds(1764300000 + seconds);
}

StackEventRecord event(int t, const std::string& id, const std::string& type,
                       const std::string& status, const std::string& reason = "",
                       const std::string& physical = "") {
  return {"e" + std::to_string(t) + id, id, physical, type, at(t), status, reason};
}

constexpr const char* kStack = "AWS::CloudFormation::Stack";
constexpr const char* kEndpoint = "AWS::EC2::VPCEndpoint";

TEST(StackProgress, TracksEachResourceAndTheStack) {
  StackProgress progress;
  progress.apply(event(0, "s", kStack, "CREATE_IN_PROGRESS", "User Initiated"));
  progress.apply(event(1, "Sg", "AWS::EC2::SecurityGroup", "CREATE_IN_PROGRESS"));
  progress.apply(event(2, "Sg", "AWS::EC2::SecurityGroup", "CREATE_COMPLETE", "", "sg-1"));
  progress.apply(event(3, "Ssm", kEndpoint, "CREATE_IN_PROGRESS", "", "vpce-1"));
  EXPECT_EQ(progress.stack_status(), "CREATE_IN_PROGRESS");
  EXPECT_FALSE(progress.finished());
  ASSERT_EQ(progress.resources().size(), 2u);
  EXPECT_EQ(progress.resources()[0].status, "CREATE_COMPLETE");
  EXPECT_EQ(progress.resources()[0].physical_id, "sg-1");
  EXPECT_EQ(progress.resources()[1].started, at(3));
  progress.apply(event(9, "Ssm", kEndpoint, "CREATE_COMPLETE", "", "vpce-1"));
  progress.apply(event(10, "s", kStack, "CREATE_COMPLETE"));
  EXPECT_TRUE(progress.finished());
  EXPECT_FALSE(progress.root_cause());
}

TEST(StackProgress, TheRootCauseIsNotTheCancellationCascade) {
  StackProgress progress;
  progress.apply(event(0, "s", kStack, "CREATE_IN_PROGRESS"));
  progress.apply(event(1, "Messages", kEndpoint, "CREATE_FAILED", "Resource creation cancelled"));
  progress.apply(event(1, "Ssm", kEndpoint, "CREATE_FAILED",
                       "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames "
                       "VPC attributes set to true for vpc-0f00d1e2c3b4a5968"));
  progress.apply(event(2, "Ec2", kEndpoint, "CREATE_FAILED", "Resource creation cancelled"));
  progress.apply(event(3, "s", kStack, "ROLLBACK_IN_PROGRESS"));
  EXPECT_FALSE(progress.finished());
  progress.apply(event(5, "s", kStack, "ROLLBACK_COMPLETE"));
  EXPECT_TRUE(progress.finished());
  ASSERT_TRUE(progress.root_cause());
  EXPECT_EQ(progress.root_cause()->logical_id, "Ssm");
}

TEST(StackStatuses, TerminalOnes) {
  for (const char* status : {"CREATE_COMPLETE", "ROLLBACK_COMPLETE", "DELETE_COMPLETE",
                             "DELETE_FAILED", "CREATE_FAILED", "ROLLBACK_FAILED"}) {
    EXPECT_TRUE(is_terminal_stack_status(status)) << status;
  }
  for (const char* status : {"CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "DELETE_IN_PROGRESS",
                             "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", ""}) {
    EXPECT_FALSE(is_terminal_stack_status(status)) << status;
  }
}

TEST(FailureHints, KnownReasonsGetAFix) {
  auto dns = hint_for_failure(
      "Resource handler returned message: \"Enabling private DNS requires both enableDnsSupport "
      "and enableDnsHostnames VPC attributes set to true for vpc-0f00d1e2c3b4a5968 (Service: "
      "Ec2)\"",
      "us-east-1");
  ASSERT_TRUE(dns);
  EXPECT_NE(
      dns->fix.find("modify-vpc-attribute --vpc-id vpc-0f00d1e2c3b4a5968 --enable-dns-hostnames"),
      std::string::npos);
  auto conflict = hint_for_failure(
      "private-dns-enabled cannot be set because there is already a conflicting DNS domain for "
      "ssm.us-east-1.amazonaws.com in the VPC vpc-02320065bbc98001a",
      "us-east-1");
  ASSERT_TRUE(conflict);
  EXPECT_NE(conflict->explanation.find("ssm.us-east-1.amazonaws.com"), std::string::npos);
  EXPECT_TRUE(hint_for_failure("The subnet ID 'subnet-1' does not exist", "eu-west-1"));
  EXPECT_TRUE(hint_for_failure("You are not authorized to perform this operation.", "eu-west-1"));
  EXPECT_FALSE(hint_for_failure("something new", "eu-west-1"));
}

TEST(FailureHints, AGroupStillInUseSaysHowToFindTheUser) {
  auto hint = hint_for_failure(
      "Resource handler returned message: \"resource sg-0097efaca4dbd97e3 has a dependent "
      "object (Service: Ec2, Status Code: 400)\"",
      "us-east-1");
  ASSERT_TRUE(hint);
  EXPECT_NE(hint->fix.find("Name=group-id,Values=sg-0097efaca4dbd97e3"), std::string::npos);
}

TEST(FailureHints, TheEssentialReasonDropsTheHandlersWrapping) {
  EXPECT_EQ(
      essential_reason("Resource handler returned message: \"Enabling private DNS requires both "
                       "enableDnsSupport and enableDnsHostnames VPC attributes set to true for "
                       "vpc-0f00d1e2c3b4a5968 (Service: Ec2, Status Code: 400, Request ID: 1) (SDK "
                       "Attempt Count: 1)\" (RequestToken: 2, HandlerErrorCode: InvalidRequest)"),
      "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC "
      "attributes set to true for vpc-0f00d1e2c3b4a5968");
  EXPECT_EQ(essential_reason("Resource handler returned message: \"short\""), "short");
  EXPECT_EQ(essential_reason("Resource creation cancelled"), "Resource creation cancelled");
  EXPECT_EQ(essential_reason("Resource handler returned message: \""),
            "Resource handler returned message: \"");
}

TEST(StackTags, RoundTripThePurpose) {
  StackPurpose purpose{"vpc-0f00d1e2c3b4a5968",
                       {"subnet-0123456789abcdef0", "subnet-0fedcba9876543210"},
                       {Service::Ssm, Service::SsmMessages},
                       "i-0a1b2c3d4e5f67890",
                       EventTime{} + std::chrono::seconds(1764307200)};
  auto tags = stack_tags(purpose, "1.0.0", {{"team", "ops"}});
  EXPECT_TRUE(is_managed(tags));
  EXPECT_EQ(tags.back(), (Tag{"team", "ops"}));
  StackPurpose back = read_purpose(tags);
  EXPECT_EQ(back.vpc_id, purpose.vpc_id);
  EXPECT_EQ(back.subnet_ids, purpose.subnet_ids);
  EXPECT_EQ(back.services, purpose.services);
  EXPECT_EQ(back.instance_id, purpose.instance_id);
  EXPECT_EQ(back.expires_at, purpose.expires_at);
  EXPECT_FALSE(is_managed({{"ssmlink:managed", "false"}}));
  EXPECT_FALSE(read_purpose({{"ssmlink:expires-at", "garbage"}}).expires_at);
}

TEST(StackTags, NamesAndTtls) {
  EXPECT_EQ(default_stack_name("vpc-0f00d1e2c3b4a5968"), "ssmlink-vpc-0f00d1e2c3b4a5968");
  EXPECT_TRUE(parse_stack_name("ssmlink-vpc-1"));
  EXPECT_FALSE(parse_stack_name("1stack"));
  EXPECT_FALSE(parse_stack_name("has_underscore"));
  EXPECT_FALSE(parse_stack_name(std::string(129, 'a')));
  EXPECT_EQ(*parse_ttl("2h"), 2h);
  EXPECT_EQ(*parse_ttl("90m"), 90min);
  EXPECT_EQ(*parse_ttl("1h30m"), 90min);
  EXPECT_EQ(*parse_ttl("1d"), 24h);
  for (const char* bad : {"", "2", "h", "2x", "-1h", "30s", "0m", "31d", "1h30", "1.5h"}) {
    EXPECT_FALSE(parse_ttl(bad)) << bad;
  }
}

}  // namespace
}  // namespace ssmlink::domain
