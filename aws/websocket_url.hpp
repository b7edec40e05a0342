// ws:// and wss:// URLs: parsed with the HTTP layer's parse_url, and shown in messages
// and --debug with anything token-like in the query redacted.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "aws/http.hpp"

namespace ssmlink::aws {

struct WebSocketUrl {
  Url url;  // scheme "ws" or "wss"; host without brackets for IPv6 literals in `connect_host`
  bool secure() const { return url.scheme == "wss"; }
  int port() const { return url.port.value_or(secure() ? 443 : 80); }
  std::string connect_host() const;    // [::1] -> ::1
  std::string request_target() const;  // path[?query], as sent in the request line
};

// nullopt for anything but ws:// or wss:// with a host (user:password@ is refused).
std::optional<WebSocketUrl> parse_websocket_url(std::string_view text);

// scheme://host[:port]/path?query, where a query value is replaced by <redacted> when its
// name looks like a secret (token, signature, credential, key, ...) or the value itself
// looks like one (24 or more base64/hex characters).
std::string redacted_url(const WebSocketUrl& url);

}  // namespace ssmlink::aws
