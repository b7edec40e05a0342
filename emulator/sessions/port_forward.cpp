#include "emulator/sessions/port_forward.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ssmlink::emulator::sessions {

PortForward::PortForward(std::string address, uint16_t port, bool reconnect)
    : address_(std::move(address)), port_(port), reconnect_(reconnect) {
  dial();
}

PortForward::~PortForward() {
  disconnect();
}

void PortForward::dial() {
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(port_);
  if (inet_pton(AF_INET, address_.c_str(), &target.sin_addr) != 1) {
    throw std::runtime_error("not an IPv4 address: " + address_);
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  if (connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    std::string reason = std::strerror(errno);
    close(fd);
    throw std::runtime_error("dial " + address_ + ":" + std::to_string(port_) + ": " + reason);
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  socket_ = fd;
}

void PortForward::disconnect() {
  if (socket_ >= 0) close(socket_);
  socket_ = -1;
}

std::vector<WorkerOutput> PortForward::poll() {
  std::vector<WorkerOutput> out;
  for (int chunk = 0; chunk < 16 && socket_ >= 0; ++chunk) {
    char buffer[kStreamChunk];
    ssize_t n = recv(socket_, buffer, sizeof buffer, 0);
    if (n > 0) {
      out.push_back({PayloadType::kOutput, std::string(buffer, static_cast<size_t>(n))});
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      break;
    } else {
      disconnect();
      if (!reconnect_) finished_ = std::string();  // section 10.2: destination EOF ends it
    }
  }
  return out;
}

void PortForward::input(std::string_view bytes) {
  if (finished_) return;
  if (socket_ < 0) {
    try {
      dial();  // section 10.3: after DisconnectToPort, the next Output dials again
    } catch (const std::exception& error) {
      finished_ = std::string("Unable to reconnect to the destination: ") + error.what();
      return;
    }
  }
  while (!bytes.empty() && socket_ >= 0) {
    ssize_t n = send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      pollfd wait{socket_, POLLOUT, 0};
      ::poll(&wait, 1, 100);
    } else {
      disconnect();
    }
  }
}

void PortForward::flag(uint32_t value) {
  if (value == kFlagDisconnectToPort) disconnect();
  if (value == kFlagTerminateSession) finished_ = std::string();
}

}  // namespace ssmlink::emulator::sessions
