// Whatever arrives on the WebSocket, the data channel returns: damaged, cut and invented
// frames are dropped or refused, never a crash, never output that was not sent in order.
#include <gtest/gtest.h>

#include <random>

#include "session/data_channel.hpp"
#include "tests/session/fake_agent.hpp"

namespace ssmlink::session {
namespace {

using namespace testing;

std::vector<std::string> seed_frames() {
  return {handshake_request("Standard_Stream"),
          agent_data(1, PayloadType::HandshakeComplete, R"({"CustomerMessage":"hi"})"),
          agent_output(2, "hello"),
          agent_data(3, PayloadType::ExitCode, "EXIT_CODE: 1"),
          agent_data(4, PayloadType::Flag, flag_payload(PortFlag::ConnectToPortError)),
          agent_ack(0),
          service_message(kChannelClosed, R"({"Output":"bye"})")};
}

TEST(DataChannelHostile, MutatedFramesNeverCrashOrDeliverDamagedOutput) {
  std::mt19937 random(20240924);
  for (int round = 0; round < 300; ++round) {
    DataChannel channel(test_config());
    int64_t ms = 0;
    for (std::string frame : seed_frames()) {
      switch (random() % 4) {
        case 0:
          frame[random() % frame.size()] ^= static_cast<char>(1 + random() % 255);
          break;
        case 1:
          frame.resize(random() % frame.size());
          break;
        case 2:
          frame += std::string(random() % 8, static_cast<char>(random()));
          break;
        default:
          break;
      }
      Step step = channel.receive(frame, at(ms += 10));
      step += channel.tick(at(ms += 300));
      step += channel.send_input("x", at(ms));
      for (const auto& output : events_of<OutputReceived>(step))
        EXPECT_EQ(output.bytes, "hello");
      for (const std::string& sent : step.frames)
        EXPECT_TRUE(decode(sent));
    }
  }
}

TEST(DataChannelHostile, ExtremeSequenceNumbersAreHarmless) {
  DataChannel channel(test_config());
  channel.receive(agent_output(0, "$ "), at(0));
  for (int64_t sequence : {INT64_MAX, INT64_MIN, int64_t{-1}, int64_t{10'001}}) {
    Step step = channel.receive(agent_output(sequence, "evil"), at(10));
    EXPECT_TRUE(events_of<OutputReceived>(step).empty());
    step += channel.receive(agent_ack(sequence), at(11));
  }
  EXPECT_EQ(channel.next_incoming_sequence(), 1);
  EXPECT_EQ(stdout_of(channel.receive(agent_output(1, "ok"), at(20))), "ok");
}

}  // namespace
}  // namespace ssmlink::session
