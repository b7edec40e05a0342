// Which HTTP proxy a WebSocket connection goes through, read from the environment the way
// libcurl reads it for the HTTP calls (aws/curl_client.cpp), so that both agree:
// https_proxy/HTTPS_PROXY for wss://, http_proxy/HTTP_PROXY for ws://, then
// all_proxy/ALL_PROXY; no_proxy/NO_PROXY lists hosts reached directly.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "aws/websocket_url.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

struct ProxySettings {
  std::string host;  // without brackets
  int port = 1080;   // libcurl's default proxy port
  // "user:password" from the proxy URL, percent-decoded, for Basic auth. Never shown.
  std::optional<std::string> credentials;
  std::string shown;  // http://host:port, without the credentials, for messages
};

// nullopt when no proxy is set or NO_PROXY names the target. Throws ConfigError naming
// the variable (not its credentials) when the proxy URL is not http://host[:port].
std::optional<ProxySettings> proxy_for(const WebSocketUrl& target, const Environment& env);

// NO_PROXY's rules as libcurl has them: "*" matches all; otherwise a comma-separated list of
// names (matching the name and its subdomains, a leading dot ignored), IP addresses and
// IPv4 CIDR blocks.
bool bypasses_proxy(std::string_view no_proxy, std::string_view host);

}  // namespace ssmlink::aws
