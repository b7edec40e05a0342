// Reference section 7 through the data channel: acknowledgements, duplicates, order,
// retransmission, bounded buffers and resuming on a new connection.
#include <gtest/gtest.h>

#include "session/data_channel.hpp"
#include "tests/session/fake_agent.hpp"

namespace ssmlink::session {
namespace {

using namespace testing;
using Lines = std::vector<std::string>;

// A shell that started without a handshake; its Size took outgoing seq 0 and is acked.
DataChannel open_shell(DataChannelConfig config = test_config()) {
  DataChannel channel(std::move(config));
  channel.set_terminal_size({80, 24}, at(0));
  channel.receive(agent_output(0, "$ "), at(0));
  channel.receive(agent_ack(0), at(0));
  return channel;
}

TEST(DataChannelReliability, AcknowledgesEveryMessageWithItsIdTypeAndSequence) {
  DataChannel channel = open_shell();
  Step step = channel.receive(agent_output(1, "x"), at(10));
  auto messages = decoded(step);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].message_type, "acknowledge");
  EXPECT_EQ(messages[0].flags, 3u);
  EXPECT_EQ(messages[0].sequence_number, 0);
  EXPECT_EQ(messages[0].payload_type, PayloadType::None);
  auto content = nlohmann::json::parse(messages[0].payload);
  EXPECT_EQ(content["AcknowledgedMessageType"], "output_stream_data");
  EXPECT_EQ(content["AcknowledgedMessageId"], "a0000000-0000-0000-0000-000000000001");
  EXPECT_EQ(content["AcknowledgedMessageSequenceNumber"], 1);
  EXPECT_EQ(content["IsSequentialMessage"], true);
}

TEST(DataChannelReliability, DuplicatesAreAcknowledgedAgainButDeliveredOnce) {
  DataChannel channel = open_shell();
  Step step = channel.receive(agent_output(1, "one"), at(10));
  step += channel.receive(agent_output(1, "one"), at(20));
  step += channel.receive(agent_output(0, "$ "), at(30));
  EXPECT_EQ(summary(step), (Lines{"ack 1", "ack 1", "ack 0"}));
  EXPECT_EQ(stdout_of(step), "one");
}

TEST(DataChannelReliability, OutOfOrderMessagesAreHeldAndDeliveredInOrder) {
  DataChannel channel = open_shell();
  Step step = channel.receive(agent_output(3, "c"), at(10));
  step += channel.receive(agent_output(2, "b"), at(11));
  step += channel.receive(agent_output(3, "c"), at(12));  // a duplicate of a held one
  EXPECT_EQ(stdout_of(step), "");
  step += channel.receive(agent_output(1, "a"), at(13));
  EXPECT_EQ(summary(step), (Lines{"ack 3", "ack 2", "ack 3", "ack 1"}));
  EXPECT_EQ(stdout_of(step), "abc");
  EXPECT_EQ(channel.next_incoming_sequence(), 4);
}

TEST(DataChannelReliability, HoldingOutputDropsStreamDataUnacknowledgedButTakesAcks) {
  DataChannel channel = open_shell();
  int64_t sent = channel.next_outgoing_sequence();
  Step step = channel.send_input("ls\n", at(5));
  size_t unacknowledged = channel.unacknowledged();
  ASSERT_GE(unacknowledged, 1u);
  // A slow local reader: the agent's data is left with the agent, which sends it again.
  step = channel.receive_holding_output(agent_output(1, "held"), at(10));
  EXPECT_TRUE(step.frames.empty());
  EXPECT_EQ(stdout_of(step), "");
  step = channel.receive_holding_output(agent_ack(sent), at(11));
  EXPECT_EQ(channel.unacknowledged(), unacknowledged - 1);
  step = channel.receive(agent_output(1, "held"), at(20));
  EXPECT_EQ(summary(step), (Lines{"ack 1"}));
  EXPECT_EQ(stdout_of(step), "held");
}
TEST(DataChannelReliability, TheOutOfOrderBufferIsBounded) {
  DataChannelConfig config = test_config();
  config.incoming_capacity = 2;
  DataChannel channel = open_shell(config);
  // Too far ahead to ever fit: dropped unacknowledged, the agent will resend it.
  EXPECT_TRUE(channel.receive(agent_output(4, "d"), at(10)).frames.empty());
  Step step = channel.receive(agent_output(2, "b"), at(11));
  step += channel.receive(agent_output(3, "c"), at(12));
  EXPECT_EQ(summary(step), (Lines{"ack 2", "ack 3"}));
  // Full: a fresh out-of-order message is dropped, a held one is still re-acked.
  EXPECT_TRUE(channel.receive(agent_output(4, "d"), at(13)).frames.empty());
  step = channel.receive(agent_output(1, "a"), at(14));
  step += channel.receive(agent_output(4, "d"), at(15));
  EXPECT_EQ(stdout_of(step), "abcd");
}

TEST(DataChannelReliability, RetransmitsTheOldestAfterTheTimeoutAndLearnsTheRoundTrip) {
  DataChannel channel(test_config());
  EXPECT_EQ(channel.retransmission_timeout(), std::chrono::milliseconds(200));
  Step opened = channel.receive(agent_output(0, "$ "), at(1000));  // ack 0, Size seq 0
  ASSERT_EQ(opened.frames.size(), 2u);
  Step sent = channel.send_input("b", at(1001));
  ASSERT_EQ(sent.frames.size(), 1u);
  EXPECT_TRUE(channel.tick(at(1100)).frames.empty());
  EXPECT_TRUE(channel.tick(at(1200)).frames.empty());  // not yet past 200 ms
  Step resent = channel.tick(at(1201));
  ASSERT_EQ(resent.frames.size(), 1u);                 // only the head (section 7.3)
  EXPECT_EQ(resent.frames[0], opened.frames[1]);       // the same bytes, MessageId included
  EXPECT_TRUE(channel.tick(at(1301)).frames.empty());  // once per timeout, not every tick
  // Acks match by sequence number; the second message is acked first. Sample 250 ms:
  // RTTVAR = 0.25*|100-250| = 37.5, RTT = 118.75, RTO = 118.75 + 150 = 269 ms.
  channel.receive(agent_ack(1), at(1251));
  EXPECT_EQ(channel.unacknowledged(), 1u);
  EXPECT_EQ(channel.retransmission_timeout(), std::chrono::milliseconds(269));
  EXPECT_TRUE(channel.tick(at(1470)).frames.empty());
  EXPECT_EQ(channel.tick(at(1471)).frames.size(), 1u);
  channel.receive(agent_ack(0), at(1500));
  EXPECT_EQ(channel.unacknowledged(), 0u);
  EXPECT_TRUE(channel.tick(at(5000)).frames.empty());
  channel.receive(agent_ack(0), at(5001));  // a late duplicate ack changes nothing
  EXPECT_EQ(channel.unacknowledged(), 0u);
}

TEST(DataChannelReliability, TheTimeoutNeverExceedsOneSecond) {
  DataChannel channel = open_shell();
  for (int i = 0; i < 20; ++i) {
    channel.send_input("x", at(i * 100'000));
    channel.receive(agent_ack(i + 1), at(i * 100'000 + 60'000));
  }
  EXPECT_EQ(channel.retransmission_timeout(), std::chrono::milliseconds(1000));
}

TEST(DataChannelReliability, GivesUpWhenNothingIsAcknowledgedForFiveMinutes) {
  DataChannel channel = open_shell();
  channel.send_input("x", at(0));
  EXPECT_TRUE(events_of<SessionFailed>(channel.tick(at(300'000))).empty());
  Step step = channel.tick(at(300'001));
  ASSERT_EQ(events_of<SessionFailed>(step).size(), 1u);
  EXPECT_NE(events_of<SessionFailed>(step)[0].message.find("not acknowledged"), std::string::npos);
  EXPECT_EQ(channel.state(), ChannelState::Failed);
}

TEST(DataChannelReliability, FlowControlHoldsInputWhileTheWindowIsFull) {
  DataChannelConfig config = test_config();
  config.outgoing_capacity = 2;
  config.max_payload_size = 4;
  DataChannel channel = open_shell(config);
  EXPECT_EQ(channel.send_window(), 2u);
  Step step = channel.send_input("aaaabbbbccccdddd", at(10));  // four chunks
  EXPECT_EQ(summary(step), (Lines{"data 1 Output aaaa", "data 2 Output bbbb"}));
  EXPECT_FALSE(channel.ready_for_input());
  EXPECT_EQ(channel.send_window(), 0u);
  EXPECT_EQ(channel.waiting_input(), 2u);
  // Each acknowledgement lets the next chunk out, in order; nothing is evicted.
  EXPECT_EQ(summary(channel.receive(agent_ack(2), at(20))), (Lines{"data 3 Output cccc"}));
  EXPECT_EQ(summary(channel.receive(agent_ack(1), at(30))), (Lines{"data 4 Output dddd"}));
  EXPECT_FALSE(channel.ready_for_input());
  channel.receive(agent_ack(3), at(40));
  EXPECT_TRUE(channel.ready_for_input());
}

TEST(DataChannelReliability, ResumeLosesAndRepeatsNothing) {
  DataChannel channel = open_shell();
  Step before = channel.send_input("one", at(10));
  before += channel.send_input("two", at(11));
  before += channel.send_input("three", at(12));
  Step step = channel.receive(agent_ack(1), at(20));
  step += channel.receive(agent_output(1, "A"), at(21));
  step += channel.receive(agent_output(2, "B"), at(22));
  // The connection drops; "two" and "three" may be lost, and the ack of B too.
  Step after = channel.connection_replaced(at(5000));
  ASSERT_EQ(after.frames.size(), 2u);
  EXPECT_EQ(after.frames[0], before.frames[1]);
  EXPECT_EQ(after.frames[1], before.frames[2]);
  // Input typed meanwhile continues the numbering.
  EXPECT_EQ(summary(channel.send_input("four", at(5001))), (Lines{"data 4 Output four"}));
  // The agent resends B (its ack was lost) and goes on with C.
  step += channel.receive(agent_output(2, "B"), at(5010));
  step += channel.receive(agent_output(3, "C"), at(5011));
  EXPECT_EQ(stdout_of(step), "ABC");
  EXPECT_EQ(summary(step), (Lines{"ack 1", "ack 2", "ack 2", "ack 3"}));
}

TEST(DataChannelReliability, ChannelClosedEndsTheSessionWithTheReason) {
  DataChannel channel = open_shell();
  Step step = channel.receive(
      service_message(kChannelClosed,
                      R"({"MessageType":"channel_closed","SessionId":"user-0123","SchemaVersion":1,
                          "Output":"Your session timed out due to inactivity"})"),
      at(10));
  EXPECT_TRUE(step.frames.empty());  // channel_closed is not acknowledged
  auto closed = events_of<SessionClosed>(step);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].session_id, "user-0123");
  EXPECT_EQ(closed[0].reason, "Your session timed out due to inactivity");
  EXPECT_EQ(channel.state(), ChannelState::Closed);
  EXPECT_TRUE(channel.receive(agent_output(1, "late"), at(20)).events.empty());
  EXPECT_TRUE(channel.send_input("x", at(30)).frames.empty());
  EXPECT_TRUE(channel.tick(at(40)).frames.empty());
}

TEST(DataChannelReliability, PublicationAndStateMessagesAreIgnored) {
  DataChannel channel = open_shell();
  Step step = channel.receive(service_message(kPausePublication, ""), at(10));
  step += channel.receive(service_message(kStartPublication, ""), at(11));
  step += channel.receive(
      service_message(kAgentSessionState, R"({"SchemaVersion":1,"SessionState":"Connected"})"),
      at(12));
  EXPECT_TRUE(step.frames.empty());
  EXPECT_TRUE(step.events.empty());
}

TEST(DataChannelReliability, DamagedFramesAreDroppedWithAWarning) {
  DataChannel channel = open_shell();
  std::string damaged = agent_output(1, "hello");
  damaged.back() = 'X';
  for (const std::string& bad :
       {std::string(), std::string("garbage"), damaged, service_message(kAcknowledge, "{}"),
        agent_data(1, PayloadType::ExitCode, "nope")}) {
    Step step = channel.receive(bad, at(10));
    EXPECT_EQ(events_of<ProtocolWarning>(step).size(), 1u);
    EXPECT_TRUE(events_of<OutputReceived>(step).empty());
  }
  EXPECT_EQ(channel.state(), ChannelState::Open);
}

}  // namespace
}  // namespace ssmlink::session
