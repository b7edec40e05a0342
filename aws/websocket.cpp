// A WebSocket at run time: sending frames, the reader's loop, and the closing handshake
// (RFC 6455 sections 5 and 7). The opening is in websocket_connect.cpp.
#include "aws/websocket.hpp"

#include <openssl/rand.h>

#include "aws/errors.hpp"
#include "aws/websocket_state.hpp"

namespace ssmlink::aws {

namespace {

using Phase = WebSocket::State::Phase;

std::array<uint8_t, 4> random_mask() {
  // Section 5.3: a fresh, unpredictable key for every frame.
  std::array<uint8_t, 4> mask{};
  if (RAND_bytes(mask.data(), static_cast<int>(mask.size())) != 1) {
    throw AwsError("no random bytes for a WebSocket mask (OpenSSL RAND_bytes)");
  }
  return mask;
}

void log_frame(const WebSocket::State& state, const char* direction, Opcode opcode, size_t size) {
  if (!state.options.debug) return;
  state.options.debug->note("ws " + std::string(direction) + " " +
                            std::string(opcode_name(opcode)) + " " + std::to_string(size) +
                            " bytes");
}

// Closed from here on; the first final message set is the one kept.
void mark_closed(WebSocket::State& state, std::optional<Message> final_message) {
  {
    std::lock_guard lock(state.phase_mutex);
    state.phase = Phase::Closed;
    if (!state.final_message) state.final_message = std::move(final_message);
  }
  state.closed.notify_all();
  state.stream->shut_down();
}

Message local_close(uint16_t code, std::string reason = {}) {
  return Message{MessageType::Close, std::move(reason), code, false};
}

// Writes one frame. A close frame moves Open to CloseSent; nothing follows it (section
// 5.5.1). The phase is checked under the write lock, so frames keep their order.
void send_frame(WebSocket::State& state, Opcode opcode, std::string_view payload) {
  std::string frame = encode_frame(opcode, payload, random_mask());
  std::lock_guard write_lock(state.write_mutex);
  {
    std::lock_guard lock(state.phase_mutex);
    if (state.phase != Phase::Open) {
      throw TransportError(state.shown_url, "the WebSocket connection is closed", false);
    }
    if (opcode == Opcode::Close) state.phase = Phase::CloseSent;
  }
  try {
    state.stream->write_all(frame, std::chrono::steady_clock::now() + state.options.send_timeout);
  } catch (const TransportError&) {
    // Part of a frame may be out: nothing else can follow it on this connection.
    mark_closed(state, std::nullopt);
    throw;
  }
  log_frame(state, "->", opcode, payload.size());
}

// Section 7.1.7: fail the connection with a close frame saying why, then report it.
[[noreturn]] void fail_connection(WebSocket::State& state, const WebSocketProtocolError& error) {
  try {
    send_frame(state, Opcode::Close, close_payload(error.close_code, {}));
  } catch (const AwsError&) {
    // Already closing or gone: the error below is what matters.
  }
  mark_closed(state, std::nullopt);
  throw WebSocketProtocolError(error.close_code, state.shown_url + ": " + error.what());
}

// What one frame from the server means: a message to return, or nothing yet.
std::optional<Message> handle_frame(WebSocket::State& state, Frame frame) {
  log_frame(state, "<-", frame.opcode, frame.payload.size());
  switch (frame.opcode) {
    case Opcode::Ping: {
      bool open = false;
      {
        std::lock_guard lock(state.phase_mutex);
        open = state.phase == Phase::Open;
      }
      // Section 5.5.2: a pong with the ping's payload, unless we are closing.
      if (open) send_frame(state, Opcode::Pong, frame.payload);
      return std::nullopt;
    }
    case Opcode::Pong:
      return std::nullopt;  // unsolicited or an answer to ping(): nothing to do
    case Opcode::Close: {
      CloseReason reason = parse_close_payload(frame.payload);
      try {
        // Section 5.5.1: answer with a close frame echoing the code (none if it had none).
        send_frame(state, Opcode::Close,
                   reason.code == kCloseNoStatus ? std::string() : close_payload(reason.code, {}));
      } catch (const TransportError&) {
        // Our own close went first, or the peer left at once: nothing to answer.
      }
      Message message{MessageType::Close, std::move(reason.reason), reason.code, true};
      mark_closed(state, message);
      return message;
    }
    default:
      return state.assembler.add(std::move(frame));
  }
}

// The reader's loop: frames already buffered first, then the socket, until a message,
// the deadline (nullopt) or the end.
std::optional<Message> next_message(WebSocket::State& state, SteadyTime deadline) {
  while (true) {
    try {
      while (auto frame = state.decoder.next()) {
        if (auto message = handle_frame(state, std::move(*frame))) return message;
      }
    } catch (const WebSocketProtocolError& error) {
      fail_connection(state, error);
    }
    SocketStream::ReadResult result;
    try {
      result =
          state.stream->read_some(state.read_buffer.data(), state.read_buffer.size(), deadline);
    } catch (const TransportError&) {
      mark_closed(state, std::nullopt);
      throw;
    }
    if (result.status == SocketStream::ReadStatus::Data) {
      state.decoder.feed(std::string_view(state.read_buffer.data(), result.bytes));
      continue;
    }
    if (result.status == SocketStream::ReadStatus::Timeout) return std::nullopt;
    {
      // Woken or ended after shutdown() or close() gave up: their final message.
      std::lock_guard lock(state.phase_mutex);
      if (state.final_message) return state.final_message;
      if (result.status == SocketStream::ReadStatus::Woken) return local_close(1006);
    }
    mark_closed(state, std::nullopt);
    throw TransportError(state.shown_url, "the connection closed without a WebSocket close frame",
                         false);
  }
}

}  // namespace

std::optional<Message> WebSocket::receive(std::chrono::milliseconds timeout) {
  State& state = *state_;
  std::lock_guard read_lock(state.read_mutex);
  {
    std::lock_guard lock(state.phase_mutex);
    if (state.phase == Phase::Closed) {
      if (state.final_message) return state.final_message;
      throw TransportError(state.shown_url, "the WebSocket connection is closed", false);
    }
  }
  return next_message(state, std::chrono::steady_clock::now() + timeout);
}

void WebSocket::send_text(std::string_view text) {
  send_frame(*state_, Opcode::Text, text);
}
void WebSocket::send_binary(std::string_view bytes) {
  send_frame(*state_, Opcode::Binary, bytes);
}

void WebSocket::ping(std::string_view payload) {
  if (payload.size() > 125) throw AwsError("a WebSocket ping carries at most 125 bytes");
  send_frame(*state_, Opcode::Ping, payload);
}

void WebSocket::close(uint16_t code, std::string_view reason) {
  State& state = *state_;
  try {
    send_frame(state, Opcode::Close, close_payload(code, reason));
  } catch (const AwsError&) {
    // Already closing or closed (a second call, the peer's close, a failure): done.
    return;
  }
  SteadyTime deadline = std::chrono::steady_clock::now() + state.options.close_timeout;
  std::unique_lock read_lock(state.read_mutex, std::try_to_lock);
  if (read_lock.owns_lock()) {
    // No reader: read here, dropping data, until the peer's close frame (section 7.1.1).
    try {
      while (auto message = next_message(state, deadline)) {
        if (message->type == MessageType::Close) break;
      }
    } catch (const AwsError&) {
      // A broken close handshake still ends in a closed connection.
    }
  } else {
    std::unique_lock lock(state.phase_mutex);
    state.closed.wait_until(lock, deadline, [&] { return state.phase == Phase::Closed; });
  }
  mark_closed(state, local_close(code, std::string(reason)));
}

bool WebSocket::is_open() const {
  std::lock_guard lock(state_->phase_mutex);
  return state_->phase == Phase::Open;
}

void WebSocket::shutdown() {
  mark_closed(*state_, local_close(1006));
}

const std::string& WebSocket::url() const {
  return state_->shown_url;
}

}  // namespace ssmlink::aws
