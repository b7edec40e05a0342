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

const SharedConfig kStaticConfig = SharedConfig::parse(
    "[profile dev]\n"
    "aws_access_key_id = AKIACONFIG\n"
    "aws_secret_access_key = config-secret\n"
    "[profile halfway]\n"
    "aws_secret_access_key = half-secret\n",
    "[dev]\n"
    "aws_access_key_id = ASIAFILE\n"
    "aws_secret_access_key = file-secret\n"
    "aws_session_token = file-token\n"
    "[legacy]\n"
    "aws_access_key_id = ASIALEGACY\n"
    "aws_secret_access_key = legacy-secret\n"
    "aws_security_token = legacy-token\n"
    "[halfway]\n"
    "aws_access_key_id = AKIAHALF\n"
    "[blank]\n"
    "aws_access_key_id =\n"
    "aws_secret_access_key =\n",
    "/home/me/.aws/config", "/home/me/.aws/credentials");

TEST(StaticCredentials, CredentialsFileKeysWithToken) {
  auto source = make_static_keys_source(kStaticConfig, "dev", SharedFile::Credentials);
  auto credentials = source->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIAFILE");
  EXPECT_EQ(credentials->secret_access_key, "file-secret");
  EXPECT_EQ(credentials->session_token, "file-token");
  EXPECT_FALSE(credentials->expiration);
  EXPECT_EQ(source->description(), "profile dev (shared credentials file)");
  EXPECT_EQ(make_static_keys_source(kStaticConfig, "legacy", SharedFile::Credentials)
                ->load()
                ->session_token,
            "legacy-token");
}

TEST(StaticCredentials, ConfigFileKeysOnlyFromTheConfigFile) {
  auto source = make_static_keys_source(kStaticConfig, "dev", SharedFile::Config);
  auto credentials = source->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "AKIACONFIG");
  EXPECT_EQ(credentials->session_token, "");
  EXPECT_EQ(source->description(), "profile dev (config file)");
  EXPECT_FALSE(make_static_keys_source(kStaticConfig, "legacy", SharedFile::Config)->load());
}

TEST(StaticCredentials, NothingForAProfileWithoutKeys) {
  EXPECT_FALSE(make_static_keys_source(kStaticConfig, "nobody", SharedFile::Credentials)->load());
  EXPECT_FALSE(make_static_keys_source(kStaticConfig, "blank", SharedFile::Credentials)->load());
}

TEST(StaticCredentials, HalfAPairIsAConfigErrorNamingFileAndProfile) {
  EXPECT_EQ(error_of<ConfigError>([] {
              make_static_keys_source(kStaticConfig, "halfway", SharedFile::Credentials)->load();
            }),
            "profile halfway in /home/me/.aws/credentials has aws_access_key_id but no "
            "aws_secret_access_key: add it (aws configure --profile halfway) or remove "
            "aws_access_key_id");
  std::string message = error_of<ConfigError>(
      [] { make_static_keys_source(kStaticConfig, "halfway", SharedFile::Config)->load(); });
  EXPECT_THAT(message, HasSubstr("profile halfway in /home/me/.aws/config has "
                                 "aws_secret_access_key but no aws_access_key_id"));
  EXPECT_THAT(message, Not(HasSubstr("half-secret")));
}

}  // namespace
}  // namespace ssmlink::aws
