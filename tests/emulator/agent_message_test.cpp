// The agent's codec against the reference's bytes (section 5.5) and against bad frames.
#include "emulator/sessions/agent_message.hpp"

#include <gtest/gtest.h>

#include "tests/emulator/agent_wire.hpp"
#include "util/crypto.hpp"

namespace ssmlink::emulator::sessions {
namespace {

std::string bytes_from_hex(std::string hex) {
  std::erase(hex, ' ');
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// Section 5.5's hex dump, line by line.
std::string size_example() {
  return bytes_from_hex(
      "00 00 00 74 69 6e 70 75 74 5f 73 74 72 65 61 6d"
      "5f 64 61 74 61 20 20 20 20 20 20 20 20 20 20 20"
      "20 20 20 20 00 00 00 01 00 00 01 5e 0b aa 78 84"
      "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
      "a5 08 b5 f0 73 f3 1b 16 dd 01 e5 6b ff 48 48 3e"
      "d5 3c a1 ea 7d ce 87 c1 14 32 05 2a 85 50 ed 26"
      "15 cf 71 5c a8 43 c8 97 10 ed 83 32 5b 69 1c ba"
      "00 00 00 03 00 00 00 15 7b 22 63 6f 6c 73 22 3a"
      "38 30 2c 22 72 6f 77 73 22 3a 32 34 7d");
}

AgentMessage size_message() {
  AgentMessage m;
  m.message_type = "input_stream_data";
  m.created_date_ms = 1503434274948;
  m.message_id = "dd01e56b-ff48-483e-a508-b5f073f31b16";
  m.payload_type = PayloadType::kSize;
  m.payload = R"({"cols":80,"rows":24})";
  return m;
}

TEST(AgentMessage, EncodesTheReferenceExampleByteForByte) {
  EXPECT_EQ(hex_encode(encode_agent_message(size_message())), hex_encode(size_example()));
}

TEST(AgentMessage, DecodesTheReferenceExample) {
  auto decoded = decode_agent_message(size_example());
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->message_type, "input_stream_data");
  EXPECT_EQ(decoded->schema_version, 1u);
  EXPECT_EQ(decoded->created_date_ms, 1503434274948u);
  EXPECT_EQ(decoded->sequence_number, 0);
  EXPECT_EQ(decoded->message_id, "dd01e56b-ff48-483e-a508-b5f073f31b16");
  EXPECT_EQ(decoded->payload_type, PayloadType::kSize);
  EXPECT_EQ(decoded->payload, R"({"cols":80,"rows":24})");
}

TEST(AgentMessage, MatchesTheTestEncoderForOtherFields) {
  std::string uuid = ssmlink::testing::random_uuid_bytes();
  std::string payload("\0\xff binary", 9);
  AgentMessage m;
  m.message_type = "output_stream_data";
  m.created_date_ms = 1700000000123;
  m.sequence_number = 77;
  m.flags = 1;
  m.message_id = ssmlink::testing::uuid_string(uuid);
  m.payload_type = PayloadType::kStdErr;
  m.payload = payload;
  EXPECT_EQ(encode_agent_message(m),
            ssmlink::testing::client_frame("output_stream_data", 77, 11, payload, uuid,
                                           1700000000123, 1));
}

TEST(AgentMessage, RejectsMalformedFramesWithAReason) {
  std::string good = size_example();
  auto rejects = [](const std::string& frame, const std::string& why) {
    auto decoded = decode_agent_message(frame);
    EXPECT_FALSE(decoded) << why;
    if (!decoded) {
      EXPECT_FALSE(decoded.error().empty());
    }
  };
  rejects("", "empty");
  rejects(good.substr(0, 119), "shorter than the header");
  std::string bad = good;
  bad[3] = 0;
  rejects(bad, "HeaderLength 0");
  bad = good;
  bad[3] = static_cast<char>(200);
  rejects(bad, "HeaderLength beyond the frame");
  bad = good;
  bad.replace(116, 4, "\xff\xff\xff\xff");
  rejects(bad, "huge PayloadLength");
  bad = good;
  bad[80] ^= 1;
  rejects(bad, "wrong digest");
  bad = good;
  bad.replace(4, 32, std::string(32, ' '));
  rejects(bad, "empty MessageType");
  bad = good;
  bad.replace(40, 8, std::string(8, '\0'));
  rejects(bad, "CreatedDate 0");
}

TEST(AgentMessage, PublicationMessagesSkipTheChecks) {
  std::string frame = ssmlink::testing::client_frame("pause_publication", 0, 0, "",
                                                     ssmlink::testing::random_uuid_bytes(), 0);
  auto decoded = decode_agent_message(frame);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->message_type, "pause_publication");
}

TEST(AgentMessage, TypeIsTrimmedOfNulsAndSpaces) {
  std::string frame = size_example();
  frame.replace(4 + 17, 15, std::string(15, '\0'));
  auto decoded = decode_agent_message(frame);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->message_type, "input_stream_data");
}

TEST(AgentMessage, NewUuidsAreVersion4Text) {
  std::string id = new_uuid();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_TRUE(uuid_bytes(id));
  EXPECT_NE(id, new_uuid());
  EXPECT_FALSE(uuid_bytes("not-a-uuid"));
}

}  // namespace
}  // namespace ssmlink::emulator::sessions
