#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/credential_providers.hpp"
#include "aws/errors.hpp"
#include "tests/support/credential_world.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using ::testing::Not;

class WebIdentityTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;
  std::string token_file = world.home.write("token", "eyJ.first.jwt\n");

  std::unique_ptr<CredentialSource> source(bool use_environment = true) {
    return make_web_identity_source(world.context(), "dev", use_environment);
  }
};

TEST_F(WebIdentityTest, NothingWithoutATokenFile) {
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  EXPECT_FALSE(source()->load());
}

TEST_F(WebIdentityTest, FromTheEnvironment) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  world.env.set("AWS_ROLE_SESSION_NAME", "pod-abc");
  auto loaded = source();
  auto credentials = loaded->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIAWEB1");
  EXPECT_EQ(loaded->description(), "web identity");
  auto calls = world.sts->web_identity_calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].region, "eu-west-1");
  EXPECT_EQ(calls[0].request.role_arn, "arn:aws:iam::1:role/Pod");
  EXPECT_EQ(calls[0].request.session_name, "pod-abc");
  EXPECT_EQ(calls[0].request.web_identity_token, "eyJ.first.jwt");  // without the line break
}

TEST_F(WebIdentityTest, FromTheProfileWithADefaultSessionName) {
  world.write_config("[profile dev]\nweb_identity_token_file = " + token_file +
                     "\nrole_arn = arn:aws:iam::1:role/Ci\n");
  auto loaded = source();
  loaded->load();
  EXPECT_EQ(loaded->description(), "profile dev via web identity");
  auto request = world.sts->web_identity_calls().at(0).request;
  EXPECT_EQ(request.role_arn, "arn:aws:iam::1:role/Ci");
  EXPECT_EQ(request.session_name, "ssmlink-session-1795867200");
}

TEST_F(WebIdentityTest, EachSettingPrefersTheEnvironment) {
  world.write_config(
      "[profile dev]\nweb_identity_token_file = /profile/token\n"
      "role_arn = arn:aws:iam::1:role/Profile\nrole_session_name = profile\n");
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  source()->load();
  auto request = world.sts->web_identity_calls().at(0).request;
  EXPECT_EQ(request.web_identity_token, "eyJ.first.jwt");
  EXPECT_EQ(request.role_arn, "arn:aws:iam::1:role/Profile");
  EXPECT_EQ(request.session_name, "profile");
}

TEST_F(WebIdentityTest, TheEnvironmentIsIgnoredWhenTurnedOff) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  EXPECT_FALSE(source(/*use_environment=*/false)->load());
}

TEST_F(WebIdentityTest, ReadsTheTokenFileAgainOnEveryRefresh) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  auto loaded = source();
  loaded->load();
  world.home.write("token", "eyJ.second.jwt");
  loaded->load();
  auto calls = world.sts->web_identity_calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].request.web_identity_token, "eyJ.second.jwt");
  EXPECT_EQ(calls[1].request.session_name, calls[0].request.session_name);
}

TEST_F(WebIdentityTest, ARoleIsRequired) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  EXPECT_EQ(error_of<ConfigError>([&] { source()->load(); }),
            "web identity: the token file " + token_file +
                " is set but no role to assume: set AWS_ROLE_ARN or role_arn in profile dev");
}

TEST_F(WebIdentityTest, AnUnreadableOrEmptyTokenFile) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", world.home.file("missing"));
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("web identity: the web identity token file: cannot read " +
                        world.home.file("missing")));
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", world.home.write("empty", "\n"));
  EXPECT_EQ(error_of<CredentialsError>([&] { source()->load(); }),
            "web identity: the web identity token file " + world.home.file("empty") + " is empty");
}

TEST_F(WebIdentityTest, StsRefusalKeepsTheTokenOut) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  world.sts->fail_with(ServiceError("STS", "AssumeRoleWithWebIdentity", 400, "InvalidIdentityToken",
                                    "Token expired", "req-2"));
  std::string message = error_of<CredentialsError>([&] { source()->load(); });
  EXPECT_THAT(message, HasSubstr("web identity: cannot assume role arn:aws:iam::1:role/Pod: STS "
                                 "AssumeRoleWithWebIdentity failed: InvalidIdentityToken"));
  EXPECT_THAT(message, Not(HasSubstr("eyJ")));
}

}  // namespace
}  // namespace ssmlink::aws
