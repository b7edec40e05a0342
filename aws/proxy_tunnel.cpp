#include "aws/proxy_tunnel.hpp"

#include "aws/errors.hpp"
#include "aws/websocket_handshake.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {
constexpr size_t kMaxProxyAnswer = 16384;
}

void open_proxy_tunnel(SocketStream& connection, const ProxySettings& proxy,
                       const std::string& target_authority, SteadyTime deadline) {
  std::string request = "CONNECT " + target_authority + " HTTP/1.1\r\nHost: " + target_authority +
                        "\r\nProxy-Connection: Keep-Alive\r\n";
  if (proxy.credentials) {
    request += "Proxy-Authorization: Basic " + base64_encode(*proxy.credentials) + "\r\n";
  }
  connection.write_all(request + "\r\n", deadline);
  auto refuse = [&](const std::string& what) {
    throw TransportError(connection.shown_url(), "the proxy " + proxy.shown + " " + what, false,
                         true);
  };
  // One byte at a time: whatever follows the proxy's blank line belongs to the tunnel
  // (the TLS handshake), so nothing past it may be read here.
  std::string answer;
  while (!answer.ends_with("\r\n\r\n")) {
    if (answer.size() > kMaxProxyAnswer) refuse("sent an over-long answer to CONNECT");
    char byte = 0;
    auto result = connection.read_some(&byte, 1, deadline);
    if (result.status == SocketStream::ReadStatus::Ended) refuse("closed the connection");
    if (result.status != SocketStream::ReadStatus::Data) refuse("did not answer CONNECT in time");
    answer += byte;
  }
  auto head = parse_response_head(answer);
  if (!head) refuse("did not answer CONNECT with HTTP");
  if (head->status / 100 != 2) {
    refuse("refused the tunnel to " + target_authority + ": HTTP " + std::to_string(head->status) +
           (head->reason.empty() ? "" : " " + printable(head->reason)) +
           (head->status == 407 ? " (check the user and password in the proxy URL)" : ""));
  }
}

}  // namespace ssmlink::aws
