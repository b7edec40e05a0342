// The server side of the WebSocket opening handshake (RFC 6455 section 4.2) for the
// emulator's data channel: whether a request head asks for it, and the answer.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ssmlink::emulator::sessions {

// Where data channels are served: GET /v1/data-channel/<session-id>?role=...
inline constexpr std::string_view kDataChannelPrefix = "GET /v1/data-channel/";

// Requests with a head bigger than this are not upgrades (httplib answers them).
inline constexpr size_t kMaxUpgradeHead = 16384;

struct UpgradeRequest {
  std::string session_id;  // from the path, percent-decoding not needed (IDs are [\w-])
  std::string query;       // after '?', as sent
  std::string key;         // Sec-WebSocket-Key
};

struct HandshakeVerdict {
  // Set for a valid upgrade; otherwise `response` is a complete HTTP error answer.
  std::optional<UpgradeRequest> upgrade;
  std::string response;
};

// True when `head` (a complete request head, "\r\n\r\n" included) is for the data channel
// and asks for a WebSocket: everything else goes to the HTTP API.
bool wants_data_channel(std::string_view head);

// Checks what RFC 6455 section 4.2.1 requires of the client's handshake; the response is
// either 101 Switching Protocols or a 400/426 naming what is wrong.
HandshakeVerdict answer_handshake(std::string_view head);

// base64(SHA-1(key + GUID)), the Sec-WebSocket-Accept value.
std::string websocket_accept(std::string_view key);

}  // namespace ssmlink::emulator::sessions
