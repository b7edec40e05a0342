#include "tests/support/echo_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <thread>

#include "util/crypto.hpp"

namespace ssmlink::testing {

EchoServer::EchoServer() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(listener_, 64);
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { serve(); });
}

EchoServer::~EchoServer() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  drop_connections();
  for (std::thread& worker : workers_)
    worker.join();
  ::close(listener_);
}

void EchoServer::drop_connections() {
  std::lock_guard lock(mutex_);
  for (int fd : open_)
    ::shutdown(fd, SHUT_RDWR);
}

void EchoServer::serve() {
  while (!stopping_) {
    pollfd waiting{listener_, POLLIN, 0};
    if (::poll(&waiting, 1, 100) <= 0) continue;
    int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++accepted_;
    std::lock_guard lock(mutex_);
    open_.push_back(fd);
    workers_.emplace_back([this, fd] { echo(fd); });
  }
}

void EchoServer::echo(int fd) {
  char buffer[65536];
  while (true) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || !send_all(fd, std::string_view(buffer, static_cast<size_t>(n)))) break;
  }
  std::lock_guard lock(mutex_);
  open_.remove(fd);
  ::close(fd);
}

int connect_loopback(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string receive_exactly(int fd, size_t size, std::chrono::milliseconds timeout) {
  std::string out;
  out.reserve(size);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (out.size() < size) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t n = ::recv(fd, buffer, std::min(sizeof buffer, size - out.size()), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

std::string random_bytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::string out(size, '\0');
  for (size_t i = 0; i + 4 <= size; i += 4) {
    uint32_t value = random();
    std::memcpy(out.data() + i, &value, 4);
  }
  return out;
}

std::string echo_through(uint16_t port, size_t size, uint32_t seed) {
  int fd = connect_loopback(port);
  if (fd < 0) return "cannot connect to 127.0.0.1:" + std::to_string(port);
  std::string sent = random_bytes(size, seed);
  bool sent_ok = true;
  std::thread sender([&] { sent_ok = send_all(fd, sent); });
  std::string received = receive_exactly(fd, size, std::chrono::seconds(120));
  sender.join();
  ::close(fd);
  if (!sent_ok) return "the send failed";
  if (received.size() != size)
    return "received " + std::to_string(received.size()) + " of " + std::to_string(size) + " bytes";
  if (sha256_hex(received) != sha256_hex(sent)) return "the bytes differ (SHA-256)";
  return "ok";
}

}  // namespace ssmlink::testing
