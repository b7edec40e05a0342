// What a WebSocket reader gets: whole messages, with fragments joined (RFC 6455 section
// 5.4), and the assembler that joins them. Pure: frames in, messages out.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "aws/websocket_frame.hpp"

namespace ssmlink::aws {

enum class MessageType { Text, Binary, Close };

struct Message {
  MessageType type = MessageType::Binary;
  // Text (valid UTF-8) or binary payload; for Close, the reason.
  std::string data;
  // For Close only: the peer's code (1005 when it gave none, section 7.1.5), or 1006
  // after a local shutdown().
  uint16_t close_code = 0;
  bool closed_by_peer = false;
};

class MessageAssembler {
 public:
  explicit MessageAssembler(size_t max_message_size) : max_size_(max_message_size) {}
  // Takes a data frame (text, binary or continuation); returns the message it completes.
  // Throws WebSocketProtocolError for a continuation with nothing to continue, a new
  // message inside a fragmented one, a message over the limit, or text that is not UTF-8.
  std::optional<Message> add(Frame frame);

 private:
  size_t max_size_;
  std::optional<MessageType> in_progress_;
  std::string data_;
};

}  // namespace ssmlink::aws
