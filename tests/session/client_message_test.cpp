#include "session/client_message.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssmlink::session {
namespace {

std::string from_hex(std::string_view hex) {
  std::string bytes;
  int high = -1;
  for (char c : hex) {
    int value = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (value < 0) continue;
    if (high < 0) {
      high = value;
    } else {
      bytes += static_cast<char>(high << 4 | value);
      high = -1;
    }
  }
  return bytes;
}

// Section 5.5 of the reference, byte for byte.
const std::string kSizeFrame = from_hex(
    "00 00 00 74 69 6e 70 75 74 5f 73 74 72 65 61 6d"
    "5f 64 61 74 61 20 20 20 20 20 20 20 20 20 20 20"
    "20 20 20 20 00 00 00 01 00 00 01 5e 0b aa 78 84"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "a5 08 b5 f0 73 f3 1b 16 dd 01 e5 6b ff 48 48 3e"
    "d5 3c a1 ea 7d ce 87 c1 14 32 05 2a 85 50 ed 26"
    "15 cf 71 5c a8 43 c8 97 10 ed 83 32 5b 69 1c ba"
    "00 00 00 03 00 00 00 15 7b 22 63 6f 6c 73 22 3a"
    "38 30 2c 22 72 6f 77 73 22 3a 32 34 7d");

ClientMessage size_message() {
  return {.message_type = std::string(kInputStreamData),
          .created_date_ms = 1503434274948,
          .sequence_number = 0,
          .message_id = *parse_uuid("dd01e56b-ff48-483e-a508-b5f073f31b16"),
          .payload_type = PayloadType::Size,
          .payload = R"({"cols":80,"rows":24})"};
}

void put_u32(std::string& frame, size_t offset, uint32_t value) {
  for (int i = 0; i < 4; ++i)
    frame[offset + i] = static_cast<char>(value >> (24 - 8 * i));
}

TEST(ClientMessage, EncodesTheReferenceExampleByteForByte) {
  ASSERT_EQ(kSizeFrame.size(), 141u);
  EXPECT_EQ(encode(size_message()), kSizeFrame);
}

TEST(ClientMessage, DecodesTheReferenceExample) {
  auto message = decode(kSizeFrame);
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->message_type, "input_stream_data");
  EXPECT_EQ(message->schema_version, 1u);
  EXPECT_EQ(message->created_date_ms, 1503434274948u);
  EXPECT_EQ(message->sequence_number, 0);
  EXPECT_EQ(message->flags, 0u);
  EXPECT_EQ(to_string(message->message_id), "dd01e56b-ff48-483e-a508-b5f073f31b16");
  EXPECT_EQ(message->payload_type, PayloadType::Size);
  EXPECT_EQ(message->payload, R"({"cols":80,"rows":24})");
}

TEST(ClientMessage, RoundTripsEveryField) {
  for (auto type :
       {kInputStreamData, kOutputStreamData, kAcknowledge, kChannelClosed, kAgentSessionState}) {
    ClientMessage message{.message_type = std::string(type),
                          .created_date_ms = 1700000000123,
                          .sequence_number = 0x0102030405060708,
                          .flags = kFlagSyn | kFlagFin,
                          .message_id = *parse_uuid("0b7e0000-1111-4222-8333-444455556666"),
                          .payload_type = PayloadType::ExitCode,
                          .payload = std::string("EXIT_CODE: 3\0\xff", 14)};
    auto back = decode(encode(message));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->message_type, message.message_type);
    EXPECT_EQ(back->created_date_ms, message.created_date_ms);
    EXPECT_EQ(back->sequence_number, message.sequence_number);
    EXPECT_EQ(back->flags, message.flags);
    EXPECT_EQ(back->message_id, message.message_id);
    EXPECT_EQ(back->payload_type, message.payload_type);
    EXPECT_EQ(back->payload, message.payload);
  }
}

TEST(ClientMessage, StripsNulAndSpacePaddingFromTheMessageType) {
  std::string frame = kSizeFrame;
  frame.replace(4, 32, std::string("\0\0 acknowledge", 14) + std::string(18, '\0'));
  auto message = decode(frame);
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(message->message_type, "acknowledge");
}

TEST(ClientMessage, NegativeSequenceNumbersSurviveTheRoundTrip) {
  ClientMessage message = size_message();
  message.sequence_number = -5;
  EXPECT_EQ(decode(encode(message))->sequence_number, -5);
}

TEST(ClientMessage, EmptyPayloadCarriesTheDigestOfNothing) {
  ClientMessage message = size_message();
  message.payload.clear();
  std::string frame = encode(message);
  EXPECT_EQ(frame.size(), kPayloadOffset);
  EXPECT_EQ(frame.substr(80, 4), std::string("\xe3\xb0\xc4\x42", 4));  // SHA-256("")
  EXPECT_TRUE(decode(frame));
}

void expect_error(std::string_view frame, std::string_view words) {
  auto message = decode(frame);
  ASSERT_FALSE(message) << "accepted a bad frame";
  EXPECT_NE(message.error().message.find(words), std::string::npos) << message.error().message;
}

TEST(ClientMessageErrors, ShortFramesAtEveryLength) {
  for (size_t length = 0; length < kPayloadOffset; ++length) {
    expect_error(std::string_view(kSizeFrame).substr(0, length), "too short");
  }
}

TEST(ClientMessageErrors, HeaderLengthOtherThan116) {
  for (uint32_t bad : {0u, 115u, 117u, 0xffffffffu}) {
    std::string frame = kSizeFrame;
    put_u32(frame, 0, bad);
    expect_error(frame, "HeaderLength " + std::to_string(bad));
  }
}

TEST(ClientMessageErrors, DigestMismatch) {
  std::string frame = kSizeFrame;
  frame.back() = '}' + 1;
  expect_error(frame, "does not match its SHA-256 digest");
  frame = kSizeFrame;
  frame[90] ^= 1;
  expect_error(frame, "digest");
}

TEST(ClientMessageErrors, PayloadLengthBeyondOrShortOfTheMessage) {
  std::string frame = kSizeFrame;
  put_u32(frame, 116, 22);
  expect_error(frame, "PayloadLength 22 but carries 21");
  put_u32(frame, 116, 0xffffffff);
  expect_error(frame, "PayloadLength 4294967295");
  put_u32(frame, 116, 20);
  expect_error(frame, "PayloadLength 20");
}

TEST(ClientMessageErrors, UnknownMessageAndPayloadTypes) {
  std::string frame = kSizeFrame;
  frame.replace(4, 32, std::string("bogus_type") + std::string(22, ' '));
  expect_error(frame, "unknown MessageType 'bogus_type'");
  frame.replace(4, 32, std::string(32, ' '));
  expect_error(frame, "unknown MessageType ''");
  frame = kSizeFrame;
  put_u32(frame, 112, 13);
  expect_error(frame, "unknown PayloadType 13");
}

TEST(ClientMessageErrors, CreatedDateZero) {
  std::string frame = kSizeFrame;
  frame.replace(40, 8, std::string(8, '\0'));
  expect_error(frame, "CreatedDate 0");
}

TEST(ClientMessage, PublicationMessagesSkipTheChecks) {
  // Section 4.3: their header is not defined, the plugin accepts them as they come.
  ClientMessage message = size_message();
  message.message_type = std::string(kPausePublication);
  message.created_date_ms = 0;
  std::string frame = encode(message);
  put_u32(frame, 116, 999);
  auto decoded = decode(frame);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->message_type, "pause_publication");
}

TEST(ClientMessageErrors, EveryTruncationAndByteFlipIsAnErrorOrAValue) {
  // Whatever the damage, decode returns; truncations of the payload are always caught.
  for (size_t length = kPayloadOffset; length < kSizeFrame.size(); ++length) {
    EXPECT_FALSE(decode(std::string_view(kSizeFrame).substr(0, length)));
  }
  for (size_t i = 0; i < kSizeFrame.size(); ++i) {
    std::string frame = kSizeFrame;
    frame[i] ^= 0x5a;
    (void)decode(frame);
  }
}

}  // namespace
}  // namespace ssmlink::session
