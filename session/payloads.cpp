#include "session/payloads.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace ssmlink::session {

namespace {

using nlohmann::json;

// Parses without exceptions: the payload came from the network.
Result<json> parse_json_object(std::string_view payload, std::string_view what) {
  json value = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    return fail(std::string(what) + " payload is not a JSON object: " + in_quotes(payload));
  }
  return value;
}

std::string string_member(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string open_data_channel_json(const OpenDataChannel& open) {
  json message = {{"MessageSchemaVersion", "1.0"},
                  {"RequestId", to_string(open.request_id)},
                  {"TokenValue", open.token},
                  {"ClientId", to_string(open.client_id)},
                  {"ClientVersion", open.client_version}};
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string acknowledge_json(const AcknowledgeContent& ack) {
  json content = {{"AcknowledgedMessageType", ack.message_type},
                  {"AcknowledgedMessageId", ack.message_id},
                  {"AcknowledgedMessageSequenceNumber", ack.sequence_number},
                  {"IsSequentialMessage", true}};
  return content.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<AcknowledgeContent> parse_acknowledge(std::string_view payload) {
  auto object = parse_json_object(payload, "acknowledge");
  if (!object) return std::unexpected(object.error());
  auto sequence = object->find("AcknowledgedMessageSequenceNumber");
  if (sequence == object->end() || !sequence->is_number_integer()) {
    return fail("acknowledge payload has no integer AcknowledgedMessageSequenceNumber: " +
                in_quotes(payload));
  }
  AcknowledgeContent ack;
  ack.message_type = string_member(*object, "AcknowledgedMessageType");
  ack.message_id = string_member(*object, "AcknowledgedMessageId");
  ack.sequence_number = sequence->get<int64_t>();
  return ack;
}

Result<ChannelClosed> parse_channel_closed(std::string_view payload) {
  // An empty payload still closes the channel: the reason is then unknown.
  if (payload.empty()) return ChannelClosed{};
  auto object = parse_json_object(payload, "channel_closed");
  if (!object) return std::unexpected(object.error());
  return ChannelClosed{string_member(*object, "SessionId"), string_member(*object, "Output")};
}

std::string size_json(TerminalSize size) {
  return "{\"cols\":" + std::to_string(size.cols) + ",\"rows\":" + std::to_string(size.rows) + "}";
}

std::string flag_payload(PortFlag flag) {
  auto value = static_cast<uint32_t>(flag);
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
          static_cast<char>(value >> 8), static_cast<char>(value)};
}

Result<PortFlag> parse_flag(std::string_view payload) {
  if (payload.size() != 4) {
    return fail("Flag payload has " + std::to_string(payload.size()) + " bytes (expected 4)");
  }
  uint32_t value = 0;
  for (char c : payload)
    value = value << 8 | static_cast<uint8_t>(c);
  if (value < 1 || value > 3) {
    return fail("Flag payload has an unknown value " + std::to_string(value) +
                " (known: 1 DisconnectToPort, 2 TerminateSession, 3 ConnectToPortError)");
  }
  return static_cast<PortFlag>(value);
}

Result<int> parse_exit_code(std::string_view payload) {
  constexpr std::string_view prefix = "EXIT_CODE:";
  std::string text = trim(payload);
  std::string_view rest = text;
  if (!rest.starts_with(prefix)) {
    return fail("ExitCode payload " + in_quotes(payload) + " does not start with EXIT_CODE:");
  }
  rest.remove_prefix(prefix.size());
  while (!rest.empty() && rest.front() == ' ')
    rest.remove_prefix(1);
  int code = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), code);
  if (rest.empty() || error != std::errc() || end != rest.data() + rest.size()) {
    return fail("ExitCode payload " + in_quotes(payload) + " has no integer after EXIT_CODE:");
  }
  return code;
}

}  // namespace ssmlink::session
