#include "session/payloads.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ssmlink::session {
namespace {

using nlohmann::json;

TEST(Uuid, RoundTripsAndRejectsMalformedText) {
  auto id = parse_uuid("DD01E56B-ff48-483e-a508-b5f073f31b16");
  ASSERT_TRUE(id);
  EXPECT_EQ(to_string(*id), "dd01e56b-ff48-483e-a508-b5f073f31b16");
  for (const char* bad :
       {"", "dd01e56b-ff48-483e-a508-b5f073f31b1", "dd01e56bff48-483e-a508-b5f073f31b166",
        "dd01e56b-ff48-483e-a508-b5f073f31b1g", "dd01e56b-ff4-8483e-a508-b5f073f31b16"}) {
    EXPECT_FALSE(parse_uuid(bad)) << bad;
  }
  EXPECT_NE(parse_uuid("nope").error().message.find("'nope' is not a UUID"), std::string::npos);
}

TEST(Uuid, RandomOnesAreVersion4AndDiffer) {
  Uuid a = random_uuid();
  Uuid b = random_uuid();
  EXPECT_NE(a, b);
  EXPECT_EQ(to_string(a)[14], '4');
  EXPECT_NE(std::string("89ab").find(to_string(a)[19]), std::string::npos);
}

TEST(OpenDataChannel, CarriesTheFiveFieldsOfSection4_1) {
  json open = json::parse(
      open_data_channel_json({.token = "AAEAA-token",
                              .client_id = *parse_uuid("0b7e0000-1111-4222-8333-444455556666"),
                              .client_version = "1.2.677.0",
                              .request_id = *parse_uuid("6f1c0000-1111-4222-8333-444455556666")}));
  EXPECT_EQ(open, json::parse(R"({"MessageSchemaVersion":"1.0",
      "RequestId":"6f1c0000-1111-4222-8333-444455556666","TokenValue":"AAEAA-token",
      "ClientId":"0b7e0000-1111-4222-8333-444455556666","ClientVersion":"1.2.677.0"})"));
}

TEST(Acknowledge, BuildsAndParsesTheJsonOfSection6_2) {
  std::string text =
      acknowledge_json({"output_stream_data", "dd01e56b-ff48-483e-a508-b5f073f31b16", 7});
  EXPECT_EQ(json::parse(text), json::parse(R"({"AcknowledgedMessageType":"output_stream_data",
      "AcknowledgedMessageId":"dd01e56b-ff48-483e-a508-b5f073f31b16",
      "AcknowledgedMessageSequenceNumber":7,"IsSequentialMessage":true})"));
  auto ack = parse_acknowledge(text);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->sequence_number, 7);
  EXPECT_EQ(ack->message_type, "output_stream_data");
}

TEST(Acknowledge, MalformedPayloadsAreErrors) {
  for (const char* bad : {"", "[]", "{", "null", R"({"AcknowledgedMessageSequenceNumber":"7"})",
                          R"({"AcknowledgedMessageSequenceNumber":1.5})", "\xff\xfe"}) {
    EXPECT_FALSE(parse_acknowledge(bad)) << bad;
  }
}

TEST(ChannelClosed, ReadsTheReasonAndToleratesMissingFields) {
  auto closed = parse_channel_closed(
      R"({"MessageId":"x","CreatedDate":"1","DestinationId":"i-0abc","SessionId":"user-0123",
          "MessageType":"channel_closed","SchemaVersion":1,"Output":"Session terminated by admin"})");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->session_id, "user-0123");
  EXPECT_EQ(closed->output, "Session terminated by admin");
  EXPECT_EQ(parse_channel_closed(R"({"Output":5})")->output, "");
  EXPECT_TRUE(parse_channel_closed(""));
  EXPECT_FALSE(parse_channel_closed("not json"));
}

TEST(SizePayload, IsTheJsonOfSection9_2) {
  EXPECT_EQ(size_json({80, 24}), R"({"cols":80,"rows":24})");
  EXPECT_EQ(size_json(kFallbackTerminalSize), R"({"cols":300,"rows":100})");
}

TEST(FlagPayload, IsFourBigEndianBytes) {
  EXPECT_EQ(flag_payload(PortFlag::TerminateSession), std::string("\0\0\0\x02", 4));
  EXPECT_EQ(*parse_flag(std::string("\0\0\0\x03", 4)), PortFlag::ConnectToPortError);
  EXPECT_FALSE(parse_flag(std::string("\0\0\x03", 3)));
  EXPECT_FALSE(parse_flag(std::string("\0\0\0\x04", 4)));
  EXPECT_FALSE(parse_flag(std::string("\0\0\0\0", 4)));
}

TEST(ExitCodePayload, ReadsTheNumber) {
  EXPECT_EQ(*parse_exit_code("EXIT_CODE: 0"), 0);
  EXPECT_EQ(*parse_exit_code("EXIT_CODE: 127\n"), 127);
  EXPECT_EQ(*parse_exit_code("EXIT_CODE:-1"), -1);
  for (const char* bad : {"", "EXIT_CODE:", "EXIT_CODE: x", "EXIT_CODE: 1 2", "exit 3",
                          "EXIT_CODE: 99999999999999999999"}) {
    EXPECT_FALSE(parse_exit_code(bad)) << bad;
  }
}

}  // namespace
}  // namespace ssmlink::session
