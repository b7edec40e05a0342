// wss:// with a CA made for the test, and ws:// and wss:// through a CONNECT proxy.
#include <gtest/gtest.h>

#include <cstdlib>

#include "aws/errors.hpp"
#include "aws/websocket.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/websocket_servers.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using testing::ConnectProxy;
using testing::PythonWebSocketServer;

// A CA and two server certificates it signed: one for localhost and 127.0.0.1, one for
// another name only. Made once for the suite with the openssl command.
class WebSocketTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::string d = dir_->path() + "/";
    dir_->write("right.cnf", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    dir_->write("wrong.cnf", "subjectAltName=DNS:wrong.example\n");
    std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    std::string commands = "cd " + d + " && openssl req -x509" + key +
                           " -days 1 -subj /CN=ssmlink-test-ca" +
                           " -keyout ca.key -out ca.pem && openssl req -x509" + key +
                           " -days 1 -subj /CN=other-ca -keyout other.key -out other.pem";
    for (std::string name : {"right", "wrong"}) {
      commands += " && openssl req" + key + " -subj /CN=" + name + " -keyout " + name +
                  ".key -out " + name + ".csr && openssl x509 -req -in " + name +
                  ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile " + name +
                  ".cnf -out " + name + ".pem";
    }
    ready_ = std::system((commands + " >/dev/null 2>&1").c_str()) == 0;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(ready_) << "openssl (installed by scripts/setup.sh) could not make certificates";
  }
  static std::string file(const std::string& name) { return dir_->file(name); }
  static WebSocketOptions trusting(const std::string& ca = "ca.pem") {
    WebSocketOptions options;
    options.connect_timeout = 2000ms;
    options.handshake_timeout = 5000ms;
    options.ca_bundle = file(ca);
    return options;
  }
  static void expect_echo(WebSocket& socket) {
    socket.send_text("over tls");
    auto message = socket.receive(10000ms);
    ASSERT_TRUE(message);
    EXPECT_EQ(message->data, "over tls");
    socket.close();
  }

  static inline testing::TempDir* dir_ = nullptr;
  static inline bool ready_ = false;
};

TEST_F(WebSocketTls, ConnectsWhenTheCaBundleTrustsTheServer) {
  PythonWebSocketServer server("echo", file("right.pem"), file("right.key"));
  auto by_address = WebSocket::connect(server.url("wss"), trusting(), MapEnvironment());
  expect_echo(by_address);
  auto by_name = WebSocket::connect(server.url("wss", "localhost"), trusting(), MapEnvironment());
  expect_echo(by_name);
}

TEST_F(WebSocketTls, RefusesAServerItsCasDoNotTrust) {
  PythonWebSocketServer server("echo", file("right.pem"), file("right.key"));
  for (const auto& options : {trusting("other.pem"), WebSocketOptions{}}) {
    try {
      WebSocket::connect(server.url("wss"), options, MapEnvironment());
      FAIL() << "an untrusted certificate was accepted";
    } catch (const TransportError& error) {
      EXPECT_TRUE(error.unreachable);
      EXPECT_NE(std::string(error.what()).find("certificate is not trusted"), std::string::npos)
          << error.what();
      EXPECT_NE(std::string(error.what()).find("AWS_CA_BUNDLE"), std::string::npos);
    }
  }
}

TEST_F(WebSocketTls, RefusesACertificateForAnotherName) {
  PythonWebSocketServer server("echo", file("wrong.pem"), file("wrong.key"));
  for (std::string host : {"127.0.0.1", "localhost"}) {
    try {
      WebSocket::connect(server.url("wss", host), trusting(), MapEnvironment());
      FAIL() << "a certificate for wrong.example was accepted for " << host;
    } catch (const TransportError& error) {
      EXPECT_TRUE(error.unreachable);
      EXPECT_NE(std::string(error.what()).find("certificate is not for " + host + " ("),
                std::string::npos)
          << error.what();
    }
  }
}

TEST_F(WebSocketTls, AMissingCaBundleIsNamed) {
  PythonWebSocketServer server("echo", file("right.pem"), file("right.key"));
  try {
    WebSocket::connect(server.url("wss"), trusting("missing.pem"), MapEnvironment());
    FAIL() << "a missing CA bundle was ignored";
  } catch (const TransportError& error) {
    EXPECT_NE(std::string(error.what()).find("missing.pem"), std::string::npos) << error.what();
  }
}

TEST_F(WebSocketTls, GoesThroughAConnectProxyAndHonoursNoProxy) {
  PythonWebSocketServer server("echo", file("right.pem"), file("right.key"));
  ConnectProxy proxy;
  MapEnvironment env({{"HTTPS_PROXY", proxy.url()}});
  auto tunnelled = WebSocket::connect(server.url("wss"), trusting(), env);
  expect_echo(tunnelled);
  EXPECT_EQ(proxy.tunnels(), 1);
  ASSERT_EQ(proxy.requests().size(), 1u);
  EXPECT_TRUE(proxy.requests()[0].starts_with("CONNECT 127.0.0.1:" + std::to_string(server.port()) +
                                              " HTTP/1.1\r\n"));
  env.set("NO_PROXY", "example.com, 127.0.0.0/8");
  auto direct = WebSocket::connect(server.url("wss"), trusting(), env);
  expect_echo(direct);
  EXPECT_EQ(proxy.tunnels(), 1);
}

TEST(WebSocketProxy, PlainWebSocketsUseHttpProxyWithBasicAuth) {
  PythonWebSocketServer server("echo");
  ConnectProxy proxy("Basic dXNlcjpzM2NyZXQ=");  // user:s3cret
  WebSocketOptions options;
  options.handshake_timeout = 5000ms;
  MapEnvironment env(
      {{"http_proxy", "http://user:s3cret@127.0.0.1:" + std::to_string(proxy.port())}});
  auto socket = WebSocket::connect(server.url(), options, env);
  socket.send_binary("through");
  auto message = socket.receive(10000ms);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->data, "through");
  socket.close();
  EXPECT_EQ(proxy.tunnels(), 1);

  env.set("http_proxy", "http://user:wrong@127.0.0.1:" + std::to_string(proxy.port()));
  try {
    WebSocket::connect(server.url(), options, env);
    FAIL() << "the proxy's 407 was ignored";
  } catch (const TransportError& error) {
    std::string what = error.what();
    EXPECT_TRUE(error.unreachable);
    EXPECT_NE(what.find("407"), std::string::npos) << what;
    EXPECT_NE(what.find("http://127.0.0.1:" + std::to_string(proxy.port())), std::string::npos)
        << what;
    EXPECT_EQ(what.find("wrong"), std::string::npos) << what;
  }
}

TEST(WebSocketProxy, AProxyUrlThatIsNotHttpIsAConfigError) {
  MapEnvironment env;
  env.set("HTTPS_PROXY", "socks5://127.0.0.1:1");
  EXPECT_THROW(WebSocket::connect("wss://127.0.0.1:1/", WebSocketOptions{}, env), ConfigError);
}

}  // namespace
}  // namespace ssmlink::aws
