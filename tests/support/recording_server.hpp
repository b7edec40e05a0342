// Test helper: a LoopbackServer that answers every path with one handler and records
// every request it receives.
#pragma once
#include <httplib.h>

#include "tests/support/loopback_server.hpp"

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ssmlink::testing {

struct RecordedRequest {
  std::string method;
  std::string path;
  std::string body;
  httplib::Headers headers;
  int remote_port = 0;
  std::string header(const std::string& name) const;
};

class RecordingServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  explicit RecordingServer(Handler handler);
  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  int port() const { return server_.port(); }
  std::string url() const { return server_.url(); }
  std::vector<RecordedRequest> requests() const;

 private:
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  LoopbackServer server_;  // last: stopped first, while the handler's state still exists
};

// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
int unused_port();

}  // namespace ssmlink::testing
