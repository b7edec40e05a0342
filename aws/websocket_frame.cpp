#include "aws/websocket_frame.hpp"

#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

constexpr uint8_t kFin = 0x80;
constexpr uint8_t kReservedBits = 0x70;
constexpr uint8_t kOpcodeBits = 0x0F;
constexpr uint8_t kMaskBit = 0x80;
constexpr size_t kMaxControlPayload = 125;  // section 5.5

bool is_known_opcode(uint8_t value) {
  return value <= 0x2 || (value >= 0x8 && value <= 0xA);
}

}  // namespace

std::string_view opcode_name(Opcode opcode) {
  switch (opcode) {
    case Opcode::Continuation:
      return "continuation";
    case Opcode::Text:
      return "text";
    case Opcode::Binary:
      return "binary";
    case Opcode::Close:
      return "close";
    case Opcode::Ping:
      return "ping";
    case Opcode::Pong:
      return "pong";
  }
  return "unknown";
}

std::string encode_frame(Opcode opcode, std::string_view payload, std::array<uint8_t, 4> mask,
                         bool fin) {
  std::string out;
  out.reserve(payload.size() + 14);
  out += static_cast<char>((fin ? kFin : 0) | static_cast<uint8_t>(opcode));
  // Section 5.2: 7-bit length, or 126 + 16 bits, or 127 + 64 bits, in network order.
  uint64_t length = payload.size();
  if (length <= 125) {
    out += static_cast<char>(kMaskBit | length);
  } else if (length <= 0xFFFF) {
    out += static_cast<char>(kMaskBit | 126);
    for (int shift = 8; shift >= 0; shift -= 8)
      out += static_cast<char>((length >> shift) & 0xFF);
  } else {
    out += static_cast<char>(kMaskBit | 127);
    for (int shift = 56; shift >= 0; shift -= 8)
      out += static_cast<char>((length >> shift) & 0xFF);
  }
  for (uint8_t byte : mask)
    out += static_cast<char>(byte);
  // Section 5.3: octet i is XORed with mask[i % 4].
  size_t start = out.size();
  out.append(payload);
  for (size_t i = 0; i < payload.size(); ++i)
    out[start + i] ^= static_cast<char>(mask[i % 4]);
  return out;
}

std::string close_payload(uint16_t code, std::string_view reason) {
  std::string out;
  out += static_cast<char>(code >> 8);
  out += static_cast<char>(code & 0xFF);
  // A control frame carries at most 125 bytes: the reason is cut to 123, on a
  // UTF-8 boundary so that the peer does not fail us for invalid text.
  size_t length = 0;
  while (length < reason.size()) {
    size_t step = utf8_sequence_length(reason, length);
    if (step == 0 || length + step > kMaxControlPayload - 2) break;
    length += step;
  }
  out.append(reason.substr(0, length));
  return out;
}

std::optional<Frame> FrameDecoder::next() {
  std::string_view data(buffer_);
  data.remove_prefix(consumed_);
  if (data.size() < 2) return std::nullopt;
  auto first = static_cast<uint8_t>(data[0]);
  auto second = static_cast<uint8_t>(data[1]);
  if ((first & kReservedBits) != 0) {
    // Section 5.2: no extension was negotiated, so RSV1-3 must be 0.
    throw WebSocketProtocolError(kCloseProtocolError, "a frame has reserved bits set");
  }
  if (!is_known_opcode(first & kOpcodeBits)) {
    throw WebSocketProtocolError(kCloseProtocolError, "a frame has the unknown opcode " +
                                                          std::to_string(first & kOpcodeBits));
  }
  if ((second & kMaskBit) != 0) {
    // Section 5.1: a client closes the connection if a server's frame is masked.
    throw WebSocketProtocolError(kCloseProtocolError, "the server sent a masked frame");
  }
  Frame frame;
  frame.fin = (first & kFin) != 0;
  frame.opcode = static_cast<Opcode>(first & kOpcodeBits);
  size_t header = 2;
  uint64_t length = second & 0x7F;
  if (length >= 126) {
    size_t bytes = length == 126 ? 2 : 8;
    if (data.size() < 2 + bytes) return std::nullopt;
    length = 0;
    for (size_t i = 0; i < bytes; ++i)
      length = (length << 8) | static_cast<uint8_t>(data[2 + i]);
    header += bytes;
    if (bytes == 8 && (length >> 63) != 0) {
      throw WebSocketProtocolError(kCloseProtocolError,
                                   "a frame's 64-bit length has its top bit set");
    }
  }
  if (is_control(frame.opcode) && (!frame.fin || length > kMaxControlPayload)) {
    // Section 5.5: control frames are never fragmented and carry at most 125 bytes.
    throw WebSocketProtocolError(kCloseProtocolError,
                                 "a " + std::string(opcode_name(frame.opcode)) +
                                     " frame is fragmented or longer than 125 bytes");
  }
  if (length > max_payload_) {
    throw WebSocketProtocolError(kCloseTooBig, "a frame of " + std::to_string(length) +
                                                   " bytes exceeds the limit of " +
                                                   std::to_string(max_payload_) + " bytes");
  }
  if (data.size() - header < length) return std::nullopt;
  frame.payload.assign(data.substr(header, length));
  consumed_ += header + length;
  // Drop what has been returned once it is most of the buffer, not on every frame.
  if (consumed_ >= 65536 || consumed_ == buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return frame;
}

CloseReason parse_close_payload(std::string_view payload) {
  CloseReason result;
  if (payload.empty()) return result;
  if (payload.size() == 1) {
    throw WebSocketProtocolError(kCloseProtocolError, "a close frame carries a 1-byte code");
  }
  result.code = static_cast<uint16_t>((static_cast<uint8_t>(payload[0]) << 8) |
                                      static_cast<uint8_t>(payload[1]));
  // Section 7.4: 1004-1006 and 1015 are reserved for reports, never sent; below 1000 and
  // 1016-2999 are not assigned.
  bool valid = (result.code >= 1000 && result.code <= 1003) ||
               (result.code >= 1007 && result.code <= 1014) ||
               (result.code >= 3000 && result.code <= 4999);
  if (!valid) {
    throw WebSocketProtocolError(kCloseProtocolError, "a close frame carries the invalid code " +
                                                          std::to_string(result.code));
  }
  result.reason.assign(payload.substr(2));
  if (!is_valid_utf8(result.reason)) {
    throw WebSocketProtocolError(kCloseInvalidData, "a close frame's reason is not UTF-8");
  }
  return result;
}

}  // namespace ssmlink::aws
