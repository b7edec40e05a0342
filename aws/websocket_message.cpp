#include "aws/websocket_message.hpp"

#include "util/strings.hpp"

namespace ssmlink::aws {

std::optional<Message> MessageAssembler::add(Frame frame) {
  if (frame.opcode == Opcode::Continuation) {
    if (!in_progress_) {
      throw WebSocketProtocolError(kCloseProtocolError,
                                   "a continuation frame arrived with no message to continue");
    }
  } else {
    if (in_progress_) {
      // Section 5.4: fragments of one message are not interleaved with another's.
      throw WebSocketProtocolError(kCloseProtocolError,
                                   "a new message started before the fragmented one ended");
    }
    in_progress_ = frame.opcode == Opcode::Text ? MessageType::Text : MessageType::Binary;
    data_.clear();
  }
  if (frame.payload.size() > max_size_ - data_.size()) {
    std::string size = std::to_string(data_.size() + frame.payload.size());
    in_progress_.reset();
    data_.clear();
    throw WebSocketProtocolError(kCloseTooBig, "a message of at least " + size +
                                                   " bytes exceeds the limit of " +
                                                   std::to_string(max_size_) + " bytes");
  }
  if (data_.empty()) {
    data_ = std::move(frame.payload);
  } else {
    data_.append(frame.payload);
  }
  if (!frame.fin) return std::nullopt;
  Message message{*in_progress_, std::move(data_)};
  in_progress_.reset();
  data_.clear();
  if (message.type == MessageType::Text && !is_valid_utf8(message.data)) {
    // Section 8.1: text must be UTF-8; failing is code 1007.
    throw WebSocketProtocolError(kCloseInvalidData, "a text message is not valid UTF-8");
  }
  return message;
}

}  // namespace ssmlink::aws
