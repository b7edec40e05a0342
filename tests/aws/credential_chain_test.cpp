#include "aws/credential_chain.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "aws/errors.hpp"
#include "tests/support/credential_world.hpp"
#include "tests/support/httplib_http_client.hpp"
#include "tests/support/loopback_server.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace std::chrono_literals;
using Winner = std::pair<std::string, std::string>;

class CredentialChainTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;

  void env_keys() {
    world.env.set("AWS_ACCESS_KEY_ID", "AKIAENV");
    world.env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
  }
  // A credential_process tool printing `json`; each run appends a line to runs.log.
  std::string tool(const std::string& json) {
    return world.home.write("bin/tool-" + std::to_string(++tools_),
                            "#!/bin/sh\necho run >> " + world.home.file("runs.log") +
                                "\ncat <<'JSON'\n" + json + "\nJSON\n",
                            /*executable=*/true);
  }
  int tool_runs() const {
    std::ifstream log(world.home.file("runs.log"));
    int lines = 0;
    for (std::string line; std::getline(log, line);) {
      ++lines;
    }
    return lines;
  }
  // Who answers: the access key of the first get(), and the chain's source().
  Winner winner(std::optional<std::string> profile = std::nullopt) {
    auto chain = world.chain(std::move(profile));
    std::string key = chain->get().access_key_id;
    return {key, chain->source()};
  }

 private:
  int tools_ = 0;
};

TEST_F(CredentialChainTest, EnvironmentBeatsProfiles) {
  env_keys();
  world.write_credentials(
      "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n"
      "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n");
  EXPECT_EQ(winner(), (Winner("AKIAENV", "environment")));
  // AWS_PROFILE does not turn the environment's keys off (botocore's rule) ...
  world.env.set("AWS_PROFILE", "dev");
  EXPECT_EQ(winner().first, "AKIAENV");
  // ... --profile does.
  EXPECT_EQ(winner("dev"), (Winner("AKIADEV", "profile dev (shared credentials file)")));
}

TEST_F(CredentialChainTest, CredentialsFileBeatsConfigFile) {
  world.write_config("[profile dev]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s\n");
  world.write_credentials("[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n");
  EXPECT_EQ(winner("dev"), (Winner("AKIAFILE", "profile dev (shared credentials file)")));
  world.write_credentials("");
  EXPECT_EQ(winner("dev"), (Winner("AKIACONFIG", "profile dev (config file)")));
}

TEST_F(CredentialChainTest, AssumeRoleBeatsStaticKeysInTheSameProfile) {
  world.write_credentials(
      "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n"
      "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n");
  world.write_config("[profile dev]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n");
  EXPECT_EQ(winner("dev"),
            (Winner("ASIAROLE1", "profile dev via assume role (source profile base)")));
}

TEST_F(CredentialChainTest, WebIdentityBeatsSsoAndStaticKeys) {
  world.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", world.home.write("token", "jwt"));
  world.env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod");
  world.write_credentials("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n");
  world.write_config("[default]\nsso_account_id = 1\nsso_role_name = R\n");
  EXPECT_EQ(winner(), (Winner("ASIAWEB1", "web identity")));
}

TEST_F(CredentialChainTest, SsoBeatsTheCredentialsFile) {
  world.write_credentials("[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n");
  world.write_config(
      "[profile dev]\nsso_start_url = https://x\nsso_region = eu-west-1\n"
      "sso_account_id = 1\nsso_role_name = R\n");
  // No `aws sso login` yet: the SSO step answers, with the way to log in.
  EXPECT_EQ(error_of<CredentialsError>([&] { world.chain("dev")->get(); }),
            "the SSO session for profile dev has expired (or was never started): run aws sso "
            "login --profile dev");
}

TEST_F(CredentialChainTest, CredentialsFileThenProcessThenConfigFile) {
  std::string process =
      tool(R"({"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s"})");
  world.write_credentials("[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n");
  world.write_config("[profile dev]\ncredential_process = " + process +
                     "\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s\n");
  EXPECT_EQ(winner("dev").first, "AKIAFILE");
  EXPECT_EQ(tool_runs(), 0);
  world.write_credentials("");
  EXPECT_EQ(winner("dev"), (Winner("AKIAPROC", "credential_process (profile dev)")));
}

TEST_F(CredentialChainTest, ContainerBeatsInstanceMetadata) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.scripted->set_handler([](const HttpRequest& request) {
    if (request.url.starts_with("http://169.254.170.2/")) {
      return testing::json_response(200, R"({"AccessKeyId": "ASIATASK", "SecretAccessKey": "s",
          "Token": "t", "Expiration": "2026-11-28T18:00:00Z"})");
    }
    ADD_FAILURE() << "instance metadata asked: " << request.url;
    return testing::json_response(500, "");
  });
  EXPECT_EQ(winner(), (Winner("ASIATASK", "container credentials")));
}

TEST_F(CredentialChainTest, InstanceMetadataIsTheLastResort) {
  testing::LoopbackServer imds;
  imds.server().Put("/latest/api/token", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("token", "text/plain");
  });
  imds.server().Get("/latest/meta-data/iam/security-credentials/",
                    [](const httplib::Request&, httplib::Response& response) {
                      response.set_content("role", "text/plain");
                    });
  imds.server().Get("/latest/meta-data/iam/security-credentials/role",
                    [](const httplib::Request&, httplib::Response& response) {
                      response.set_content(R"({"Code": "Success", "AccessKeyId": "ASIAEC2",
                          "SecretAccessKey": "s", "Token": "t",
                          "Expiration": "2026-11-28T18:00:00Z"})",
                                           "application/json");
                    });
  imds.start();
  world.http = std::make_shared<testing::HttplibHttpClient>();
  world.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
  world.write_config("[default]\nregion = eu-west-1\n");
  EXPECT_EQ(winner(), (Winner("ASIAEC2", "instance metadata")));
}

TEST_F(CredentialChainTest, NoSourceAtAllSaysWhatWasTriedAndHowToFixIt) {
  world.write_config("[profile other]\nregion = eu-west-1\n");
  std::string message = error_of<CredentialsError>([&] { world.chain()->get(); });
  EXPECT_THAT(message, StartsWith("no AWS credentials found for profile default. Tried: "
                                  "environment variables (AWS_ACCESS_KEY_ID), profile default in "
                                  "~/.aws/credentials and ~/.aws/config"));
  EXPECT_THAT(message, HasSubstr("container credentials"));
  EXPECT_THAT(message,
              HasSubstr("and instance metadata; instance metadata: no answer from "
                        "http://169.254.169.254/ (cannot connect; not on EC2?). To fix: "));
  EXPECT_THAT(message, HasSubstr("run \"aws configure\" to save access keys"));
  EXPECT_THAT(message, HasSubstr("\"aws sso login\""));
  EXPECT_THAT(message, HasSubstr("--profile or AWS_PROFILE (profiles: other)"));
  EXPECT_THAT(message, HasSubstr("export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
}

TEST_F(CredentialChainTest, NoSourceWithAProfileFlagAndMetadataTurnedOff) {
  world.env.set("AWS_EC2_METADATA_DISABLED", "true");
  world.write_config("[profile dev]\nregion = eu-west-1\n");
  std::string message = error_of<CredentialsError>([&] { world.chain("dev")->get(); });
  EXPECT_THAT(message, HasSubstr("environment variables (skipped: --profile was given)"));
  EXPECT_THAT(message, HasSubstr("turned off by AWS_EC2_METADATA_DISABLED=true"));
  EXPECT_THAT(message, HasSubstr("\"aws configure --profile dev\""));
  EXPECT_THAT(message, HasSubstr("\"aws sso login --profile dev\""));
  EXPECT_TRUE(world.scripted->requests().empty());
}

// A profile that does not exist is bad input (exit 2), like a profile loop.
TEST_F(CredentialChainTest, ANamedProfileMustExist) {
  world.write_config("[profile dev]\nregion = eu-west-1\n");
  world.env.set("AWS_PROFILE", "prod");
  EXPECT_EQ(error_of<ConfigError>([&] { world.chain()->get(); }),
            "profile prod (from AWS_PROFILE) not found in ~/.aws/config or ~/.aws/credentials "
            "(profiles there: dev); check the name, or create it with aws configure --profile "
            "prod");
  EXPECT_THAT(error_of<ConfigError>([&] { world.chain("stage")->get(); }),
              StartsWith("profile stage (from --profile) not found"));
  world.env.unset("AWS_PROFILE");
  world.env.set("AWS_DEFAULT_PROFILE", "old");
  EXPECT_THAT(error_of<ConfigError>([&] { world.chain()->get(); }),
              StartsWith("profile old (from AWS_DEFAULT_PROFILE) not found"));
  // The environment's keys may stand in for a missing AWS_PROFILE, not for --profile.
  env_keys();
  EXPECT_EQ(winner().first, "AKIAENV");
  EXPECT_THAT(error_of<ConfigError>([&] { world.chain("stage")->get(); }),
              StartsWith("profile stage (from --profile) not found"));
  EXPECT_TRUE(world.scripted->requests().empty());
}

TEST_F(CredentialChainTest, AnImplicitDefaultProfileNeedNotExist) {
  world.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  world.scripted->set_handler([](const HttpRequest&) {
    return testing::json_response(200, R"({"AccessKeyId": "ASIATASK", "SecretAccessKey": "s",
        "Token": "t", "Expiration": "2026-11-28T18:00:00Z"})");
  });
  EXPECT_EQ(winner().first, "ASIATASK");
}

TEST_F(CredentialChainTest, SticksWithTheFirstSourceAndNamesItOnlyOnceChosen) {
  world.write_credentials("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n");
  auto chain = world.chain();
  EXPECT_EQ(chain->source(), "");
  EXPECT_EQ(chain->get().access_key_id, "AKIAFILE");
  EXPECT_EQ(chain->source(), "profile default (shared credentials file)");
  env_keys();  // a source earlier in the chain appears: the chain keeps its choice
  EXPECT_EQ(chain->get().access_key_id, "AKIAFILE");
}

TEST_F(CredentialChainTest, AFailureIsNotRemembered) {
  world.write_config("[default]\ncredential_process = " +
                     tool(R"({"Version": 1, "AccessKeyId": "AKIAPROC"})") + "\n");
  auto chain = world.chain();
  EXPECT_THAT(error_of<CredentialsError>([&] { chain->get(); }),
              HasSubstr("lacks SecretAccessKey"));
  env_keys();
  EXPECT_EQ(chain->get().access_key_id, "AKIAENV");
}

TEST_F(CredentialChainTest, RefreshesTemporaryCredentialsThroughTheSameSource) {
  world.write_config("[default]\ncredential_process = " +
                     tool(R"({"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "s",
                              "SessionToken": "t", "Expiration": "2026-11-28T12:30:00Z"})") +
                     "\n");
  auto chain = world.chain();
  chain->get();
  EXPECT_EQ(tool_runs(), 1);
  world.clock->advance(10min);  // 20 minutes left
  chain->get();
  EXPECT_EQ(tool_runs(), 1);
  world.clock->advance(6min);  // 14 minutes left: advisory refresh
  chain->get();
  EXPECT_EQ(tool_runs(), 2);
  // The tool keeps printing the same expiration; once it has passed, that is an error.
  world.clock->advance(15min);
  EXPECT_THAT(error_of<CredentialsError>([&] { chain->get(); }),
              HasSubstr("the credentials from credential_process (profile default) expired at "
                        "2026-11-28T12:30:00Z"));
}

TEST_F(CredentialChainTest, ConcurrentFirstCallsChooseOnce) {
  world.write_config("[default]\ncredential_process = " +
                     tool(R"({"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s"})") +
                     "\n");
  auto chain = world.chain();
  std::vector<std::thread> threads;
  std::atomic<int> answers = 0;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      if (chain->get().access_key_id == "AKIAPROC") ++answers;
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(answers, 6);
  EXPECT_EQ(tool_runs(), 1);
}

TEST_F(CredentialChainTest, EveryPartIsRequired) {
  CredentialChainParts parts;
  EXPECT_THROW(make_credential_chain(parts), std::invalid_argument);
}

}  // namespace
}  // namespace ssmlink::aws
