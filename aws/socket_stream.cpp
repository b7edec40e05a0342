#include "aws/socket_stream.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "aws/errors.hpp"

namespace ssmlink::aws {

namespace {

using std::chrono::milliseconds;

// Poll in slices of at most a second: a cheap guard should a wake-up ever be missed.
int poll_timeout(SteadyTime deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<milliseconds::rep>(left.count(), 0, 1000));
}

// A non-blocking connect to one address, waited for up to `timeout`. 0 or an errno.
int connect_one(const addrinfo& address, milliseconds timeout, int& fd_out) {
  int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    address.ai_protocol);
  if (fd < 0) return errno;
  int error = 0;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    error = errno;
    if (error == EINPROGRESS) {
      pollfd entry{fd, POLLOUT, 0};
      int ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
      socklen_t length = sizeof error;
      if (ready == 0) {
        error = ETIMEDOUT;
      } else if (ready < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
        error = errno;
      }
    }
  }
  if (error != 0) {
    ::close(fd);
    return error;
  }
  // Session frames are small and interactive (keystrokes): no Nagle delay.
  int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  fd_out = fd;
  return 0;
}

}  // namespace

SocketStream::SocketStream(const std::string& host, int port, milliseconds timeout,
                           std::string shown_url)
    : shown_url_(std::move(shown_url)) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  addrinfo* addresses = nullptr;
  std::string service = std::to_string(port);
  int resolved = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &addresses);
  if (resolved != 0) {
    fail("cannot resolve " + host + ": " + ::gai_strerror(resolved), false, true);
  }
  int last_error = 0;
  for (addrinfo* address = addresses; address && fd_ < 0; address = address->ai_next) {
    last_error = connect_one(*address, timeout, fd_);
  }
  ::freeaddrinfo(addresses);
  if (fd_ < 0) {
    bool timed_out = last_error == ETIMEDOUT;
    fail(timed_out ? "no connection to " + host + ":" + service + " within " +
                         std::to_string(timeout.count()) + " ms"
                   : "cannot connect to " + host + ":" + service + ": " + std::strerror(last_error),
         timed_out, true);
  }
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    ::close(fd_);
    fail(std::string("eventfd: ") + std::strerror(errno));
  }
}

SocketStream::~SocketStream() {
  if (ssl_) SSL_free(ssl_);
  if (context_) SSL_CTX_free(context_);
  if (fd_ >= 0) ::close(fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void SocketStream::fail(const std::string& what, bool timed_out, bool unreachable) const {
  throw TransportError(shown_url_, what, timed_out, unreachable);
}

void SocketStream::wake() {
  uint64_t one = 1;
  [[maybe_unused]] ssize_t written = ::write(wake_fd_, &one, sizeof one);
}

void SocketStream::shut_down() {
  ::shutdown(fd_, SHUT_RDWR);
  wake();
}

bool SocketStream::wait_for(Want want, SteadyTime deadline, bool& woken) {
  while (true) {
    pollfd entries[2] = {{fd_, static_cast<short>(want == Want::Read ? POLLIN : POLLOUT), 0},
                         {wake_fd_, POLLIN, 0}};
    int ready = ::poll(entries, 2, poll_timeout(deadline));
    if (ready < 0 && errno != EINTR) fail(std::string("poll: ") + std::strerror(errno));
    if (entries[1].revents != 0) {
      woken = true;
      return false;
    }
    if (ready > 0 && entries[0].revents != 0) return true;  // ready, or an error to read
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (ready == 0) return true;  // a slice ended: let the caller try again
  }
}

SocketStream::ReadResult SocketStream::read_some(char* buffer, size_t size, SteadyTime deadline) {
  while (true) {
    Want want = Want::Read;
    if (ssl_) {
      std::unique_lock lock(ssl_mutex_);
      ERR_clear_error();
      int count = SSL_read(ssl_, buffer, static_cast<int>(std::min<size_t>(size, 1 << 30)));
      if (count > 0) return {ReadStatus::Data, static_cast<size_t>(count)};
      int error = SSL_get_error(ssl_, count);
      if (error == SSL_ERROR_ZERO_RETURN) return {ReadStatus::Ended};
      if (error == SSL_ERROR_WANT_WRITE) {
        want = Want::Write;
      } else if (error != SSL_ERROR_WANT_READ) {
        // OpenSSL 3 reports a TCP close without close_notify as an error: still an end.
        unsigned long reason = ERR_peek_error();
        if ((error == SSL_ERROR_SYSCALL && errno == 0) ||
            ERR_GET_REASON(reason) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
          return {ReadStatus::Ended};
        }
        char text[256] = "connection reset";
        if (reason != 0) ERR_error_string_n(reason, text, sizeof text);
        fail(std::string("TLS read failed: ") + text);
      }
    } else {
      ssize_t count = ::recv(fd_, buffer, size, 0);
      if (count > 0) return {ReadStatus::Data, static_cast<size_t>(count)};
      if (count == 0) return {ReadStatus::Ended};
      if (errno == ECONNRESET) return {ReadStatus::Ended};
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        fail(std::string("read failed: ") + std::strerror(errno));
      }
    }
    bool woken = false;
    if (!wait_for(want, deadline, woken)) {
      return {woken ? ReadStatus::Woken : ReadStatus::Timeout};
    }
  }
}

void SocketStream::write_all(std::string_view data, SteadyTime deadline) {
  while (!data.empty()) {
    Want want = Want::Write;
    size_t written = 0;
    if (ssl_) {
      std::unique_lock lock(ssl_mutex_);
      ERR_clear_error();
      int count =
          SSL_write(ssl_, data.data(), static_cast<int>(std::min<size_t>(data.size(), 1 << 20)));
      if (count > 0) {
        written = static_cast<size_t>(count);
      } else {
        int error = SSL_get_error(ssl_, count);
        if (error == SSL_ERROR_WANT_READ) {
          want = Want::Read;
        } else if (error != SSL_ERROR_WANT_WRITE) {
          fail("the connection failed while sending (TLS)");
        }
      }
    } else {
      // MSG_NOSIGNAL: a peer that hung up is an error to report, not SIGPIPE.
      ssize_t count = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (count > 0) {
        written = static_cast<size_t>(count);
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        fail(std::string("the connection failed while sending: ") + std::strerror(errno));
      }
    }
    data.remove_prefix(written);
    if (written > 0) continue;
    bool woken = false;
    if (!wait_for(want, deadline, woken)) {
      if (woken) fail("the connection was shut down while sending");
      fail("the peer took no data for too long while sending", true);
    }
  }
}

}  // namespace ssmlink::aws
