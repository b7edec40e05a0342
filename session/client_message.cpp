#include "session/client_message.hpp"

#include <algorithm>
#include <array>

#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::session {

namespace {

// Field offsets of section 5.1.
constexpr size_t kMessageTypeOffset = 4;
constexpr size_t kMessageTypeSize = 32;
constexpr size_t kSchemaVersionOffset = 36;
constexpr size_t kCreatedDateOffset = 40;
constexpr size_t kSequenceNumberOffset = 48;
constexpr size_t kFlagsOffset = 56;
constexpr size_t kMessageIdOffset = 64;
constexpr size_t kDigestOffset = 80;
constexpr size_t kDigestSize = 32;
constexpr size_t kPayloadTypeOffset = 112;
constexpr size_t kPayloadLengthOffset = 116;

constexpr std::array kKnownMessageTypes = {kInputStreamData,  kOutputStreamData, kAcknowledge,
                                           kChannelClosed,    kStartPublication, kPausePublication,
                                           kAgentSessionState};

void put_big_endian(std::string& out, size_t offset, uint64_t value, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    out[offset + i] = static_cast<char>(value >> (8 * (size - 1 - i)));
  }
}

uint64_t get_big_endian(std::string_view in, size_t offset, size_t size) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value = value << 8 | static_cast<uint8_t>(in[offset + i]);
  return value;
}

// Section 5.1: readers strip NULs at both ends, then whitespace.
std::string_view stripped_message_type(std::string_view field) {
  auto strip = [&](auto is_pad) {
    while (!field.empty() && is_pad(field.front()))
      field.remove_prefix(1);
    while (!field.empty() && is_pad(field.back()))
      field.remove_suffix(1);
  };
  strip([](char c) { return c == '\0'; });
  strip([](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return field;
}

bool is_publication(std::string_view type) {
  return type == kStartPublication || type == kPausePublication;
}

}  // namespace

std::string_view payload_type_name(PayloadType type) {
  switch (type) {
    case PayloadType::None:
      return "None";
    case PayloadType::Output:
      return "Output";
    case PayloadType::Error:
      return "Error";
    case PayloadType::Size:
      return "Size";
    case PayloadType::Parameter:
      return "Parameter";
    case PayloadType::HandshakeRequest:
      return "HandshakeRequest";
    case PayloadType::HandshakeResponse:
      return "HandshakeResponse";
    case PayloadType::HandshakeComplete:
      return "HandshakeComplete";
    case PayloadType::EncChallengeRequest:
      return "EncChallengeRequest";
    case PayloadType::EncChallengeResponse:
      return "EncChallengeResponse";
    case PayloadType::Flag:
      return "Flag";
    case PayloadType::StdErr:
      return "StdErr";
    case PayloadType::ExitCode:
      return "ExitCode";
  }
  return "unknown";
}

std::string encode(const ClientMessage& message) {
  std::string frame(kPayloadOffset, '\0');
  put_big_endian(frame, 0, kHeaderLength, 4);
  std::string type = message.message_type.substr(0, kMessageTypeSize);
  type.resize(kMessageTypeSize, ' ');  // space padding, as both ends write it
  frame.replace(kMessageTypeOffset, kMessageTypeSize, type);
  put_big_endian(frame, kSchemaVersionOffset, message.schema_version, 4);
  put_big_endian(frame, kCreatedDateOffset, message.created_date_ms, 8);
  put_big_endian(frame, kSequenceNumberOffset, static_cast<uint64_t>(message.sequence_number), 8);
  put_big_endian(frame, kFlagsOffset, message.flags, 8);
  // Section 5.2: the UUID's second half first.
  for (size_t i = 0; i < 8; ++i) {
    frame[kMessageIdOffset + i] = static_cast<char>(message.message_id.bytes[8 + i]);
    frame[kMessageIdOffset + 8 + i] = static_cast<char>(message.message_id.bytes[i]);
  }
  frame.replace(kDigestOffset, kDigestSize, sha256(message.payload));
  put_big_endian(frame, kPayloadTypeOffset, static_cast<uint32_t>(message.payload_type), 4);
  put_big_endian(frame, kPayloadLengthOffset, message.payload.size(), 4);
  frame += message.payload;
  return frame;
}

Result<ClientMessage> decode(std::string_view frame) {
  if (frame.size() < kPayloadOffset) {
    return fail("data channel message too short: " + std::to_string(frame.size()) +
                " bytes, a header needs " + std::to_string(kPayloadOffset));
  }
  uint64_t header_length = get_big_endian(frame, 0, 4);
  if (header_length != kHeaderLength) {
    return fail("data channel message has HeaderLength " + std::to_string(header_length) +
                " (expected " + std::to_string(kHeaderLength) + ")");
  }
  ClientMessage message;
  std::string_view type = stripped_message_type(frame.substr(kMessageTypeOffset, kMessageTypeSize));
  if (std::find(kKnownMessageTypes.begin(), kKnownMessageTypes.end(), type) ==
      kKnownMessageTypes.end()) {
    return fail("data channel message has an unknown MessageType " + in_quotes(type));
  }
  message.message_type = std::string(type);
  message.schema_version = static_cast<uint32_t>(get_big_endian(frame, kSchemaVersionOffset, 4));
  message.created_date_ms = get_big_endian(frame, kCreatedDateOffset, 8);
  message.sequence_number = static_cast<int64_t>(get_big_endian(frame, kSequenceNumberOffset, 8));
  message.flags = get_big_endian(frame, kFlagsOffset, 8);
  for (size_t i = 0; i < 8; ++i) {
    message.message_id.bytes[8 + i] = static_cast<uint8_t>(frame[kMessageIdOffset + i]);
    message.message_id.bytes[i] = static_cast<uint8_t>(frame[kMessageIdOffset + 8 + i]);
  }
  uint64_t payload_type = get_big_endian(frame, kPayloadTypeOffset, 4);
  uint64_t payload_length = get_big_endian(frame, kPayloadLengthOffset, 4);
  message.payload = std::string(frame.substr(kPayloadOffset));
  message.payload_type = static_cast<PayloadType>(payload_type);
  if (is_publication(type)) return message;

  std::string what = message.message_type + " message";
  if (message.created_date_ms == 0) return fail(what + " has CreatedDate 0");
  if (payload_length != message.payload.size()) {
    return fail(what + " has PayloadLength " + std::to_string(payload_length) + " but carries " +
                std::to_string(message.payload.size()) + " payload bytes");
  }
  if (payload_type > static_cast<uint32_t>(PayloadType::ExitCode)) {
    return fail(what + " has an unknown PayloadType " + std::to_string(payload_type) +
                " (known: 0 to 12)");
  }
  // The plugin checks the digest only when there is a payload (section 5.1).
  if (!message.payload.empty() &&
      frame.substr(kDigestOffset, kDigestSize) != sha256(message.payload)) {
    return fail(what + " " + std::to_string(message.sequence_number) +
                ": the payload does not match its SHA-256 digest");
  }
  return message;
}

}  // namespace ssmlink::session
