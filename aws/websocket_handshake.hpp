// The opening handshake of RFC 6455 section 4: the client's upgrade request and the checks
// on the server's answer. Also reads the head of an HTTP/1.1 response, which the proxy's
// answer to CONNECT shares.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/errors.hpp"
#include "aws/http.hpp"
#include "aws/websocket_url.hpp"

namespace ssmlink::aws {

// The server answered the upgrade request with something other than 101.
struct WebSocketHandshakeError : AwsError {
  WebSocketHandshakeError(std::string shown_url, int http_status, const std::string& what)
      : AwsError(what), url(std::move(shown_url)), status(http_status) {}
  std::string url;  // redacted
  int status;
};

struct ResponseHead {
  int status = 0;
  std::string reason;
  std::vector<Header> headers;
};

// `text` is everything up to and including the blank line. nullopt if it is not HTTP/1.x.
std::optional<ResponseHead> parse_response_head(std::string_view text);

// A fresh Sec-WebSocket-Key: 16 random bytes, base64 (section 4.1).
std::string make_websocket_key();
// base64(SHA-1(key + the GUID of section 1.3)).
std::string websocket_accept_for(std::string_view key);
std::string base64_encode(std::string_view bytes);

std::string upgrade_request(const WebSocketUrl& url, const std::string& key,
                            const std::vector<Header>& extra_headers,
                            const std::string& user_agent);

// Throws WebSocketHandshakeError for a status other than 101 (naming it and the URL), and
// ResponseError when the 101 lacks the Upgrade, Connection or matching Accept header, or
// agrees to an extension or subprotocol that was not asked for.
void check_upgrade_response(const ResponseHead& head, const std::string& key,
                            const std::string& shown_url);

}  // namespace ssmlink::aws
