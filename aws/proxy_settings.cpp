#include "aws/proxy_settings.hpp"

#include <arpa/inet.h>

#include <charconv>

#include "aws/errors.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

std::optional<std::string> first_set(const Environment& env,
                                     std::initializer_list<const char*> names, std::string& found) {
  for (const char* name : names) {
    if (auto value = env.get(name)) {
      found = name;
      return value;
    }
  }
  return std::nullopt;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr ==
            text.data() + i + 3) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// An IPv4 address in a CIDR block: "10.0.0.0/8".
bool in_ipv4_block(std::string_view block, std::string_view host) {
  size_t slash = block.find('/');
  if (slash == std::string_view::npos) return false;
  int bits = -1;
  std::string_view digits = block.substr(slash + 1);
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
  in_addr network{}, address{};
  if (error != std::errc() || end != digits.data() + digits.size() || bits < 0 || bits > 32 ||
      ::inet_pton(AF_INET, std::string(block.substr(0, slash)).c_str(), &network) != 1 ||
      ::inet_pton(AF_INET, std::string(host).c_str(), &address) != 1) {
    return false;
  }
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (ntohl(network.s_addr) & mask) == (ntohl(address.s_addr) & mask);
}

}  // namespace

bool bypasses_proxy(std::string_view no_proxy, std::string_view host) {
  std::string name = to_lower(host);
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  if (trim(no_proxy) == "*") return true;
  for (std::string entry : split(no_proxy, ',')) {
    entry = to_lower(trim(entry));
    if (entry.size() >= 2 && entry.front() == '[' && entry.back() == ']') {
      entry = entry.substr(1, entry.size() - 2);
    }
    if (entry.starts_with(".")) entry.erase(0, 1);
    if (entry.empty()) continue;
    if (name == entry || in_ipv4_block(entry, name)) return true;
    if (name.size() > entry.size() && name.ends_with(entry) &&
        name[name.size() - entry.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

std::optional<ProxySettings> proxy_for(const WebSocketUrl& target, const Environment& env) {
  std::string variable;
  // Only the lower-case http_proxy is read first for ws://, as libcurl does (an upper-case
  // HTTP_PROXY may be set by a CGI request header); HTTP_PROXY is the fallback asked for.
  auto text =
      target.secure()
          ? first_set(env, {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}, variable)
          : first_set(env, {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"}, variable);
  if (!text) return std::nullopt;
  std::string no_proxy;
  if (auto list = first_set(env, {"no_proxy", "NO_PROXY"}, no_proxy)) {
    if (bypasses_proxy(*list, target.connect_host())) return std::nullopt;
  }
  std::string url = trim(*text);
  if (url.find("://") == std::string::npos) url = "http://" + url;  // libcurl's default
  ProxySettings proxy;
  size_t authority_start = url.find("://") + 3;
  size_t at = url.find('@', authority_start);
  size_t slash = url.find('/', authority_start);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    proxy.credentials = percent_decode(url.substr(authority_start, at - authority_start));
    url.erase(authority_start, at + 1 - authority_start);
  }
  auto parsed = parse_url(url);
  if (!parsed || parsed->scheme != "http") {
    throw ConfigError(variable +
                      " is not a proxy ssmlink can use for WebSockets (expected "
                      "http://[user:password@]host[:port])");
  }
  WebSocketUrl host_only{*parsed};
  proxy.host = host_only.connect_host();
  proxy.port = parsed->port.value_or(1080);
  proxy.shown = "http://" + parsed->host + ":" + std::to_string(proxy.port);
  return proxy;
}

}  // namespace ssmlink::aws
