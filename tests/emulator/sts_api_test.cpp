// STS through the server: identities, temporary credentials that the server then accepts,
// AWS's validation errors, and Debian's AWS CLI as the client that must understand it all.
#include "emulator/sts/sts_api.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "emulator/server.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/fake_services.hpp"
#include "tests/support/aws_client.hpp"
#include "tests/support/process.hpp"
#include "util/clock.hpp"

namespace ssmlink::emulator {
namespace {

using namespace std::chrono_literals;
using ssmlink::testing::AwsCall;
using ssmlink::testing::AwsReply;
using ssmlink::testing::error_of;
using ssmlink::testing::query_call;
using ssmlink::testing::xml_text;

constexpr const char* version = "2011-06-15";
constexpr const char* role_arn = "arn:aws:iam::123456789012:role/ops/SessionManagerAdmin";

class StsTest : public ::testing::Test {
 protected:
  void SetUp() override { port_ = server_.start(); }

  AwsReply call(const AwsCall& request) { return ssmlink::testing::send(port_, request); }

  AwsReply assume_role(std::vector<std::pair<std::string, std::string>> params) {
    return call(query_call("sts", "AssumeRole", version, std::move(params)));
  }

  void expect_validation(std::vector<std::pair<std::string, std::string>> params, int status,
                         const std::string& code, const std::optional<std::string>& message) {
    AwsReply reply = assume_role(std::move(params));
    SCOPED_TRACE(reply.body);
    EXPECT_EQ(reply.status, status);
    EXPECT_EQ(error_of(reply).code, code);
    EXPECT_EQ(error_of(reply).message, message);
  }

  World world_;
  Seen seen_;
  Server server_{world_, fake_api(seen_), ServerOptions{}};
  int port_ = 0;
};

TEST_F(StsTest, GetCallerIdentityNamesTheDefaultUser) {
  AwsReply reply = call(query_call("sts", "GetCallerIdentity", version));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "text/xml");
  EXPECT_NE(reply.body.find("<GetCallerIdentityResponse "
                            "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"),
            std::string::npos);
  EXPECT_EQ(xml_text(reply.body, "Account"), "123456789012");
  EXPECT_EQ(xml_text(reply.body, "Arn"), "arn:aws:iam::123456789012:user/emulator");
  EXPECT_EQ(xml_text(reply.body, "UserId"), "AIDAEMULATORDEFAULT01");
  EXPECT_EQ(xml_text(reply.body, "RequestId"), reply.header("x-amzn-RequestId"));
}

TEST_F(StsTest, AScenarioKeyIsItsOwnIdentity) {
  {
    std::lock_guard lock(world_.mutex);
    world_.access_keys.push_back({"test-other-account",
                                  "other-secret",
                                  "arn:aws:iam::210987654321:user/alice",
                                  "AIDAALICE",
                                  "",
                                  {}});
  }
  AwsCall alice = query_call("sts", "GetCallerIdentity", version);
  alice.access_key_id = "test-other-account";
  alice.secret_access_key = "other-secret";
  AwsReply reply = call(alice);
  EXPECT_EQ(xml_text(reply.body, "Account"), "210987654321");
  EXPECT_EQ(xml_text(reply.body, "Arn"), "arn:aws:iam::210987654321:user/alice");
}

TEST_F(StsTest, AssumeRoleIssuesTemporaryCredentialsTheServerThenAccepts) {
  auto before = std::chrono::system_clock::now();
  AwsReply reply = assume_role({{"RoleArn", role_arn},
                                {"RoleSessionName", "alice@example.com"},
                                {"DurationSeconds", "900"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("<AssumeRoleResult>"), std::string::npos);
  std::string key_id = xml_text(reply.body, "AccessKeyId").value_or("");
  std::string secret = xml_text(reply.body, "SecretAccessKey").value_or("");
  std::string token = xml_text(reply.body, "SessionToken").value_or("");
  EXPECT_TRUE(std::regex_match(key_id, std::regex("ASIA[A-Z2-7]{16}"))) << key_id;
  EXPECT_EQ(secret.size(), 40u);
  EXPECT_GE(token.size(), 100u);
  EXPECT_EQ(xml_text(reply.body, "Arn"),
            "arn:aws:sts::123456789012:assumed-role/SessionManagerAdmin/alice@example.com");
  std::string role_id = xml_text(reply.body, "AssumedRoleId").value_or("");
  EXPECT_TRUE(std::regex_match(role_id, std::regex("AROA[A-Z2-7]{17}:alice@example\\.com")))
      << role_id;
  Clock::TimePoint expiration;
  ASSERT_TRUE(parse_iso8601(xml_text(reply.body, "Expiration").value_or(""), expiration));
  EXPECT_GE(expiration, std::chrono::floor<std::chrono::seconds>(before) + 900s);
  EXPECT_LE(expiration, std::chrono::system_clock::now() + 901s);

  AwsCall as_role = query_call("sts", "GetCallerIdentity", version);
  as_role.access_key_id = key_id;
  as_role.secret_access_key = secret;
  as_role.session_token = token;
  AwsReply identity = call(as_role);
  ASSERT_EQ(identity.status, 200) << identity.body;
  EXPECT_EQ(xml_text(identity.body, "Arn"),
            "arn:aws:sts::123456789012:assumed-role/SessionManagerAdmin/alice@example.com");
  EXPECT_EQ(xml_text(identity.body, "UserId"), role_id);

  // The same role has the same ID in every session; each session has its own keys.
  AwsReply again = assume_role({{"RoleArn", role_arn}, {"RoleSessionName", "bob"}});
  EXPECT_TRUE(xml_text(again.body, "AssumedRoleId")->starts_with(role_id.substr(0, 21)));
  EXPECT_NE(xml_text(again.body, "AccessKeyId"), key_id);
}

TEST_F(StsTest, TheDefaultDurationIsAnHour) {
  AwsReply reply = assume_role({{"RoleArn", role_arn}, {"RoleSessionName", "s1"}});
  Clock::TimePoint expiration;
  ASSERT_TRUE(parse_iso8601(xml_text(reply.body, "Expiration").value_or(""), expiration));
  auto from_now = expiration - std::chrono::system_clock::now();
  EXPECT_GT(from_now, 3590s);
  EXPECT_LE(from_now, 3600s);
}

TEST_F(StsTest, TemporaryCredentialsExpire) {
  AwsReply reply = assume_role({{"RoleArn", role_arn}, {"RoleSessionName", "short"}});
  AwsCall as_role = query_call("sts", "GetCallerIdentity", version);
  as_role.access_key_id = xml_text(reply.body, "AccessKeyId").value_or("");
  as_role.secret_access_key = xml_text(reply.body, "SecretAccessKey").value_or("");
  as_role.session_token = xml_text(reply.body, "SessionToken").value_or("");
  {
    std::lock_guard lock(world_.mutex);
    for (auto& key : world_.access_keys) {
      if (key.access_key_id == as_role.access_key_id) {
        key.expiration = std::chrono::system_clock::now() - 1s;
      }
    }
  }
  AwsReply expired = call(as_role);
  EXPECT_EQ(expired.status, 403);
  EXPECT_EQ(error_of(expired).code, "ExpiredToken");
}

TEST_F(StsTest, AssumeRoleChecksItsInputAsStsDoes) {
  expect_validation({{"RoleSessionName", "s1"}}, 400, "ValidationError",
                    "1 validation error detected: Value null at 'roleArn' failed to satisfy "
                    "constraint: Member must not be null");
  expect_validation({{"RoleArn", "not-an-arn"}, {"RoleSessionName", "s1"}}, 400, "ValidationError",
                    "1 validation error detected: Value 'not-an-arn' at 'roleArn' failed to "
                    "satisfy constraint: Member must have length greater than or equal to 20");
  expect_validation({{"RoleArn", std::string(20, 'x')}, {"RoleSessionName", "s1"}}, 400,
                    "ValidationError", std::string(20, 'x') + " is invalid");
  expect_validation(
      {{"RoleArn", "arn:aws:iam::123456789012:user/alice"}, {"RoleSessionName", "s1"}}, 400,
      "ValidationError", "arn:aws:iam::123456789012:user/alice is invalid");
  expect_validation({{"RoleArn", role_arn}}, 400, "ValidationError",
                    "1 validation error detected: Value null at 'roleSessionName' failed to "
                    "satisfy constraint: Member must not be null");
  expect_validation({{"RoleArn", role_arn}, {"RoleSessionName", "bad/name"}}, 400,
                    "ValidationError",
                    "1 validation error detected: Value 'bad/name' at 'roleSessionName' failed "
                    "to satisfy constraint: Member must satisfy regular expression pattern: "
                    "[\\w+=,.@-]*");
  expect_validation({{"RoleArn", role_arn}, {"RoleSessionName", "a"}}, 400, "ValidationError",
                    "1 validation error detected: Value 'a' at 'roleSessionName' failed to "
                    "satisfy constraint: Member must have length greater than or equal to 2");
  expect_validation({{"RoleArn", role_arn}, {"RoleSessionName", "s1"}, {"DurationSeconds", "899"}},
                    400, "ValidationError",
                    "1 validation error detected: Value '899' at 'durationSeconds' failed to "
                    "satisfy constraint: Member must have value greater than or equal to 900");
  expect_validation(
      {{"RoleArn", role_arn}, {"RoleSessionName", "s1"}, {"DurationSeconds", "43201"}}, 400,
      "ValidationError",
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy "
      "constraint: Member must have value less than or equal to 43200");
  expect_validation({{"RoleArn", role_arn}, {"RoleSessionName", "s1"}, {"DurationSeconds", "abc"}},
                    400, "MalformedInput", std::nullopt);
  expect_validation({{"RoleArn", ""}, {"RoleSessionName", "a"}}, 400, "ValidationError",
                    "3 validation errors detected: Value '' at 'roleArn' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: "
                    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD"
                    "\\u10000-\\u10FFFF]+; Value '' at 'roleArn' failed to satisfy constraint: "
                    "Member must have length greater than or equal to 20; Value 'a' at "
                    "'roleSessionName' failed to satisfy constraint: Member must have length "
                    "greater than or equal to 2");
  for (const char* accepted : {"900", "43200", "+900", "0900"}) {
    AwsReply reply = assume_role(
        {{"RoleArn", role_arn}, {"RoleSessionName", "s1"}, {"DurationSeconds", accepted}});
    EXPECT_EQ(reply.status, 200) << accepted << ": " << reply.body;
  }
}

TEST_F(StsTest, AssumeRoleWithWebIdentityNeedsNoSignature) {
  AwsCall web = query_call("sts", "AssumeRoleWithWebIdentity", version,
                           {{"RoleArn", role_arn},
                            {"RoleSessionName", "ci"},
                            {"WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}});
  web.sign = false;
  AwsReply reply = call(web);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("<AssumeRoleWithWebIdentityResult>"), std::string::npos);
  EXPECT_TRUE(xml_text(reply.body, "AccessKeyId")->starts_with("ASIA"));
  EXPECT_EQ(xml_text(reply.body, "Arn"),
            "arn:aws:sts::123456789012:assumed-role/SessionManagerAdmin/ci");

  AwsCall invalid = web;
  invalid.body = ssmlink::testing::form({{"Action", "AssumeRoleWithWebIdentity"},
                                         {"Version", version},
                                         {"RoleArn", role_arn},
                                         {"RoleSessionName", "ci"},
                                         {"WebIdentityToken", "invalid"}});
  AwsReply refused = call(invalid);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(error_of(refused).code, "InvalidIdentityToken");
  EXPECT_EQ(error_of(refused).message,
            "The ID Token provided is not a valid JWT. (You may see this error if you sent an "
            "Access Token)");

  // Only that action goes unsigned.
  AwsCall identity = query_call("sts", "GetCallerIdentity", version);
  identity.sign = false;
  EXPECT_EQ(error_of(call(identity)).code, "MissingAuthenticationToken");
}

// Debian's AWS CLI (v2, botocore inside) as the client: it must sign requests the server
// accepts and parse what the server answers, successes and errors.
class AwsCliTest : public StsTest {
 protected:
  void SetUp() override {
    // scripts/setup.sh installs Debian's awscli: without it this test must fail, not skip.
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/aws")) << "no /usr/bin/aws (scripts/setup.sh)";
    StsTest::SetUp();
    char pattern[] = "/tmp/ssmlink-aws-home-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    home_ = pattern;
  }
  void TearDown() override {
    if (!home_.empty()) std::filesystem::remove_all(home_);
  }

  ssmlink::testing::ProcessResult aws(const std::vector<std::string>& args,
                                      const std::vector<std::string>& credentials) {
    std::vector<std::string> argv = {"/usr/bin/aws"};
    argv.insert(argv.end(), args.begin(), args.end());
    for (const char* option : {"--endpoint-url", "", "--region", "us-east-1", "--output", "json"}) {
      argv.push_back(option);
    }
    argv[argv.size() - 5] = "http://127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> environment = {"HOME=" + home_,
                                            "PATH=/usr/bin:/bin",
                                            "AWS_CONFIG_FILE=/dev/null",
                                            "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                                            "AWS_PAGER=",
                                            "AWS_EC2_METADATA_DISABLED=true",
                                            "LANG=C.UTF-8"};
    environment.insert(environment.end(), credentials.begin(), credentials.end());
    return ssmlink::testing::run_process(argv, environment, 60s);
  }

  std::string home_;
};

const std::vector<std::string> default_credentials = {"AWS_ACCESS_KEY_ID=test",
                                                      "AWS_SECRET_ACCESS_KEY=test"};

TEST_F(AwsCliTest, GetCallerIdentityIsParsedByTheAwsCli) {
  auto result = aws({"sts", "get-caller-identity"}, default_credentials);
  ASSERT_FALSE(result.timed_out);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json identity = nlohmann::json::parse(result.out);
  EXPECT_EQ(identity["Account"], "123456789012");
  EXPECT_EQ(identity["Arn"], "arn:aws:iam::123456789012:user/emulator");
  EXPECT_EQ(identity["UserId"], "AIDAEMULATORDEFAULT01");
}

TEST_F(AwsCliTest, AssumedRoleCredentialsWorkInTheAwsCli) {
  auto assumed = aws({"sts", "assume-role", "--role-arn", role_arn, "--role-session-name", "cli",
                      "--duration-seconds", "900"},
                     default_credentials);
  ASSERT_EQ(assumed.exit_code, 0) << assumed.err;
  nlohmann::json body = nlohmann::json::parse(assumed.out);
  nlohmann::json credentials = body["Credentials"];
  EXPECT_EQ(body["AssumedRoleUser"]["Arn"],
            "arn:aws:sts::123456789012:assumed-role/SessionManagerAdmin/cli");
  EXPECT_TRUE(credentials["Expiration"].is_string());

  auto identity = aws({"sts", "get-caller-identity"},
                      {"AWS_ACCESS_KEY_ID=" + credentials["AccessKeyId"].get<std::string>(),
                       "AWS_SECRET_ACCESS_KEY=" + credentials["SecretAccessKey"].get<std::string>(),
                       "AWS_SESSION_TOKEN=" + credentials["SessionToken"].get<std::string>()});
  ASSERT_EQ(identity.exit_code, 0) << identity.err;
  EXPECT_EQ(nlohmann::json::parse(identity.out)["Arn"],
            "arn:aws:sts::123456789012:assumed-role/SessionManagerAdmin/cli");
}

TEST_F(AwsCliTest, TheAwsCliReadsTheErrorEnvelope) {
  auto result = aws({"sts", "get-caller-identity"},
                    {"AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=wrong"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("An error occurred (SignatureDoesNotMatch) when calling the "
                            "GetCallerIdentity operation: The request signature we calculated "
                            "does not match the signature you provided."),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace ssmlink::emulator
