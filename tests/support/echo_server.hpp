// Test helper: a TCP echo server on 127.0.0.1 (a free port), one thread per connection;
// the destination of port-forwarding tests. Stopped, with its connections, when it goes.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace ssmlink::testing {

class EchoServer {
 public:
  EchoServer();
  ~EchoServer();
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  uint16_t port() const { return port_; }
  int connections() const { return accepted_.load(); }
  // Closes every open connection (the destination going away), keeps listening.
  void drop_connections();

 private:
  void serve();
  void echo(int fd);

  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::list<int> open_;  // guarded by mutex_
  std::list<std::thread> workers_;
  std::thread acceptor_;
};

// A loopback TCP client connection, blocking, for tests. -1 on failure.
int connect_loopback(uint16_t port);
// Sends everything; false on error.
bool send_all(int fd, std::string_view bytes);
// Reads exactly `size` bytes (fewer at EOF or after `timeout`).
std::string receive_exactly(int fd, size_t size, std::chrono::milliseconds timeout);
// `size` pseudo-random bytes from `seed`.
std::string random_bytes(size_t size, uint32_t seed);

// Sends `size` random bytes (from `seed`) through the local port and reads the echo back at
// the same time; "ok" when the SHA-256 of what came back is that of what was sent, else
// what went wrong.
std::string echo_through(uint16_t port, size_t size, uint32_t seed);

}  // namespace ssmlink::testing
