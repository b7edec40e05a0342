// One TCP connection from the agent to a port session's destination (reference sections
// 10.3 and 10.5), non-blocking: bytes the destination has not taken yet wait here, and
// the worker stops accepting input while too many wait (SessionWorker::accepts_input).
#pragma once
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace ssmlink::emulator::sessions {

class DestinationSocket {
 public:
  // Connects to an IPv4 address (the loopback answers at once, so the connect blocks);
  // the error names the destination and the reason.
  static std::expected<DestinationSocket, std::string> dial(const std::string& address,
                                                            uint16_t port);
  DestinationSocket() = default;
  DestinationSocket(DestinationSocket&& other) noexcept;
  DestinationSocket& operator=(DestinationSocket&& other) noexcept;
  DestinationSocket(const DestinationSocket&) = delete;
  DestinationSocket& operator=(const DestinationSocket&) = delete;
  ~DestinationSocket() { close(); }

  enum class Read { kData, kNothing, kEnded };
  // At most `limit` bytes appended to `into`; kEnded on EOF or an error (then it is closed).
  Read read(size_t limit, std::string& into);
  // Queues `bytes` and writes what the socket takes now.
  void write(std::string_view bytes);
  // Writes what waits; false when the socket failed (then it is closed).
  bool flush();
  size_t unwritten() const { return unwritten_.size(); }
  int fd() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void close();

 private:
  explicit DestinationSocket(int fd) : fd_(fd) {}
  int fd_ = -1;
  std::string unwritten_;
};

// What a worker may hold unwritten before it stops taking input: a few messages' worth,
// so a slow destination holds the client back instead of growing this process.
inline constexpr size_t kMostUnwritten = 64 * 1024;

}  // namespace ssmlink::emulator::sessions
