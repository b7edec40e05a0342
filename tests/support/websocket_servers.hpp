// Test helpers for the WebSocket client (tests/aws/websocket_*_test.cpp), all on 127.0.0.1
// at free ports, each stopped and cleaned up by its destructor:
//  - PythonWebSocketServer: Python's `websockets` (python3-websockets), an independent
//    implementation, in one of a few behaviours;
//  - RawTcpServer: a socket whose connections a test scripts byte by byte (bad frames);
//  - ConnectProxy: a small HTTP CONNECT proxy that counts the tunnels it opened.
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {

class PythonWebSocketServer {
 public:
  // Modes: echo (also answers "headers?" with the request headers as JSON), fragments,
  // ping, close, drop, reject (HTTP 403). With `cert` and `key`: wss.
  explicit PythonWebSocketServer(const std::string& mode, const std::string& cert = "",
                                 const std::string& key = "");
  int port() const { return port_; }
  std::string url(const std::string& scheme = "ws", const std::string& host = "127.0.0.1") const {
    return scheme + "://" + host + ":" + std::to_string(port_) + "/session?role=test";
  }
  std::string errors();  // what the server wrote to stderr so far (for failure messages)

 private:
  TempDir dir_;
  std::optional<ChildProcess> process_;
  int port_ = 0;
};

// Accepts connections and runs `serve` on each (in its own thread) with the socket.
class RawTcpServer {
 public:
  explicit RawTcpServer(std::function<void(int fd)> serve);
  RawTcpServer(const RawTcpServer&) = delete;
  RawTcpServer& operator=(const RawTcpServer&) = delete;
  ~RawTcpServer();
  int port() const { return port_; }

 private:
  void accept_loop();
  std::function<void(int)> serve_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<int> connections_;
};

// Reads one HTTP request head (up to the blank line) from `fd`; empty on EOF.
std::string read_request_head(int fd);
void write_all(int fd, const std::string& bytes);

class ConnectProxy {
 public:
  // With `authorization` (a Proxy-Authorization value), a CONNECT without it gets 407.
  explicit ConnectProxy(std::optional<std::string> authorization = std::nullopt);
  int port() const { return server_.port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
  int tunnels() const { return tunnels_; }
  std::vector<std::string> requests() const;

 private:
  void serve(int fd);
  std::optional<std::string> authorization_;
  std::atomic<int> tunnels_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  RawTcpServer server_;  // last: stopped first, while the members above still exist
};

}  // namespace ssmlink::testing
