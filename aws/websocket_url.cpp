#include "aws/websocket_url.hpp"

#include <regex>

#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

bool is_secret_query_value(std::string_view name, std::string_view value) {
  static const std::regex secret_name(
      "token|signature|credential|secret|password|passwd|key|auth|session|security",
      std::regex::icase);
  static const std::regex secret_value("[A-Za-z0-9+/=_%.-]{24,}");
  return std::regex_search(std::string(name), secret_name) ||
         std::regex_match(std::string(value), secret_value);
}

}  // namespace

std::string WebSocketUrl::connect_host() const {
  if (url.host.size() >= 2 && url.host.front() == '[' && url.host.back() == ']') {
    return url.host.substr(1, url.host.size() - 2);
  }
  return url.host;
}

std::string WebSocketUrl::request_target() const {
  return url.query.empty() ? url.path : url.path + "?" + url.query;
}

std::optional<WebSocketUrl> parse_websocket_url(std::string_view text) {
  // parse_url knows http(s) only; the rest of the syntax is the same (RFC 6455 section 3).
  std::string lower = to_lower(text.substr(0, 6));
  std::string as_http;
  if (lower.starts_with("ws://")) {
    as_http = "http://" + std::string(text.substr(5));
  } else if (lower.starts_with("wss://")) {
    as_http = "https://" + std::string(text.substr(6));
  } else {
    return std::nullopt;
  }
  auto url = parse_url(as_http);
  if (!url) return std::nullopt;
  // Section 3: fragment identifiers have no meaning here.
  if (url->path.find('#') != std::string::npos || url->query.find('#') != std::string::npos) {
    return std::nullopt;
  }
  url->scheme = url->scheme == "https" ? "wss" : "ws";
  return WebSocketUrl{*url};
}

std::string redacted_url(const WebSocketUrl& websocket) {
  const Url& url = websocket.url;
  std::string text = url.scheme + "://" + url.authority() + url.path;
  if (url.query.empty()) return text;
  std::vector<std::string> parts;
  for (const std::string& pair : split(url.query, '&')) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos) {
      parts.push_back(is_secret_query_value("", pair) ? "<redacted>" : pair);
      continue;
    }
    std::string_view name = std::string_view(pair).substr(0, equals);
    std::string_view value = std::string_view(pair).substr(equals + 1);
    parts.push_back(is_secret_query_value(name, value) ? std::string(name) + "=<redacted>" : pair);
  }
  return text + "?" + join(parts, "&");
}

}  // namespace ssmlink::aws
