// The emulator's public socket. httplib 0.11 cannot hand a connection over to a WebSocket
// (it keeps the socket to itself), so the Server listens here instead: each connection's
// first bytes decide whether it is a data-channel upgrade, served in-process by
// `on_upgrade`, or an HTTP connection, spliced byte for byte to the httplib server on a
// private loopback port. To the client both are one endpoint; an abrupt end of the inner
// connection (the "reset" fault) reaches it as a reset.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace ssmlink::emulator {

class FrontDoor {
 public:
  // Runs on the connection's own thread for as long as the WebSocket lives; owns `fd`.
  // `head` is the request head, `rest` what came after it.
  using UpgradeHandler = std::function<void(int fd, std::string head, std::string rest)>;

  explicit FrontDoor(UpgradeHandler on_upgrade);
  ~FrontDoor();  // stop()
  FrontDoor(const FrontDoor&) = delete;
  FrontDoor& operator=(const FrontDoor&) = delete;

  // Binds and listens; returns the port. Throws std::runtime_error naming the address.
  int listen(const std::string& host, int port);
  // Starts accepting; HTTP connections go to 127.0.0.1:inner_port.
  void start(int inner_port);
  // No new connections, and those still deciding are closed; spliced and upgraded ones
  // run on until their ends close (the caller stops the inner server and the sessions).
  void stop_accepting();
  // Waits for every connection thread to end.
  void wait_idle();
  void stop() {
    stop_accepting();
    wait_idle();
  }

 private:
  void accept_loop();
  void serve_connection(int client);
  void splice(int client, const std::string& already_read);
  bool stopping() const;

  UpgradeHandler on_upgrade_;
  int listener_ = -1;
  int inner_port_ = 0;
  int wake_[2] = {-1, -1};  // written once at stop: every poll that watches it wakes
  std::thread acceptor_;

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  size_t connections_ = 0;
  bool stopping_ = false;
};

}  // namespace ssmlink::emulator
