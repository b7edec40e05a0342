// RFC 6455 frames as bytes: the client's encoder (always masked, section 5.3) and an
// incremental decoder for the server's frames that checks every rule of section 5 a
// client must check. Pure: no sockets, no randomness (the caller passes the mask key).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/errors.hpp"

namespace ssmlink::aws {

enum class Opcode : uint8_t {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xA,
};

std::string_view opcode_name(Opcode opcode);
inline bool is_control(Opcode opcode) {
  return (static_cast<uint8_t>(opcode) & 0x8) != 0;
}

// Close codes of RFC 6455 section 7.4.1 that the client sends.
inline constexpr uint16_t kCloseNormal = 1000;
inline constexpr uint16_t kCloseProtocolError = 1002;
inline constexpr uint16_t kCloseInvalidData = 1007;
inline constexpr uint16_t kCloseTooBig = 1009;
inline constexpr uint16_t kCloseNoStatus = 1005;  // never sent: "the close frame had no code"

// The peer broke the protocol (or sent more than the limit): the connection must be failed
// (section 7.1.7) with `close_code` in the client's close frame.
struct WebSocketProtocolError : ResponseError {
  WebSocketProtocolError(uint16_t code, const std::string& what)
      : ResponseError(what), close_code(code) {}
  uint16_t close_code;
};

struct Frame {
  bool fin = true;
  Opcode opcode = Opcode::Binary;
  std::string payload;
};

// One masked client frame (sections 5.2 and 5.3).
std::string encode_frame(Opcode opcode, std::string_view payload, std::array<uint8_t, 4> mask,
                         bool fin = true);

// A close frame's payload: the code in network order, then the reason (section 5.5.1).
std::string close_payload(uint16_t code, std::string_view reason);

// Bytes in, frames out. A frame whose header announces more than `max_payload` bytes is
// refused before any of its payload is kept, so memory stays bounded.
class FrameDecoder {
 public:
  explicit FrameDecoder(size_t max_payload) : max_payload_(max_payload) {}
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame, or nullopt until more bytes arrive. Throws
  // WebSocketProtocolError for a frame a client must reject.
  std::optional<Frame> next();

 private:
  size_t max_payload_;
  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already returned as frames
};

// A close frame's payload read back: code 1005 when it carries none. Throws
// WebSocketProtocolError for a payload of one byte, a code no endpoint may send
// (section 7.4) or a reason that is not UTF-8.
struct CloseReason {
  uint16_t code = kCloseNoStatus;
  std::string reason;
};
CloseReason parse_close_payload(std::string_view payload);

}  // namespace ssmlink::aws
