#include "emulator/sessions/socket_websocket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "util/strings.hpp"

namespace ssmlink::emulator::sessions {

namespace {

constexpr uint8_t kContinuation = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8, kPing = 0x9,
                  kPong = 0xA;

bool frame_write(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

}  // namespace

SocketWebSocket::SocketWebSocket(int fd, std::string already_read)
    : fd_(fd), buffer_(std::move(already_read)) {}

SocketWebSocket::~SocketWebSocket() {
  ::close(fd_);
}

std::optional<WebSocketMessage> SocketWebSocket::receive(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool looked = false;
  while (!closed_) {
    while (auto frame = take_frame()) {
      if (auto message = handle(std::move(*frame))) return message;
      if (closed_) return std::nullopt;
    }
    if (closed_) return std::nullopt;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    // Past the deadline the socket is still looked at once, without waiting: a zero
    // timeout (the agent's event loop) reads what has arrived.
    if (left.count() < 0) {
      if (looked) return std::nullopt;
      left = std::chrono::milliseconds(0);
    }
    looked = true;
    pollfd poller{fd_, POLLIN, 0};
    int ready = ::poll(&poller, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return std::nullopt;
    char chunk[16384];
    ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) {  // the peer went away without a close frame, or the socket failed
      closed_ = true;
      return std::nullopt;
    }
    buffer_.append(chunk, static_cast<size_t>(got));
  }
  return std::nullopt;
}

std::optional<SocketWebSocket::Frame> SocketWebSocket::take_frame() {
  if (buffer_.size() < 2) return std::nullopt;
  auto byte = [&](size_t i) { return static_cast<uint8_t>(buffer_[i]); };
  bool fin = byte(0) & 0x80;
  uint8_t opcode = byte(0) & 0x0f;
  bool masked = byte(1) & 0x80;
  uint64_t length = byte(1) & 0x7f;
  size_t at = 2;
  if (length == 126) {
    if (buffer_.size() < 4) return std::nullopt;
    length = (uint64_t{byte(2)} << 8) | byte(3);
    at = 4;
  } else if (length == 127) {
    if (buffer_.size() < 10) return std::nullopt;
    length = 0;
    for (size_t i = 2; i < 10; ++i)
      length = (length << 8) | byte(i);
    at = 10;
  }
  if (byte(0) & 0x70) {
    fail(1002, "reserved bits set without an extension");
    return std::nullopt;
  }
  if (!masked) {
    fail(1002, "client frames must be masked");
    return std::nullopt;
  }
  if (length > kMaxWebSocketMessage) {
    fail(1009, "frame of " + std::to_string(length) + " bytes exceeds the limit");
    return std::nullopt;
  }
  if (buffer_.size() < at + 4 + length) return std::nullopt;
  const char* mask = buffer_.data() + at;
  at += 4;
  Frame frame{fin, opcode, buffer_.substr(at, length)};
  for (size_t i = 0; i < frame.payload.size(); ++i)
    frame.payload[i] = static_cast<char>(frame.payload[i] ^ mask[i % 4]);
  buffer_.erase(0, at + length);
  return frame;
}

std::optional<WebSocketMessage> SocketWebSocket::handle(Frame frame) {
  if (frame.opcode >= 0x8) {  // control frames: short and whole (RFC 6455 5.5)
    if (!frame.fin || frame.payload.size() > 125) {
      fail(1002, "control frames must be whole and at most 125 bytes");
      return std::nullopt;
    }
    if (frame.opcode == kPing) {
      send_frame(kPong, frame.payload);
    } else if (frame.opcode == kClose) {
      // Echo the status code (RFC 6455 5.5.1), then the connection is over.
      std::string code = frame.payload.size() >= 2 ? frame.payload.substr(0, 2) : "";
      send_frame(kClose, code);
      closed_ = true;
      ::shutdown(fd_, SHUT_RDWR);
    } else if (frame.opcode != kPong) {
      fail(1002, "unknown control opcode " + std::to_string(frame.opcode));
    }
    return std::nullopt;
  }
  if (frame.opcode == kText || frame.opcode == kBinary) {
    if (partial_opcode_ != 0) {
      fail(1002, "a new message started inside a fragmented one");
      return std::nullopt;
    }
    partial_opcode_ = frame.opcode;
    partial_ = std::move(frame.payload);
  } else if (frame.opcode == kContinuation) {
    if (partial_opcode_ == 0) {
      fail(1002, "a continuation frame without a message to continue");
      return std::nullopt;
    }
    if (partial_.size() + frame.payload.size() > kMaxWebSocketMessage) {
      fail(1009, "message exceeds " + std::to_string(kMaxWebSocketMessage) + " bytes");
      return std::nullopt;
    }
    partial_ += frame.payload;
  } else {
    fail(1002, "unknown data opcode " + std::to_string(frame.opcode));
    return std::nullopt;
  }
  if (!frame.fin) return std::nullopt;
  WebSocketMessage message{partial_opcode_ == kBinary, std::move(partial_)};
  partial_.clear();
  partial_opcode_ = 0;
  if (!message.binary && !is_valid_utf8(message.data)) {
    fail(1007, "a text message that is not UTF-8");
    return std::nullopt;
  }
  return message;
}

void SocketWebSocket::send_frame(uint8_t opcode, std::string_view payload) {
  if (closed_) return;
  std::string frame;
  frame.reserve(payload.size() + 10);
  frame += static_cast<char>(0x80 | opcode);  // server frames: whole, unmasked
  if (payload.size() < 126) {
    frame += static_cast<char>(payload.size());
  } else if (payload.size() <= 0xffff) {
    frame += static_cast<char>(126);
    frame += static_cast<char>(payload.size() >> 8);
    frame += static_cast<char>(payload.size() & 0xff);
  } else {
    frame += static_cast<char>(127);
    for (int shift = 56; shift >= 0; shift -= 8)
      frame += static_cast<char>((uint64_t{payload.size()} >> shift) & 0xff);
  }
  frame += payload;
  std::lock_guard lock(send_mutex_);
  if (!frame_write(fd_, frame)) closed_ = true;
}

void SocketWebSocket::close(uint16_t code, std::string_view reason) {
  std::string payload;
  payload += static_cast<char>(code >> 8);
  payload += static_cast<char>(code & 0xff);
  payload += reason.substr(0, 123);  // a control frame's payload is at most 125 bytes
  send_frame(kClose, payload);
  closed_ = true;
  ::shutdown(fd_, SHUT_RDWR);
}

void SocketWebSocket::drop() {
  // A lost network: no close frame, and a reset rather than an orderly end once closed.
  linger abrupt{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abrupt, sizeof abrupt);
  closed_ = true;
  ::shutdown(fd_, SHUT_RDWR);
}

void SocketWebSocket::fail(uint16_t code, std::string_view reason) {
  close(code, reason);
}

}  // namespace ssmlink::emulator::sessions
