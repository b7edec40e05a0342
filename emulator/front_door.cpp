#include "emulator/front_door.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "emulator/sessions/websocket_handshake.hpp"

namespace ssmlink::emulator {

namespace {

// A client that connects and says nothing for this long is handed to httplib anyway,
// which then applies its own read timeout as before.
constexpr int kFirstBytesTimeoutMs = 5000;
constexpr size_t kSpliceBuffer = 65536;

void set_nodelay(int fd) {
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
}

// close() that sends a reset instead of an orderly end.
void close_abruptly(int fd) {
  linger abrupt{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &abrupt, sizeof abrupt);
  close(fd);
}

bool splice_write(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t sent = send(fd, data, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<size_t>(sent);
  }
  return true;
}

int connect_inner(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  set_nodelay(fd);
  return fd;
}

// Could these bytes still become "GET /v1/data-channel/..."? Most requests are POSTs and
// are spliced after their first read.
bool may_be_upgrade(std::string_view bytes) {
  std::string_view prefix = sessions::kDataChannelPrefix;
  size_t n = std::min(bytes.size(), prefix.size());
  return bytes.substr(0, n) == prefix.substr(0, n);
}

}  // namespace

FrontDoor::FrontDoor(UpgradeHandler on_upgrade) : on_upgrade_(std::move(on_upgrade)) {}

FrontDoor::~FrontDoor() {
  stop();
  if (wake_[0] >= 0) close(wake_[0]);
  if (wake_[1] >= 0) close(wake_[1]);
}

int FrontDoor::listen(const std::string& host, int port) {
  std::string name = host;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(port);
  auto fail = [&](const std::string& reason) {
    return std::runtime_error("cannot listen on " + host + ":" + port_text + ": " + reason);
  };
  if (int error = getaddrinfo(name.c_str(), port_text.c_str(), &hints, &found); error != 0) {
    throw fail(gai_strerror(error));
  }
  std::string reason = "no address";
  for (addrinfo* at = found; at; at = at->ai_next) {
    int fd = socket(at->ai_family, at->ai_socktype | SOCK_CLOEXEC, at->ai_protocol);
    if (fd < 0) {
      reason = std::strerror(errno);
      continue;
    }
    // SO_REUSEADDR only: SO_REUSEPORT would let a second emulator share a port in use.
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(fd, at->ai_addr, at->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
      listener_ = fd;
      break;
    }
    reason = std::strerror(errno);
    close(fd);
  }
  freeaddrinfo(found);
  if (listener_ < 0) throw fail(reason);
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&bound), &length);
  if (bound.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

void FrontDoor::start(int inner_port) {
  inner_port_ = inner_port;
  if (wake_[0] < 0 && pipe2(wake_, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  acceptor_ = std::thread([this] { accept_loop(); });
}

bool FrontDoor::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void FrontDoor::stop_accepting() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || listener_ < 0) return;
    stopping_ = true;
  }
  char byte = 1;
  (void)!write(wake_[1], &byte, 1);
  if (acceptor_.joinable()) acceptor_.join();
  close(listener_);
  listener_ = -1;
}

void FrontDoor::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return connections_ == 0; });
  // The pipe stays readable once written; a new one for the next start().
  if (wake_[0] >= 0) {
    close(wake_[0]);
    close(wake_[1]);
    wake_[0] = wake_[1] = -1;
  }
}

void FrontDoor::accept_loop() {
  while (true) {
    pollfd pollers[2] = {{listener_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (poll(pollers, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (pollers[1].revents) return;
    int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;  // the client gave up already, or out of descriptors for now
    set_nodelay(client);
    {
      std::lock_guard lock(mutex_);
      ++connections_;
    }
    std::thread([this, client] {
      serve_connection(client);
      // Notified under the lock: once wait_idle() sees zero, this thread touches nothing.
      std::lock_guard lock(mutex_);
      --connections_;
      idle_.notify_all();
    }).detach();
  }
}

void FrontDoor::serve_connection(int client) {
  std::string head;
  while (true) {
    size_t end = head.find("\r\n\r\n");
    if (end != std::string::npos) {
      if (!sessions::wants_data_channel(std::string_view(head).substr(0, end + 4))) break;
      std::string rest = head.substr(end + 4);
      head.resize(end + 4);
      on_upgrade_(client, std::move(head), std::move(rest));
      return;
    }
    if (!may_be_upgrade(head) || head.size() > sessions::kMaxUpgradeHead) break;
    pollfd pollers[2] = {{client, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = poll(pollers, 2, kFirstBytesTimeoutMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) break;
    if (ready < 0 || pollers[1].revents) {
      close(client);
      return;
    }
    char chunk[4096];
    ssize_t got = recv(client, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      close(client);
      return;
    }
    head.append(chunk, static_cast<size_t>(got));
  }
  splice(client, head);
}

// Both directions until the inner server ends the connection. The client's end of
// sending is passed on (a half-close); the inner server's end closes the client's
// connection the same way: a reset as a reset, an orderly end as one.
void FrontDoor::splice(int client, const std::string& already_read) {
  int inner = connect_inner(inner_port_);
  if (inner < 0) {
    close_abruptly(client);
    return;
  }
  if (!already_read.empty() && !splice_write(inner, already_read.data(), already_read.size())) {
    close_abruptly(client);
    close(inner);
    return;
  }
  std::string buffer(kSpliceBuffer, '\0');
  bool client_open = true;
  bool inner_reset = false, client_reset = false;
  while (true) {
    pollfd pollers[2] = {{inner, POLLIN, 0}, {client_open ? client : -1, POLLIN, 0}};
    if (poll(pollers, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (pollers[0].revents) {
      ssize_t got = recv(inner, buffer.data(), buffer.size(), 0);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) inner_reset = true;
      if (got <= 0) break;
      if (!splice_write(client, buffer.data(), static_cast<size_t>(got))) {
        client_reset = true;
        break;
      }
    }
    if (client_open && pollers[1].revents) {
      ssize_t got = recv(client, buffer.data(), buffer.size(), 0);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        client_reset = true;
        break;
      }
      if (got == 0) {
        client_open = false;
        shutdown(inner, SHUT_WR);
        continue;
      }
      if (!splice_write(inner, buffer.data(), static_cast<size_t>(got))) {
        inner_reset = true;
        break;
      }
    }
  }
  if (inner_reset) {
    close_abruptly(client);
  } else {
    close(client);
  }
  if (client_reset) {
    close_abruptly(inner);
  } else {
    close(inner);
  }
}

}  // namespace ssmlink::emulator
