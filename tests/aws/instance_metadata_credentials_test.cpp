#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "aws/credential_providers.hpp"
#include "aws/errors.hpp"
#include "tests/support/credential_world.hpp"
#include "tests/support/httplib_http_client.hpp"
#include "tests/support/loopback_server.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

constexpr const char* kCredentials =
    R"({"Code": "Success", "LastUpdated": "2026-11-28T11:00:00Z", "Type": "AWS-HMAC",
        "AccessKeyId": "ASIAEC2", "SecretAccessKey": "ec2-secret", "Token": "ec2-token",
        "Expiration": "2026-11-28T18:00:00Z"})";

// A stand-in for the instance metadata service. In IMDSv2 mode every GET needs the token
// handed out by PUT /latest/api/token; token_status other than 200 plays an IMDSv1-only
// service (or a proxy), which then answers GETs without a token.
class FakeImds {
 public:
  explicit FakeImds(int token_status = 200) : token_status_(token_status) {
    auto& server = server_.server();
    server.Put("/latest/api/token",
               [this](const httplib::Request& request, httplib::Response& response) {
                 std::lock_guard lock(mutex_);
                 ttl_ = request.get_header_value("x-aws-ec2-metadata-token-ttl-seconds");
                 response.status = token_status_;
                 if (token_status_ == 200) response.set_content("imds-session-token", "text/plain");
               });
    server.Get(R"(/latest/meta-data/iam/security-credentials/(.*))",
               [this](const httplib::Request& request, httplib::Response& response) {
                 std::lock_guard lock(mutex_);
                 std::string token = request.get_header_value("x-aws-ec2-metadata-token");
                 tokens_.push_back(token);
                 if (token_status_ == 200 && token != "imds-session-token") {
                   response.status = 401;
                   return;
                 }
                 std::string role = request.matches[1];
                 if (role.empty()) {
                   response.status = role_.empty() ? 404 : 200;
                   response.set_content(role_.empty() ? "" : role_ + "\n", "text/plain");
                 } else if (role == role_) {
                   response.set_content(document_, "application/json");
                 } else {
                   response.status = 404;
                 }
               });
    server_.start();
  }
  std::string url() const { return server_.url(); }
  void set_role(std::string role) {
    std::lock_guard lock(mutex_);
    role_ = std::move(role);
  }
  void set_document(std::string document) {
    std::lock_guard lock(mutex_);
    document_ = std::move(document);
  }
  std::string ttl() {
    std::lock_guard lock(mutex_);
    return ttl_;
  }
  std::vector<std::string> tokens() {
    std::lock_guard lock(mutex_);
    return tokens_;
  }

 private:
  testing::LoopbackServer server_;
  std::mutex mutex_;
  int token_status_;
  std::string role_ = "ssm-core";
  std::string document_ = kCredentials;
  std::string ttl_;
  std::vector<std::string> tokens_;
};

class InstanceMetadataTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;

  void use_imds(const FakeImds& imds) {
    world.http = std::make_shared<testing::HttplibHttpClient>();
    world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
  }
  std::unique_ptr<CredentialSource> source() {
    return make_instance_metadata_source(world.context(), "default");
  }
  // Answers as a service that has credentials, without a network.
  void script_imds() {
    world.scripted->set_handler([](const HttpRequest& request) {
      if (request.method == "PUT") return testing::json_response(200, "imds-session-token");
      if (request.url.ends_with("/security-credentials/")) {
        return testing::json_response(200, "ssm-core");
      }
      return testing::json_response(200, kCredentials);
    });
  }
};

TEST_F(InstanceMetadataTest, ImdsV2) {
  FakeImds imds;
  use_imds(imds);
  auto loaded = source();
  auto credentials = loaded->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIAEC2");
  EXPECT_EQ(credentials->secret_access_key, "ec2-secret");
  EXPECT_EQ(credentials->session_token, "ec2-token");
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2026-11-28T18:00:00Z");
  EXPECT_EQ(loaded->description(), "instance metadata");
  EXPECT_EQ(imds.ttl(), "21600");
  EXPECT_EQ(imds.tokens(), (std::vector<std::string>{"imds-session-token", "imds-session-token"}));
}

TEST_F(InstanceMetadataTest, FallsBackToImdsV1WhenTheTokenIsRefused) {
  for (int status : {403, 404, 405}) {
    FakeImds imds(status);
    use_imds(imds);
    auto credentials = source()->load();
    ASSERT_TRUE(credentials) << status;
    EXPECT_EQ(credentials->access_key_id, "ASIAEC2");
    EXPECT_EQ(imds.tokens(), (std::vector<std::string>{"", ""})) << status;
  }
}

TEST_F(InstanceMetadataTest, FallsBackToImdsV1WhenTheTokenRequestTimesOut) {
  // A container one network hop too far for the token's hop limit sees the PUT time out.
  world.scripted->set_handler([](const HttpRequest& request) {
    if (request.method == "PUT") throw TransportError(request.url, "timed out", true);
    if (find_header(request.headers, "x-aws-ec2-metadata-token")) {
      return testing::json_response(401, "");
    }
    if (request.url.ends_with("/security-credentials/")) {
      return testing::json_response(200, "ssm-core");
    }
    return testing::json_response(200, kCredentials);
  });
  EXPECT_EQ(source()->load()->access_key_id, "ASIAEC2");
}

TEST_F(InstanceMetadataTest, ABadTokenRequestIsAnError) {
  FakeImds imds(400);
  use_imds(imds);
  EXPECT_EQ(error_of<CredentialsError>([&] { source()->load(); }),
            "instance metadata at " + imds.url() + "/ refused the token request (HTTP 400)");
}

TEST_F(InstanceMetadataTest, NothingWithoutAnInstanceProfile) {
  FakeImds imds;
  imds.set_role("");
  use_imds(imds);
  auto loaded = source();
  EXPECT_FALSE(loaded->load());
  EXPECT_EQ(loaded->not_found_reason(), "HTTP 404 for the instance's role name from " + imds.url() +
                                            "/ (no instance profile attached?)");
}

TEST_F(InstanceMetadataTest, NothingOffEc2) {
  auto loaded = source();
  EXPECT_FALSE(loaded->load());
  EXPECT_EQ(loaded->not_found_reason(),
            "no answer from http://169.254.169.254/ (cannot connect; not on EC2?)");
  auto requests = world.scripted->requests();
  ASSERT_EQ(requests.size(), 2u);  // the token, then IMDSv1
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].url, "http://169.254.169.254/latest/api/token");
  EXPECT_EQ(requests[0].timeout, std::chrono::milliseconds(1000));
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].url, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
}

TEST_F(InstanceMetadataTest, TurnedOff) {
  world.env.set("AWS_EC2_METADATA_DISABLED", "TRUE");
  auto loaded = source();
  EXPECT_FALSE(loaded->load());
  EXPECT_EQ(loaded->not_found_reason(), "turned off by AWS_EC2_METADATA_DISABLED=true");
  EXPECT_TRUE(world.scripted->requests().empty());
}

TEST_F(InstanceMetadataTest, TimeoutAndAttemptsFromTheEnvironmentOrProfile) {
  world.env.set("AWS_METADATA_SERVICE_TIMEOUT", "3");
  world.write_config("[default]\nmetadata_service_num_attempts = 2\n");
  source()->load();
  auto requests = world.scripted->requests();
  ASSERT_EQ(requests.size(), 4u);  // two token attempts, two IMDSv1 attempts
  for (const auto& request : requests) {
    EXPECT_EQ(request.timeout, std::chrono::milliseconds(3000));
  }
}

TEST_F(InstanceMetadataTest, BadSettingsAreConfigErrors) {
  world.env.set("AWS_METADATA_SERVICE_TIMEOUT", "1.5");
  EXPECT_EQ(error_of<ConfigError>([&] { source()->load(); }),
            "AWS_METADATA_SERVICE_TIMEOUT (or its setting in profile default): \"1.5\" is not a "
            "positive whole number");
  world.env.unset("AWS_METADATA_SERVICE_TIMEOUT");
  world.env.set("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0");
  EXPECT_THAT(error_of<ConfigError>([&] { source()->load(); }),
              HasSubstr("\"0\" is not a positive whole number"));
  world.env.unset("AWS_METADATA_SERVICE_NUM_ATTEMPTS");
  world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254");
  EXPECT_THAT(error_of<ConfigError>([&] { source()->load(); }), HasSubstr("is not an http(s) URL"));
  world.env.unset("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5");
  EXPECT_THAT(error_of<ConfigError>([&] { source()->load(); }),
              HasSubstr("\"IPv5\" is neither IPv4 nor IPv6"));
}

TEST_F(InstanceMetadataTest, EndpointFromTheProfileAndIpv6Mode) {
  script_imds();
  world.write_config("[default]\nec2_metadata_service_endpoint_mode = IPv6\n");
  source()->load();
  EXPECT_EQ(world.scripted->requests().at(0).url, "http://[fd00:ec2::254]/latest/api/token");
  world.write_config("[default]\nec2_metadata_service_endpoint = http://127.0.0.1:1234/\n");
  source()->load();
  EXPECT_EQ(world.scripted->requests().back().url,
            "http://127.0.0.1:1234/latest/meta-data/iam/security-credentials/ssm-core");
}

TEST_F(InstanceMetadataTest, AnErrorCodeFromTheService) {
  FakeImds imds;
  imds.set_document(
      R"({"Code": "AssumeRoleUnauthorizedAccess", "Message": "EC2 cannot assume the role ssm-core"})");
  use_imds(imds);
  EXPECT_EQ(error_of<CredentialsError>([&] { source()->load(); }),
            "instance metadata (role ssm-core): the instance profile's credentials are not "
            "available: AssumeRoleUnauthorizedAccess: EC2 cannot assume the role ssm-core");
}

TEST_F(InstanceMetadataTest, AnIncompleteOrBrokenDocument) {
  FakeImds imds;
  imds.set_document(R"({"Code": "Success", "AccessKeyId": "A", "SecretAccessKey": "lost-secret"})");
  use_imds(imds);
  std::string message = error_of<CredentialsError>([&] { source()->load(); });
  EXPECT_THAT(message, HasSubstr("the answer lacks Token (it has AccessKeyId, Code, "
                                 "SecretAccessKey)"));
  EXPECT_THAT(message, Not(HasSubstr("lost-secret")));
  imds.set_document(R"({"Code": 7})");
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("lacks AccessKeyId"));
  imds.set_document("<html>proxy login</html>");
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("the answer is not a JSON object: <html>proxy login</html>"));
}

}  // namespace
}  // namespace ssmlink::aws
