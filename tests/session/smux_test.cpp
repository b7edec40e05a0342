#include "session/smux.hpp"

#include <gtest/gtest.h>

#include <random>

namespace ssmlink::session::smux {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values)
    out.push_back(static_cast<char>(v));
  return out;
}

TEST(Smux, HeaderIsLittleEndianVersionOne) {
  EXPECT_EQ(encode({Command::Psh, 0x01020304, "hi"}), bytes({1, 2, 2, 0, 4, 3, 2, 1}) + "hi");
  EXPECT_EQ(encode({Command::Syn, 3, {}}), bytes({1, 0, 0, 0, 3, 0, 0, 0}));
  EXPECT_EQ(encode({Command::Fin, 5, {}}), bytes({1, 1, 0, 0, 5, 0, 0, 0}));
  EXPECT_EQ(encode({Command::Nop, 0, {}}), bytes({1, 3, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(encode({Command::Psh, 3, std::string(300, 'x')}).substr(0, 4), bytes({1, 2, 44, 1}));
}

TEST(Smux, DecoderAcceptsAnyChunkingOfAnyNumberOfFrames) {
  std::vector<Frame> frames{{Command::Syn, 3, {}},
                            {Command::Psh, 3, std::string(40000 % kMaxFrameData, 'a')},
                            {Command::Psh, 5, "hello"},
                            {Command::Nop, 0, {}},
                            {Command::Fin, 3, {}}};
  std::string wire;
  for (const Frame& frame : frames)
    wire += encode(frame);
  std::mt19937 random(11);
  for (int round = 0; round < 50; ++round) {
    Decoder decoder;
    std::vector<Frame> decoded;
    size_t at = 0;
    while (at < wire.size()) {
      size_t size = std::min(wire.size() - at, size_t{1} + random() % (round < 10 ? 3 : 2000));
      auto got = decoder.feed(std::string_view(wire).substr(at, size));
      ASSERT_TRUE(got) << got.error().message;
      decoded.insert(decoded.end(), got->begin(), got->end());
      at += size;
    }
    EXPECT_EQ(decoded, frames);
    EXPECT_EQ(decoder.buffered(), 0u);
  }
}

TEST(Smux, DecoderRefusesWhatBreaksTheProtocolAndStaysBroken) {
  struct Case {
    std::string wire;
    std::string says;
  };
  for (const Case& bad : {Case{bytes({2, 2, 0, 0, 3, 0, 0, 0}), "version 2"},
                          Case{bytes({1, 4, 0, 0, 3, 0, 0, 0}), "unknown command 4"},
                          Case{bytes({1, 2, 0x01, 0x80, 3, 0, 0, 0}), "32769 bytes"}}) {
    Decoder decoder;
    auto got = decoder.feed(bad.wire);
    ASSERT_FALSE(got);
    EXPECT_NE(got.error().message.find(bad.says), std::string::npos) << got.error().message;
    EXPECT_FALSE(decoder.feed(encode({Command::Nop, 0, {}})));
  }
}

TEST(SmuxClient, StreamIdsAreOddFromThree) {
  Client client;
  std::string out;
  EXPECT_EQ(client.open(out), 3u);
  EXPECT_EQ(client.open(out), 5u);
  EXPECT_EQ(client.open(out), 7u);
  EXPECT_EQ(out, encode({Command::Syn, 3, {}}) + encode({Command::Syn, 5, {}}) +
                     encode({Command::Syn, 7, {}}));
}

TEST(SmuxClient, WritesAreCutIntoFramesOfAtMost32768Bytes) {
  Client client;
  std::string out;
  uint32_t id = client.open(out);
  out.clear();
  client.write(id, std::string(70000, 'z'), out);
  Decoder decoder;
  auto frames = decoder.feed(out);
  ASSERT_TRUE(frames);
  ASSERT_EQ(frames->size(), 3u);
  EXPECT_EQ((*frames)[0].data.size(), kMaxFrameData);
  EXPECT_EQ((*frames)[1].data.size(), kMaxFrameData);
  EXPECT_EQ((*frames)[2].data.size(), 70000 - 2 * kMaxFrameData);
  for (const Frame& frame : *frames)
    EXPECT_EQ(frame.stream_id, id);
}

TEST(SmuxClient, DataAndFinReachTheirStreamAndBothFinsForgetIt) {
  Client client;
  std::string out;
  uint32_t a = client.open(out);
  uint32_t b = client.open(out);
  out.clear();
  std::string wire = encode({Command::Psh, b, "to-b"}) + encode({Command::Psh, a, "to-a"}) +
                     encode({Command::Fin, a, {}}) + encode({Command::Psh, a, "late"}) +
                     encode({Command::Psh, 99, "unknown"}) + encode({Command::Nop, 0, {}});
  auto events = client.receive(wire, out);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ(std::get<DataReceived>((*events)[0]).stream_id, b);
  EXPECT_EQ(std::get<DataReceived>((*events)[0]).bytes, "to-b");
  EXPECT_EQ(std::get<DataReceived>((*events)[1]).bytes, "to-a");
  EXPECT_EQ(std::get<StreamFinished>((*events)[2]).stream_id, a);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(client.is_open(a));  // our side has not closed yet
  client.close(a, out);
  EXPECT_EQ(out, encode({Command::Fin, a, {}}));
  EXPECT_FALSE(client.is_open(a));
  client.write(a, "after", out);
  client.close(a, out);
  EXPECT_EQ(out, encode({Command::Fin, a, {}}));  // nothing more for a forgotten stream
  EXPECT_EQ(client.open_streams(), 1u);
}

TEST(SmuxClient, AStreamTheServerOpensIsRefusedWithFin) {
  Client client;
  std::string out;
  auto events = client.receive(encode({Command::Syn, 2, {}}), out);
  ASSERT_TRUE(events);
  EXPECT_TRUE(events->empty());
  EXPECT_EQ(out, encode({Command::Fin, 2, {}}));
}

TEST(SmuxClient, AProtocolErrorIsReported) {
  Client client;
  std::string out;
  EXPECT_FALSE(client.receive(bytes({9, 0, 0, 0, 0, 0, 0, 0}), out));
}

}  // namespace
}  // namespace ssmlink::session::smux
