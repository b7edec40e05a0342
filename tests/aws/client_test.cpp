#include "aws/client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "aws/debug_log.hpp"
#include "aws/errors.hpp"
#include "tests/support/recording_server.hpp"
#include "util/clock.hpp"
#include "util/crypto.hpp"
#include "util/sigv4.hpp"

namespace ssmlink::aws {
namespace {

using testing::RecordingServer;

// Time that only moves when something sleeps, so retries cost no real time.
class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds duration) override {
    slept.push_back(duration);
    now_ += duration;
  }
  std::vector<std::chrono::milliseconds> slept;

 private:
  TimePoint now_ = std::chrono::system_clock::from_time_t(1764300000);
};

class StaticCredentials final : public CredentialsProvider {
 public:
  Credentials get() override {
    ++calls;
    return {"AKIDTESTKEY", "SECRETvalue/abc+123", "SESSIONtoken-xyz", std::nullopt};
  }
  std::string source() const override { return "test"; }
  int calls = 0;
};

struct ClientHarness {
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::shared_ptr<StaticCredentials> credentials = std::make_shared<StaticCredentials>();
  std::shared_ptr<RetryStrategy> retry = std::make_shared<RetryStrategy>(3, [] { return 0.5; });
  std::ostringstream log;
  std::shared_ptr<DebugLog> debug = std::make_shared<DebugLog>(log);

  AwsClient client(const ServiceInfo& service, const std::string& url) {
    HttpOptions options;
    options.read_timeout = std::chrono::milliseconds(2000);
    options.user_agent = "ssmlink/test";
    return AwsClient(
        {service, url, "us-east-1", credentials, make_curl_client(options), retry, debug, clock});
  }
};

constexpr const char* kDescribeVpcs = R"(<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
  <vpcSet><item><vpcId>vpc-0a1b2c3d</vpcId></item></vpcSet>
</DescribeVpcsResponse>)";

TEST(AwsClient, Ec2QueryRequestAndResponse) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content(kDescribeVpcs, "text/xml");
  });
  ClientHarness h;
  auto response =
      h.client(ec2_service(), server.url())
          .query("DescribeVpcs", {{"VpcId.1", "vpc-0a1b2c3d"}, {"Filter.1.Name", "tag:a b"}});
  EXPECT_EQ(response.request_id(), "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
  EXPECT_STREQ(response.result().child("vpcSet").child("item").child_value("vpcId"),
               "vpc-0a1b2c3d");
  auto request = server.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(
      request.body,
      "Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-0a1b2c3d&Filter.1.Name=tag%3Aa%20b");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_TRUE(
      request.header("Authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDTESTKEY/"));
  EXPECT_NE(request.header("Authorization").find("/us-east-1/ec2/aws4_request"), std::string::npos);
  EXPECT_EQ(request.header("X-Amz-Security-Token"), "SESSIONtoken-xyz");
  EXPECT_EQ(request.header("User-Agent"), "ssmlink/test");
}

// What a server does to check a request: recompute the signature from the request as it
// arrived (method, path, query, the headers it names, the body) with the secret key.
bool signature_verifies(const httplib::Request& request, const std::string& secret) {
  auto authorization = sigv4::parse_authorization(request.get_header_value("Authorization"));
  if (!authorization) return false;
  sigv4::Request wire{request.method, request.path, "", {}, sha256_hex(request.body)};
  for (const auto& name : authorization->signed_headers) {
    wire.headers.emplace_back(name, request.get_header_value(name.c_str()));
  }
  sigv4::SigningInput input{authorization->access_key_id,           secret,
                            request.get_header_value("X-Amz-Date"), authorization->scope,
                            authorization->signed_headers,          true};
  return sigv4::sign(wire, input).signature == authorization->signature;
}

TEST(AwsClient, TheServerCanVerifyEverySignature) {
  std::atomic<int> verified = 0;
  std::atomic<int> calls = 0;
  RecordingServer server([&](const httplib::Request& request, httplib::Response& response) {
    if (signature_verifies(request, "SECRETvalue/abc+123")) ++verified;
    // A retry must be signed again and still verify.
    if (++calls == 1) {
      response.status = 503;
      return;
    }
    if (request.has_header("X-Amz-Target")) {
      response.set_content("{}", "application/x-amz-json-1.1");
    } else {
      response.set_content(kDescribeVpcs, "text/xml");
    }
  });
  ClientHarness h;
  h.client(ec2_service(), server.url())
      .query("DescribeVpcs", {{"Filter.1.Value.1", "a b/c+d=e&f"}});
  h.client(ssm_service(), server.url()).json("DescribeInstanceInformation", {{"Filters", {}}});
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(verified, 3);
  // The same check fails when the secret is wrong: it is not vacuous.
  RecordingServer strict([&](const httplib::Request& request, httplib::Response& response) {
    response.status = signature_verifies(request, "another-secret") ? 200 : 403;
    response.set_content(
        "<Response><Errors><Error><Code>SignatureDoesNotMatch</Code></Error></Errors></Response>",
        "text/xml");
  });
  EXPECT_THROW(h.client(ec2_service(), strict.url()).query("DescribeVpcs", {}), ServiceError);
}

TEST(AwsClient, QueryProtocolUnwrapsTheResult) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content(
        R"(<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
      <DescribeStacksResult><Stacks/></DescribeStacksResult>
      <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
    </DescribeStacksResponse>)",
        "text/xml");
  });
  ClientHarness h;
  auto response = h.client(cloudformation_service(), server.url()).query("DescribeStacks", {});
  EXPECT_STREQ(response.result().name(), "DescribeStacksResult");
  EXPECT_EQ(response.request_id(), "b9b4b068-3a41-11e5-94eb-example");
  EXPECT_NE(server.requests().at(0).body.find("Version=2010-05-15"), std::string::npos);
}

TEST(AwsClient, JsonProtocolRequestAndResponse) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"InstanceInformationList": [], "NextToken": "t2"})",
                         "application/x-amz-json-1.1");
  });
  ClientHarness h;
  auto body = h.client(ssm_service(), server.url())
                  .json("DescribeInstanceInformation", {{"MaxResults", 50}});
  EXPECT_EQ(body["NextToken"], "t2");
  auto request = server.requests().at(0);
  EXPECT_EQ(request.header("X-Amz-Target"), "AmazonSSM.DescribeInstanceInformation");
  EXPECT_EQ(request.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(nlohmann::json::parse(request.body), (nlohmann::json{{"MaxResults", 50}}));
}

// Runs one call against a server answering `status` with `body`; returns the error.
template <typename Call>
ServiceError service_error(int status, const std::string& body, const ServiceInfo& service,
                           Call call, const std::string& content_type = "text/xml") {
  RecordingServer server([&](const httplib::Request&, httplib::Response& response) {
    response.status = status;
    response.set_header("x-amzn-RequestId", "hdr-request-id");
    response.set_content(body, content_type.c_str());
  });
  ClientHarness h;
  AwsClient client = h.client(service, server.url());
  try {
    call(client);
  } catch (const ServiceError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a ServiceError";
  return ServiceError("", "", 0, "", "", "");
}

TEST(AwsClient, ReadsTheEc2ErrorEnvelope) {
  auto error = service_error(
      403,
      "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not "
      "authorized to perform this "
      "operation.</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>",
      ec2_service(), [](AwsClient& c) { c.query("DescribeVpcs", {}); });
  EXPECT_EQ(error.code, "UnauthorizedOperation");
  EXPECT_EQ(error.message, "You are not authorized to perform this operation.");
  EXPECT_EQ(error.request_id, "ec2-req");
  EXPECT_EQ(error.status, 403);
  EXPECT_STREQ(error.what(),
               "EC2 DescribeVpcs failed: UnauthorizedOperation: You are not authorized to perform "
               "this operation. (HTTP 403, request ID ec2-req)");
}

TEST(AwsClient, ReadsTheQueryErrorEnvelope) {
  auto error = service_error(
      400,
      "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>"
      "<Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id x does not "
      "exist</Message></Error><RequestId>cfn-req</RequestId></ErrorResponse>",
      cloudformation_service(), [](AwsClient& c) { c.query("DescribeStacks", {}); });
  EXPECT_EQ(error.code, "ValidationError");
  EXPECT_EQ(error.message, "Stack with id x does not exist");
  EXPECT_EQ(error.request_id, "cfn-req");
}

TEST(AwsClient, ReadsTheJsonErrorEnvelope) {
  auto error = service_error(
      400, R"({"__type": "com.amazon.ssm#InvalidInstanceId:http://internal", "message": "bad id"})",
      ssm_service(), [](AwsClient& c) { c.json("DescribeInstanceInformation", {}); },
      "application/x-amz-json-1.1");
  EXPECT_EQ(error.code, "InvalidInstanceId");
  EXPECT_EQ(error.message, "bad id");
  EXPECT_EQ(error.request_id, "hdr-request-id");
}

TEST(AwsClient, ExplainsBodiesThatAreNotAwsErrors) {
  auto html = service_error(
      403, "<!DOCTYPE html><html><body>Access denied by proxy</body></html>", ec2_service(),
      [](AwsClient& c) { c.query("DescribeVpcs", {}); }, "text/html");
  EXPECT_EQ(html.code, "HTTP 403");
  EXPECT_NE(html.message.find("HTML page"), std::string::npos);
  auto empty =
      service_error(404, "", ec2_service(), [](AwsClient& c) { c.query("DescribeVpcs", {}); });
  EXPECT_NE(empty.message.find("no body"), std::string::npos);
  auto garbage = service_error(400, "{not json", ssm_service(),
                               [](AwsClient& c) { c.json("DescribeInstanceInformation", {}); });
  EXPECT_EQ(garbage.code, "HTTP 400");
}

TEST(AwsClient, MalformedSuccessBodiesAreResponseErrors) {
  for (const std::string& body :
       {std::string("<DescribeVpcsResponse><vpcSet><item>"), std::string(""),
        std::string("<html>hello</html>"), std::string("<OtherResponse/>")}) {
    RecordingServer server([&](const httplib::Request&, httplib::Response& response) {
      response.set_content(body, "text/xml");
    });
    ClientHarness h;
    EXPECT_THROW(h.client(ec2_service(), server.url()).query("DescribeVpcs", {}), ResponseError)
        << body;
  }
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"truncated": )", "application/x-amz-json-1.1");
  });
  ClientHarness h;
  EXPECT_THROW(h.client(ssm_service(), server.url()).json("DescribeInstanceInformation", {}),
               ResponseError);
}

TEST(AwsClient, RetriesThrottlingThenSucceeds) {
  std::atomic<int> calls = 0;
  RecordingServer server([&](const httplib::Request&, httplib::Response& response) {
    if (++calls < 3) {
      response.status = 400;
      response.set_content(
          "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate "
          "exceeded</Message></Error></ErrorResponse>",
          "text/xml");
      return;
    }
    response.set_content("<DescribeStacksResponse><DescribeStacksResult/></DescribeStacksResponse>",
                         "text/xml");
  });
  ClientHarness h;
  h.client(cloudformation_service(), server.url()).query("DescribeStacks", {});
  EXPECT_EQ(calls, 3);
  // Full jitter with rand = 0.5: 0.5 * 1 s, then 0.5 * 2 s.
  EXPECT_EQ(h.clock->slept, (std::vector<std::chrono::milliseconds>{
                                std::chrono::milliseconds(500), std::chrono::milliseconds(1000)}));
  EXPECT_EQ(h.credentials->calls, 3);                              // signed again for every attempt
  EXPECT_EQ(h.retry->quota().available(), RetryQuota::kCapacity);  // refunded on success
  EXPECT_NE(h.log.str().find("retrying in 500 ms: Throttling: Rate exceeded"), std::string::npos);
}

TEST(AwsClient, GivesUpAfterMaxAttemptsOnA5xxStorm) {
  std::atomic<int> calls = 0;
  RecordingServer server([&](const httplib::Request&, httplib::Response& response) {
    ++calls;
    response.status = 503;
    response.set_content("", "text/plain");
  });
  ClientHarness h;
  EXPECT_THROW(h.client(ec2_service(), server.url()).query("DescribeVpcs", {}), ServiceError);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(h.retry->quota().available(), RetryQuota::kCapacity - 2 * RetryQuota::kRetryCost);
}

TEST(AwsClient, NeverRetriesOtherClientErrors) {
  std::atomic<int> calls = 0;
  RecordingServer server([&](const httplib::Request&, httplib::Response& response) {
    ++calls;
    response.status = 400;
    response.set_content(
        "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>nope</Message></"
        "Error></Errors></Response>",
        "text/xml");
  });
  ClientHarness h;
  EXPECT_THROW(h.client(ec2_service(), server.url()).query("DescribeVpcs", {}), ServiceError);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(h.clock->slept.empty());
}

TEST(AwsClient, AnEmptyQuotaStopsRetrying) {
  std::atomic<int> calls = 0;
  RecordingServer server([&](const httplib::Request&, httplib::Response& response) {
    ++calls;
    response.status = 500;
    response.set_content("", "text/plain");
  });
  ClientHarness h;
  int cost = 0;
  while (h.retry->quota().acquire(false, cost)) {
  }
  EXPECT_THROW(h.client(ec2_service(), server.url()).query("DescribeVpcs", {}), ServiceError);
  EXPECT_EQ(calls, 1);
  EXPECT_NE(h.log.str().find("retry quota exhausted"), std::string::npos);
}

TEST(AwsClient, RetriesConnectionFailuresAndReportsTheLastOne) {
  ClientHarness h;
  std::string url = "http://127.0.0.1:" + std::to_string(testing::unused_port());
  EXPECT_THROW(h.client(ec2_service(), url).query("DescribeVpcs", {}), TransportError);
  EXPECT_EQ(h.clock->slept.size(), 2u);
}

TEST(AwsClient, DebugLogNeverShowsSecrets) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"(<AssumeRoleResponse><AssumeRoleResult><Credentials>
      <AccessKeyId>ASIARESPONSEKEY</AccessKeyId><SecretAccessKey>RESPONSEsecret/xyz</SecretAccessKey>
      <SessionToken>RESPONSEtoken</SessionToken><Expiration>2026-11-28T10:00:00Z</Expiration>
      </Credentials></AssumeRoleResult></AssumeRoleResponse>)",
                         "text/xml");
  });
  ClientHarness h;
  h.client(sts_service(), server.url())
      .query("AssumeRole", {{"RoleArn", "arn:aws:iam::123456789012:role/x"},
                            {"WebIdentityToken", "REQUESTwebtoken"}});
  std::string log = h.log.str();
  for (const char* secret : {"SECRETvalue", "SESSIONtoken-xyz", "RESPONSEsecret", "RESPONSEtoken",
                             "REQUESTwebtoken", "Signature="}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << "\n" << log;
  }
  EXPECT_NE(log.find("AssumeRole"), std::string::npos);
  EXPECT_NE(log.find("HTTP 200"), std::string::npos);
  EXPECT_NE(log.find("scope "), std::string::npos);
}

TEST(Redaction, CoversHeadersAndEveryBodyFormat) {
  EXPECT_EQ(redact_header("X-Amz-Security-Token", "abc"), "<redacted>");
  EXPECT_EQ(redact_header("x-aws-ec2-metadata-token", "abc"), "<redacted>");
  EXPECT_EQ(redact_header("Content-Type", "text/xml"), "text/xml");
  EXPECT_EQ(redact_body(R"({"accessToken":"a\"b","sessionToken": "s", "other": "o"})"),
            R"({"accessToken": "<redacted>","sessionToken": "<redacted>", "other": "o"})");
  EXPECT_EQ(redact_body("Action=X&WebIdentityToken=abc&B=1"),
            "Action=X&WebIdentityToken=<redacted>&B=1");
  EXPECT_EQ(redact_body("<SessionToken>t</SessionToken>"),
            "<SessionToken><redacted></SessionToken>");
}

TEST(Paginate, FollowsTokensAndRefusesLoops) {
  std::vector<std::optional<std::string>> seen;
  std::vector<std::string> tokens = {"a", "b"};
  paginate("test", [&](const std::optional<std::string>& token) -> std::optional<std::string> {
    seen.push_back(token);
    if (tokens.empty()) return std::nullopt;
    std::string next = tokens.front();
    tokens.erase(tokens.begin());
    return next;
  });
  EXPECT_EQ(seen, (std::vector<std::optional<std::string>>{std::nullopt, "a", "b"}));
  EXPECT_THROW(paginate("looping",
                        [](const std::optional<std::string>&) {
                          return std::optional<std::string>("same");
                        }),
               ResponseError);
}

}  // namespace
}  // namespace ssmlink::aws
