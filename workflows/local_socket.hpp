// The local end of a port forward: a listening TCP socket and the connections it accepts,
// non-blocking, for a poll() loop. IPv4 and IPv6 literal addresses.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace ssmlink::workflows {

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.release();
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

 private:
  int fd_ = -1;
};

struct AcceptedConnection {
  Fd fd;
  std::string peer;  // "127.0.0.1:51234"
};

class TcpListener {
 public:
  // Listens on address:port (port 0: a free one). Throws UsageError naming the address
  // when it is not an IP address, and std::runtime_error when the port cannot be had.
  static TcpListener open(const std::string& address, uint16_t port);

  int fd() const { return fd_.get(); }
  const std::string& address() const { return address_; }
  uint16_t port() const { return port_; }
  std::string endpoint() const;  // "127.0.0.1:15432", "[::1]:15432"
  // A waiting connection, non-blocking, or none.
  std::optional<AcceptedConnection> accept() const;
  void close() { fd_.reset(); }

 private:
  Fd fd_;
  std::string address_;
  uint16_t port_ = 0;
};

// An IPv4 or IPv6 literal.
bool is_ip_address(const std::string& address);
// True for 127.0.0.0/8 and ::1.
bool is_loopback_address(const std::string& address);

}  // namespace ssmlink::workflows
