// The data channel through the session kinds of reference section 1: shells with and
// without a handshake, commands, ports, and the KMS refusal.
#include <gtest/gtest.h>

#include "session/data_channel.hpp"
#include "tests/session/fake_agent.hpp"

namespace ssmlink::session {
namespace {

using namespace testing;
using Lines = std::vector<std::string>;

TEST(DataChannelHandshake, ShellWithoutHandshakeStartsAtTheFirstOutput) {
  DataChannel channel(test_config());
  channel.set_terminal_size({120, 40}, at(0));
  EXPECT_FALSE(channel.ready_for_input());
  Step step = channel.receive(agent_output(0, "$ "), at(10));
  // Section 8.6: ack, then the first Size, then the output reaches stdout.
  EXPECT_EQ(summary(step), (Lines{"ack 0", R"(data 0 Size {"cols":120,"rows":40})"}));
  auto started = events_of<SessionStarted>(step);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_FALSE(started[0].handshake);
  EXPECT_EQ(started[0].type, SessionType::StandardStream);
  EXPECT_EQ(stdout_of(step), "$ ");
  EXPECT_EQ(channel.state(), ChannelState::Open);
  EXPECT_TRUE(channel.ready_for_input());
  EXPECT_EQ(summary(channel.send_input("ls\r", at(20))), (Lines{"data 1 Output ls\r"}));
}

TEST(DataChannelHandshake, ShellWithHandshakeSendsSizeAndWaitingInputAfterComplete) {
  DataChannel channel(test_config());
  Step step = channel.receive(handshake_request("Standard_Stream"), at(0));
  EXPECT_EQ(summary(step), (Lines{"ack 0", "data 0 HandshakeResponse"}));
  auto response = nlohmann::json::parse(decoded(step)[1].payload);
  EXPECT_EQ(response["ClientVersion"], "1.2.677.0");
  EXPECT_EQ(response["ProcessedClientActions"][0]["ActionStatus"], 1);
  EXPECT_EQ(channel.state(), ChannelState::Handshaking);
  // Input typed before the session opens waits: the agent would discard it (section 7.2).
  EXPECT_FALSE(channel.ready_for_input());
  EXPECT_TRUE(channel.send_input("echo hi\r", at(5)).frames.empty());
  EXPECT_EQ(channel.waiting_input(), 1u);
  channel.receive(agent_ack(0), at(20));
  step = channel.receive(
      agent_data(1, PayloadType::HandshakeComplete,
                 R"({"HandshakeTimeToComplete":1000000,"CustomerMessage":"Welcome"})"),
      at(30));
  // No size was ever set: the plugin's fallback 300x100 (section 9.2).
  EXPECT_EQ(summary(step),
            (Lines{"ack 1", R"(data 1 Size {"cols":300,"rows":100})", "data 2 Output echo hi\r"}));
  auto started = events_of<SessionStarted>(step);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_TRUE(started[0].handshake);
  EXPECT_EQ(started[0].agent_version, "3.3.987.0");
  EXPECT_EQ(started[0].customer_message, "Welcome");
  // A resize is sent when the size changes, and only then.
  EXPECT_EQ(summary(channel.set_terminal_size({100, 30}, at(40))),
            (Lines{R"(data 3 Size {"cols":100,"rows":30})"}));
  EXPECT_TRUE(channel.set_terminal_size({100, 30}, at(50)).frames.empty());
}

TEST(DataChannelHandshake, NonInteractiveCommandSeparatesStdoutStderrAndExitCode) {
  DataChannel channel(test_config());
  channel.receive(handshake_request("NonInteractiveCommands"), at(0));
  Step step = channel.receive(agent_data(1, PayloadType::HandshakeComplete, "{}"), at(10));
  ASSERT_EQ(events_of<SessionStarted>(step).size(), 1u);
  EXPECT_EQ(events_of<SessionStarted>(step)[0].type, SessionType::NonInteractiveCommands);
  step = channel.receive(agent_output(2, "active\n"), at(20));
  step += channel.receive(agent_data(3, PayloadType::StdErr, "warning: x\n"), at(21));
  step += channel.receive(agent_data(4, PayloadType::ExitCode, "EXIT_CODE: 3"), at(22));
  EXPECT_EQ(summary(step), (Lines{"ack 2", "ack 3", "ack 4"}));
  EXPECT_EQ(stdout_of(step), "active\n");
  ASSERT_EQ(events_of<StderrReceived>(step).size(), 1u);
  EXPECT_EQ(events_of<StderrReceived>(step)[0].bytes, "warning: x\n");
  ASSERT_EQ(events_of<ExitCodeReceived>(step).size(), 1u);
  EXPECT_EQ(events_of<ExitCodeReceived>(step)[0].code, 3);
}

TEST(DataChannelHandshake, KmsEncryptionIsRefusedWithTheReasonAndNeverPlaintext) {
  DataChannel channel(test_config());
  Step step = channel.receive(
      handshake_request("Standard_Stream",
                        R"(,{"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":)"
                        R"("arn:aws:kms:eu-west-1:111122223333:key/abcd","Challenge":"AAAA"}})"),
      at(0));
  // The refusal goes to the agent, which cancels the session (section 8.5, step 9)...
  ASSERT_EQ(summary(step), (Lines{"ack 0", "data 0 HandshakeResponse"}));
  auto response = nlohmann::json::parse(decoded(step)[1].payload);
  EXPECT_EQ(response["ProcessedClientActions"][1]["ActionStatus"], 2);
  // ...and the command is told why, with the key and what to do.
  auto failed = events_of<SessionFailed>(step);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0].message.find("KMS key 'arn:aws:kms:eu-west-1:111122223333:key/abcd'"),
            std::string::npos);
  EXPECT_NE(failed[0].message.find("Session Manager preferences"), std::string::npos);
  EXPECT_NE(failed[0].message.find("Remove kmsKeyId"), std::string::npos);
  EXPECT_EQ(channel.state(), ChannelState::Failed);
  // Nothing the user types is ever sent, not even after a HandshakeComplete.
  EXPECT_TRUE(channel.send_input("secret\r", at(10)).frames.empty());
  step = channel.receive(agent_data(1, PayloadType::HandshakeComplete, "{}"), at(20));
  EXPECT_EQ(summary(step), (Lines{"ack 1"}));
  EXPECT_TRUE(events_of<SessionStarted>(step).empty());
  // The refusal itself is retransmitted until the agent has it: no hang on a lost frame.
  EXPECT_EQ(summary(channel.tick(at(300))), (Lines{"data 0 HandshakeResponse"}));
  channel.receive(agent_ack(0), at(310));
  EXPECT_EQ(channel.unacknowledged(), 0u);
}

TEST(DataChannelHandshake, PortSessionHasPropertiesFlagsAndNoTerminalSize) {
  DataChannel channel(test_config());
  channel.set_terminal_size({80, 24}, at(0));
  channel.receive(
      agent_data(
          0, PayloadType::HandshakeRequest,
          R"({"AgentVersion":"3.3.987.0","RequestedClientActions":[{"ActionType":"SessionType",
                 "ActionParameters":{"SessionType":"Port","Properties":{"portNumber":"5432",
                 "host":"db.internal","type":"LocalPortForwarding"}}}]})"),
      at(0));
  Step step = channel.receive(agent_data(1, PayloadType::HandshakeComplete, "{}"), at(10));
  EXPECT_EQ(summary(step), (Lines{"ack 1"}));  // no Size for a port
  auto started = events_of<SessionStarted>(step);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].type, SessionType::Port);
  EXPECT_EQ(started[0].properties.at("host"), "db.internal");
  EXPECT_EQ(summary(channel.send_input("PING", at(20))), (Lines{"data 1 Output PING"}));
  EXPECT_EQ(summary(channel.send_flag(PortFlag::TerminateSession, at(30))),
            (Lines{std::string("data 2 Flag \0\0\0\x02", 16)}));
  step = channel.receive(
      agent_data(2, PayloadType::Flag, flag_payload(PortFlag::ConnectToPortError)), at(40));
  ASSERT_EQ(events_of<FlagReceived>(step).size(), 1u);
  EXPECT_EQ(events_of<FlagReceived>(step)[0].flag, PortFlag::ConnectToPortError);
}

TEST(DataChannelHandshake, UnknownSessionTypeFails) {
  DataChannel channel(test_config());
  Step step = channel.receive(handshake_request("Telnet"), at(0));
  EXPECT_EQ(summary(step), (Lines{"ack 0", "data 0 HandshakeResponse"}));
  ASSERT_EQ(events_of<SessionFailed>(step).size(), 1u);
  EXPECT_NE(events_of<SessionFailed>(step)[0].message.find("Unknown session type 'Telnet'"),
            std::string::npos);
}

TEST(DataChannelHandshake, CompleteWithoutRequestFails) {
  DataChannel channel(test_config());
  Step step = channel.receive(agent_data(0, PayloadType::HandshakeComplete, "{}"), at(0));
  ASSERT_EQ(events_of<SessionFailed>(step).size(), 1u);
  EXPECT_NE(events_of<SessionFailed>(step)[0].message.find("session type"), std::string::npos);
}

TEST(DataChannelHandshake, UnparsableRequestFailsInsteadOfHanging) {
  DataChannel channel(test_config());
  Step step = channel.receive(agent_data(0, PayloadType::HandshakeRequest, "{oops"), at(0));
  EXPECT_EQ(summary(step), (Lines{"ack 0"}));
  ASSERT_EQ(events_of<SessionFailed>(step).size(), 1u);
  EXPECT_NE(events_of<SessionFailed>(step)[0].message.find("HandshakeRequest"), std::string::npos);
}

TEST(DataChannelHandshake, HandshakeMessagesHeldOutOfOrderAreStillHandled) {
  // Unlike the plugin (section 7.2's quirk), a HandshakeComplete that overtook its
  // HandshakeRequest is handled once the request arrives.
  DataChannel channel(test_config());
  Step step = channel.receive(agent_data(1, PayloadType::HandshakeComplete, "{}"), at(0));
  EXPECT_EQ(summary(step), (Lines{"ack 1"}));
  step = channel.receive(handshake_request("InteractiveCommands"), at(5));
  EXPECT_EQ(summary(step),
            (Lines{"ack 0", "data 0 HandshakeResponse", R"(data 1 Size {"cols":300,"rows":100})"}));
  ASSERT_EQ(events_of<SessionStarted>(step).size(), 1u);
  EXPECT_EQ(events_of<SessionStarted>(step)[0].type, SessionType::InteractiveCommands);
}

}  // namespace
}  // namespace ssmlink::session
