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

// sha1("corp") and sha1("https://corp.awsapps.com/start"), as `aws sso login` names them.
constexpr const char* kSessionCache =
    ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
constexpr const char* kLegacyCache = ".aws/sso/cache/a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json";

constexpr const char* kSessionProfile =
    "[profile dev]\n"
    "sso_session = corp\n"
    "sso_account_id = 123456789012\n"
    "sso_role_name = Admin+Ops\n"
    "[sso-session corp]\n"
    "sso_start_url = https://corp.awsapps.com/start\n"
    "sso_region = eu-west-1\n";

constexpr const char* kLegacyProfile =
    "[profile dev]\n"
    "sso_start_url = https://corp.awsapps.com/start\n"
    "sso_region = cn-north-1\n"
    "sso_account_id = 123456789012\n"
    "sso_role_name = ReadOnly\n";

// A stand-in for the IAM Identity Center portal's GetRoleCredentials.
class FakePortal {
 public:
  explicit FakePortal(int status = 200) : status_(status) {
    server_.server().Get("/federation/credentials",
                         [this](const httplib::Request& request, httplib::Response& response) {
                           std::lock_guard lock(mutex_);
                           tokens_.push_back(request.get_header_value("x-amz-sso_bearer_token"));
                           role_ = request.get_param_value("role_name");
                           account_ = request.get_param_value("account_id");
                           response.status = status_;
                           response.set_content(body_, "application/json");
                         });
    server_.start();
  }
  std::string url() const { return server_.url(); }
  void answer(std::string body) {
    std::lock_guard lock(mutex_);
    body_ = std::move(body);
  }
  std::vector<std::string> tokens() {
    std::lock_guard lock(mutex_);
    return tokens_;
  }
  std::string role() {
    std::lock_guard lock(mutex_);
    return role_;
  }
  std::string account() {
    std::lock_guard lock(mutex_);
    return account_;
  }

 private:
  testing::LoopbackServer server_;
  std::mutex mutex_;
  int status_;
  std::string body_ =
      R"({"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret",
          "sessionToken": "sso-session-token", "expiration": 1795870800000}})";
  std::vector<std::string> tokens_;
  std::string role_;
  std::string account_;
};

class SsoCredentialsTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;

  void cache_token(const char* file, const std::string& expires_at,
                   const std::string& token = "sso-access-token") {
    world.home.write(file, R"({"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1",
        "accessToken": ")" + token +
                               R"(", "expiresAt": ")" + expires_at + "\"}");
  }
  void use_portal(const FakePortal& portal) {
    world.http = std::make_shared<testing::HttplibHttpClient>();
    world.env.set("AWS_ENDPOINT_URL_SSO", portal.url() + "/");
  }
  std::unique_ptr<CredentialSource> source() { return make_sso_source(world.context(), "dev"); }
  std::string credentials_error() {
    return error_of<CredentialsError>([&] { source()->load(); });
  }
};

TEST_F(SsoCredentialsTest, NothingForAProfileWithoutSso) {
  world.write_config("[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n");
  EXPECT_FALSE(source()->load());
}

TEST_F(SsoCredentialsTest, TradesTheSessionTokenForRoleCredentials) {
  FakePortal portal;
  use_portal(portal);
  world.write_config(kSessionProfile);
  cache_token(kSessionCache, "2026-11-28T20:00:00Z");
  auto loaded = source();
  auto credentials = loaded->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIASSO");
  EXPECT_EQ(credentials->secret_access_key, "sso-secret");
  EXPECT_EQ(credentials->session_token, "sso-session-token");
  ASSERT_TRUE(credentials->expiration);
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2026-11-28T13:00:00Z");
  EXPECT_EQ(loaded->description(), "profile dev via sso");
  EXPECT_EQ(portal.tokens(), std::vector<std::string>{"sso-access-token"});
  EXPECT_EQ(portal.role(), "Admin+Ops");
  EXPECT_EQ(portal.account(), "123456789012");
}

TEST_F(SsoCredentialsTest, LegacyProfilesKeyTheCacheByStartUrl) {
  FakePortal portal;
  use_portal(portal);
  world.write_config(kLegacyProfile);
  cache_token(kLegacyCache, "2026-11-28T20:00:00UTC");  // as older AWS CLIs wrote it
  EXPECT_EQ(source()->load()->access_key_id, "ASIASSO");
  EXPECT_EQ(portal.role(), "ReadOnly");
}

TEST_F(SsoCredentialsTest, DefaultPortalFollowsTheSsoRegionsPartition) {
  world.scripted->set_handler([](const HttpRequest&) {
    return testing::json_response(
        200, R"({"roleCredentials": {"accessKeyId": "A", "secretAccessKey": "s",
                 "sessionToken": "t", "expiration": 1795870800000}})");
  });
  world.write_config(kSessionProfile);
  cache_token(kSessionCache, "2026-11-28T20:00:00Z");
  source()->load();
  world.write_config(kLegacyProfile);
  cache_token(kLegacyCache, "2026-11-28T20:00:00Z");
  source()->load();
  auto requests = world.scripted->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url,
            "https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?role_name="
            "Admin%2BOps&account_id=123456789012");
  EXPECT_EQ(find_header(requests[0].headers, "x-amz-sso_bearer_token"), "sso-access-token");
  EXPECT_EQ(requests[1].url,
            "https://portal.sso.cn-north-1.amazonaws.com.cn/federation/credentials?role_name="
            "ReadOnly&account_id=123456789012");
}

TEST_F(SsoCredentialsTest, AnExpiredOrMissingTokenAsksForALogin) {
  world.write_config(kSessionProfile);
  const std::string login =
      "the SSO session for profile dev has expired (or was never started): run aws sso login "
      "--profile dev";
  EXPECT_EQ(credentials_error(), login);
  cache_token(kSessionCache, "2026-11-28T11:59:59Z");
  EXPECT_EQ(credentials_error(), login);
  EXPECT_TRUE(world.scripted->requests().empty());
}

TEST_F(SsoCredentialsTest, ThePortalRefusingTheTokenAsksForALogin) {
  for (int status : {401, 403}) {
    FakePortal portal(status);
    portal.answer(R"({"message": "Session token not found or invalid"})");
    use_portal(portal);
    world.write_config(kSessionProfile);
    cache_token(kSessionCache, "2026-11-28T20:00:00Z");
    EXPECT_THAT(credentials_error(), HasSubstr("run aws sso login --profile dev")) << status;
  }
}

TEST_F(SsoCredentialsTest, OtherPortalFailures) {
  FakePortal portal(500);
  portal.answer("internal error");
  use_portal(portal);
  world.write_config(kSessionProfile);
  cache_token(kSessionCache, "2026-11-28T20:00:00Z");
  EXPECT_EQ(credentials_error(), "profile dev via sso: IAM Identity Center (" + portal.url() +
                                     ") answered HTTP 500: internal error");
}

TEST_F(SsoCredentialsTest, AnswersWithoutCredentials) {
  FakePortal portal;
  use_portal(portal);
  world.write_config(kSessionProfile);
  cache_token(kSessionCache, "2026-11-28T20:00:00Z");
  portal.answer(R"({"other": 1})");
  EXPECT_THAT(credentials_error(), HasSubstr("the answer has no roleCredentials (it has other)"));
  portal.answer(R"({"roleCredentials": {"accessKeyId": "A", "secretAccessKey": "leak-me"}})");
  std::string message = credentials_error();
  EXPECT_THAT(message, HasSubstr("the answer lacks sessionToken (it has accessKeyId, "
                                 "secretAccessKey)"));
  EXPECT_THAT(message, Not(HasSubstr("leak-me")));
  portal.answer(R"({"roleCredentials": {"accessKeyId": "A", "secretAccessKey": "s",
                  "sessionToken": "t", "expiration": "tomorrow"}})");
  EXPECT_THAT(credentials_error(),
              HasSubstr("roleCredentials.expiration is missing or not a time"));
  portal.answer(R"({"roleCredentials": {"accessKeyId": "A", "secretAccessKey": "s",
                  "sessionToken": "t", "expiration": 1e300}})");
  EXPECT_THAT(credentials_error(),
              HasSubstr("roleCredentials.expiration is missing or not a time"));
}

TEST_F(SsoCredentialsTest, ABrokenTokenCache) {
  world.write_config(kSessionProfile);
  world.home.write(kSessionCache, "{not json");
  EXPECT_EQ(credentials_error(), "the SSO token cache " + world.home.file(kSessionCache) +
                                     " is not JSON; run aws sso login --profile dev");
  world.home.write(kSessionCache, R"({"expiresAt": "2026-11-28T20:00:00Z"})");
  EXPECT_THAT(credentials_error(), HasSubstr("lacks accessToken"));
  world.env.set("AWS_CONFIG_FILE", world.home.file(".aws/config"));
  world.env.unset("HOME");
  EXPECT_THAT(credentials_error(), HasSubstr("HOME is not set"));
}

TEST_F(SsoCredentialsTest, IncompleteSettingsAreAConfigError) {
  world.write_config("[profile dev]\nsso_account_id = 123456789012\n");
  EXPECT_EQ(error_of<ConfigError>([&] { source()->load(); }),
            "profile dev is set up for IAM Identity Center (sso) but lacks sso_start_url, "
            "sso_region, sso_role_name: run aws configure sso --profile dev");
  world.write_config("[profile dev]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n");
  EXPECT_EQ(error_of<ConfigError>([&] { source()->load(); }),
            "profile dev: sso_session nope has no [sso-session nope] section in ~/.aws/config");
  world.write_config(
      "[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n"
      "sso_region = us-east-1\n"
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
      "sso_region = eu-west-1\n");
  EXPECT_EQ(error_of<ConfigError>([&] { source()->load(); }),
            "profile dev and [sso-session corp] disagree on sso_region (\"us-east-1\" and "
            "\"eu-west-1\"); keep it in the sso-session only");
  world.write_config(
      "[profile dev]\nsso_start_url = https://x\nsso_region = mars-1\nsso_account_id = 1\n"
      "sso_role_name = R\n");
  EXPECT_EQ(error_of<ConfigError>([&] { source()->load(); }),
            "profile dev: sso_region \"mars-1\" is not an AWS region (e.g. us-east-1)");
}

}  // namespace
}  // namespace ssmlink::aws
