// --debug: one block per request and response on stderr, secrets redacted. Tokens and
// keys are removed from headers, form bodies, XML and JSON before anything is written.
#pragma once
#include <chrono>
#include <iosfwd>
#include <mutex>
#include <string>

#include "aws/http.hpp"

namespace ssmlink::aws {

class DebugLog {
 public:
  explicit DebugLog(std::ostream& out) : out_(out) {}

  void request(const std::string& operation, const HttpRequest& request, int attempt,
               int max_attempts);
  void response(const HttpResponse& response, std::chrono::milliseconds elapsed);
  void failure(const std::string& what, std::chrono::milliseconds elapsed);
  void retry(const std::string& reason, std::chrono::milliseconds delay);
  void note(const std::string& text);

 private:
  void write(const std::string& text);
  std::ostream& out_;
  std::mutex mutex_;
};

// What --debug shows of a header value, a body or a URL.
std::string redact_header(const std::string& name, const std::string& value);
std::string redact_body(const std::string& body);

}  // namespace ssmlink::aws
