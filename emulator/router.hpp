// One endpoint for every service, routed as AWS's front ends route: the service from the
// signed credential scope, the operation from Action= (query protocols, with their Version)
// or X-Amz-Target (JSON 1.1); the signature verified; faults injected; the handler called
// with the World locked; every error written in the service's envelope with a request ID.
// It knows nothing of sockets: the Server feeds it requests and writes its replies.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "emulator/api.hpp"
#include "emulator/faults.hpp"
#include "emulator/request_log.hpp"
#include "util/sigv4.hpp"

namespace ssmlink::emulator {

struct HttpRequest {
  std::string method;
  std::string target;  // path and query as sent: "/", "/?Action=GetCallerIdentity&..."
  sigv4::Headers headers;
  std::string body;
};

struct HttpReply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // x-amzn-RequestId, Location
  std::chrono::milliseconds delay{0};  // injected latency or hang: wait this long to answer
  bool reset_connection = false;       // injected fault: close the connection mid-body
};

class Router {
 public:
  // `api` and `faults` must outlive the router.
  Router(World& world, const ApiTable& api, Faults& faults, uint64_t seed = 1);

  // Answers one AWS request; fills in what the request log records except its status and
  // latency (the server measures those).
  HttpReply route(const HttpRequest& request, RequestRecord& record);

 private:
  std::string next_request_id();

  World& world_;
  const ApiTable& api_;
  Faults& faults_;
  uint64_t id_salt_;
  std::atomic<uint64_t> id_counter_{0};
};

}  // namespace ssmlink::emulator
