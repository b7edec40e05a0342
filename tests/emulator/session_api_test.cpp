// Session Manager's API in the ssmlink-emulator executable: StartSession through signed
// calls (the AWS CLI's start-session needs the plugin), the others through Debian's AWS CLI
// too, so that botocore parses what the emulator answers.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/aws_client.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"

namespace ssmlink::testing {
namespace {

using Json = nlohmann::json;

class SessionApi : public ::testing::Test {
 protected:
  void SetUp() override { emulator.load_scenario("endpoints-present"); }

  AwsReply call(const std::string& operation, const Json& body) const {
    return ssmlink::testing::send(emulator.port(),
                                  ssmlink::testing::ssm_call(operation, body.dump()));
  }
  Json start(const Json& body) const {
    AwsReply reply = call("StartSession", body);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return Json::parse(reply.body, nullptr, false);
  }

  RunningEmulator emulator;
  AwsCli aws{emulator};
};

TEST_F(SessionApi, StartSessionAnswersIdTokenAndStreamUrl) {
  Json started = start({{"Target", seed::kInstance}});
  std::string id = started["SessionId"];
  EXPECT_TRUE(std::regex_match(id, std::regex("emulator-[0-9a-f]{17}"))) << id;
  EXPECT_FALSE(started["TokenValue"].get<std::string>().empty());
  EXPECT_LE(started["TokenValue"].get<std::string>().size(), 300u);
  std::string expected_prefix = "ws://127.0.0.1:" + std::to_string(emulator.port()) +
                                "/v1/data-channel/" + id + "?role=publish_subscribe&cell-number=";
  EXPECT_TRUE(started["StreamUrl"].get<std::string>().starts_with(expected_prefix))
      << started["StreamUrl"];
}

TEST_F(SessionApi, StartSessionErrors) {
  struct Case {
    Json body;
    std::string code;
    std::string message_part;
  };
  std::vector<Case> cases = {
      {Json::object(), "ValidationException", "'target' failed to satisfy"},
      {{{"Target", "i-00000000000000000"}},
       "TargetNotConnected",
       "i-00000000000000000 is not connected."},
      {{{"Target", seed::kInstance}, {"DocumentName", "No-Such-Document"}},
       "InvalidDocument",
       "No-Such-Document"},
      {{{"Target", seed::kInstance}, {"DocumentName", "x"}}, "ValidationException", "documentName"},
  };
  for (const auto& c : cases) {
    AwsReply reply = call("StartSession", c.body);
    EXPECT_EQ(reply.status, 400) << c.body;
    AwsError error = error_of(reply);
    EXPECT_EQ(error.code, c.code) << c.body << " " << reply.body;
    EXPECT_NE(error.message.value_or("").find(c.message_part), std::string::npos) << reply.body;
  }
}

TEST_F(SessionApi, NoAgentIsNotConnected) {
  emulator.load_scenario("seed");  // the instance has no path to SSM: never registered
  AwsReply reply = call("StartSession", {{"Target", seed::kInstance}});
  EXPECT_EQ(error_of(reply).code, "TargetNotConnected") << reply.body;
}

TEST_F(SessionApi, DocumentsMapToSessionsAndDescribeShowsThem) {
  for (const char* document :
       {"SSM-SessionManagerRunShell", "AWS-StartInteractiveCommand",
        "AWS-StartNonInteractiveCommand", "AWS-StartPortForwardingSession",
        "AWS-StartPortForwardingSessionToRemoteHost", "AWS-StartSSHSession"}) {
    start({{"Target", seed::kInstance}, {"DocumentName", document}, {"Reason", "test"}});
  }
  Json active = aws.json({"ssm", "describe-sessions", "--state", "Active"});
  ASSERT_EQ(active["Sessions"].size(), 6u) << active;
  const Json& first = active["Sessions"][0];
  EXPECT_EQ(first["Target"], seed::kInstance);
  EXPECT_EQ(first["Owner"], "arn:aws:iam::123456789012:user/emulator");
  EXPECT_EQ(first["Reason"], "test");
  EXPECT_TRUE(first.contains("StartDate"));
  EXPECT_FALSE(first.contains("EndDate"));
  Json history = aws.json({"ssm", "describe-sessions", "--state", "History"});
  EXPECT_TRUE(history["Sessions"].empty());

  Json page = aws.json(
      {"ssm", "describe-sessions", "--state", "Active", "--max-results", "4", "--no-paginate"});
  EXPECT_EQ(page["Sessions"].size(), 4u);
  EXPECT_TRUE(page.contains("NextToken"));
  Json all = aws.json({"ssm", "describe-sessions", "--state", "Active", "--page-size", "4"});
  EXPECT_EQ(all["Sessions"].size(), 6u);  // the CLI followed NextToken
}

TEST_F(SessionApi, TerminateMovesToHistoryAndResumeThenGivesNoToken) {
  std::string id = start({{"Target", seed::kInstance}})["SessionId"];
  Json resumed = aws.json({"ssm", "resume-session", "--session-id", id});
  EXPECT_EQ(resumed["SessionId"], id);
  EXPECT_FALSE(resumed["TokenValue"].get<std::string>().empty());
  EXPECT_NE(resumed["StreamUrl"].get<std::string>().find("/v1/data-channel/" + id + "?"),
            std::string::npos);

  Json terminated = aws.json({"ssm", "terminate-session", "--session-id", id});
  EXPECT_EQ(terminated["SessionId"], id);
  Json history = aws.json(
      {"ssm", "describe-sessions", "--state", "History", "--filters", "key=SessionId,value=" + id});
  ASSERT_EQ(history["Sessions"].size(), 1u) << history;
  EXPECT_EQ(history["Sessions"][0]["Status"], "Terminated");
  EXPECT_TRUE(history["Sessions"][0].contains("EndDate"));
  EXPECT_TRUE(aws.json({"ssm", "describe-sessions", "--state", "Active"})["Sessions"].empty());

  Json after = aws.json({"ssm", "resume-session", "--session-id", id});
  EXPECT_EQ(after["SessionId"], id);
  EXPECT_FALSE(after.contains("TokenValue"));
  // Terminating again, or an unknown session, still succeeds.
  EXPECT_EQ(aws.json({"ssm", "terminate-session", "--session-id", "nobody-0"})["SessionId"],
            "nobody-0");
}

TEST_F(SessionApi, ResumeUnknownAndBadFilters) {
  ProcessResult unknown = aws.run({"ssm", "resume-session", "--session-id", "nobody-0"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("DoesNotExistException"), std::string::npos) << unknown.err;

  ProcessResult bad_key = aws.run(
      {"ssm", "describe-sessions", "--state", "Active", "--filters", "key=Colour,value=red"});
  EXPECT_NE(bad_key.exit_code, 0);
  EXPECT_NE(bad_key.err.find("ValidationException"), std::string::npos) << bad_key.err;
  EXPECT_NE(bad_key.err.find("Colour"), std::string::npos) << bad_key.err;

  AwsReply no_state = call("DescribeSessions", Json::object());
  EXPECT_EQ(error_of(no_state).code, "ValidationException") << no_state.body;
}

TEST_F(SessionApi, FiltersByTargetAndStatusAndSessionsShowInTheStateDump) {
  std::string id = start({{"Target", seed::kInstance}})["SessionId"];
  Json by_target = aws.json({"ssm", "describe-sessions", "--state", "Active", "--filters",
                             std::string("key=Target,value=") + seed::kInstance});
  EXPECT_EQ(by_target["Sessions"].size(), 1u);
  Json other = aws.json({"ssm", "describe-sessions", "--state", "Active", "--filters",
                         "key=Target,value=i-0ffffffffffffffff"});
  EXPECT_TRUE(other["Sessions"].empty());
  Json state = emulator.admin_get("state");
  ASSERT_TRUE(state.contains("sessions")) << state;
  ASSERT_EQ(state["sessions"].size(), 1u);
  EXPECT_EQ(state["sessions"][0]["session_id"], id);
  EXPECT_EQ(state["sessions"][0]["connected"], false);
}

TEST_F(SessionApi, SessionFaultsThroughTheAdminApi) {
  Json set = emulator.admin_post("session-faults", R"({"drop":0.25,"delay":0.5,"delay_ms":300})");
  EXPECT_EQ(set["drop"], 0.25);
  EXPECT_EQ(set["delay_ms"], 300);
  Json read = emulator.admin_get("session-faults");
  EXPECT_EQ(read["delay"], 0.5);
  auto refused = [&](const std::string& path, const std::string& body) -> std::string {
    try {
      emulator.admin_post(path, body);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "accepted";
  };
  EXPECT_NE(refused("session-faults", R"({"drop":2})").find("must be a probability from 0 to 1"),
            std::string::npos);
  EXPECT_NE(refused("sessions/nobody-0/drop", "{}").find("nobody-0"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::testing
