// The emulator's HTTP server: one loopback endpoint for every AWS service (router.hpp)
// plus the admin API under /_emulator/ (admin_api.hpp) and, on the same port, the Session
// Manager data channels (WebSockets at /v1/data-channel/<session-id>, front_door.hpp), on
// threads of its own so that it runs both as the ssmlink-emulator executable and inside
// ssmlink (`demo`).
//
//   World world;
//   ApiTable api;
//   add_sts_api(api);
//   Server server(world, std::move(api), {});
//   int port = server.start();  // bound and accepting
//   ...
//   server.stop();              // or the destructor
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "emulator/admin_api.hpp"
#include "emulator/api.hpp"
#include "emulator/faults.hpp"
#include "emulator/request_log.hpp"
#include "emulator/router.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace ssmlink::emulator {

class FrontDoor;
namespace sessions {
class SessionRegistry;
class WebSocketConnection;
}  // namespace sessions

struct ServerOptions {
  std::string host = "127.0.0.1";  // the caller checks it is loopback (options.hpp)
  int port = 0;                    // 0: a free port
  FaultSettings faults;
  uint64_t seed = 1;  // faults and request IDs
  size_t request_log_capacity = 100000;
  ServerHooks hooks;
  // The sessions StartSession made (ssm/session_api.hpp); without it every data channel
  // is refused.
  std::shared_ptr<sessions::SessionRegistry> sessions;
};

class Server {
 public:
  // The world must outlive the server. Adds the default access key if the world has none.
  Server(World& world, ApiTable api, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, starts serving on its own thread and returns the port; connections are accepted
  // from then on. Throws std::runtime_error naming the address when it cannot bind.
  int start();
  // Stops accepting, finishes the requests in flight (cutting injected latency and hangs
  // short) and joins the threads. Does nothing when not running; start() may be called again.
  void stop();

  bool running() const;
  int port() const;
  std::string url() const;  // http://127.0.0.1:PORT

  Faults& faults() { return faults_; }
  RequestLog& requests() { return requests_; }

 private:
  void serve_aws(const httplib::Request& request, httplib::Response& response);
  void serve_admin(const httplib::Request& request, httplib::Response& response);
  void wait_unless_stopping(std::chrono::milliseconds duration);
  // A connection whose head asks for a data channel (on its own thread; owns `fd`).
  void serve_upgrade(int fd, std::string head, std::string rest);

  World& world_;
  const ApiTable api_;
  ServerOptions options_;
  Faults faults_;
  RequestLog requests_;
  Router router_;

  std::unique_ptr<httplib::Server> http_;  // on a private loopback port
  std::unique_ptr<FrontDoor> front_;       // the public port
  std::thread thread_;
  int port_ = 0;
  std::set<sessions::WebSocketConnection*> websockets_;  // guarded by stop_mutex_

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
};

}  // namespace ssmlink::emulator
