#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
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
    R"({"AccessKeyId": "ASIATASK", "SecretAccessKey": "task-secret", "Token": "task-token",
        "Expiration": "2026-11-28T18:00:00Z", "RoleArn": "arn:aws:iam::1:role/Task"})";

// A stand-in for the ECS agent or the EKS Pod Identity agent: credentials for the right
// Authorization header, 401 otherwise; it can be told to fail a number of times first.
class FakeAgent {
 public:
  explicit FakeAgent(std::string token) : token_(std::move(token)) {
    server_.server().Get(
        "/creds", [this](const httplib::Request& request, httplib::Response& response) {
          std::lock_guard lock(mutex_);
          ++requests_;
          accepts_.push_back(request.get_header_value("Accept"));
          if (failures_left_ > 0) {
            --failures_left_;
            response.status = 500;
            response.set_content("agent busy", "text/plain");
            return;
          }
          if (request.get_header_value("Authorization") != token_) {
            response.status = 401;
            response.set_content(R"({"message": "bad token"})", "application/json");
            return;
          }
          response.set_content(kCredentials, "application/json");
        });
    server_.start();
  }
  std::string url() const { return server_.url() + "/creds"; }
  void fail_first(int count) {
    std::lock_guard lock(mutex_);
    failures_left_ = count;
  }
  void expect_token(std::string token) {
    std::lock_guard lock(mutex_);
    token_ = std::move(token);
  }
  int requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::vector<std::string> accepts() {
    std::lock_guard lock(mutex_);
    return accepts_;
  }

 private:
  testing::LoopbackServer server_;
  std::mutex mutex_;
  std::string token_;
  int failures_left_ = 0;
  int requests_ = 0;
  std::vector<std::string> accepts_;
};

class ContainerCredentialsTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;

  void use_agent(const FakeAgent& agent) {
    world.http = std::make_shared<testing::HttplibHttpClient>();
    world.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.url());
  }
  std::unique_ptr<CredentialSource> source() { return make_container_source(world.context()); }
  // The URL a FULL_URI leads to, or the error, without sending anything.
  std::string attempt(const std::string& full_uri) {
    world.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri);
    world.scripted->set_handler(
        [](const HttpRequest&) { return testing::json_response(200, kCredentials); });
    try {
      source()->load();
      return world.scripted->requests().back().url;
    } catch (const ConfigError& e) {
      return e.what();
    }
  }
};

TEST_F(ContainerCredentialsTest, NothingWithoutTheVariables) {
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token");
  EXPECT_FALSE(source()->load());
}

TEST_F(ContainerCredentialsTest, FullUriWithAuthorizationToken) {
  FakeAgent agent("agent-token");
  use_agent(agent);
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "agent-token");
  auto loaded = source();
  auto credentials = loaded->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIATASK");
  EXPECT_EQ(credentials->secret_access_key, "task-secret");
  EXPECT_EQ(credentials->session_token, "task-token");
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2026-11-28T18:00:00Z");
  EXPECT_EQ(loaded->description(), "container credentials");
  EXPECT_EQ(agent.accepts(), std::vector<std::string>{"application/json"});
}

TEST_F(ContainerCredentialsTest, TheTokenFileWinsAndIsReadEachTime) {
  FakeAgent agent("file-token-1");
  use_agent(agent);
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "variable-token");
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                world.home.write("token", "file-token-1\n"));
  auto loaded = source();
  EXPECT_TRUE(loaded->load());
  world.home.write("token", "file-token-2");
  agent.expect_token("file-token-2");
  EXPECT_TRUE(loaded->load());
  EXPECT_EQ(agent.requests(), 2);
}

TEST_F(ContainerCredentialsTest, RetriesTwiceAfterAPause) {
  FakeAgent agent("t");
  use_agent(agent);
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t");
  agent.fail_first(2);
  EXPECT_EQ(source()->load()->access_key_id, "ASIATASK");
  EXPECT_EQ(agent.requests(), 3);
  EXPECT_EQ(world.clock->sleeps(), (std::vector<std::chrono::milliseconds>{1s, 1s}));
}

TEST_F(ContainerCredentialsTest, GivesUpAfterThreeAttemptsWithoutShowingTheToken) {
  FakeAgent agent("right-token");
  use_agent(agent);
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token");
  std::string message = error_of<CredentialsError>([&] { source()->load(); });
  EXPECT_EQ(message, "container credentials: " + agent.url() +
                         " failed 3 times (last: HTTP 401: {\"message\": \"bad [rest hidden: it "
                         "may hold a secret]); check the container's task role or pod identity "
                         "association");
  EXPECT_THAT(message, Not(HasSubstr("wrong-token")));
  EXPECT_EQ(agent.requests(), 3);
}

TEST_F(ContainerCredentialsTest, ConnectionFailuresAreRetriedToo) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("container credentials: http://169.254.170.2/v2/credentials/task failed "
                        "3 times (last: cannot reach"));
  EXPECT_EQ(world.scripted->requests().size(), 3u);
}

TEST_F(ContainerCredentialsTest, RelativeUriGoesToTheEcsAgent) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/ignored");
  world.scripted->set_handler(
      [](const HttpRequest&) { return testing::json_response(200, kCredentials); });
  EXPECT_TRUE(source()->load());
  auto request = world.scripted->requests().at(0);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, "http://169.254.170.2/v2/credentials/task");
  EXPECT_EQ(request.timeout, std::chrono::milliseconds(2000));
  EXPECT_FALSE(find_header(request.headers, "Authorization"));
}

TEST_F(ContainerCredentialsTest, FullUriOverHttpOnlyToTheAgentsAndLoopback) {
  for (const char* allowed :
       {"http://127.0.0.1:8080/creds", "http://127.3.2.1/creds", "http://localhost/creds",
        "http://[::1]:9000/creds", "http://169.254.170.2/v2/x", "http://169.254.170.23/v1/x",
        "http://[fd00:ec2::23]/v1/x", "https://credentials.example.com/x"}) {
    EXPECT_EQ(attempt(allowed), allowed);
  }
  EXPECT_EQ(attempt("http://10.0.0.5/creds"),
            "AWS_CONTAINER_CREDENTIALS_FULL_URI: \"http://10.0.0.5/creds\" uses http to 10.0.0.5; "
            "over http only a loopback address, 169.254.170.2, 169.254.170.23 or [fd00:ec2::23] "
            "is allowed (use https for other hosts)");
  EXPECT_THAT(attempt("http://169.254.169.254/creds"), HasSubstr("uses http to 169.254.169.254"));
  EXPECT_THAT(attempt("http://[fd00:ec2::254]/creds"), HasSubstr("uses http to [fd00:ec2::254]"));
  EXPECT_THAT(attempt("ftp://127.0.0.1/creds"), HasSubstr("is not an http(s) URL"));
}

TEST_F(ContainerCredentialsTest, ATokenWithALineBreakIsRefused) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "first\r\nX-Injected: secret-part");
  std::string message = error_of<ConfigError>([&] { source()->load(); });
  EXPECT_EQ(message,
            "container credentials: the token from AWS_CONTAINER_AUTHORIZATION_TOKEN contains a "
            "line break, so it cannot be sent as a header");
  EXPECT_TRUE(world.scripted->requests().empty());
}

TEST_F(ContainerCredentialsTest, AnUnreadableTokenFile) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", world.home.file("missing"));
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("container credentials: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cannot "
                        "read " +
                        world.home.file("missing")));
}

TEST_F(ContainerCredentialsTest, AnAnswerWithoutTheFields) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.scripted->set_handler([](const HttpRequest&) {
    return testing::json_response(200, R"({"AccessKeyId": "A", "SecretAccessKey": "half-secret"})");
  });
  std::string message = error_of<CredentialsError>([&] { source()->load(); });
  EXPECT_THAT(message, HasSubstr("the answer lacks Token (it has AccessKeyId, SecretAccessKey)"));
  EXPECT_THAT(message, Not(HasSubstr("half-secret")));
  world.scripted->set_handler([](const HttpRequest&) { return testing::json_response(200, "[]"); });
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("last: an answer that is not a JSON object: []"));
}

}  // namespace
}  // namespace ssmlink::aws
