// Test helpers for the data channel: the agent's side of the wire, built with the codec,
// a fake clock and deterministic MessageIds.
#pragma once
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "session/data_channel.hpp"

namespace ssmlink::session::testing {

// Milliseconds after an arbitrary, realistic moment.
inline Time at(int64_t ms) {
  return Time(std::chrono::milliseconds(1'700'000'000'000 + ms));
}

inline DataChannelConfig test_config() {
  auto counter = std::make_shared<uint8_t>(0);
  return {.client_version = "1.2.677.0", .new_message_id = [counter] {
            Uuid id;
            id.bytes[15] = ++*counter;
            return id;
          }};
}

// Frames as the agent (through the service) would send them.
inline std::string agent_data(int64_t sequence, PayloadType type, std::string payload) {
  Uuid id;
  id.bytes[0] = 0xa0;
  id.bytes[15] = static_cast<uint8_t>(sequence);
  return encode({.message_type = std::string(kOutputStreamData),
                 .created_date_ms = 1'700'000'000'000,
                 .sequence_number = sequence,
                 .flags = sequence == 0 ? kFlagSyn : 0,
                 .message_id = id,
                 .payload_type = type,
                 .payload = std::move(payload)});
}
inline std::string agent_output(int64_t sequence, std::string bytes) {
  return agent_data(sequence, PayloadType::Output, std::move(bytes));
}
inline std::string agent_ack(int64_t sequence) {
  return encode({.message_type = std::string(kAcknowledge),
                 .created_date_ms = 1'700'000'000'000,
                 .flags = kFlagSyn | kFlagFin,
                 .payload = acknowledge_json({"input_stream_data", "x", sequence})});
}
inline std::string service_message(std::string_view type, std::string payload) {
  return encode({.message_type = std::string(type),
                 .created_date_ms = 1'700'000'000'000,
                 .payload = std::move(payload)});
}
inline std::string handshake_request(std::string_view session_type, std::string extra_action = "") {
  return agent_data(
      0, PayloadType::HandshakeRequest,
      R"({"AgentVersion":"3.3.987.0","RequestedClientActions":[{"ActionType":"SessionType",)"
      R"("ActionParameters":{"SessionType":")" +
          std::string(session_type) + R"(","Properties":null}})" + extra_action + "]}");
}

inline std::vector<ClientMessage> decoded(const Step& step) {
  std::vector<ClientMessage> messages;
  for (const std::string& frame : step.frames) {
    auto message = decode(frame);
    EXPECT_TRUE(message) << message.error().message;
    if (message) messages.push_back(*message);
  }
  return messages;
}

// "ack 3", "data 0 Size {...}": one line per frame, for readable expectations.
inline std::vector<std::string> summary(const Step& step) {
  std::vector<std::string> lines;
  for (const ClientMessage& message : decoded(step)) {
    if (message.message_type == kAcknowledge) {
      auto content = nlohmann::json::parse(message.payload);
      lines.push_back("ack " +
                      std::to_string(content["AcknowledgedMessageSequenceNumber"].get<int64_t>()));
    } else {
      lines.push_back(
          "data " + std::to_string(message.sequence_number) + " " +
          std::string(payload_type_name(message.payload_type)) +
          (message.payload_type == PayloadType::HandshakeResponse ? "" : " " + message.payload));
    }
  }
  return lines;
}

template <typename E>
std::vector<E> events_of(const Step& step) {
  std::vector<E> found;
  for (const Event& event : step.events) {
    if (const E* e = std::get_if<E>(&event)) found.push_back(*e);
  }
  return found;
}

inline std::string stdout_of(const Step& step) {
  std::string text;
  for (const auto& output : events_of<OutputReceived>(step))
    text += output.bytes;
  return text;
}

// Everything one or more inputs produced, in order.
inline Step& operator+=(Step& into, Step more) {
  for (auto& frame : more.frames)
    into.frames.push_back(std::move(frame));
  for (auto& event : more.events)
    into.events.push_back(std::move(event));
  return into;
}

}  // namespace ssmlink::session::testing
