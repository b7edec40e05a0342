// What the client does with a server that breaks RFC 6455 (a scripted raw socket), and
// the pure parts: frame encoding, URL redaction, proxy choice.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <mutex>

#include "aws/errors.hpp"
#include "aws/proxy_settings.hpp"
#include "aws/websocket.hpp"
#include "aws/websocket_frame.hpp"
#include "aws/websocket_handshake.hpp"
#include "aws/websocket_url.hpp"
#include "tests/support/websocket_servers.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using testing::RawTcpServer;

// A server that answers the upgrade (with the accept `answer` computes from the key) and
// then sends `frames`; it records what the client sends after that.
class ScriptedServer {
 public:
  ScriptedServer(std::string frames,
                 std::function<std::string(const std::string& key)> answer = proper_answer)
      : server_([this, frames = std::move(frames), answer = std::move(answer)](int fd) {
          std::string head = testing::read_request_head(fd);
          size_t at = head.find("Sec-WebSocket-Key: ");
          std::string key = at == std::string::npos ? "" : head.substr(at + 19, 24);
          testing::write_all(fd, answer(key) + frames);
          char buffer[4096];
          ssize_t n = 0;
          while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
            std::lock_guard lock(mutex_);
            received_.append(buffer, static_cast<size_t>(n));
          }
        }) {}

  static std::string proper_answer(const std::string& key) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " +
           websocket_accept_for(key) + "\r\n\r\n";
  }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(server_.port()) + "/"; }
  std::string received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  std::mutex mutex_;
  std::string received_;
  RawTcpServer server_;
};

std::string server_frame(uint8_t first, std::string_view payload) {
  std::string frame(1, static_cast<char>(first));
  frame += static_cast<char>(payload.size());  // under 126 in these tests
  return frame + std::string(payload);
}

WebSocketOptions raw_options() {
  WebSocketOptions options;
  options.connect_timeout = 2000ms;
  options.handshake_timeout = 3000ms;
  options.close_timeout = 500ms;
  return options;
}

// The error a server's bytes provoke, with the close code the client sent back.
std::pair<std::string, uint16_t> violation_of(const std::string& frames) {
  ScriptedServer server(frames);
  auto socket = WebSocket::connect(server.url(), raw_options(), MapEnvironment());
  uint16_t code = 0;
  try {
    while (socket.receive(3000ms)) {
    }
    return {"no error", 0};
  } catch (const WebSocketProtocolError& error) {
    code = error.close_code;
    EXPECT_FALSE(socket.is_open());
    return {error.what(), code};
  }
}

TEST(WebSocketProtocol, FailsTheConnectionOnMalformedFrames) {
  struct Case {
    std::string frames;
    std::string expected;
    uint16_t code;
  };
  std::vector<Case> cases = {
      {server_frame(0xC2, "x"), "reserved bits", 1002},
      {server_frame(0x83, "x"), "unknown opcode 3", 1002},
      {std::string("\x82\x81\x01\x02\x03\x04x", 7), "masked frame", 1002},
      {server_frame(0x09, "p"), "fragmented", 1002},
      {std::string("\x89\x7e\x00\x7e", 4) + std::string(126, 'p'), "longer than 125", 1002},
      {server_frame(0x80, "x"), "no message to continue", 1002},
      {server_frame(0x01, "a") + server_frame(0x82, "b"), "before the fragmented one ended", 1002},
      {server_frame(0x81, "\xff\xfe"), "not valid UTF-8", 1007},
      {server_frame(0x88, "\x03"), "1-byte code", 1002},
      {server_frame(0x88, "\x03\xed"), "invalid code 1005", 1002},
      {std::string("\x82\x7f\x80\x00\x00\x00\x00\x00\x00\x00", 10), "top bit", 1002},
      {std::string("\x82\x7f\x00\x00\x00\x01\x00\x00\x00\x00", 10), "exceeds the limit", 1009},
  };
  for (const Case& c : cases) {
    auto [what, code] = violation_of(c.frames);
    EXPECT_NE(what.find(c.expected), std::string::npos) << what;
    EXPECT_NE(what.find("ws://127.0.0.1:"), std::string::npos) << what;
    EXPECT_EQ(code, c.code) << what;
  }
}

TEST(WebSocketProtocol, SendsACloseFrameWithTheReasonCodeBeforeDropping) {
  ScriptedServer server(server_frame(0xC2, "x"));
  auto socket = WebSocket::connect(server.url(), raw_options(), MapEnvironment());
  EXPECT_THROW(socket.receive(3000ms), WebSocketProtocolError);
  std::string sent;
  for (int i = 0; i < 100 && sent.size() < 8; ++i) {
    std::this_thread::sleep_for(10ms);
    sent = server.received();
  }
  ASSERT_EQ(sent.size(), 8u);  // 2 header bytes, 4 mask bytes, 2 code bytes
  EXPECT_EQ(static_cast<uint8_t>(sent[0]), 0x88);
  EXPECT_EQ(static_cast<uint8_t>(sent[1]), 0x82);  // masked, 2 bytes
  uint16_t code =
      static_cast<uint16_t>(((static_cast<uint8_t>(sent[6]) ^ static_cast<uint8_t>(sent[2])) << 8) |
                            (static_cast<uint8_t>(sent[7]) ^ static_cast<uint8_t>(sent[3])));
  EXPECT_EQ(code, 1002);
}

TEST(WebSocketProtocol, ReadsFramesSentTogetherWithThe101AndPingsBetweenFragments) {
  std::string frames = server_frame(0x01, "a") + server_frame(0x89, "") + server_frame(0x00, "b") +
                       server_frame(0x8A, "unasked") + server_frame(0x80, "c") +
                       server_frame(0x88, "\x03\xe8ok");
  ScriptedServer server(frames);
  auto socket = WebSocket::connect(server.url(), raw_options(), MapEnvironment());
  auto message = socket.receive(3000ms);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->data, "abc");
  auto closed = socket.receive(3000ms);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->type, MessageType::Close);
  EXPECT_EQ(closed->close_code, 1000);
  EXPECT_EQ(closed->data, "ok");
}

TEST(WebSocketProtocol, RefusesABadAcceptAndOtherBrokenUpgrades) {
  std::vector<std::pair<std::function<std::string(const std::string&)>, std::string>> cases = {
      {[](const std::string&) {
         return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
       },
       "Sec-WebSocket-Accept"},
      {[](const std::string& key) {
         return "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Accept: " +
                websocket_accept_for(key) + "\r\n\r\n";
       },
       "Upgrade: websocket"},
      {[](const std::string&) { return std::string("SSH-2.0-OpenSSH\r\n\r\n"); }, "with HTTP"},
  };
  for (const auto& [answer, expected] : cases) {
    ScriptedServer server("", answer);
    try {
      WebSocket::connect(server.url(), raw_options(), MapEnvironment());
      ADD_FAILURE() << "accepted an upgrade lacking " << expected;
    } catch (const ResponseError& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
  }
}

TEST(WebSocketProtocol, AServerThatNeverAnswersTimesOut) {
  RawTcpServer silent([](int fd) {
    testing::read_request_head(fd);
    char c;
    ::recv(fd, &c, 1, 0);
  });
  WebSocketOptions options = raw_options();
  options.handshake_timeout = 300ms;
  try {
    WebSocket::connect("ws://127.0.0.1:" + std::to_string(silent.port()) + "/", options,
                       MapEnvironment());
    FAIL() << "no timeout";
  } catch (const TransportError& error) {
    EXPECT_TRUE(error.timed_out);
  }
}

TEST(WebSocketFrame, EncodesLengthsMaskedAsSection52Says) {
  std::array<uint8_t, 4> mask = {1, 2, 3, 4};
  EXPECT_EQ(encode_frame(Opcode::Text, "Hi", mask),
            std::string("\x81\x82\x01\x02\x03\x04", 6) + "I" + "k");
  EXPECT_EQ(encode_frame(Opcode::Binary, std::string(126, 'x'), mask).substr(0, 4),
            std::string("\x82\xfe\x00\x7e", 4));
  EXPECT_EQ(encode_frame(Opcode::Binary, std::string(65536, 'x'), mask).substr(0, 10),
            std::string("\x82\xff\x00\x00\x00\x00\x00\x01\x00\x00", 10));
  FrameDecoder decoder(1000);
  decoder.feed(std::string("\x82\x7e\x00", 3));
  EXPECT_FALSE(decoder.next());
  decoder.feed(std::string("\x03", 1) + "ab");
  EXPECT_FALSE(decoder.next());
  decoder.feed("c");
  auto frame = decoder.next();
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->payload, "abc");
  EXPECT_EQ(close_payload(1000, std::string(200, 'r')).size(), 125u);
}

TEST(WebSocketFrame, AcceptKeyMatchesRfc6455Section13) {
  EXPECT_EQ(websocket_accept_for("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_EQ(base64_encode(make_websocket_key()).size(), 32u);  // 24 characters re-encoded
}

TEST(WebSocketUrl, ParsesHostsAndRedactsSecretsInTheQuery) {
  auto v6 = parse_websocket_url("wss://[::1]:8443/v1/data-channel/s-1?role=publish_subscribe");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->connect_host(), "::1");
  EXPECT_EQ(v6->port(), 8443);
  EXPECT_EQ(v6->request_target(), "/v1/data-channel/s-1?role=publish_subscribe");
  EXPECT_EQ(parse_websocket_url("ws://example.com")->port(), 80);
  EXPECT_EQ(parse_websocket_url("WSS://Example.com")->port(), 443);
  EXPECT_FALSE(parse_websocket_url("https://example.com/"));
  EXPECT_FALSE(parse_websocket_url("ws://user:pw@example.com/"));
  EXPECT_FALSE(parse_websocket_url("ws://example.com/#frag"));
  auto url = parse_websocket_url(
      "wss://h/p?role=x&X-Amz-Security-Token=abc&cell=1&blob=AAEAAHjRkd0cvZx3bZlLFq9Ivq8e");
  EXPECT_EQ(redacted_url(*url),
            "wss://h/p?role=x&X-Amz-Security-Token=<redacted>&cell=1&blob=<redacted>");
}

TEST(WebSocketProxySettings, ChoosesTheProxyLikeLibcurl) {
  auto secure = *parse_websocket_url("wss://ssmmessages.eu-west-1.amazonaws.com/v1");
  auto plain = *parse_websocket_url("ws://10.1.2.3:8080/");
  MapEnvironment env({{"HTTPS_PROXY", "proxy.corp:3128"},
                      {"https_proxy", "http://a%40b:p%3Aw@lower:8080"},
                      {"HTTP_PROXY", "http://upper-http"}});
  auto proxy = proxy_for(secure, env);
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->host, "lower");
  EXPECT_EQ(proxy->port, 8080);
  EXPECT_EQ(proxy->credentials, "a@b:p:w");
  EXPECT_EQ(proxy->shown, "http://lower:8080");
  auto http = proxy_for(plain, env);
  ASSERT_TRUE(http);
  EXPECT_EQ(http->host, "upper-http");
  EXPECT_EQ(http->port, 1080);
  env.set("no_proxy", "amazonaws.com");
  EXPECT_FALSE(proxy_for(secure, env));
  EXPECT_TRUE(bypasses_proxy("*", "anything"));
  EXPECT_TRUE(bypasses_proxy(".example.com", "a.example.com"));
  EXPECT_FALSE(bypasses_proxy("example.com", "badexample.com"));
  EXPECT_TRUE(bypasses_proxy("10.0.0.0/8", "10.1.2.3"));
  EXPECT_FALSE(bypasses_proxy("10.0.0.0/8", "11.1.2.3"));
  EXPECT_TRUE(bypasses_proxy("::1", "[::1]"));
}

}  // namespace
}  // namespace ssmlink::aws
