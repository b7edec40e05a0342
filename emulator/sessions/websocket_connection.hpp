// One upgraded WebSocket connection (RFC 6455, server side), as the agent of a session
// sees it: whole messages in and out, no HTTP, no framing. The server (server.cpp) owns
// the socket; the agent (agent_session.hpp) only talks through this.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssmlink::emulator::sessions {

struct WebSocketMessage {
  bool binary = true;  // false: a text message (the client's OpenDataChannel JSON)
  std::string data;
};

class WebSocketConnection {
 public:
  virtual ~WebSocketConnection() = default;

  // The next whole message, waiting at most `timeout`. std::nullopt when none came in time
  // or the connection is closed (closed() tells which). Called from one thread only.
  virtual std::optional<WebSocketMessage> receive(std::chrono::milliseconds timeout) = 0;
  // A descriptor that polls readable (poll(2), POLLIN) when receive() may have something
  // new, so the agent's loop can wait on it with its other descriptors; -1 when there is
  // none (the loop then waits in receive() itself, a few milliseconds at a time).
  // receive() with a zero timeout never blocks.
  virtual int wait_fd() const { return -1; }
  // True once the peer closed, the socket failed, or close()/drop() was called.
  virtual bool closed() const = 0;

  // Thread-safe; a send on a closed connection is silently dropped (the reliability layer
  // above retransmits what matters).
  virtual void send_binary(std::string_view data) = 0;
  virtual void send_text(std::string_view data) = 0;
  // A close frame with a status code and reason, then the socket is shut.
  virtual void close(uint16_t code = 1000, std::string_view reason = {}) = 0;
  // The TCP connection cut with no close frame (the "drop" fault; a lost network).
  virtual void drop() = 0;
};

}  // namespace ssmlink::emulator::sessions
