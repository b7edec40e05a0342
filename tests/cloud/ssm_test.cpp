// SSM: JSON inputs, parsers (after the SSM API Reference examples) and the service class.
#include "cloud/ssm.hpp"
#include "domain/agent_identity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "cloud/ssm_requests.hpp"
#include "cloud/ssm_responses.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using testing::FakeJsonService;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using testing::utc;

constexpr const char* kInstanceInformation = R"({
  "InstanceInformationList": [
    {
      "AgentVersion": "3.3.40.0",
      "ComputerName": "ip-172-31-44-222.eu-west-1.compute.internal",
      "IamRole": "AmazonSSMRoleForInstancesQuickSetup",
      "InstanceId": "i-0cb2b964d3e14fd9f",
      "IPAddress": "172.31.44.222",
      "IsLatestVersion": true,
      "LastPingDateTime": 1764315542.421,
      "PingStatus": "Online",
      "PlatformName": "Amazon Linux",
      "PlatformType": "Linux",
      "PlatformVersion": "2023",
      "ResourceType": "EC2Instance",
      "AssociationStatus": "Success",
      "LastAssociationExecutionDate": 1764315000,
      "AssociationOverview": {
        "DetailedStatus": "Success",
        "InstanceAssociationStatusAggregatedCount": {"Success": 1}
      },
      "SourceId": "i-0cb2b964d3e14fd9f",
      "SourceType": "AWS::EC2::Instance"
    },
    {
      "InstanceId": "i-0aaaaaaaaaaaaaaaa",
      "PingStatus": "ConnectionLost",
      "LastPingDateTime": 1764000000,
      "AgentVersion": "3.2.582.0",
      "IsLatestVersion": false,
      "PlatformType": "Windows"
    },
    {"InstanceId": "mi-0123456789abcdef0", "ResourceType": "ManagedInstance", "IamRole": null}
  ],
  "NextToken": "AAEAAdWfh2dHVeEXAMPLE"
})";

TEST(SsmRequests, DescribeInstanceInformationInput) {
  EXPECT_EQ(describe_instance_information_input({}, std::nullopt), nlohmann::json::object());
  DescribeInstanceInformationRequest request;
  request.filters = {{"InstanceIds", {"i-0cb2b964d3e14fd9f", "i-0aaaaaaaaaaaaaaaa"}},
                     {"PingStatus", {"Online"}}};
  request.max_results = 50;
  EXPECT_EQ(describe_instance_information_input(request, std::string("tok")),
            nlohmann::json::parse(R"({
              "Filters": [
                {"Key": "InstanceIds", "Values": ["i-0cb2b964d3e14fd9f", "i-0aaaaaaaaaaaaaaaa"]},
                {"Key": "PingStatus", "Values": ["Online"]}
              ],
              "MaxResults": 50,
              "NextToken": "tok"
            })"));
}

TEST(SsmRequests, GetDocumentInput) {
  EXPECT_EQ(
      get_document_input({"SSM-SessionManagerRunShell", std::nullopt, std::nullopt, std::nullopt}),
      nlohmann::json::parse(R"({"Name": "SSM-SessionManagerRunShell"})"));
  EXPECT_EQ(get_document_input({"AWS-StartSSHSession", std::string("v1"), std::string("$LATEST"),
                                DocumentFormat::Yaml}),
            nlohmann::json::parse(R"({"Name": "AWS-StartSSHSession", "VersionName": "v1",
                                      "DocumentVersion": "$LATEST", "DocumentFormat": "YAML"})"));
  EXPECT_EQ(get_document_input({"d", std::nullopt, std::nullopt, DocumentFormat::Json})
                .at("DocumentFormat"),
            "JSON");
  EXPECT_EQ(get_document_input({"d", std::nullopt, std::nullopt, DocumentFormat::Text})
                .at("DocumentFormat"),
            "TEXT");
}

TEST(SsmResponses, DescribeInstanceInformation) {
  Page<InstanceInformation> page =
      parse_describe_instance_information(nlohmann::json::parse(kInstanceInformation));
  ASSERT_EQ(page.items.size(), 3u);
  const InstanceInformation& online = page.items[0];
  EXPECT_EQ(online.instance_id, "i-0cb2b964d3e14fd9f");
  EXPECT_EQ(online.ping_status, "Online");
  EXPECT_EQ(online.last_ping_date_time, utc(2025, 11, 28, 7, 39, 2, 421));
  EXPECT_EQ(online.agent_version, "3.3.40.0");
  EXPECT_EQ(online.is_latest_version, true);
  EXPECT_EQ(online.platform_type, "Linux");
  EXPECT_EQ(online.platform_name, "Amazon Linux");
  EXPECT_EQ(online.platform_version, "2023");
  EXPECT_EQ(online.iam_role, "AmazonSSMRoleForInstancesQuickSetup");
  EXPECT_EQ(online.resource_type, "EC2Instance");
  EXPECT_EQ(online.ip_address, "172.31.44.222");
  EXPECT_EQ(online.computer_name, "ip-172-31-44-222.eu-west-1.compute.internal");
  EXPECT_EQ(online.association_status, "Success");
  EXPECT_EQ(online.source_id, "i-0cb2b964d3e14fd9f");
  EXPECT_EQ(online.source_type, "AWS::EC2::Instance");

  EXPECT_EQ(page.items[1].ping_status, "ConnectionLost");
  EXPECT_EQ(page.items[1].last_ping_date_time, utc(2025, 11, 24, 16, 0, 0));
  EXPECT_EQ(page.items[1].is_latest_version, false);
  EXPECT_EQ(page.items[1].ip_address, std::nullopt);

  EXPECT_EQ(page.items[2].resource_type, "ManagedInstance");
  EXPECT_EQ(page.items[2].iam_role, std::nullopt);  // null
  EXPECT_EQ(page.items[2].last_ping_date_time, std::nullopt);
  EXPECT_EQ(page.next_token, "AAEAAdWfh2dHVeEXAMPLE");
}

TEST(SsmResponses, EmptyInstanceInformation) {
  Page<InstanceInformation> page = parse_describe_instance_information(
      nlohmann::json::parse(R"({"InstanceInformationList": []})"));
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.next_token, std::nullopt);
  EXPECT_TRUE(parse_describe_instance_information(nlohmann::json::object()).items.empty());
}

TEST(SsmResponses, MalformedInstanceInformation) {
  auto parse = [](const char* json) {
    return parse_describe_instance_information(nlohmann::json::parse(json));
  };
  EXPECT_THAT([&] { parse(R"({"InstanceInformationList": [{"PingStatus": "Online"}]})"); },
              ThrowsMessage<aws::ResponseError>(
                  "SSM DescribeInstanceInformation response: InstanceInformationList[0].InstanceId "
                  "is missing"));
  EXPECT_THAT(
      [&] {
        parse(
            R"({"InstanceInformationList": [{"InstanceId": "i-1", "LastPingDateTime": "yesterday"}]})");
      },
      ThrowsMessage<aws::ResponseError>(
          HasSubstr("InstanceInformationList[0].LastPingDateTime is \"yesterday\"")));
  EXPECT_THAT(
      [&] {
        parse(R"({"InstanceInformationList": [{"InstanceId": "i-1", "IsLatestVersion": "yes"}]})");
      },
      ThrowsMessage<aws::ResponseError>(
          HasSubstr("IsLatestVersion is string, expected true or false")));
  EXPECT_THAT([&] { parse(R"({"InstanceInformationList": {"InstanceId": "i-1"}})"); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("InstanceInformationList is object, expected an array")));
  EXPECT_THAT(
      [&] { parse(R"({"InstanceInformationList": [], "NextToken": 5})"); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("NextToken is number, expected a string")));
  EXPECT_THAT([&] { parse(R"([])"); }, ThrowsMessage<aws::ResponseError>(
                                           HasSubstr("the body is array, expected an object")));
}

constexpr const char* kDocument = R"({
  "Name": "SSM-SessionManagerRunShell",
  "CreatedDate": 1764315542.0,
  "DocumentVersion": "1",
  "Status": "Active",
  "Content": "{\n  \"schemaVersion\": \"1.0\",\n  \"sessionType\": \"Standard_Stream\",\n  \"inputs\": {\"s3BucketName\": \"\", \"runAsEnabled\": false}\n}",
  "DocumentType": "Session",
  "DocumentFormat": "JSON",
  "Requires": [],
  "AttachmentsContent": []
})";

TEST(SsmResponses, GetDocument) {
  Document document = parse_get_document(nlohmann::json::parse(kDocument));
  EXPECT_EQ(document.name, "SSM-SessionManagerRunShell");
  EXPECT_THAT(document.content, HasSubstr("\"sessionType\": \"Standard_Stream\""));
  EXPECT_EQ(document.document_format, "JSON");
  EXPECT_EQ(document.document_type, "Session");
  EXPECT_EQ(document.document_version, "1");
  EXPECT_EQ(document.status, "Active");
  EXPECT_EQ(document.created_date, utc(2025, 11, 28, 7, 39, 2));
  EXPECT_EQ(document.version_name, std::nullopt);
}

TEST(SsmResponses, MalformedDocument) {
  EXPECT_THAT([&] { parse_get_document(nlohmann::json::parse(R"({"Name": "d"})")); },
              ThrowsMessage<aws::ResponseError>("SSM GetDocument response: Content is missing"));
  EXPECT_THAT([&] { parse_get_document(nlohmann::json::parse(R"({"Content": "{}"})")); },
              ThrowsMessage<aws::ResponseError>("SSM GetDocument response: Name is missing"));
  EXPECT_THAT([&] { parse_get_document(nlohmann::json::parse(R"({"Name": "d", "Content": {}})")); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("Content is object, expected a string")));
  EXPECT_EQ(parse_get_document(nlohmann::json::parse(R"({"Name": "d", "Content": ""})")).content,
            "");
}

TEST(SsmService, DescribeInstanceInformationMergesPages) {
  FakeJsonService aws;
  aws.respond(R"({"InstanceInformationList": [{"InstanceId": "i-1"}, {"InstanceId": "i-2"}],
                  "NextToken": "p2"})");
  aws.respond(R"({"InstanceInformationList": [{"InstanceId": "i-3"}]})");
  Ssm ssm(aws.call());
  DescribeInstanceInformationRequest request;
  request.filters = {{"InstanceIds", {"i-1", "i-2", "i-3"}}};
  std::vector<InstanceInformation> all = ssm.describe_instance_information(request);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].instance_id, "i-3");
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].operation, "DescribeInstanceInformation");
  EXPECT_FALSE(aws.calls()[0].input.contains("NextToken"));
  EXPECT_EQ(aws.calls()[1].input.at("NextToken"), "p2");
  EXPECT_EQ(aws.calls()[1].input.at("Filters"), aws.calls()[0].input.at("Filters"));
}

TEST(SsmService, GetDocument) {
  FakeJsonService aws;
  aws.respond(kDocument);
  Ssm ssm(aws.call());
  EXPECT_EQ(
      ssm.get_document({"SSM-SessionManagerRunShell", std::nullopt, std::nullopt, std::nullopt})
          .document_type,
      "Session");
  EXPECT_EQ(aws.calls().at(0).operation, "GetDocument");
  EXPECT_EQ(aws.calls().at(0).input,
            nlohmann::json::parse(R"({"Name": "SSM-SessionManagerRunShell"})"));
}

TEST(SsmRequests, StartSessionInput) {
  EXPECT_EQ(start_session_input({"i-0a1b2c3d4e5f67890"}),
            nlohmann::json::parse(R"({"Target": "i-0a1b2c3d4e5f67890"})"));
  StartSessionRequest request{
      "i-1", "AWS-StartNonInteractiveCommand", "a \"why\"", {{"command", {"echo hi"}}}};
  EXPECT_EQ(start_session_input(request), nlohmann::json::parse(R"({
    "Target": "i-1", "DocumentName": "AWS-StartNonInteractiveCommand", "Reason": "a \"why\"",
    "Parameters": {"command": ["echo hi"]}})"));
}

// The answer in the SSM API Reference's StartSession example.
TEST(SsmService, StartResumeAndTerminateSession) {
  FakeJsonService aws;
  aws.respond(R"({"SessionId": "John-Doe-07a16060613c408b5",
                  "StreamUrl": "wss://ssmmessages.us-east-2.amazonaws.com/v1/data-channel/John-Doe-07a16060613c408b5?role=publish_subscribe",
                  "TokenValue": "AAEAAVdLIyWMrwEXAMPLE"})");
  aws.respond(R"({"SessionId": "John-Doe-07a16060613c408b5", "StreamUrl": "wss://x/2",
                  "TokenValue": "second"})");
  aws.respond(R"({"SessionId": "John-Doe-07a16060613c408b5"})");
  Ssm ssm(aws.call());
  SessionTicket ticket = ssm.start_session({"i-02573cafcfEXAMPLE"});
  EXPECT_EQ(ticket.session_id, "John-Doe-07a16060613c408b5");
  EXPECT_EQ(ticket.token_value, "AAEAAVdLIyWMrwEXAMPLE");
  EXPECT_THAT(ticket.stream_url, HasSubstr("/v1/data-channel/John-Doe-07a16060613c408b5?"));
  EXPECT_EQ(ssm.resume_session(ticket.session_id).token_value, "second");
  ssm.terminate_session(ticket.session_id);
  ASSERT_EQ(aws.calls().size(), 3u);
  EXPECT_EQ(aws.calls()[0].operation, "StartSession");
  EXPECT_EQ(aws.calls()[1].operation, "ResumeSession");
  EXPECT_EQ(aws.calls()[1].input,
            nlohmann::json::parse(R"({"SessionId": "John-Doe-07a16060613c408b5"})"));
  EXPECT_EQ(aws.calls()[2].operation, "TerminateSession");
}

TEST(SsmResponses, MalformedSessionTicket) {
  EXPECT_THAT(
      [&] {
        parse_session_ticket(nlohmann::json::parse(R"({"SessionId": "s", "StreamUrl": "wss://x"})"),
                             "StartSession");
      },
      ThrowsMessage<aws::ResponseError>("SSM StartSession response: TokenValue is missing"));
  EXPECT_THAT([&] { parse_session_ticket(nlohmann::json::parse("[]"), "ResumeSession"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("SSM ResumeSession response")));
}

// GetServiceSetting for Default Host Management, as the AWS CLI shows it for an account
// that never set it, and after it was set.
TEST(SsmService, GetServiceSettingOfDefaultHostManagement) {
  FakeJsonService aws;
  aws.respond(R"({"ServiceSetting": {
    "SettingId": "/ssm/managed-instance/default-ec2-instance-management-role",
    "SettingValue": "$None",
    "LastModifiedDate": 1733452800.0,
    "LastModifiedUser": "System",
    "ARN": "arn:aws:ssm:eu-west-1:123456789012:servicesetting/ssm/managed-instance/default-ec2-instance-management-role",
    "Status": "Default"}})");
  aws.respond(R"({"ServiceSetting": {
    "SettingId": "/ssm/managed-instance/default-ec2-instance-management-role",
    "SettingValue": "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole",
    "Status": "Customized"}})");
  Ssm ssm(aws.call());
  ServiceSetting unset = ssm.get_service_setting(std::string(domain::kHostManagementSetting));
  EXPECT_EQ(unset.id, "/ssm/managed-instance/default-ec2-instance-management-role");
  EXPECT_EQ(unset.value, "$None");
  EXPECT_EQ(unset.status, "Default");
  EXPECT_THAT(unset.arn, HasSubstr("servicesetting/ssm/managed-instance/"));
  ServiceSetting set = ssm.get_service_setting(std::string(domain::kHostManagementSetting));
  EXPECT_EQ(set.value, "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole");
  EXPECT_EQ(set.status, "Customized");
  EXPECT_EQ(set.arn, "");
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].operation, "GetServiceSetting");
  EXPECT_EQ(aws.calls()[0].input,
            nlohmann::json::parse(
                R"({"SettingId": "/ssm/managed-instance/default-ec2-instance-management-role"})"));
}

TEST(SsmResponses, MalformedServiceSetting) {
  EXPECT_THAT([] { parse_get_service_setting(nlohmann::json::object()); },
              ThrowsMessage<aws::ResponseError>(
                  "SSM GetServiceSetting response: ServiceSetting is missing"));
  EXPECT_THAT([] { parse_get_service_setting(nlohmann::json::parse(R"({"ServiceSetting": []})")); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("ServiceSetting is array")));
  EXPECT_THAT(
      [] {
        parse_get_service_setting(
            nlohmann::json::parse(R"({"ServiceSetting": {"SettingId": "/ssm/x"}})"));
      },
      ThrowsMessage<aws::ResponseError>(
          "SSM GetServiceSetting response: ServiceSetting.SettingValue is missing"));
  EXPECT_THAT(
      [] {
        parse_get_service_setting(nlohmann::json::parse(
            R"({"ServiceSetting": {"SettingId": "/ssm/x", "SettingValue": 7}})"));
      },
      ThrowsMessage<aws::ResponseError>(HasSubstr("ServiceSetting.SettingValue is number")));
  EXPECT_THAT([] { parse_get_service_setting(nlohmann::json::parse("[1]")); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("the body is array")));
}

}  // namespace
}  // namespace ssmlink::cloud
