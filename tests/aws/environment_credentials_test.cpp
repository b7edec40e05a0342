#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/credential_providers.hpp"
#include "aws/errors.hpp"
#include "tests/support/error_of.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(EnvironmentCredentials, NothingWhenNoKeyIsSet) {
  MapEnvironment env;
  env.set("AWS_SESSION_TOKEN", "orphan-token");
  EXPECT_FALSE(make_environment_source(env)->load());
}

TEST(EnvironmentCredentials, ReadsLongTermKeys) {
  MapEnvironment env({{"AWS_ACCESS_KEY_ID", "AKIAENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}});
  auto source = make_environment_source(env);
  auto credentials = source->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "AKIAENV");
  EXPECT_EQ(credentials->secret_access_key, "env-secret");
  EXPECT_EQ(credentials->session_token, "");
  EXPECT_FALSE(credentials->expiration);
  EXPECT_EQ(source->description(), "environment");
}

TEST(EnvironmentCredentials, ReadsTheSessionTokenAndExpiration) {
  MapEnvironment env({{"AWS_ACCESS_KEY_ID", "ASIAENV"},
                      {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                      {"AWS_SESSION_TOKEN", "session-token"},
                      {"AWS_CREDENTIAL_EXPIRATION", "2026-11-28T13:00:00Z"}});
  auto credentials = make_environment_source(env)->load();
  EXPECT_EQ(credentials->session_token, "session-token");
  ASSERT_TRUE(credentials->expiration);
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2026-11-28T13:00:00Z");
}

TEST(EnvironmentCredentials, AcceptsTheLegacyTokenNameAndPrefersItLikeBotocore) {
  MapEnvironment env({{"AWS_ACCESS_KEY_ID", "ASIAENV"},
                      {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                      {"AWS_SECURITY_TOKEN", "legacy-token"}});
  EXPECT_EQ(make_environment_source(env)->load()->session_token, "legacy-token");
  env.set("AWS_SESSION_TOKEN", "session-token");
  EXPECT_EQ(make_environment_source(env)->load()->session_token, "legacy-token");
}

TEST(EnvironmentCredentials, OneKeyWithoutTheOtherIsAnError) {
  MapEnvironment env;
  env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  EXPECT_EQ(error_of<CredentialsError>([&] { make_environment_source(env)->load(); }),
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or unset "
            "AWS_ACCESS_KEY_ID to use a profile's credentials");
  env.unset("AWS_ACCESS_KEY_ID");
  env.set("AWS_SECRET_ACCESS_KEY", "lonely-secret");
  std::string message = error_of<CredentialsError>([&] { make_environment_source(env)->load(); });
  EXPECT_THAT(message, HasSubstr("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"));
  EXPECT_THAT(message, Not(HasSubstr("lonely-secret")));
}

TEST(EnvironmentCredentials, ABadExpirationNamesTheVariable) {
  MapEnvironment env({{"AWS_ACCESS_KEY_ID", "ASIAENV"},
                      {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                      {"AWS_CREDENTIAL_EXPIRATION", "tomorrow"}});
  EXPECT_EQ(error_of<CredentialsError>([&] { make_environment_source(env)->load(); }),
            "AWS_CREDENTIAL_EXPIRATION: the expiration \"tomorrow\" is not an ISO 8601 time "
            "such as 2026-11-28T07:39:02Z");
}

}  // namespace
}  // namespace ssmlink::aws
