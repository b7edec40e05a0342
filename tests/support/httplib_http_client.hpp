// Test helper: aws::HttpClient over cpp-httplib's client, for tests that talk to a
// loopback server (loopback_server.hpp). It refuses any host but this machine, so a test
// that goes wrong cannot reach a real AWS address. Header-only: tests/support/*.cpp is
// linked into every suite, and this needs aws/ and cpp-httplib, which not all suites link.
#pragma once
#include <httplib.h>

#include <chrono>

#include "aws/errors.hpp"
#include "aws/http.hpp"

namespace ssmlink::testing {

class HttplibHttpClient final : public aws::HttpClient {
 public:
  explicit HttplibHttpClient(std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : timeout_(timeout) {}

  aws::HttpResponse send(const aws::HttpRequest& request) override {
    auto url = aws::parse_url(request.url);
    if (!url) throw aws::TransportError(request.url, "not a URL", false);
    if (url->scheme != "http" || !is_loopback(url->host)) {
      throw aws::TransportError(request.url, "the test client only talks http to loopback", false);
    }
    httplib::Client client("http://" + url->authority());
    client.set_url_encode(false);  // the URL is percent-encoded already
    auto timeout = request.timeout.value_or(timeout_);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);

    httplib::Request outgoing;
    outgoing.method = request.method;
    outgoing.path = url->path + (url->query.empty() ? "" : "?" + url->query);
    for (const auto& header : request.headers) {
      outgoing.headers.emplace(header.name, header.value);
    }
    outgoing.body = request.body;

    auto started = std::chrono::steady_clock::now();
    auto result = client.send(outgoing);
    if (!result) {
      auto elapsed = std::chrono::steady_clock::now() - started;
      bool timed_out = result.error() == httplib::Error::ConnectionTimeout ||
                       (result.error() == httplib::Error::Read && elapsed >= timeout * 9 / 10);
      throw aws::TransportError(request.url, httplib::to_string(result.error()), timed_out);
    }
    aws::HttpResponse response;
    response.status = result->status;
    for (const auto& [name, value] : result->headers) {
      response.headers.push_back({name, value});
    }
    response.body = result->body;
    return response;
  }

 private:
  static bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "[::1]" || host.starts_with("127.");
  }

  std::chrono::milliseconds timeout_;
};

}  // namespace ssmlink::testing
