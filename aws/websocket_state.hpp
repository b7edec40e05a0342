// Inside a WebSocket (aws/websocket.hpp): what websocket_connect.cpp builds and
// websocket.cpp runs. Not for use elsewhere.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aws/socket_stream.hpp"
#include "aws/websocket.hpp"
#include "aws/websocket_frame.hpp"
#include "aws/websocket_message.hpp"

namespace ssmlink::aws {

struct WebSocket::State {
  State(WebSocketOptions websocket_options, std::string url, std::unique_ptr<SocketStream> socket)
      : options(std::move(websocket_options)),
        shown_url(std::move(url)),
        stream(std::move(socket)),
        decoder(options.max_message_size),
        assembler(options.max_message_size) {}

  // Open -> CloseSent (our close frame is out) -> Closed; or Open -> Closed.
  enum class Phase { Open, CloseSent, Closed };

  WebSocketOptions options;
  std::string shown_url;
  std::unique_ptr<SocketStream> stream;
  FrameDecoder decoder;                                      // reader only
  MessageAssembler assembler;                                // reader only
  std::vector<char> read_buffer = std::vector<char>(65536);  // reader only

  std::mutex read_mutex;   // held by whoever reads: receive(), or close() when none does
  std::mutex write_mutex;  // one frame at a time on the wire
  mutable std::mutex phase_mutex;
  std::condition_variable closed;  // phase became Closed
  Phase phase = Phase::Open;
  // What receive() returns once Closed; none when the connection failed.
  std::optional<Message> final_message;
};

}  // namespace ssmlink::aws
