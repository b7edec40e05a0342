// A WebSocket client (RFC 6455) for Session Manager's data channel: ws:// and wss://,
// TLS always verified, HTTP proxies from the environment, one reader thread and any
// number of sender threads.
//
// Errors, as the rest of aws/:
//  - TransportError: no connection (resolve, connect, proxy refusal, TLS: `unreachable`
//    set), a connect or send that ran out of time (`timed_out`), or a connection that
//    dropped or was reset (neither flag: a passing fault, reconnect and resume).
//  - WebSocketHandshakeError: the server answered the upgrade with another status than
//    101; the message names the status and the URL (query redacted).
//  - ResponseError (WebSocketProtocolError for frames): the server broke the protocol
//    (bad Sec-WebSocket-Accept, malformed or masked frames, invalid UTF-8, a message over
//    max_message_size). The connection is failed first (close frame, RFC 6455 7.1.7).
//  - ConfigError: a proxy variable that is not http://[user:password@]host[:port].
// Messages never contain tokens: text payloads are never logged or quoted, and query
// values that look like secrets are redacted.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/debug_log.hpp"
#include "aws/http.hpp"
#include "aws/websocket_message.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

struct WebSocketOptions {
  // TCP connect, for each address the name resolves to.
  std::chrono::milliseconds connect_timeout{10000};
  // The whole opening: connect, proxy tunnel, TLS and upgrade (gorilla's default, which
  // session-manager-plugin uses, is 45 s).
  std::chrono::milliseconds handshake_timeout{45000};
  // A send that can write nothing for this long fails (timed_out).
  std::chrono::milliseconds send_timeout{60000};
  // How long close() waits for the peer's close frame (RFC 6455 section 7.1.1).
  std::chrono::milliseconds close_timeout{2000};
  // Larger messages (and frames) fail the connection with code 1009 before they are read.
  size_t max_message_size = 16 * 1024 * 1024;
  // resolve_ca_bundle (aws/ca_bundle.hpp): AWS_CA_BUNDLE or the profile's ca_bundle.
  std::optional<std::string> ca_bundle;
  std::string user_agent;           // ssmlink/<version>; none when empty
  std::vector<Header> headers;      // extra request headers for the upgrade
  std::shared_ptr<DebugLog> debug;  // frame summaries (type, size), never payloads
};

class WebSocket {
 public:
  // Opens the connection and completes the handshake. The proxy comes from `env`
  // (aws/proxy_settings.hpp); `env` is read only during the call.
  static WebSocket connect(const std::string& url, const WebSocketOptions& options,
                           const Environment& env);

  WebSocket(WebSocket&&) noexcept;
  WebSocket& operator=(WebSocket&&) noexcept;
  // Drops the connection without a close handshake (as session-manager-plugin does). No
  // other thread may still be using the object.
  ~WebSocket();

  // The next whole message (fragments joined; pings answered, pongs skipped), or nullopt
  // when `timeout` passes first. Once the connection has closed (the peer's close frame,
  // close(), or shutdown()) it returns a Close message, again on every later call. Throws
  // as above for a dropped connection or a protocol violation. One reader at a time.
  std::optional<Message> receive(std::chrono::milliseconds timeout);

  // Thread-safe; frames from several threads never interleave. Throw TransportError once
  // the connection is closed or when the send fails (the connection is then closed).
  void send_text(std::string_view text);
  void send_binary(std::string_view bytes);
  void ping(std::string_view payload = {});

  // The close handshake: sends a close frame and waits up to close_timeout for the peer's
  // (read by the receive() running in another thread, or here if none runs), then drops
  // the connection. Never throws; a second call does nothing.
  void close(uint16_t code = 1000, std::string_view reason = {});
  bool is_open() const;
  // Drops the connection at once and makes a receive() blocked in another thread return
  // a Close message (code 1006, not by the peer). Thread-safe, for Ctrl-C and reconnects.
  void shutdown();

  const std::string& url() const;  // as shown in messages: secrets in the query redacted

  struct State;  // internal (aws/websocket_state.hpp), public only for the .cpp files' helpers

 private:
  explicit WebSocket(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ssmlink::aws
