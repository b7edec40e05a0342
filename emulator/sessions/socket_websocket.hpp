// A WebSocketConnection over an accepted TCP socket after the 101 answer (RFC 6455
// server side): client frames unmasked, fragments joined, pings answered, a close echoed.
// Anything malformed closes the connection with the status RFC 6455 names for it.
#pragma once
#include <atomic>
#include <mutex>
#include <string>

#include "emulator/sessions/websocket_connection.hpp"

namespace ssmlink::emulator::sessions {

// Larger messages close the connection with 1009: a data-channel message is at most a
// 120-byte header and a 32 KiB smux frame.
inline constexpr size_t kMaxWebSocketMessage = size_t{1} << 20;

class SocketWebSocket final : public WebSocketConnection {
 public:
  // Takes the socket; `already_read` are bytes that came after the request head.
  SocketWebSocket(int fd, std::string already_read);
  ~SocketWebSocket() override;  // closes the socket
  SocketWebSocket(const SocketWebSocket&) = delete;
  SocketWebSocket& operator=(const SocketWebSocket&) = delete;

  std::optional<WebSocketMessage> receive(std::chrono::milliseconds timeout) override;
  int wait_fd() const override { return fd_; }
  bool closed() const override { return closed_; }
  void send_binary(std::string_view data) override { send_frame(0x2, data); }
  void send_text(std::string_view data) override { send_frame(0x1, data); }
  void close(uint16_t code = 1000, std::string_view reason = {}) override;
  void drop() override;

 private:
  struct Frame {
    bool fin;
    uint8_t opcode;
    std::string payload;
  };
  // A whole frame from the buffer, if one is there; closes on a protocol error.
  std::optional<Frame> take_frame();
  // What a frame means: a message once complete, control frames handled here.
  std::optional<WebSocketMessage> handle(Frame frame);
  void send_frame(uint8_t opcode, std::string_view payload);
  void fail(uint16_t code, std::string_view reason);

  int fd_;
  std::string buffer_;   // received, not yet parsed
  std::string partial_;  // a fragmented message so far
  uint8_t partial_opcode_ = 0;
  std::atomic<bool> closed_{false};
  std::mutex send_mutex_;
};

}  // namespace ssmlink::emulator::sessions
