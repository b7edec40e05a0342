// A TCP connection, optionally wrapped in TLS, for a protocol that reads on one thread and
// writes on others (the WebSocket). Non-blocking underneath: every wait has a deadline
// and ends early when wake() is called, so a blocked reader can be released (Ctrl-C,
// reconnect). Failures throw TransportError naming the URL being reached.
#pragma once
#include <openssl/ssl.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace ssmlink::aws {

using SteadyTime = std::chrono::steady_clock::time_point;

class SocketStream {
 public:
  // Resolves `host` and connects to each address in turn, `timeout` for each. Failures
  // are TransportError with `unreachable` set; `shown_url` names the target in messages.
  SocketStream(const std::string& host, int port, std::chrono::milliseconds timeout,
               std::string shown_url);
  SocketStream(const SocketStream&) = delete;
  SocketStream& operator=(const SocketStream&) = delete;
  ~SocketStream();

  // TLS 1.2 or later over the connection, verified against `ca_bundle` (else the system's
  // CAs) and for `host` (a DNS name, also sent as SNI, or an IP address). There is no way
  // to turn verification off. Failures are TransportError with `unreachable` set.
  void start_tls(const std::string& host, const std::optional<std::string>& ca_bundle,
                 SteadyTime deadline);

  enum class ReadStatus { Data, Timeout, Woken, Ended };
  struct ReadResult {
    ReadStatus status;
    size_t bytes = 0;
  };
  // Up to `size` bytes as soon as some are there. Ended: the peer closed the connection.
  // Throws TransportError for a reset or a TLS failure. One reader at a time.
  ReadResult read_some(char* buffer, size_t size, SteadyTime deadline);

  // All of `data`, or TransportError (timed out, woken, or the connection failed).
  // One writer at a time (the caller serialises), concurrent with the reader.
  void write_all(std::string_view data, SteadyTime deadline);

  // Ends every wait in read_some and write_all, now and later. Thread-safe.
  void wake();
  // Ends the TCP connection both ways (the peer sees it close) and wakes every wait. The
  // descriptor stays open until destruction, so a concurrent call never sees it reused.
  void shut_down();

  const std::string& shown_url() const { return shown_url_; }

 private:
  enum class Want { Read, Write };
  // Waits for the socket (or the wake); false on timeout or wake.
  bool wait_for(Want want, SteadyTime deadline, bool& woken);
  [[noreturn]] void fail(const std::string& what, bool timed_out = false,
                         bool unreachable = false) const;

  std::string shown_url_;
  int fd_ = -1;
  int wake_fd_ = -1;
  SSL_CTX* context_ = nullptr;
  SSL* ssl_ = nullptr;
  // An SSL object is not safe for concurrent calls; SSL_read and SSL_write each hold this
  // only for the call itself, never while waiting, so reading and writing overlap.
  std::mutex ssl_mutex_;
};

}  // namespace ssmlink::aws
