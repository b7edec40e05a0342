// WebSocket::connect: the connection (direct or through a proxy), TLS, and the opening
// handshake of RFC 6455 section 4.1.
#include <chrono>

#include "aws/errors.hpp"
#include "aws/proxy_settings.hpp"
#include "aws/proxy_tunnel.hpp"
#include "aws/websocket.hpp"
#include "aws/websocket_handshake.hpp"
#include "aws/websocket_state.hpp"
#include "aws/websocket_url.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

constexpr size_t kMaxUpgradeAnswer = 65536;

// Reads the server's answer up to its blank line; what follows (frames the server sent at
// once) is left in `rest`.
std::string read_answer_head(SocketStream& stream, SteadyTime deadline,
                             std::chrono::milliseconds allowed, std::string& rest) {
  std::string answer;
  char buffer[4096];
  while (true) {
    size_t end = answer.find("\r\n\r\n");
    if (end != std::string::npos) {
      rest = answer.substr(end + 4);
      answer.resize(end + 4);
      return answer;
    }
    if (answer.size() > kMaxUpgradeAnswer) {
      throw ResponseError(stream.shown_url() +
                          " sent an over-long answer to the WebSocket upgrade");
    }
    auto result = stream.read_some(buffer, sizeof buffer, deadline);
    if (result.status == SocketStream::ReadStatus::Ended) {
      throw TransportError(stream.shown_url(),
                           "the server closed the connection during the WebSocket handshake",
                           false);
    }
    if (result.status != SocketStream::ReadStatus::Data) {
      throw TransportError(
          stream.shown_url(),
          "no answer to the WebSocket upgrade within " + std::to_string(allowed.count()) + " ms",
          true);
    }
    answer.append(buffer, result.bytes);
  }
}

}  // namespace

WebSocket::WebSocket(std::unique_ptr<State> state) : state_(std::move(state)) {}
WebSocket::WebSocket(WebSocket&&) noexcept = default;
WebSocket& WebSocket::operator=(WebSocket&&) noexcept = default;
WebSocket::~WebSocket() = default;

WebSocket WebSocket::connect(const std::string& text, const WebSocketOptions& options,
                             const Environment& env) {
  auto url = parse_websocket_url(text);
  if (!url) {
    // Only up to the query: a malformed URL can still carry a token.
    throw TransportError(printable(text.substr(0, text.find('?'))), "not a ws:// or wss:// URL",
                         false, true);
  }
  auto started = std::chrono::steady_clock::now();
  SteadyTime deadline = started + options.handshake_timeout;
  std::string shown = redacted_url(*url);
  auto proxy = proxy_for(*url, env);
  if (options.debug) {
    options.debug->note("ws connect " + shown + (proxy ? " via proxy " + proxy->shown : ""));
  }
  auto stream = std::make_unique<SocketStream>(proxy ? proxy->host : url->connect_host(),
                                               proxy ? proxy->port : url->port(),
                                               options.connect_timeout, shown);
  if (proxy) {
    open_proxy_tunnel(*stream, *proxy, url->url.host + ":" + std::to_string(url->port()), deadline);
  }
  if (url->secure()) stream->start_tls(url->connect_host(), options.ca_bundle, deadline);

  std::string key = make_websocket_key();
  stream->write_all(upgrade_request(*url, key, options.headers, options.user_agent), deadline);
  std::string rest;
  std::string answer = read_answer_head(*stream, deadline, options.handshake_timeout, rest);
  auto head = parse_response_head(answer);
  if (!head) throw ResponseError(shown + " did not answer the WebSocket upgrade with HTTP");
  check_upgrade_response(*head, key, shown);
  if (options.debug) {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    options.debug->note("ws <- HTTP 101 in " + std::to_string(elapsed.count()) + " ms");
  }
  auto state = std::make_unique<State>(options, shown, std::move(stream));
  state->decoder.feed(rest);
  return WebSocket(std::move(state));
}

}  // namespace ssmlink::aws
