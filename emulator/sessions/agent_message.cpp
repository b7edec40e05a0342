#include "emulator/sessions/agent_message.hpp"

#include <array>
#include <random>
#include <stdexcept>

#include "util/crypto.hpp"

namespace ssmlink::emulator::sessions {

namespace {

constexpr size_t kTypeOffset = 4, kTypeSize = 32;
constexpr size_t kSchemaOffset = 36, kDateOffset = 40, kSequenceOffset = 48, kFlagsOffset = 56;
constexpr size_t kIdOffset = 64, kDigestOffset = 80, kPayloadTypeOffset = 112;
constexpr size_t kPayloadLengthOffset = 116;

void put_be(std::string& frame, size_t offset, uint64_t value, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    frame[offset + i] = static_cast<char>((value >> (8 * (size - 1 - i))) & 0xff);
  }
}

uint64_t get_be(std::string_view frame, size_t offset, size_t size) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value = (value << 8) | static_cast<unsigned char>(frame[offset + i]);
  return value;
}

// Section 5.1: readers strip NULs at both ends, then whitespace.
std::string trimmed_type(std::string_view raw) {
  auto strip = [&](auto is_junk) {
    while (!raw.empty() && is_junk(raw.front()))
      raw.remove_prefix(1);
    while (!raw.empty() && is_junk(raw.back()))
      raw.remove_suffix(1);
  };
  strip([](char c) { return c == '\0'; });
  strip([](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return std::string(raw);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::expected<std::string, std::string> uuid_bytes(std::string_view text) {
  if (text.size() != 36)
    return std::unexpected("a UUID has 36 characters, not " + std::to_string(text.size()));
  std::string bytes;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-')
        return std::unexpected("a UUID has '-' at character " + std::to_string(i + 1));
      ++i;
      continue;
    }
    int high = hex_value(text[i]), low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) return std::unexpected("a UUID has hex digits only");
    bytes.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return bytes;
}

std::string uuid_text(std::string_view bytes) {
  std::string hex = hex_encode(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string new_uuid() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string bytes(16, '\0');
  for (size_t i = 0; i < 16; i += 8)
    put_be(bytes, i, random(), 8);
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return uuid_text(bytes);
}

std::string encode_agent_message(const AgentMessage& message) {
  if (message.message_type.size() > kTypeSize) {
    throw std::invalid_argument("message type longer than 32 bytes: " + message.message_type);
  }
  auto id = uuid_bytes(message.message_id);
  if (!id) throw std::invalid_argument("message id " + message.message_id + ": " + id.error());
  std::string frame(kMinimumFrame, '\0');
  put_be(frame, 0, kHeaderLength, 4);
  std::string type = message.message_type;
  type.resize(kTypeSize, ' ');  // section 5.1: space padding, not NULs
  frame.replace(kTypeOffset, kTypeSize, type);
  put_be(frame, kSchemaOffset, message.schema_version, 4);
  put_be(frame, kDateOffset, message.created_date_ms, 8);
  put_be(frame, kSequenceOffset, static_cast<uint64_t>(message.sequence_number), 8);
  put_be(frame, kFlagsOffset, message.flags, 8);
  // Section 5.2: the UUID's second half first.
  frame.replace(kIdOffset, 8, id->substr(8, 8));
  frame.replace(kIdOffset + 8, 8, id->substr(0, 8));
  frame.replace(kDigestOffset, 32, sha256(message.payload));
  put_be(frame, kPayloadTypeOffset, static_cast<uint32_t>(message.payload_type), 4);
  put_be(frame, kPayloadLengthOffset, message.payload.size(), 4);
  frame += message.payload;
  return frame;
}

std::expected<AgentMessage, std::string> decode_agent_message(std::string_view frame) {
  if (frame.size() < kMinimumFrame) {
    return std::unexpected("frame of " + std::to_string(frame.size()) +
                           " bytes is shorter than the 120-byte header");
  }
  uint64_t header_length = get_be(frame, 0, 4);
  if (header_length != kHeaderLength) {
    return std::unexpected("HeaderLength " + std::to_string(header_length) + " is not 116");
  }
  AgentMessage message;
  message.message_type = trimmed_type(frame.substr(kTypeOffset, kTypeSize));
  if (message.message_type.empty()) return std::unexpected("empty MessageType");
  message.schema_version = static_cast<uint32_t>(get_be(frame, kSchemaOffset, 4));
  message.created_date_ms = get_be(frame, kDateOffset, 8);
  message.sequence_number = static_cast<int64_t>(get_be(frame, kSequenceOffset, 8));
  message.flags = get_be(frame, kFlagsOffset, 8);
  std::string id(frame.substr(kIdOffset + 8, 8));
  id += frame.substr(kIdOffset, 8);
  message.message_id = uuid_text(id);
  message.payload_type = static_cast<PayloadType>(get_be(frame, kPayloadTypeOffset, 4));
  uint64_t payload_length = get_be(frame, kPayloadLengthOffset, 4);
  message.payload = std::string(frame.substr(kMinimumFrame));
  // The publication messages carry nothing the checks could apply to (section 4.3).
  bool publication = message.message_type == message_type::kStartPublication ||
                     message.message_type == message_type::kPausePublication;
  if (publication) return message;
  if (message.created_date_ms == 0) return std::unexpected("CreatedDate is 0");
  if (payload_length != message.payload.size()) {
    return std::unexpected("PayloadLength " + std::to_string(payload_length) + " but " +
                           std::to_string(message.payload.size()) + " payload bytes");
  }
  if (!message.payload.empty() && frame.substr(kDigestOffset, 32) != sha256(message.payload)) {
    return std::unexpected("PayloadDigest is not the SHA-256 of the payload");
  }
  return message;
}

}  // namespace ssmlink::emulator::sessions
