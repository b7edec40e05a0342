// The server as clients meet it: real HTTP on 127.0.0.1, requests signed with util/sigv4,
// small fake handlers for EC2, CloudFormation and SSM (their real ones live elsewhere).
#include "emulator/server.hpp"

#include <dirent.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <thread>

#include "emulator/sts/sts_api.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/fake_services.hpp"
#include "tests/support/aws_client.hpp"

namespace ssmlink::emulator {
namespace {

using ssmlink::testing::AwsCall;
using ssmlink::testing::AwsReply;
using ssmlink::testing::form;
using ssmlink::testing::query_call;
using ssmlink::testing::send;
using ssmlink::testing::ssm_call;
using ssmlink::testing::xml_text;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { port_ = server_.start(); }

  AwsReply call(const AwsCall& request) { return send(port_, request); }

  World world_;
  Seen seen_;
  Server server_{world_, fake_api(seen_), ServerOptions{}};
  int port_ = 0;
};

pugi::xml_document parse_xml(const std::string& text) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_string(text.c_str())) << text;
  return document;
}

TEST_F(ServerTest, RoutesEachServiceByTheSignedScopeAndItsAction) {
  AwsCall ec2 = query_call("ec2", "DescribeVpcs", "2016-11-15", {{"VpcId.1", "vpc-1 2"}});
  ec2.region = "eu-west-1";
  AwsReply reply = call(ec2);
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "text/xml;charset=UTF-8");
  EXPECT_EQ(xml_text(reply.body, "requestId"), reply.header("x-amzn-RequestId"));

  EXPECT_EQ(call(query_call("cloudformation", "DescribeStacks", "2010-05-15")).status, 200);
  AwsReply ssm = call(ssm_call("DescribeInstanceInformation", R"({"MaxResults": 5})"));
  EXPECT_EQ(ssm.status, 200) << ssm.body;
  EXPECT_EQ(nlohmann::json::parse(ssm.body)["Echo"]["MaxResults"], 5);

  std::lock_guard lock(seen_.mutex);
  ASSERT_EQ(seen_.requests.size(), 3u);
  const ApiRequest& first = seen_.requests[0];
  EXPECT_EQ(first.service, "ec2");
  EXPECT_EQ(first.action, "DescribeVpcs");
  EXPECT_EQ(first.region, "eu-west-1");
  EXPECT_EQ(first.params.at("VpcId.1"), "vpc-1 2");
  EXPECT_EQ(first.access_key_id, "test");
  EXPECT_EQ(seen_.requests[1].service, "cloudformation");
  EXPECT_EQ(seen_.requests[2].service, "ssm");
  EXPECT_EQ(seen_.requests[2].action, "DescribeInstanceInformation");
  EXPECT_TRUE(seen_.requests[2].params.empty());
}

TEST_F(ServerTest, QueryActionsMayComeAsGetWithTheQueryString) {
  AwsCall get;
  get.service = "sts";
  get.method = "GET";
  get.target = "/?Action=GetCallerIdentity&Version=2011-06-15";
  get.content_type = "";
  AwsReply reply = call(get);
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(xml_text(reply.body, "Account"), "123456789012");
}

TEST_F(ServerTest, EveryProtocolAnswersAHandlersErrorInItsOwnEnvelope) {
  AwsReply ec2 = call(query_call("ec2", "Fail", "2016-11-15"));
  EXPECT_EQ(ec2.status, 400);
  EXPECT_EQ(ec2.header("Content-Type"), "text/xml;charset=UTF-8");
  auto ec2_xml = parse_xml(ec2.body);
  EXPECT_STREQ(ec2_xml.select_node("/Response/Errors/Error/Code").node().text().get(),
               "InvalidVpcID.NotFound");
  EXPECT_STREQ(ec2_xml.select_node("/Response/Errors/Error/Message").node().text().get(),
               "The vpc ID 'vpc-1' does not exist");
  EXPECT_EQ(ec2_xml.select_node("/Response/RequestID").node().text().get(),
            ec2.header("x-amzn-RequestId"));

  AwsReply query = call(query_call("cloudformation", "Fail", "2010-05-15"));
  EXPECT_EQ(query.status, 400);
  EXPECT_EQ(query.header("Content-Type"), "text/xml");
  auto query_xml = parse_xml(query.body);
  pugi::xml_node error_response = query_xml.child("ErrorResponse");
  EXPECT_STREQ(error_response.attribute("xmlns").value(),
               "http://cloudformation.amazonaws.com/doc/2010-05-15/");
  EXPECT_STREQ(error_response.child("Error").child_value("Type"), "Sender");
  EXPECT_STREQ(error_response.child("Error").child_value("Code"), "ValidationError");
  EXPECT_STREQ(error_response.child("Error").child_value("Message"),
               "Stack with id nope does not exist");
  EXPECT_EQ(error_response.child_value("RequestId"), query.header("x-amzn-RequestId"));

  AwsReply json = call(ssm_call("Fail"));
  EXPECT_EQ(json.status, 400);
  EXPECT_EQ(json.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(
      nlohmann::json::parse(json.body),
      (nlohmann::json{{"__type", "InvalidInstanceId"}, {"message", "Instance i-1 is not valid"}}));
  EXPECT_TRUE(json.header("x-amzn-RequestId").has_value());
}

TEST_F(ServerTest, AHandlerThatThrowsIsAnInternalFailureNotACrash) {
  AwsReply reply = call(query_call("cloudformation", "Crash", "2010-05-15"));
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(xml_text(reply.body, "Code"), "InternalFailure");
  EXPECT_EQ(xml_text(reply.body, "Type"), "Receiver");
  EXPECT_NE(xml_text(reply.body, "Message")->find("boom"), std::string::npos);
  EXPECT_EQ(call(query_call("cloudformation", "DescribeStacks", "2010-05-15")).status, 200);
}

TEST_F(ServerTest, UnknownActionsGetEachServicesOwnError) {
  AwsReply ec2 = call(query_call("ec2", "RunInstances", "2016-11-15"));
  EXPECT_EQ(ec2.status, 400);
  EXPECT_EQ(xml_text(ec2.body, "Code"), "InvalidAction");
  EXPECT_EQ(xml_text(ec2.body, "Message"),
            "The action RunInstances is not valid for this web service.");

  AwsReply cfn = call(query_call("cloudformation", "CreateBucket", "2010-05-15"));
  EXPECT_EQ(cfn.status, 400);
  EXPECT_EQ(xml_text(cfn.body, "Code"), "InvalidAction");
  EXPECT_EQ(xml_text(cfn.body, "Message"),
            "Could not find operation CreateBucket for version 2010-05-15");
  EXPECT_NE(cfn.body.find("xmlns=\"http://webservices.amazon.com/AWSFault/2005-15-09\""),
            std::string::npos);

  AwsReply ssm = call(ssm_call("StartSession"));
  EXPECT_EQ(ssm.status, 400);
  EXPECT_EQ(nlohmann::json::parse(ssm.body),
            (nlohmann::json{{"__type", "com.amazon.coral.service#UnknownOperationException"}}));

  AwsCall wrong_prefix = ssm_call("DescribeInstanceInformation");
  wrong_prefix.headers = {{"X-Amz-Target", "AmazonEC2.DescribeInstanceInformation"}};
  EXPECT_EQ(call(wrong_prefix).status, 400);
}

TEST_F(ServerTest, QueryVersionsMustBeTheServicesApiVersion) {
  AwsReply other = call(query_call("sts", "GetCallerIdentity", "2000-01-01"));
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(xml_text(other.body, "Message"),
            "Could not find operation GetCallerIdentity for version 2000-01-01");

  AwsCall missing = query_call("sts", "GetCallerIdentity", "");
  missing.body = "Action=GetCallerIdentity";
  EXPECT_EQ(xml_text(call(missing).body, "Message"),
            "Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED");

  AwsReply ec2 = call(query_call("ec2", "DescribeVpcs", "2015-10-01"));
  EXPECT_EQ(ec2.status, 400);
  EXPECT_EQ(xml_text(ec2.body, "Code"), "NoSuchVersion");
  AwsCall ec2_missing = query_call("ec2", "DescribeVpcs", "");
  ec2_missing.body = "Action=DescribeVpcs";
  EXPECT_EQ(xml_text(call(ec2_missing).body, "Code"), "MissingParameter");
}

TEST_F(ServerTest, AQueryRequestWithoutActionIsRedirectedAsStsDoes) {
  AwsCall no_action = query_call("sts", "", "2011-06-15");
  no_action.body = "Version=2011-06-15";
  AwsReply reply = call(no_action);
  EXPECT_EQ(reply.status, 302);
  EXPECT_EQ(reply.header("Location"), "https://aws.amazon.com/iam");
  EXPECT_TRUE(reply.body.empty());

  // A POST that is not a form has no parameters at all.
  AwsCall not_a_form = query_call("sts", "GetCallerIdentity", "2011-06-15");
  not_a_form.content_type = "text/plain";
  EXPECT_EQ(call(not_a_form).status, 302);

  AwsCall ec2 = query_call("ec2", "", "2016-11-15");
  ec2.body = "Version=2016-11-15";
  EXPECT_EQ(xml_text(call(ec2).body, "Code"), "MissingAction");
}

TEST_F(ServerTest, RepeatedParametersKeepTheirFirstValue) {
  AwsCall call_twice = query_call("sts", "GetCallerIdentity", "2011-06-15");
  call_twice.body += "&Action=NoSuchAction&Version=2000-01-01";
  EXPECT_EQ(call(call_twice).status, 200);
}

TEST_F(ServerTest, AServiceTheEndpointDoesNotServeIsNamedInTheError) {
  // Signed for SNS (not served) but shaped like STS: the scope is wrong for the service it
  // looks like.
  AwsCall sns = query_call("sts", "GetCallerIdentity", "2011-06-15");
  sns.service = "sns";
  AwsReply reply = call(sns);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(xml_text(reply.body, "Code"), "SignatureDoesNotMatch");
  EXPECT_EQ(xml_text(reply.body, "Message"),
            "Credential should be scoped to correct service: 'sts'. ");

  AwsCall s3 = query_call("s3", "ListBuckets", "2006-03-01");
  AwsReply unknown = call(s3);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(xml_text(unknown.body, "Message")->find("'s3'"), std::string::npos);
}

TEST_F(ServerTest, AJsonBodyThatIsNoObjectIsASerializationException) {
  AwsReply reply = call(ssm_call("DescribeInstanceInformation", "{not json"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(nlohmann::json::parse(reply.body)["__type"],
            "com.amazon.coral.service#SerializationException");
  EXPECT_EQ(call(ssm_call("DescribeInstanceInformation", "")).status, 400);
  EXPECT_EQ(call(ssm_call("DescribeInstanceInformation", "[]")).status, 400);
}

TEST_F(ServerTest, RequestIdsAreFreshUuids) {
  std::set<std::string> ids;
  std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (int i = 0; i < 20; ++i) {
    AwsReply reply = call(query_call("sts", "GetCallerIdentity", "2011-06-15"));
    std::string id = reply.header("x-amzn-RequestId").value_or("");
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    EXPECT_EQ(xml_text(reply.body, "RequestId"), id);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(ServerTest, ServesManyClientsAtOnceAndOverKeptAliveConnections) {
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        if (send(port_, query_call("sts", "GetCallerIdentity", "2011-06-15")).status == 200) ++ok;
      }
    });
  }
  for (auto& client : clients)
    client.join();
  EXPECT_EQ(ok, 200);

  httplib::Client client("127.0.0.1", port_);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);  // as botocore and curl do; else Nagle delays every body
  for (int i = 0; i < 5; ++i) {
    AwsCall sts = query_call("sts", "GetCallerIdentity", "2011-06-15");
    httplib::Headers headers;
    for (const auto& [name, value] : ssmlink::testing::signed_headers_for(port_, sts)) {
      headers.emplace(name, value);
    }
    headers.erase("Content-Type");  // httplib sends the one it is given below
    auto result = client.Post("/", headers, sts.body, sts.content_type);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200) << result->body;
  }
}

// The threads of this process, from /proc.
size_t thread_count() {
  size_t count = 0;
  if (DIR* tasks = opendir("/proc/self/task")) {
    while (dirent* entry = readdir(tasks)) {
      if (entry->d_name[0] != '.') ++count;
    }
    closedir(tasks);
  }
  return count;
}

TEST(ServerLifecycle, StartsAndStopsAgainWithoutLeakingThreads) {
  World world;
  ApiTable api;
  add_sts_api(api);
  size_t before = thread_count();
  Server server(world, std::move(api));
  for (int round = 0; round < 5; ++round) {
    int port = server.start();
    ASSERT_GT(port, 0);
    EXPECT_TRUE(server.running());
    EXPECT_EQ(server.url(), "http://127.0.0.1:" + std::to_string(port));
    EXPECT_EQ(send(port, query_call("sts", "GetCallerIdentity", "2011-06-15")).status, 200);
    server.stop();
    EXPECT_FALSE(server.running());
    EXPECT_EQ(send(port, query_call("sts", "GetCallerIdentity", "2011-06-15")).status, 0);
    // A joined thread may linger in /proc for a moment on a loaded machine (CI's did).
    for (int wait = 0; wait < 200 && thread_count() != before; ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(thread_count(), before);
  }
  server.stop();  // twice is harmless
}

TEST(ServerLifecycle, AFixedPortInUseIsAClearError) {
  World world;
  Server first(world, {});
  int port = first.start();
  ServerOptions options;
  options.port = port;
  Server second(world, {}, options);
  try {
    second.start();
    FAIL() << "bound a port in use";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << error.what();
  }
}

TEST(ServerLifecycle, StopCutsInjectedLatencyShort) {
  World world;
  ApiTable api;
  add_sts_api(api);
  ServerOptions options;
  options.faults.latency = std::chrono::seconds(30);
  Server server(world, std::move(api), options);
  int port = server.start();
  std::thread slow([port] { send(port, query_call("sts", "GetCallerIdentity", "2011-06-15")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto started = std::chrono::steady_clock::now();
  server.stop();
  slow.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(ServerLifecycle, AFreshWorldGetsTheDefaultKey) {
  World world;
  Server server(world, {});
  std::lock_guard lock(world.mutex);
  const AccessKey* key = world.find_key("test");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->secret_access_key, "test");
  EXPECT_EQ(key->arn, "arn:aws:iam::123456789012:user/emulator");
}

}  // namespace
}  // namespace ssmlink::emulator
