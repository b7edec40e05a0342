#include "emulator/sessions/destination_socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ssmlink::emulator::sessions {

std::expected<DestinationSocket, std::string> DestinationSocket::dial(const std::string& address,
                                                                      uint16_t port) {
  std::string where = address + ":" + std::to_string(port);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(port);
  if (inet_pton(AF_INET, address.c_str(), &target.sin_addr) != 1) {
    return std::unexpected("not an IPv4 address: " + address);
  }
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::unexpected("dial " + where + ": socket: " + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    std::string reason = std::strerror(errno);
    ::close(fd);
    return std::unexpected("dial " + where + ": " + reason);
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return DestinationSocket(fd);
}

DestinationSocket::DestinationSocket(DestinationSocket&& other) noexcept
    : fd_(other.fd_), unwritten_(std::move(other.unwritten_)) {
  other.fd_ = -1;
}

DestinationSocket& DestinationSocket::operator=(DestinationSocket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    unwritten_ = std::move(other.unwritten_);
    other.fd_ = -1;
  }
  return *this;
}

DestinationSocket::Read DestinationSocket::read(size_t limit, std::string& into) {
  if (fd_ < 0) return Read::kEnded;
  size_t old_size = into.size();
  into.resize(old_size + limit);
  while (true) {
    ssize_t got = ::recv(fd_, into.data() + old_size, limit, 0);
    if (got > 0) {
      into.resize(old_size + static_cast<size_t>(got));
      return Read::kData;
    }
    if (got < 0 && errno == EINTR) continue;
    into.resize(old_size);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Read::kNothing;
    close();
    return Read::kEnded;
  }
}

void DestinationSocket::write(std::string_view bytes) {
  if (fd_ < 0) return;
  unwritten_.append(bytes);
  flush();
}

bool DestinationSocket::flush() {
  size_t written = 0;
  while (fd_ >= 0 && written < unwritten_.size()) {
    ssize_t sent =
        ::send(fd_, unwritten_.data() + written, unwritten_.size() - written, MSG_NOSIGNAL);
    if (sent > 0) {
      written += static_cast<size_t>(sent);
    } else if (sent < 0 && errno == EINTR) {
      continue;
    } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      break;
    } else {
      close();
      return false;
    }
  }
  unwritten_.erase(0, written);
  return fd_ >= 0;
}

void DestinationSocket::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  unwritten_.clear();
}

}  // namespace ssmlink::emulator::sessions
