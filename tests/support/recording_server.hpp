// Test helper: an HTTP server on 127.0.0.1 (a free port), run on its own thread, that
// answers with a handler and records every request; stopped and joined on destruction.
#pragma once
#include <httplib.h>

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
  ~RecordingServer();
  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<RecordedRequest> requests() const;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
};

// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
int unused_port();

}  // namespace ssmlink::testing
