#include "tests/support/recording_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace ssmlink::testing {

std::string RecordedRequest::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

RecordingServer::RecordingServer(Handler handler) {
  server_.server().set_keep_alive_max_count(1000);
  auto record_and_handle = [this, handler](const httplib::Request& request,
                                           httplib::Response& response) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(
          {request.method, request.target, request.body, request.headers, request.remote_port});
    }
    handler(request, response);
  };
  const char* any_path = R"(/.*)";
  server_.server().Get(any_path, record_and_handle);
  server_.server().Post(any_path, record_and_handle);
  server_.server().Put(any_path, record_and_handle);
  server_.server().Delete(any_path, record_and_handle);
  server_.start();
}

std::vector<RecordedRequest> RecordingServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int unused_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace ssmlink::testing
