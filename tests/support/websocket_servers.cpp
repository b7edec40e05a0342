#include "tests/support/websocket_servers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace ssmlink::testing {

namespace {

const char* const kServerScript = R"PY(
import asyncio, json, ssl, sys
from http import HTTPStatus
import websockets

mode = sys.argv[1]

async def handler(ws):
    try:
        if mode == "fragments":
            await ws.send(["frag", "mented ", "text"])
            await ws.send([b"\x00\x01", b"\x02\x03"])
        elif mode == "ping":
            pong = await ws.ping(b"are you there")
            await asyncio.wait_for(pong, 5)
            await ws.send("pong received")
        elif mode == "close":
            await ws.close(4001, "bye now")
            return
        elif mode == "drop":
            await ws.recv()
            ws.transport.abort()
            return
        async for message in ws:
            if message == "headers?":
                await ws.send(json.dumps(dict(ws.request_headers.raw_items())))
            elif message == "path?":
                await ws.send(ws.path)
            else:
                await ws.send(message)
    except websockets.ConnectionClosed:
        pass

async def reject(path, headers):
    return HTTPStatus.FORBIDDEN, [("x-amzn-RequestId", "req-123")], b"no\n"

async def main():
    context = None
    if len(sys.argv) > 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
    options = dict(max_size=None, ssl=context, compression=None)
    if mode == "reject":
        options["process_request"] = reject
    async with websockets.serve(handler, "127.0.0.1", 0, **options) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()

asyncio.run(main())
)PY";

int listen_on_loopback(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

int connect_loopback(const std::string& host, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (fd < 0 || ::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

// Copies bytes both ways until either side closes.
void pump(int a, int b) {
  char buffer[65536];
  while (true) {
    pollfd entries[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    if (::poll(entries, 2, 10000) <= 0) return;
    for (int i = 0; i < 2; ++i) {
      if (entries[i].revents == 0) continue;
      ssize_t n = ::read(entries[i].fd, buffer, sizeof buffer);
      if (n <= 0) return;
      write_all(i == 0 ? b : a, std::string(buffer, static_cast<size_t>(n)));
    }
  }
}

}  // namespace

PythonWebSocketServer::PythonWebSocketServer(const std::string& mode, const std::string& cert,
                                             const std::string& key) {
  std::string script = dir_.write("server.py", kServerScript);
  std::vector<std::string> argv = {"/usr/bin/python3", script, mode};
  if (!cert.empty()) argv.insert(argv.end(), {cert, key});
  process_.emplace(ChildProcess::exec(argv, {"PATH=/usr/bin:/bin"}, true));
  auto line = process_->read_line(std::chrono::seconds(20));
  if (!line || line->empty()) {
    throw std::runtime_error(
        "the Python websockets server did not start (is python3-websockets "
        "installed? scripts/setup.sh): " +
        errors());
  }
  port_ = std::stoi(*line);
}

std::string PythonWebSocketServer::errors() {
  std::string out, err;
  process_->pump(out, err, std::chrono::milliseconds(0));
  return err;
}

std::string read_request_head(int fd) {
  std::string head;
  char byte = 0;
  while (head.find("\r\n\r\n") == std::string::npos && ::read(fd, &byte, 1) == 1)
    head += byte;
  return head;
}

void write_all(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

RawTcpServer::RawTcpServer(std::function<void(int fd)> serve) : serve_(std::move(serve)) {
  listener_ = listen_on_loopback(port_);
  acceptor_ = std::thread([this] { accept_loop(); });
}

RawTcpServer::~RawTcpServer() {
  stopping_ = true;
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : connections_)
      ::shutdown(fd, SHUT_RDWR);  // ends a serve() stuck reading
  }
  for (auto& worker : workers_)
    worker.join();
  for (int fd : connections_)
    ::close(fd);
  ::close(listener_);
}

void RawTcpServer::accept_loop() {
  while (!stopping_) {
    pollfd entry{listener_, POLLIN, 0};
    if (::poll(&entry, 1, 50) <= 0) continue;
    int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    connections_.push_back(fd);
    workers_.emplace_back([this, fd] { serve_(fd); });
  }
}

ConnectProxy::ConnectProxy(std::optional<std::string> authorization)
    : authorization_(std::move(authorization)), server_([this](int fd) { serve(fd); }) {}

std::vector<std::string> ConnectProxy::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void ConnectProxy::serve(int fd) {
  std::string head = read_request_head(fd);
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(head);
  }
  // "CONNECT 127.0.0.1:1234 HTTP/1.1"
  if (!head.starts_with("CONNECT ")) return write_all(fd, "HTTP/1.1 405 Not Allowed\r\n\r\n");
  if (authorization_ &&
      head.find("Proxy-Authorization: " + *authorization_ + "\r\n") == std::string::npos) {
    return write_all(fd, "HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
  }
  std::string target = head.substr(8, head.find(' ', 8) - 8);
  size_t colon = target.rfind(':');
  int upstream = connect_loopback(target.substr(0, colon), std::stoi(target.substr(colon + 1)));
  if (upstream < 0) return write_all(fd, "HTTP/1.1 502 Bad Gateway\r\n\r\n");
  ++tunnels_;
  write_all(fd, "HTTP/1.1 200 Connection established\r\n\r\n");
  pump(fd, upstream);
  ::close(upstream);
}

}  // namespace ssmlink::testing
