// Test helper: a TCP echo server on 127.0.0.1 for port sessions, one thread per
// connection, so several connections run at once. A read that starts with "CLOSE" makes
// the server shut that connection (the destination going away), without an echo.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

namespace ssmlink::testing {

class LoopbackEchoServer {
 public:
  LoopbackEchoServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 64);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~LoopbackEchoServer() {
    ::shutdown(listener_, SHUT_RDWR);
    acceptor_.join();
    ::close(listener_);
    std::lock_guard lock(mutex_);
    for (int fd : connections_)
      ::shutdown(fd, SHUT_RDWR);
    for (auto& worker : workers_)
      worker.join();
    for (int fd : connections_)
      ::close(fd);
  }
  LoopbackEchoServer(const LoopbackEchoServer&) = delete;
  LoopbackEchoServer& operator=(const LoopbackEchoServer&) = delete;

  uint16_t port() const { return port_; }
  int accepted() const { return accepted_; }

 private:
  void accept_loop() {
    while (true) {
      int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) return;
      ++accepted_;
      std::lock_guard lock(mutex_);
      connections_.push_back(connection);
      workers_.emplace_back([connection] { echo(connection); });
    }
  }
  static void echo(int connection) {
    char buffer[16384];
    ssize_t n;
    while ((n = ::recv(connection, buffer, sizeof buffer, 0)) > 0) {
      if (n >= 5 && std::string_view(buffer, 5) == "CLOSE") break;
      for (ssize_t sent = 0; sent < n;) {
        ssize_t m = ::send(connection, buffer + sent, static_cast<size_t>(n - sent), MSG_NOSIGNAL);
        if (m <= 0) return finish(connection);
        sent += m;
      }
    }
    finish(connection);
  }
  static void finish(int connection) { ::shutdown(connection, SHUT_RDWR); }

  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<int> accepted_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<int> connections_;  // closed when the server goes (threads may still use them)
  std::vector<std::thread> workers_;
};

}  // namespace ssmlink::testing
