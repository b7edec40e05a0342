// The agent's smux v1 codec (reference section 10.5): little-endian header, frames that
// cross Output payload boundaries, several frames in one payload, protocol errors.
#include "emulator/sessions/smux_codec.hpp"

#include <gtest/gtest.h>

namespace ssmlink::emulator::sessions {
namespace {

// Every frame the decoder gives for `bytes`, fed in pieces of `piece` bytes.
std::vector<SmuxFrame> decode_in_pieces(const std::string& bytes, size_t piece) {
  SmuxDecoder decoder;
  std::vector<SmuxFrame> frames;
  for (size_t at = 0; at < bytes.size(); at += piece) {
    decoder.feed(std::string_view(bytes).substr(at, piece));
    while (true) {
      auto frame = decoder.next();
      EXPECT_TRUE(frame) << frame.error();
      if (!frame || !*frame) break;
      frames.push_back(std::move(**frame));
    }
  }
  EXPECT_EQ(decoder.buffered(), 0u);
  return frames;
}

TEST(SmuxCodec, HeaderIsVersionCommandLittleEndianLengthAndStream) {
  std::string frame = encode_smux_frame(SmuxCommand::kPsh, 0x01020304, "hello");
  std::string expected("\x01\x02\x05\x00\x04\x03\x02\x01hello", 13);
  EXPECT_EQ(frame, expected);
  EXPECT_EQ(encode_smux_frame(SmuxCommand::kSyn, 3),
            std::string("\x01\x00\x00\x00\x03\x00\x00\x00", 8));
  EXPECT_EQ(encode_smux_frame(SmuxCommand::kFin, 5),
            std::string("\x01\x01\x00\x00\x05\x00\x00\x00", 8));
  EXPECT_EQ(encode_smux_frame(SmuxCommand::kNop, 0),
            std::string("\x01\x03\x00\x00\x00\x00\x00\x00", 8));
}

TEST(SmuxCodec, SeveralFramesInOnePayload) {
  std::string bytes = encode_smux_frame(SmuxCommand::kSyn, 3) +
                      encode_smux_frame(SmuxCommand::kPsh, 3, "abc") +
                      encode_smux_frame(SmuxCommand::kFin, 3);
  auto frames = decode_in_pieces(bytes, bytes.size());
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].command, SmuxCommand::kSyn);
  EXPECT_EQ(frames[1].command, SmuxCommand::kPsh);
  EXPECT_EQ(frames[1].stream, 3u);
  EXPECT_EQ(frames[1].data, "abc");
  EXPECT_EQ(frames[2].command, SmuxCommand::kFin);
}

TEST(SmuxCodec, FramesSplitAcrossPayloadBoundaries) {
  std::string big(kSmuxMaxFrame, '\0');
  for (size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<char>(i * 7 + 1);
  std::string bytes =
      encode_smux_frame(SmuxCommand::kSyn, 3) + encode_smux_frame(SmuxCommand::kPsh, 3, big) +
      encode_smux_frame(SmuxCommand::kPsh, 5, "x") + encode_smux_frame(SmuxCommand::kNop, 0);
  for (size_t piece : {1u, 3u, 7u, 1024u, 1000u}) {
    auto frames = decode_in_pieces(bytes, piece);
    ASSERT_EQ(frames.size(), 4u) << "pieces of " << piece;
    EXPECT_EQ(frames[1].data, big) << "pieces of " << piece;
    EXPECT_EQ(frames[2].stream, 5u);
    EXPECT_EQ(frames[3].command, SmuxCommand::kNop);
  }
}

TEST(SmuxCodec, AHalfHeaderWaitsForMore) {
  SmuxDecoder decoder;
  decoder.feed(std::string("\x01\x02\x04\x00", 4));
  auto frame = decoder.next();
  ASSERT_TRUE(frame);
  EXPECT_FALSE(*frame);
  decoder.feed(std::string("\x07\x00\x00\x00", 4) + "da");
  frame = decoder.next();
  ASSERT_TRUE(frame);
  EXPECT_FALSE(*frame);  // two of four data bytes
  decoder.feed("ta");
  frame = decoder.next();
  ASSERT_TRUE(frame && *frame);
  EXPECT_EQ((*frame)->stream, 7u);
  EXPECT_EQ((*frame)->data, "data");
}

TEST(SmuxCodec, AnotherVersionOrAnUnknownCommandIsAProtocolError) {
  SmuxDecoder version2;
  version2.feed(std::string("\x02\x00\x00\x00\x03\x00\x00\x00", 8));
  auto frame = version2.next();
  ASSERT_FALSE(frame);
  EXPECT_NE(frame.error().find("version 2"), std::string::npos) << frame.error();

  SmuxDecoder update;  // UPD (4) exists in smux v2 only
  update.feed(std::string("\x01\x04\x00\x00\x03\x00\x00\x00", 8));
  frame = update.next();
  ASSERT_FALSE(frame);
  EXPECT_NE(frame.error().find("command 4"), std::string::npos) << frame.error();
}

}  // namespace
}  // namespace ssmlink::emulator::sessions
