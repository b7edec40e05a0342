#include "aws/session.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/error_of.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/scripted_http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using testing::error_of;
using ::testing::HasSubstr;

const SharedConfig kConfig = SharedConfig::parse(R"([default]
[profile adaptive]
retry_mode = adaptive
max_attempts = 5
[profile legacy]
retry_mode = legacy
[profile typo]
retry_mode = Adaptive
max_attempts = many
[profile both]
retry_mode = standard
)",
                                                 "[both]\nretry_mode = fast\n");

TEST(ResolveRetryMode, StandardByDefault) {
  MapEnvironment env;
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "default"), RetryMode::Standard);
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "nobody"), RetryMode::Standard);
}

TEST(ResolveRetryMode, FromTheProfile) {
  MapEnvironment env;
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "adaptive"), RetryMode::Adaptive);
}

TEST(ResolveRetryMode, TheVariableBeatsTheProfile) {
  MapEnvironment env;
  env.set("AWS_RETRY_MODE", "standard");
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "adaptive"), RetryMode::Standard);
  env.set("AWS_RETRY_MODE", "adaptive");
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "legacy"), RetryMode::Adaptive);
  // Even over a profile whose value is bad: it is never read.
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "typo"), RetryMode::Adaptive);
}

TEST(ResolveRetryMode, LegacyIsReadAsStandard) {
  MapEnvironment env;
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "legacy"), RetryMode::Standard);
  env.set("AWS_RETRY_MODE", "legacy");
  EXPECT_EQ(resolve_retry_mode(env, kConfig, "adaptive"), RetryMode::Standard);
}

TEST(ResolveRetryMode, ABadValueNamesItselfItsSourceAndTheAcceptedOnes) {
  MapEnvironment env;
  env.set("AWS_RETRY_MODE", "fast");
  EXPECT_EQ(error_of<ConfigError>([&] { resolve_retry_mode(env, kConfig, "default"); }),
            "AWS_RETRY_MODE: \"fast\" is not a retry mode (expected standard, adaptive or "
            "legacy, which ssmlink treats as standard; default standard)");
  env.unset("AWS_RETRY_MODE");
  // Case matters, as in the AWS CLI.
  EXPECT_THAT(error_of<ConfigError>([&] { resolve_retry_mode(env, kConfig, "typo"); }),
              HasSubstr("profile typo retry_mode in ~/.aws/config: \"Adaptive\" is not a retry "
                        "mode (expected standard, adaptive or legacy"));
  // The credentials file's section wins over the config file's, as in botocore.
  EXPECT_THAT(error_of<ConfigError>([&] { resolve_retry_mode(env, kConfig, "both"); }),
              HasSubstr("profile both retry_mode in ~/.aws/credentials: \"fast\""));
}

TEST(ResolveMaxAttempts, TheVariableThenTheProfileThenThree) {
  MapEnvironment env;
  EXPECT_EQ(resolve_max_attempts(env, kConfig, "default"), 3);
  EXPECT_EQ(resolve_max_attempts(env, kConfig, "adaptive"), 5);
  env.set("AWS_MAX_ATTEMPTS", " 7 ");
  EXPECT_EQ(resolve_max_attempts(env, kConfig, "adaptive"), 7);
}

TEST(ResolveMaxAttempts, ABadValueNamesItsSource) {
  MapEnvironment env;
  env.set("AWS_MAX_ATTEMPTS", "0");
  EXPECT_EQ(error_of<ConfigError>([&] { resolve_max_attempts(env, kConfig, "default"); }),
            "AWS_MAX_ATTEMPTS: \"0\" is not a number of attempts (expected 1 to 20; default 3)");
  env.unset("AWS_MAX_ATTEMPTS");
  EXPECT_THAT(error_of<ConfigError>([&] { resolve_max_attempts(env, kConfig, "typo"); }),
              HasSubstr("profile typo max_attempts in ~/.aws/config: \"many\""));
}

// A session from files and variables, with no network and a clock that does not wait.
struct SessionWorld {
  testing::TempDir home;
  std::shared_ptr<testing::ManualClock> clock = std::make_shared<testing::ManualClock>();
  std::shared_ptr<testing::ScriptedHttpClient> http =
      std::make_shared<testing::ScriptedHttpClient>();
  MapEnvironment env;

  explicit SessionWorld(const std::string& config) {
    env.set("HOME", home.path());
    env.set("AWS_CONFIG_FILE", home.write("config", config));
    env.set("AWS_SHARED_CREDENTIALS_FILE", home.file("credentials"));
    env.set("AWS_ACCESS_KEY_ID", "test-access-key");
    env.set("AWS_SECRET_ACCESS_KEY", "test-secret-key");
  }
  std::unique_ptr<Session> open() {
    SessionOptions options;
    options.clock = clock;
    options.http = http;
    return std::make_unique<Session>(std::move(options), env);
  }
};

// The first SSM call is throttled once; the second is sent at once or after a wait.
std::vector<std::chrono::milliseconds> sleeps_around_a_throttle(SessionWorld& world) {
  int calls = 0;
  world.http->set_handler([&](const HttpRequest&) {
    if (++calls == 1) return testing::json_response(400, R"({"__type": "ThrottlingException"})");
    return testing::json_response(200, "{}");
  });
  auto session = world.open();
  session->client(ssm_service()).json("DescribeInstanceInformation", {});
  session->client(ssm_service()).json("DescribeInstanceInformation", {});
  return world.clock->sleeps();
}

TEST(Session, AdaptiveModeFromTheProfileRateLimitsItsClients) {
  SessionWorld world("[default]\nregion = eu-west-1\nretry_mode = adaptive\n");
  auto sleeps = sleeps_around_a_throttle(world);
  // A backoff, then the rate limiter's waits (see adaptive_retry_test.cpp), the second in a
  // client made after the throttle: the session's clients share the limiter.
  ASSERT_EQ(sleeps.size(), 3u);
  EXPECT_GT(sleeps[1], 0ms);
  EXPECT_GT(sleeps[2], 0ms);
}

TEST(Session, StandardModeByDefault) {
  SessionWorld world("[default]\nregion = eu-west-1\n");
  EXPECT_EQ(sleeps_around_a_throttle(world).size(), 1u);  // the backoff only
}

TEST(Session, ABadRetryModeStopsTheSession) {
  SessionWorld world("[default]\nregion = eu-west-1\n");
  world.env.set("AWS_RETRY_MODE", "fast");
  EXPECT_THAT(error_of<ConfigError>([&] { world.open(); }),
              HasSubstr("AWS_RETRY_MODE: \"fast\" is not a retry mode"));
}

// IAM is signed for its partition's region whatever the session's, also when an override
// (an emulator) receives it; other services keep the session's region.
std::string session_credential_scope(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name != "Authorization") continue;
    auto start = value.find("Credential=");
    auto end = value.find(',', start);
    if (start != std::string::npos) return value.substr(start, end - start);
  }
  return "";
}

TEST(Session, IamIsSignedForItsPartitionsRegionAlsoThroughAnOverride) {
  SessionWorld world("[default]\nregion = eu-west-1\n");
  world.http->set_handler([](const HttpRequest&) {
    return HttpResponse{200, {}, "<GetRoleResponse><GetRoleResult/></GetRoleResponse>"};
  });
  auto session = world.open();
  session->client(iam_service()).query("GetRole", {{"RoleName", "r"}});
  world.env.set("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
  auto overridden = world.open();
  AwsClient iam = overridden->client(iam_service());
  EXPECT_EQ(iam.region(), "us-east-1");
  iam.query("GetRole", {{"RoleName", "r"}});
  auto requests = world.http->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "https://iam.amazonaws.com");
  EXPECT_THAT(session_credential_scope(requests[0]), HasSubstr("/us-east-1/iam/aws4_request"));
  EXPECT_EQ(requests[1].url, "http://127.0.0.1:4566");
  EXPECT_THAT(session_credential_scope(requests[1]), HasSubstr("/us-east-1/iam/aws4_request"));
  EXPECT_EQ(overridden->client(ssm_service()).region(), "eu-west-1");
}

TEST(Session, IamInChinaIsSignedForCnNorth1) {
  SessionWorld world("[default]\nregion = cn-northwest-1\n");
  auto session = world.open();
  AwsClient iam = session->client(iam_service());
  EXPECT_EQ(iam.endpoint_url(), "https://iam.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(iam.region(), "cn-north-1");
  EXPECT_EQ(session->client(iam_service(), "us-gov-east-1").region(), "us-gov-west-1");
}

}  // namespace
}  // namespace ssmlink::aws
