// The WebSocket client against Python's websockets library (an independent
// implementation) on 127.0.0.1.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "aws/errors.hpp"
#include "aws/websocket.hpp"
#include "aws/websocket_handshake.hpp"
#include "tests/support/websocket_servers.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using testing::PythonWebSocketServer;

WebSocketOptions quick_websocket_options() {
  WebSocketOptions options;
  options.connect_timeout = 2000ms;
  options.handshake_timeout = 5000ms;
  options.close_timeout = 2000ms;
  options.max_message_size = 64 * 1024 * 1024;
  return options;
}

Message expect_message(WebSocket& socket, std::chrono::milliseconds timeout = 10000ms) {
  auto message = socket.receive(timeout);
  if (!message) throw std::runtime_error("no message in time");
  return *message;
}

TEST(WebSocket, EchoesTextAndBinaryAndSendsExtraHeaders) {
  PythonWebSocketServer server("echo");
  WebSocketOptions options = quick_websocket_options();
  options.user_agent = "ssmlink/test";
  options.headers = {{"X-Extra", "one"}};
  auto socket = WebSocket::connect(server.url(), options, MapEnvironment());
  EXPECT_TRUE(socket.is_open());
  socket.send_text("hello ✓");
  Message text = expect_message(socket);
  EXPECT_EQ(text.type, MessageType::Text);
  EXPECT_EQ(text.data, "hello ✓");
  std::string binary("\x00\x01\xff\x80", 4);
  socket.send_binary(binary);
  Message echoed = expect_message(socket);
  EXPECT_EQ(echoed.type, MessageType::Binary);
  EXPECT_EQ(echoed.data, binary);
  socket.send_text("headers?");
  std::string headers = expect_message(socket).data;
  EXPECT_NE(headers.find("\"X-Extra\": \"one\""), std::string::npos) << headers;
  EXPECT_NE(headers.find("\"User-Agent\": \"ssmlink/test\""), std::string::npos) << headers;
  socket.send_text("path?");
  EXPECT_EQ(expect_message(socket).data, "/session?role=test");
  socket.ping("keepalive");
  socket.close();
  EXPECT_FALSE(socket.is_open());
  Message closed = expect_message(socket);
  EXPECT_EQ(closed.type, MessageType::Close);
  EXPECT_EQ(closed.close_code, 1000);
  EXPECT_THROW(socket.send_text("late"), TransportError);
}

TEST(WebSocket, CarriesMessagesOfSeveralMebibytesBothWays) {
  PythonWebSocketServer server("echo");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  std::string big(6 * 1024 * 1024 + 7, '\0');
  for (size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<char>((i * 31) ^ (i >> 9));
  socket.send_binary(big);
  Message echoed = expect_message(socket, 30000ms);
  EXPECT_EQ(echoed.data.size(), big.size());
  EXPECT_TRUE(echoed.data == big);
  socket.close();
}

TEST(WebSocket, RefusesAMessageOverTheLimitWithoutReadingIt) {
  PythonWebSocketServer server("echo");
  WebSocketOptions options = quick_websocket_options();
  options.max_message_size = 1024 * 1024;
  auto socket = WebSocket::connect(server.url(), options, MapEnvironment());
  socket.send_binary(std::string(2 * 1024 * 1024, 'x'));
  try {
    socket.receive(10000ms);
    FAIL() << "a message over the limit was accepted";
  } catch (const WebSocketProtocolError& error) {
    EXPECT_EQ(error.close_code, 1009);
    EXPECT_NE(std::string(error.what()).find("exceeds the limit of 1048576 bytes"),
              std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(socket.is_open());
}

TEST(WebSocket, JoinsFragmentedMessagesFromTheServer) {
  PythonWebSocketServer server("fragments");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  Message text = expect_message(socket);
  EXPECT_EQ(text.type, MessageType::Text);
  EXPECT_EQ(text.data, "fragmented text");
  Message binary = expect_message(socket);
  EXPECT_EQ(binary.type, MessageType::Binary);
  EXPECT_EQ(binary.data, std::string("\x00\x01\x02\x03", 4));
  socket.close();
}

TEST(WebSocket, AnswersTheServersPing) {
  PythonWebSocketServer server("ping");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  // The server sends this only once our pong with its payload has arrived.
  EXPECT_EQ(expect_message(socket).data, "pong received");
  socket.close();
}

TEST(WebSocket, ReportsTheServersCloseWithItsCodeAndReason) {
  PythonWebSocketServer server("close");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  Message closed = expect_message(socket);
  EXPECT_EQ(closed.type, MessageType::Close);
  EXPECT_EQ(closed.close_code, 4001);
  EXPECT_EQ(closed.data, "bye now");
  EXPECT_TRUE(closed.closed_by_peer);
  EXPECT_FALSE(socket.is_open());
  EXPECT_EQ(expect_message(socket).close_code, 4001);  // again on later calls
  EXPECT_THROW(socket.send_binary("x"), TransportError);
  socket.close();  // a no-op now
}

TEST(WebSocket, ADroppedConnectionIsATransportErrorThatIsNotUnreachable) {
  PythonWebSocketServer server("drop");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  socket.send_text("go");
  try {
    socket.receive(10000ms);
    FAIL() << "no error for a dropped connection";
  } catch (const TransportError& error) {
    EXPECT_FALSE(error.unreachable);
    EXPECT_FALSE(error.timed_out);
    EXPECT_NE(std::string(error.what()).find("without a WebSocket close frame"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(socket.is_open());
  EXPECT_THROW(socket.receive(100ms), TransportError);
}

TEST(WebSocket, SendsFromOtherThreadsWhileAReceiveWaits) {
  PythonWebSocketServer server("echo");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  constexpr int kSenders = 4;
  constexpr int kEach = 50;
  std::vector<std::thread> senders;
  for (int t = 0; t < kSenders; ++t) {
    senders.emplace_back([&socket, t] {
      for (int i = 0; i < kEach; ++i) {
        socket.send_binary(std::to_string(t) + ":" + std::to_string(i) +
                           std::string(static_cast<size_t>(i * 97), 'p'));
      }
    });
  }
  std::vector<int> next(kSenders, 0);
  for (int received = 0; received < kSenders * kEach; ++received) {
    Message message = expect_message(socket);
    int sender = message.data[0] - '0';
    // Each sender's frames arrive whole and in its order.
    EXPECT_EQ(message.data.substr(0, message.data.find('p')),
              std::to_string(sender) + ":" + std::to_string(next[sender]));
    ++next[sender];
  }
  for (auto& sender : senders)
    sender.join();
  socket.close();
}

TEST(WebSocket, ShutdownUnblocksAReceiveInAnotherThread) {
  PythonWebSocketServer server("echo");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  std::optional<Message> got;
  auto started = std::chrono::steady_clock::now();
  std::thread reader([&] { got = socket.receive(60000ms); });
  std::this_thread::sleep_for(200ms);
  socket.shutdown();
  reader.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->type, MessageType::Close);
  EXPECT_EQ(got->close_code, 1006);
  EXPECT_FALSE(got->closed_by_peer);
  EXPECT_FALSE(socket.is_open());
}

TEST(WebSocket, CloseFromAnotherThreadEndsTheReadersReceive) {
  PythonWebSocketServer server("echo");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  std::optional<Message> got;
  std::thread reader([&] { got = socket.receive(60000ms); });
  std::this_thread::sleep_for(100ms);
  socket.close(1000, "done");
  reader.join();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->type, MessageType::Close);
  EXPECT_EQ(got->close_code, 1000);  // the server's answer to our close
}

TEST(WebSocket, ReceiveTimesOutWithNothing) {
  PythonWebSocketServer server("echo");
  auto socket = WebSocket::connect(server.url(), quick_websocket_options(), MapEnvironment());
  EXPECT_EQ(socket.receive(100ms), std::nullopt);
  EXPECT_TRUE(socket.is_open());
  socket.close();
}

TEST(WebSocket, ANon101AnswerNamesTheStatusAndTheUrl) {
  PythonWebSocketServer server("reject");
  try {
    WebSocket::connect(server.url() + "&X-Amz-Signature=abcdef&token=secretvalue",
                       quick_websocket_options(), MapEnvironment());
    FAIL() << "a 403 was accepted";
  } catch (const WebSocketHandshakeError& error) {
    std::string what = error.what();
    EXPECT_EQ(error.status, 403);
    EXPECT_NE(what.find("HTTP 403 Forbidden"), std::string::npos) << what;
    EXPECT_NE(what.find("127.0.0.1:" + std::to_string(server.port()) + "/session?role=test"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("req-123"), std::string::npos) << what;
    EXPECT_EQ(what.find("secretvalue"), std::string::npos) << what;
    EXPECT_EQ(what.find("abcdef"), std::string::npos) << what;
  }
}

TEST(WebSocket, ARefusedConnectionIsUnreachable) {
  int port = 0;
  {
    testing::RawTcpServer closed_again([](int) {});
    port = closed_again.port();
  }
  try {
    WebSocket::connect("ws://127.0.0.1:" + std::to_string(port) + "/", quick_websocket_options(),
                       MapEnvironment());
    FAIL() << "connected to a closed port";
  } catch (const TransportError& error) {
    EXPECT_TRUE(error.unreachable);
  }
  EXPECT_THROW(WebSocket::connect("http://127.0.0.1/", quick_websocket_options(), MapEnvironment()),
               TransportError);
}

TEST(WebSocket, DebugLogShowsFrameSummariesButNoTextPayloads) {
  PythonWebSocketServer server("echo");
  std::ostringstream log;
  WebSocketOptions options = quick_websocket_options();
  options.debug = std::make_shared<DebugLog>(log);
  auto socket = WebSocket::connect(server.url() + "&token=abc", options, MapEnvironment());
  socket.send_text("{\"TokenValue\":\"SECRET-TOKEN\"}");
  expect_message(socket);
  socket.close();
  std::string text = log.str();
  EXPECT_NE(text.find("ws -> text 29 bytes"), std::string::npos) << text;
  EXPECT_NE(text.find("ws <- text 29 bytes"), std::string::npos) << text;
  EXPECT_NE(text.find("token=<redacted>"), std::string::npos) << text;
  EXPECT_EQ(text.find("SECRET-TOKEN"), std::string::npos) << text;
  EXPECT_EQ(text.find("abc"), std::string::npos) << text;
}

}  // namespace
}  // namespace ssmlink::aws
