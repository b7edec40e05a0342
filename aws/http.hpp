// HTTP as the rest of aws/ sees it: a request, a response, and a client that sends one
// and returns the other (or throws TransportError). CurlHttpClient is the real one.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmlink::aws {

struct Header {
  std::string name;
  std::string value;
};

// Header names compare case-insensitively.
std::optional<std::string> find_header(const std::vector<Header>& headers, std::string_view name);
void set_header(std::vector<Header>& headers, std::string name, std::string value);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // scheme://host[:port]/path[?query], already percent-encoded
  std::vector<Header> headers;
  std::string body;
  // Replaces the client's connect and read timeouts for this request: the instance
  // metadata (1 s) and container (2 s) endpoints answer at once or not at all.
  std::optional<std::chrono::milliseconds> timeout;
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10000};
  // No byte for this long while waiting for or reading a response: a timeout.
  std::chrono::milliseconds read_timeout{60000};
  std::optional<std::string> ca_bundle;  // AWS_CA_BUNDLE or the profile's ca_bundle
  std::string user_agent;                // ssmlink/<version>
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Throws TransportError when no complete response arrives.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

// libcurl: TLS verification always on, proxies from the environment (HTTPS_PROXY,
// NO_PROXY, ...), and one kept-alive connection per host, reused across calls.
// Safe to use from several threads.
std::unique_ptr<HttpClient> make_curl_client(const HttpOptions& options);

// The parts of a URL that signing and routing need.
struct Url {
  std::string scheme;
  std::string host;  // without port
  std::optional<int> port;
  std::string path;               // "/" when empty
  std::string query;              // after '?', without it
  std::string authority() const;  // host[:port], the Host header
};
std::optional<Url> parse_url(std::string_view text);

// RFC 3986 unreserved characters stay; everything else becomes %XX (upper-case hex).
std::string percent_encode(std::string_view text);

}  // namespace ssmlink::aws
