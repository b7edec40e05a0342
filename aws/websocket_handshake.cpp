#include "aws/websocket_handshake.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <charconv>

#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

bool header_has_token(const std::vector<Header>& headers, std::string_view name,
                      std::string_view token) {
  auto value = find_header(headers, name);
  if (!value) return false;
  for (const std::string& part : split(*value, ',')) {
    if (to_lower(trim(part)) == token) return true;
  }
  return false;
}

}  // namespace

std::optional<ResponseHead> parse_response_head(std::string_view text) {
  size_t line_end = text.find("\r\n");
  if (line_end == std::string_view::npos) return std::nullopt;
  std::string_view status_line = text.substr(0, line_end);
  // "HTTP/1.1 101 Switching Protocols"
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 || status_line[8] != ' ') {
    return std::nullopt;
  }
  ResponseHead head;
  std::string_view digits = status_line.substr(9, 3);
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), head.status);
  if (error != std::errc() || end != digits.data() + 3) return std::nullopt;
  if (status_line.size() > 13) head.reason = trim(status_line.substr(13));
  size_t position = line_end + 2;
  while (position < text.size()) {
    size_t next = text.find("\r\n", position);
    if (next == std::string_view::npos || next == position) break;
    std::string_view line = text.substr(position, next - position);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    head.headers.push_back({trim(line.substr(0, colon)), trim(line.substr(colon + 1))});
    position = next + 2;
  }
  return head;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

std::string make_websocket_key() {
  unsigned char nonce[16];
  if (RAND_bytes(nonce, sizeof nonce) != 1) throw AwsError("no random bytes (OpenSSL RAND_bytes)");
  return base64_encode(std::string_view(reinterpret_cast<const char*>(nonce), sizeof nonce));
}

std::string websocket_accept_for(std::string_view key) {
  std::string text = std::string(key) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return base64_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string upgrade_request(const WebSocketUrl& url, const std::string& key,
                            const std::vector<Header>& extra_headers,
                            const std::string& user_agent) {
  std::string request = "GET " + url.request_target() + " HTTP/1.1\r\n";
  // Section 4.1: Host carries the port only when it is not the scheme's default.
  request += "Host: " + url.url.authority() + "\r\n";
  request += "Upgrade: websocket\r\nConnection: Upgrade\r\n";
  request += "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n";
  if (!user_agent.empty()) request += "User-Agent: " + user_agent + "\r\n";
  for (const Header& header : extra_headers) {
    request += header.name + ": " + header.value + "\r\n";
  }
  return request + "\r\n";
}

void check_upgrade_response(const ResponseHead& head, const std::string& key,
                            const std::string& shown_url) {
  if (head.status != 101) {
    std::string what = shown_url + " answered HTTP " + std::to_string(head.status);
    if (!head.reason.empty()) what += " " + printable(head.reason);
    what += " instead of accepting the WebSocket upgrade";
    for (const char* name : {"x-amzn-RequestId", "x-amz-request-id"}) {
      if (auto id = find_header(head.headers, name)) {
        what += " (request ID " + printable(*id) + ")";
        break;
      }
    }
    throw WebSocketHandshakeError(shown_url, head.status, what);
  }
  // Section 4.1, the client's checks on a 101 answer (points 2 to 6).
  std::string problem;
  if (!header_has_token(head.headers, "Upgrade", "websocket")) {
    problem = "no \"Upgrade: websocket\" header";
  } else if (!header_has_token(head.headers, "Connection", "upgrade")) {
    problem = "no \"Connection: Upgrade\" header";
  } else if (find_header(head.headers, "Sec-WebSocket-Accept") != websocket_accept_for(key)) {
    problem = "a Sec-WebSocket-Accept that does not match the key sent";
  } else if (find_header(head.headers, "Sec-WebSocket-Extensions")) {
    problem = "an extension that was not asked for";
  } else if (find_header(head.headers, "Sec-WebSocket-Protocol")) {
    problem = "a subprotocol that was not asked for";
  }
  if (!problem.empty()) {
    throw ResponseError(shown_url + " accepted the WebSocket upgrade with " + problem +
                        " (not a WebSocket server, or a proxy in the way?)");
  }
}

}  // namespace ssmlink::aws
