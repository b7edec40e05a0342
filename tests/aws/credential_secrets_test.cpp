// No error message may contain a secret: every failing source below is handed distinct
// secrets (secret keys, session tokens, the SSO access token, a web identity token, a
// container authorization token), and no message may repeat any of them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "aws/credential_chain.hpp"
#include "aws/credential_providers.hpp"
#include "aws/errors.hpp"
#include "aws/refreshing_credentials.hpp"
#include "tests/support/credential_world.hpp"

namespace ssmlink::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

const std::vector<std::string> kSecrets = {
    "SECRETxENVxKEY",       "SECRETxFILExKEY",      "TOKENxFILExSESSION", "SECRETxPROCxKEY",
    "TOKENxPROCxSESSION",   "TOKENxSSOxACCESS",     "SECRETxSSOxROLE",    "TOKENxWEBxIDENTITY",
    "TOKENxCONTAINERxAUTH", "SECRETxCONTAINERxKEY", "SECRETxEC2xKEY",     "TOKENxEC2xSESSION",
    "SECRETxBASExKEY"};

class CredentialSecretsTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;
  std::vector<std::string> messages;

  // Runs `call`, which must throw an AwsError, and keeps its message.
  void collect(const std::string& scenario, const std::function<void()>& call) {
    try {
      call();
      ADD_FAILURE() << scenario << ": expected an error";
    } catch (const AwsError& e) {
      messages.push_back(scenario + ": " + e.what());
    }
  }
  std::unique_ptr<CredentialSource> process(const std::string& output, int exit_code = 0) {
    std::string tool = world.home.write("bin/tool",
                                        "#!/bin/sh\ncat <<'OUT'\n" + output +
                                            "\nOUT\ncat >&2 <<'OUT'\nfailed\nOUT\n" + "exit " +
                                            std::to_string(exit_code) + "\n",
                                        /*executable=*/true);
    world.write_config("[profile dev]\ncredential_process = " + tool + "\n");
    return make_process_source(world.context(), "dev");
  }
  void answer(int status, const std::string& body) {
    world.scripted->set_handler(
        [status, body](const HttpRequest&) { return testing::json_response(status, body); });
  }

  void TearDown() override {
    ASSERT_FALSE(messages.empty());
    for (const auto& message : messages) {
      for (const auto& secret : kSecrets) {
        EXPECT_THAT(message, Not(HasSubstr(secret)));
      }
    }
  }
};

TEST_F(CredentialSecretsTest, EnvironmentAndSharedFiles) {
  world.env.set("AWS_SECRET_ACCESS_KEY", "SECRETxENVxKEY");
  world.env.set("AWS_SESSION_TOKEN", "TOKENxFILExSESSION");
  collect("environment", [&] { world.chain()->get(); });
  world.env.set("AWS_ACCESS_KEY_ID", "AKIA");
  world.env.set("AWS_CREDENTIAL_EXPIRATION", "bad");
  collect("environment expiration", [&] { world.chain()->get(); });
  world.write_credentials(
      "[dev]\naws_secret_access_key = SECRETxFILExKEY\naws_session_token = TOKENxFILExSESSION\n");
  collect("credentials file", [&] { world.chain("dev")->get(); });
  world.write_credentials("");
  world.write_config("[profile dev]\naws_secret_access_key = SECRETxFILExKEY\n");
  collect("config file", [&] { world.chain("dev")->get(); });
}

TEST_F(CredentialSecretsTest, CredentialProcessOutput) {
  collect("garbage", [&] {
    process("user AKIA SecretAccessKey: SECRETxPROCxKEY SessionToken: TOKENxPROCxSESSION")->load();
  });
  collect("truncated json", [&] {
    process(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETxPROCxKEY",)")->load();
  });
  collect("version", [&] {
    process(R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "SECRETxPROCxKEY"})")->load();
  });
  collect("missing key", [&] {
    process(
        R"({"Version": 1, "SecretAccessKey": "SECRETxPROCxKEY", "SessionToken": "TOKENxPROCxSESSION"})")
        ->load();
  });
  collect("bad expiration", [&] {
    process(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETxPROCxKEY",
                "SessionToken": "TOKENxPROCxSESSION", "Expiration": 5})")
        ->load();
  });
  collect("exit code", [&] {
    process(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETxPROCxKEY"})", 2)
        ->load();
  });
}

TEST_F(CredentialSecretsTest, Sso) {
  world.write_config(
      "[profile dev]\nsso_start_url = https://x\nsso_region = eu-west-1\nsso_account_id = 1\n"
      "sso_role_name = R\n");
  // sha1("https://x")
  std::string cache = ".aws/sso/cache/98383e6608d65e46b24bbd92582bc8d916605a21.json";
  world.home.write(cache,
                   R"({"accessToken": "TOKENxSSOxACCESS", "expiresAt": "2026-11-28T11:00:00Z"})");
  collect("expired token", [&] { make_sso_source(world.context(), "dev")->load(); });
  world.home.write(cache, R"({"accessToken": "TOKENxSSOxACCESS", "expiresAt": "later"})");
  collect("bad token expiry", [&] { make_sso_source(world.context(), "dev")->load(); });
  world.home.write(cache,
                   R"({"accessToken": "TOKENxSSOxACCESS", "expiresAt": "2026-11-28T20:00:00Z"})");
  answer(500, R"({"message": "bad bearer TOKENxSSOxACCESS"})");
  collect("portal error", [&] { make_sso_source(world.context(), "dev")->load(); });
  answer(200, R"({"roleCredentials": {"accessKeyId": "A", "secretAccessKey": "SECRETxSSOxROLE"}})");
  collect("portal answer", [&] { make_sso_source(world.context(), "dev")->load(); });
  world.scripted->set_handler(testing::ScriptedHttpClient::unreachable);
  collect("portal unreachable", [&] { make_sso_source(world.context(), "dev")->load(); });
}

TEST_F(CredentialSecretsTest, WebIdentityAndAssumeRole) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", world.home.write("jwt", "TOKENxWEBxIDENTITY"));
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  world.sts->fail_with(ServiceError("STS", "AssumeRoleWithWebIdentity", 400, "InvalidIdentityToken",
                                    "rejected", "r"));
  collect("web identity", [&] { world.chain()->get(); });
  world.env.unset("AWS_WEB_IDENTITY_TOKEN_FILE");
  world.write_credentials(
      "[base]\naws_access_key_id = A\naws_secret_access_key = SECRETxBASExKEY\n");
  world.write_config("[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n");
  collect("assume role", [&] { world.chain("dev")->get(); });
}

TEST_F(CredentialSecretsTest, ContainerAndInstanceMetadata) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x");
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "TOKENxCONTAINERxAUTH");
  answer(401, R"({"error": "token TOKENxCONTAINERxAUTH is not valid"})");
  collect("container refused", [&] { make_container_source(world.context())->load(); });
  answer(200, R"({"AccessKeyId": "A", "SecretAccessKey": "SECRETxCONTAINERxKEY"})");
  collect("container answer", [&] { make_container_source(world.context())->load(); });
  world.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "TOKENxCONTAINERxAUTH\nX: y");
  collect("container token", [&] { make_container_source(world.context())->load(); });
  world.env.unset("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

  world.scripted->set_handler([](const HttpRequest& request) {
    if (request.url.ends_with("/security-credentials/")) return testing::json_response(200, "r");
    return testing::json_response(200, R"({"Code": "Success", "AccessKeyId": "A",
        "SecretAccessKey": "SECRETxEC2xKEY", "Token": "TOKENxEC2xSESSION", "Expiration": "x"})");
  });
  collect("metadata expiration",
          [&] { make_instance_metadata_source(world.context(), "default")->load(); });
  world.scripted->set_handler([](const HttpRequest& request) {
    if (request.url.ends_with("/security-credentials/")) return testing::json_response(200, "r");
    return testing::json_response(200, R"({"SecretAccessKey": "SECRETxEC2xKEY", "Token": 5})");
  });
  collect("metadata answer",
          [&] { make_instance_metadata_source(world.context(), "default")->load(); });
}

TEST_F(CredentialSecretsTest, ExpiredCredentials) {
  world.env.set("AWS_ACCESS_KEY_ID", "ASIA");
  world.env.set("AWS_SECRET_ACCESS_KEY", "SECRETxENVxKEY");
  world.env.set("AWS_SESSION_TOKEN", "TOKENxFILExSESSION");
  world.env.set("AWS_CREDENTIAL_EXPIRATION", "2026-11-28T11:00:00Z");
  collect("expired", [&] { world.chain()->get(); });
}

}  // namespace
}  // namespace ssmlink::aws
