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
using namespace std::chrono_literals;

constexpr const char* kBaseKeys =
    "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n";

class AssumeRoleTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;

  std::unique_ptr<CredentialSource> source(const std::string& profile = "dev") {
    return make_assume_role_source(world.context(), profile);
  }
  std::string config_error(const std::string& profile = "dev") {
    return error_of<ConfigError>([&] { source(profile)->load(); });
  }
};

TEST_F(AssumeRoleTest, NothingForAProfileWithoutRole) {
  world.write_credentials(kBaseKeys);
  EXPECT_FALSE(source("base")->load());
  EXPECT_FALSE(source("nobody")->load());
}

TEST_F(AssumeRoleTest, AssumesTheRoleWithTheSourceProfilesKeys) {
  world.write_credentials(kBaseKeys);
  world.write_config(
      "[profile dev]\n"
      "role_arn = arn:aws:iam::123456789012:role/Admin\n"
      "source_profile = base\n"
      "external_id = shared-id\n"
      "duration_seconds = 1800\n");
  auto loaded = source();
  auto credentials = loaded->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIAROLE1");
  EXPECT_EQ(loaded->description(), "profile dev via assume role (source profile base)");
  auto calls = world.sts->assume_role_calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].source.access_key_id, "AKIABASE");
  EXPECT_EQ(calls[0].source.secret_access_key, "base-secret");
  EXPECT_EQ(calls[0].region, "eu-west-1");
  EXPECT_EQ(calls[0].request.role_arn, "arn:aws:iam::123456789012:role/Admin");
  // botocore's botocore-session-<unix time>, with ssmlink's name.
  EXPECT_EQ(calls[0].request.session_name, "ssmlink-session-1795867200");
  EXPECT_EQ(calls[0].request.external_id, "shared-id");
  EXPECT_EQ(calls[0].request.duration_seconds, 1800);
}

TEST_F(AssumeRoleTest, UsesRoleSessionName) {
  world.write_credentials(kBaseKeys);
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n"
      "role_session_name = alice\n");
  source()->load();
  auto request = world.sts->assume_role_calls().at(0).request;
  EXPECT_EQ(request.session_name, "alice");
  EXPECT_FALSE(request.external_id);
  EXPECT_FALSE(request.duration_seconds);
}

TEST_F(AssumeRoleTest, ChainsThroughRoleProfiles) {
  world.write_credentials(kBaseKeys);
  world.write_config(
      "[profile hop]\nrole_arn = arn:aws:iam::111111111111:role/Hop\nsource_profile = base\n"
      "[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/Dev\nsource_profile = hop\n");
  EXPECT_EQ(source()->load()->access_key_id, "ASIAROLE2");
  auto calls = world.sts->assume_role_calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].request.role_arn, "arn:aws:iam::111111111111:role/Hop");
  EXPECT_EQ(calls[0].source.access_key_id, "AKIABASE");
  EXPECT_EQ(calls[1].request.role_arn, "arn:aws:iam::222222222222:role/Dev");
  EXPECT_EQ(calls[1].source.access_key_id, "ASIAROLE1");
  EXPECT_EQ(calls[1].source.session_token, "sts-token-1");
}

TEST_F(AssumeRoleTest, ASourceProfileWithKeysUsesThemEvenIfItHasARole) {
  world.write_config(
      "[profile base]\nrole_arn = arn:aws:iam::111111111111:role/Ignored\nsource_profile = x\n"
      "aws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
      "[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/Dev\nsource_profile = base\n");
  source()->load();
  auto calls = world.sts->assume_role_calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].source.access_key_id, "AKIABASE");
}

TEST_F(AssumeRoleTest, AProfileMayNameItselfToUseItsOwnKeys) {
  world.write_credentials(
      "[dev]\naws_access_key_id = AKIASELF\naws_secret_access_key = self-secret\n");
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\n");
  EXPECT_EQ(source()->load()->access_key_id, "ASIAROLE1");
  EXPECT_EQ(world.sts->assume_role_calls().at(0).source.access_key_id, "AKIASELF");
}

TEST_F(AssumeRoleTest, ASourceProfileMayUseCredentialProcess) {
  std::string tool = world.home.write(
      "bin/tool",
      "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", \"SecretAccessKey\": "
      "\"s\"}'\n",
      /*executable=*/true);
  world.write_config("[profile base]\ncredential_process = " + tool +
                     "\n"
                     "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
                     "source_profile = base\n");
  source()->load();
  EXPECT_EQ(world.sts->assume_role_calls().at(0).source.access_key_id, "AKIAPROC");
}

TEST_F(AssumeRoleTest, DetectsLoops) {
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = other\n"
      "[profile other]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = dev\n"
      "[profile self]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = self\n");
  EXPECT_EQ(config_error(),
            "profile other: source_profile makes a loop (dev -> other -> dev); end the path at a "
            "profile that has credentials");
  EXPECT_EQ(config_error("self"),
            "profile self: source_profile makes a loop (self -> self); end the path at a profile "
            "that has credentials");
  EXPECT_TRUE(world.sts->assume_role_calls().empty());
}

TEST_F(AssumeRoleTest, RejectsBadRoleSettings) {
  world.write_credentials(kBaseKeys);
  world.write_config(
      "[profile both]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n"
      "credential_source = Environment\n"
      "[profile neither]\nrole_arn = arn:aws:iam::1:role/A\n"
      "[profile missing]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = ghost\n"
      "[profile odd]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Laptop\n"
      "[profile long]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n"
      "duration_seconds = 1h\n"
      "[profile empty]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = nothing\n"
      "[profile nothing]\nregion = eu-west-1\n");
  EXPECT_EQ(config_error("both"),
            "profile both has both source_profile and credential_source; keep one of them");
  EXPECT_EQ(config_error("neither"),
            "profile neither has role_arn but neither source_profile nor credential_source: add "
            "source_profile = <a profile with credentials> or credential_source = Environment, "
            "Ec2InstanceMetadata or EcsContainer");
  EXPECT_EQ(config_error("missing"),
            "profile missing: source_profile ghost is not in ~/.aws/config or "
            "~/.aws/credentials");
  EXPECT_EQ(config_error("odd"),
            "profile odd: credential_source \"Laptop\" is not one of Environment, "
            "Ec2InstanceMetadata, EcsContainer");
  EXPECT_EQ(config_error("long"),
            "profile long: duration_seconds \"1h\" is not a number of seconds (e.g. 3600; STS "
            "allows 900 to 43200)");
  EXPECT_EQ(config_error("empty"),
            "source profile nothing (named by profile empty) has no credentials: give it "
            "aws_access_key_id and aws_secret_access_key, an SSO login, or credential_process");
}

TEST_F(AssumeRoleTest, RefusesMfaProtectedRoles) {
  world.write_credentials(kBaseKeys);
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n"
      "mfa_serial = arn:aws:iam::123456789012:mfa/alice\n");
  std::string message = error_of<ConfigError>([&] { source()->load(); });
  EXPECT_THAT(message, HasSubstr("profile dev assumes its role with MFA (mfa_serial "
                                 "arn:aws:iam::123456789012:mfa/alice)"));
  EXPECT_THAT(message, HasSubstr("MFA-protected roles are not supported"));
  EXPECT_THAT(message, HasSubstr("aws sts get-session-token"));
  EXPECT_THAT(message, HasSubstr("credential_process"));
  EXPECT_TRUE(world.sts->assume_role_calls().empty());
}

TEST_F(AssumeRoleTest, CredentialSourceEnvironment) {
  world.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
  world.env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = environment\n");
  auto loaded = source();
  loaded->load();
  EXPECT_EQ(world.sts->assume_role_calls().at(0).source.access_key_id, "AKIAENV");
  EXPECT_EQ(loaded->description(), "profile dev via assume role (credential_source environment)");
  world.env.unset("AWS_ACCESS_KEY_ID");
  world.env.unset("AWS_SECRET_ACCESS_KEY");
  EXPECT_EQ(error_of<CredentialsError>([&] { source()->load(); }),
            "profile dev: credential_source environment has no credentials");
}

TEST_F(AssumeRoleTest, CredentialSourceEcsContainer) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.scripted->set_handler([](const HttpRequest&) {
    return testing::json_response(200, R"({"AccessKeyId": "ASIATASK", "SecretAccessKey": "t",
        "Token": "task-token", "Expiration": "2026-11-28T18:00:00Z"})");
  });
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = EcsContainer\n");
  source()->load();
  EXPECT_EQ(world.sts->assume_role_calls().at(0).source.access_key_id, "ASIATASK");
  EXPECT_EQ(world.scripted->requests().at(0).url, "http://169.254.170.2/v2/credentials/task");
}

TEST_F(AssumeRoleTest, CredentialSourceEc2InstanceMetadata) {
  world.scripted->set_handler([](const HttpRequest& request) {
    if (request.method == "PUT") return testing::json_response(200, "imds-token");
    if (request.url.ends_with("/security-credentials/")) {
      return testing::json_response(200, "ec2-role");
    }
    return testing::json_response(200, R"({"Code": "Success", "AccessKeyId": "ASIAEC2",
        "SecretAccessKey": "e", "Token": "ec2-token", "Expiration": "2026-11-28T18:00:00Z"})");
  });
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Ec2InstanceMetadata\n");
  source()->load();
  EXPECT_EQ(world.sts->assume_role_calls().at(0).source.access_key_id, "ASIAEC2");
  world.scripted->set_handler(testing::ScriptedHttpClient::unreachable);
  EXPECT_THAT(error_of<CredentialsError>([&] { source()->load(); }),
              HasSubstr("profile dev: credential_source Ec2InstanceMetadata has no credentials "
                        "(no answer from http://169.254.169.254/"));
}

TEST_F(AssumeRoleTest, AWebIdentityProfileIsNotARoleProfile) {
  world.write_config(
      "[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nweb_identity_token_file = /token\n");
  EXPECT_FALSE(source()->load());
}

TEST_F(AssumeRoleTest, StsRefusalNamesProfileAndRole) {
  world.write_credentials(kBaseKeys);
  world.write_config("[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n");
  world.sts->fail_with(ServiceError("STS", "AssumeRole", 403, "AccessDenied",
                                    "User is not authorized to perform sts:AssumeRole", "req-1"));
  std::string message = error_of<CredentialsError>([&] { source()->load(); });
  EXPECT_THAT(message,
              HasSubstr("profile dev: cannot assume role arn:aws:iam::1:role/A: STS AssumeRole "
                        "failed: AccessDenied: User is not authorized"));
  EXPECT_THAT(message, Not(HasSubstr("base-secret")));
}

TEST_F(AssumeRoleTest, RefreshesThroughTheSameSource) {
  world.write_credentials(kBaseKeys);
  world.write_config("[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n");
  auto loaded = source();
  EXPECT_EQ(loaded->load()->access_key_id, "ASIAROLE1");
  world.clock->advance(50min);
  EXPECT_EQ(loaded->load()->access_key_id, "ASIAROLE2");
  auto calls = world.sts->assume_role_calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].request.session_name, calls[0].request.session_name);
  EXPECT_EQ(calls[1].source.access_key_id, "AKIABASE");
}

TEST_F(AssumeRoleTest, AnEmptyRegionMeansTheGlobalEndpointsRegion) {
  world.region = "";
  world.write_credentials(kBaseKeys);
  world.write_config("[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n");
  world.chain("dev")->get();
  EXPECT_EQ(world.sts->assume_role_calls().at(0).region, "us-east-1");
}

}  // namespace
}  // namespace ssmlink::aws
