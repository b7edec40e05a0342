// Test helper: an HttpClient that sends nothing. It records each request and answers
// with what the test's handler returns; by default it fails like an unreachable host, so
// code that would call a real AWS address (169.254.169.254, ...) is seen, never sent.
#pragma once
#include <functional>
#include <mutex>
#include <vector>

#include "aws/errors.hpp"
#include "aws/http.hpp"

namespace ssmlink::testing {

class ScriptedHttpClient final : public aws::HttpClient {
 public:
  using Handler = std::function<aws::HttpResponse(const aws::HttpRequest&)>;

  static aws::HttpResponse unreachable(const aws::HttpRequest& request) {
    throw aws::TransportError(request.url, "connection refused (test: no network)", false);
  }

  explicit ScriptedHttpClient(Handler handler = unreachable) : handler_(std::move(handler)) {}

  aws::HttpResponse send(const aws::HttpRequest& request) override {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      handler = handler_;
    }
    return handler(request);
  }

  void set_handler(Handler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }

  std::vector<aws::HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  mutable std::mutex mutex_;
  Handler handler_;
  std::vector<aws::HttpRequest> requests_;
};

inline aws::HttpResponse json_response(int status, const std::string& body) {
  return aws::HttpResponse{status, {{"Content-Type", "application/json"}}, body};
}

}  // namespace ssmlink::testing
