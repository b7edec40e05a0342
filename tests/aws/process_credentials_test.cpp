#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/credential_providers.hpp"
#include "aws/errors.hpp"
#include "tests/support/credential_world.hpp"
#include "tests/support/process_table.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using namespace std::chrono_literals;

class ProcessCredentialsTest : public ::testing::Test {
 protected:
  testing::CredentialWorld world;

  // A tool script in the temporary HOME, named in credential_process of profile dev.
  void tool(const std::string& body, const std::string& arguments = "") {
    std::string path = world.home.write("bin/tool", "#!/bin/sh\n" + body, /*executable=*/true);
    world.write_config("[profile dev]\ncredential_process = " + path + arguments + "\n");
  }

  std::unique_ptr<CredentialSource> source() { return make_process_source(world.context(), "dev"); }
  std::string credentials_error() {
    return error_of<CredentialsError>([&] { source()->load(); });
  }
};

TEST_F(ProcessCredentialsTest, NothingWithoutCredentialProcess) {
  world.write_config("[profile dev]\nregion = eu-west-1\n");
  EXPECT_FALSE(source()->load());
}

TEST_F(ProcessCredentialsTest, ReadsTemporaryCredentials) {
  tool(R"(cat <<'JSON'
{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret",
 "SessionToken": "proc-token", "Expiration": "2026-11-28T13:00:00Z"}
JSON
)");
  auto loaded = source();
  auto credentials = loaded->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ASIAPROC");
  EXPECT_EQ(credentials->secret_access_key, "proc-secret");
  EXPECT_EQ(credentials->session_token, "proc-token");
  ASSERT_TRUE(credentials->expiration);
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2026-11-28T13:00:00Z");
  EXPECT_EQ(loaded->description(), "credential_process (profile dev)");
}

TEST_F(ProcessCredentialsTest, ReadsLongTermCredentialsWithoutExpiration) {
  tool(R"(echo '{"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "proc-secret"}')");
  auto credentials = source()->load();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "AKIAPROC");
  EXPECT_EQ(credentials->session_token, "");
  EXPECT_FALSE(credentials->expiration);
}

TEST_F(ProcessCredentialsTest, SplitsTheCommandLikeShlexAndRunsNoShell) {
  // Each argument comes back as the access key, so the split is visible.
  tool(
      R"(printf '{"Version": 1, "AccessKeyId": "%s|%s|%s", "SecretAccessKey": "s"}' "$1" "$2" "$3")",
      R"( "two words" 'it''s' $HOME)");
  EXPECT_EQ(source()->load()->access_key_id, "two words|its|$HOME");
}

TEST_F(ProcessCredentialsTest, AFailingProgramShowsItsExitCodeAndFirstErrorLine) {
  tool("echo >&2\necho 'token expired: run corp-login' >&2\necho 'second line' >&2\nexit 4\n",
       " --secret-flag hunter2");
  std::string message = credentials_error();
  EXPECT_THAT(message, StartsWith("credential_process of profile dev (" +
                                  world.home.file("bin/tool") + ") failed with exit code 4: "));
  EXPECT_THAT(message, HasSubstr("token expired: run corp-login"));
  EXPECT_THAT(message, Not(HasSubstr("second line")));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));  // arguments are never shown
}

TEST_F(ProcessCredentialsTest, AKilledProgramNamesTheSignal) {
  tool("kill -KILL $$\n");
  EXPECT_THAT(credentials_error(), HasSubstr("was killed by SIGKILL: nothing on stderr"));
}

TEST_F(ProcessCredentialsTest, AHangingProgramIsStoppedAndReaped) {
  world.process_timeout = 300ms;
  tool("exec sleep 30\n");
  int descriptors = testing::open_descriptor_count();
  auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(credentials_error(),
              HasSubstr("did not finish within 300 ms and was stopped; check that it runs on "
                        "its own, without input"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(testing::zombie_children(), 0);
  EXPECT_EQ(testing::open_descriptor_count(), descriptors);
}

TEST_F(ProcessCredentialsTest, GarbageIsQuotedShortAndEscaped) {
  tool("printf 'Please log in first\\n\\033[31m!\\n'\n");
  EXPECT_EQ(credentials_error(),
            "credential_process of profile dev (" + world.home.file("bin/tool") +
                ") printed \"Please log in first\\n\\x1B[31m!\\n\", which is not a JSON object "
                "such as {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}");
}

TEST_F(ProcessCredentialsTest, GarbageNeverShowsASecret) {
  tool("echo 'AccessKeyId=AKIAPROC SecretAccessKey=garbage-secret'\n");
  std::string message = credentials_error();
  EXPECT_THAT(message, HasSubstr("printed \"AccessKeyId=AKIAPROC [rest hidden"));
  EXPECT_THAT(message, Not(HasSubstr("garbage-secret")));
}

TEST_F(ProcessCredentialsTest, OnlyVersionOneIsUnderstood) {
  tool(R"(echo '{"Version": 2, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "v2-secret"}')");
  std::string message = credentials_error();
  EXPECT_THAT(message, HasSubstr("printed JSON with Version 2; ssmlink understands "
                                 "\"Version\": 1"));
  EXPECT_THAT(message, Not(HasSubstr("v2-secret")));
  tool(R"(echo '{"AccessKeyId": "AKIAPROC", "SecretAccessKey": "no-version-secret"}')");
  EXPECT_THAT(credentials_error(), HasSubstr("printed JSON with no Version"));
  tool(R"(echo '{"Version": "1", "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s"}')");
  EXPECT_THAT(credentials_error(), HasSubstr("printed JSON with Version \"1\""));
}

TEST_F(ProcessCredentialsTest, MissingOrWrongKeysAreNamedWithoutValues) {
  tool(R"(echo '{"Version": 1, "SecretAccessKey": "keyless-secret"}')");
  std::string message = credentials_error();
  EXPECT_THAT(message, HasSubstr("the answer lacks AccessKeyId (it has SecretAccessKey, Version)"));
  EXPECT_THAT(message, Not(HasSubstr("keyless-secret")));
  tool(R"(echo '{"Version": 1, "AccessKeyId": 42, "SecretAccessKey": "s"}')");
  EXPECT_THAT(credentials_error(),
              HasSubstr("AccessKeyId in the answer is a number, not a string"));
}

TEST_F(ProcessCredentialsTest, ABadExpirationIsQuoted) {
  tool(
      R"(echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "soon"}')");
  EXPECT_THAT(credentials_error(), HasSubstr("the expiration \"soon\" is not an ISO 8601 time"));
}

TEST_F(ProcessCredentialsTest, AMissingProgramSaysSo) {
  world.write_config("[profile dev]\ncredential_process = /nonexistent/tool --flag\n");
  EXPECT_EQ(credentials_error(),
            "cannot run credential_process of profile dev (/nonexistent/tool): No such file or "
            "directory; check the program's path in credential_process");
}

TEST_F(ProcessCredentialsTest, ABrokenCommandLineIsAConfigError) {
  world.write_config("[profile dev]\ncredential_process = tool 'unclosed\n");
  EXPECT_THAT(error_of<ConfigError>([&] { source()->load(); }),
              HasSubstr("credential_process of profile dev has an unclosed quote or ends in a "
                        "backslash"));
  world.write_config("[profile dev]\ncredential_process = \"\"\n");
  EXPECT_THAT(error_of<ConfigError>([&] { source()->load(); }),
              HasSubstr("credential_process of profile dev is empty"));
}

TEST_F(ProcessCredentialsTest, RunsAgainForEachLoad) {
  std::string counter = world.home.file("count");
  tool("echo x >> " + counter + "\nn=$(wc -l < " + counter +
       ")\nprintf '{\"Version\": 1, \"AccessKeyId\": \"AKIA%s\", \"SecretAccessKey\": \"s\"}' "
       "\"$n\"\n");
  auto loaded = source();
  EXPECT_EQ(loaded->load()->access_key_id, "AKIA1");
  EXPECT_EQ(loaded->load()->access_key_id, "AKIA2");
}

}  // namespace
}  // namespace ssmlink::aws
