#include "emulator/server.hpp"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "emulator/front_door.hpp"
#include "emulator/sessions/session_registry.hpp"
#include "emulator/sessions/socket_websocket.hpp"
#include "emulator/sessions/websocket_handshake.hpp"
#include "emulator/sts/sts_api.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

namespace {

// Enough workers that injected latency on some connections does not stall the others. A
// held answer (latency, a hang) keeps its worker until it is sent even when the client has
// given up, as httplib 0.11 shows a handler nothing of its connection: so hangs are capped
// (faults.hpp max_hang) and stop() cuts every wait short.
constexpr size_t worker_threads = 16;
// CloudFormation templates are at most 51,200 bytes; form encoding can triple that.
constexpr size_t max_request_body = size_t{16} << 20;
// An idle keep-alive connection holds a worker until it times out, and stop() waits for
// it (httplib 0.11 has no way to cut it short): so one second, which loopback clients
// reconnect after cheaply.
constexpr time_t keep_alive_seconds = 1;

HttpRequest to_http_request(const httplib::Request& request) {
  HttpRequest http;
  http.method = request.method;
  http.target = request.target;
  http.body = request.body;
  http.headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    // httplib adds the peer's address as pseudo-headers; they were never sent.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    http.headers.emplace_back(name, value);
  }
  return http;
}

// The headers and status, then half of the body, then the connection closes: the client
// sees a response cut short, as after a connection reset.
void write_cut_short(httplib::Response& response, const HttpReply& reply) {
  auto body = std::make_shared<std::string>(reply.body);
  response.set_content_provider(body->size(), reply.content_type,
                                [body](size_t, size_t, httplib::DataSink& sink) {
                                  sink.write(body->data(), body->size() / 2);
                                  return false;
                                });
}

void write_reply(httplib::Response& response, const HttpReply& reply) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers)
    response.set_header(name, value);
  if (reply.reset_connection && !reply.body.empty()) {
    write_cut_short(response, reply);
  } else {
    response.set_content(reply.body, reply.content_type);
  }
}

}  // namespace

Server::Server(World& world, ApiTable api, ServerOptions options)
    : world_(world),
      api_(std::move(api)),
      options_(std::move(options)),
      faults_(options_.faults, options_.seed),
      requests_(options_.request_log_capacity),
      router_(world_, api_, faults_, options_.seed) {
  std::lock_guard lock(world_.mutex);
  ensure_default_access_key(world_);
}

Server::~Server() {
  stop();
}

int Server::start() {
  if (running()) return port_;
  auto http = std::make_unique<httplib::Server>();
  http->new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
  http->set_keep_alive_max_count(1000000);
  http->set_keep_alive_timeout(keep_alive_seconds);
  http->set_payload_max_length(max_request_body);
  // Headers and body go out in separate writes; Nagle's algorithm would hold the body back
  // until the client's delayed ACK, 40 ms per response.
  http->set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let a second emulator share a
  // port that is in use instead of failing.
  http->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  auto admin = [this](const httplib::Request& request, httplib::Response& response) {
    serve_admin(request, response);
  };
  auto aws = [this](const httplib::Request& request, httplib::Response& response) {
    serve_aws(request, response);
  };
  const char* admin_paths = R"(/_emulator/.*)";
  http->Get(admin_paths, admin);
  http->Post(admin_paths, admin);
  http->Delete(admin_paths, admin);
  http->Put(admin_paths, admin);
  http->Post(".*", aws);
  http->Get(".*", aws);

  // httplib serves HTTP on a private port; the public one is the front door's, which
  // passes it every connection that is not a data channel.
  int inner_port = http->bind_to_any_port("127.0.0.1");
  if (inner_port <= 0) {
    throw std::runtime_error(std::string("cannot listen on 127.0.0.1 (inner HTTP server): ") +
                             std::strerror(errno));
  }
  auto front = std::make_unique<FrontDoor>([this](int fd, std::string head, std::string rest) {
    serve_upgrade(fd, std::move(head), std::move(rest));
  });
  port_ = front->listen(options_.host, options_.port);

  http_ = std::move(http);
  front_ = std::move(front);
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = false;
  }
  auto finished = std::make_shared<std::atomic<bool>>(false);
  thread_ = std::thread([server = http_.get(), finished] {
    server->listen_after_bind();
    *finished = true;
  });
  // httplib's stop() only acts once the listening loop runs.
  while (!http_->is_running() && !*finished)
    std::this_thread::yield();
  front_->start(inner_port);
  return port_;
}

void Server::stop() {
  if (!http_) return;
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  front_->stop_accepting();
  {
    // The agents' serve() returns once their connection is gone.
    std::lock_guard lock(stop_mutex_);
    for (auto* websocket : websockets_)
      websocket->drop();
  }
  http_->stop();
  if (thread_.joinable()) thread_.join();
  // Spliced connections end with the inner server's.
  front_->wait_idle();
  front_.reset();
  http_.reset();
}

bool Server::running() const {
  return http_ && http_->is_running();
}

int Server::port() const {
  return port_;
}

std::string Server::url() const {
  bool ipv6 = options_.host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + options_.host + "]" : options_.host) + ":" +
         std::to_string(port_);
}

void Server::wait_unless_stopping(std::chrono::milliseconds duration) {
  if (duration.count() <= 0) return;
  std::unique_lock lock(stop_mutex_);
  stop_signal_.wait_for(lock, duration, [this] { return stopping_; });
}

void Server::serve_aws(const httplib::Request& request, httplib::Response& response) {
  auto started = std::chrono::steady_clock::now();
  RequestRecord record;
  HttpReply reply = router_.route(to_http_request(request), record);
  wait_unless_stopping(reply.delay);
  write_reply(response, reply);
  record.status = reply.status;
  record.latency_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  requests_.add(std::move(record));
}

void Server::serve_upgrade(int fd, std::string head, std::string rest) {
  auto verdict = sessions::answer_handshake(head);
  bool sent = ::send(fd, verdict.response.data(), verdict.response.size(), MSG_NOSIGNAL) ==
              static_cast<ssize_t>(verdict.response.size());
  if (!verdict.upgrade || !sent) {
    ::close(fd);
    return;
  }
  sessions::SocketWebSocket websocket(fd, std::move(rest));
  {
    std::lock_guard lock(stop_mutex_);
    if (stopping_) return;
    websockets_.insert(&websocket);
  }
  if (options_.sessions) {
    options_.sessions->serve(verdict.upgrade->session_id, websocket);
  } else {
    websocket.close(sessions::kRefusedChannel, "this emulator serves no sessions");
  }
  std::lock_guard lock(stop_mutex_);
  websockets_.erase(&websocket);
}

void Server::serve_admin(const httplib::Request& request, httplib::Response& response) {
  AdminContext context{world_, api_, faults_, requests_, options_.hooks, options_.sessions.get()};
  write_reply(response, handle_admin(context, request.method, request.path, request.body));
}

}  // namespace ssmlink::emulator
