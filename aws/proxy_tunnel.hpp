// A tunnel through an HTTP proxy (CONNECT, RFC 9110 section 9.3.6), opened on a fresh
// connection to the proxy before TLS and the WebSocket handshake run inside it.
#pragma once
#include <string>

#include "aws/proxy_settings.hpp"
#include "aws/socket_stream.hpp"

namespace ssmlink::aws {

// Asks the proxy for a tunnel to `target_authority` (host:port). Throws TransportError
// (unreachable) when the proxy refuses, naming the proxy and its status; the credentials
// go only into the Proxy-Authorization header and never into a message or log.
void open_proxy_tunnel(SocketStream& proxy_connection, const ProxySettings& proxy,
                       const std::string& target_authority, SteadyTime deadline);

}  // namespace ssmlink::aws
