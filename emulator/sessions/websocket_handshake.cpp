#include "emulator/sessions/websocket_handshake.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <vector>

#include "util/strings.hpp"

namespace ssmlink::emulator::sessions {

namespace {

constexpr std::string_view kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

struct Head {
  std::string request_line;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
};

Head parse_head(std::string_view head) {
  Head parsed;
  bool first = true;
  while (!head.empty()) {
    size_t end = head.find("\r\n");
    std::string_view line = head.substr(0, end);
    head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
    if (line.empty()) break;
    if (first) {
      parsed.request_line = std::string(line);
      first = false;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    parsed.headers.emplace_back(to_lower(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return parsed;
}

std::optional<std::string> upgrade_header(const Head& head, std::string_view name) {
  for (const auto& [key, value] : head.headers)
    if (key == name) return value;
  return std::nullopt;
}

// "Connection: keep-alive, Upgrade" lists tokens; compared case-insensitively.
bool has_token(const std::optional<std::string>& value, std::string_view token) {
  if (!value) return false;
  for (const auto& part : split(*value, ','))
    if (to_lower(trim(part)) == token) return true;
  return false;
}

std::string handshake_refusal(int status, std::string_view reason, const std::string& message) {
  std::string body = message + "\n";
  std::string extra = status == 426 ? "Sec-WebSocket-Version: 13\r\n" : "";
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n" + extra +
         "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

bool is_session_id(std::string_view id) {
  if (id.empty() || id.size() > 96) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '@' || c == '+' || c == '=';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool wants_data_channel(std::string_view head) {
  if (!head.starts_with(kDataChannelPrefix)) return false;
  return has_token(upgrade_header(parse_head(head), "upgrade"), "websocket");
}

HandshakeVerdict answer_handshake(std::string_view text) {
  Head head = parse_head(text);
  // "GET /v1/data-channel/<id>?query HTTP/1.1"
  std::vector<std::string> parts = split(head.request_line, ' ');
  if (parts.size() != 3 || parts[0] != "GET" || parts[2] != "HTTP/1.1") {
    return {std::nullopt, handshake_refusal(400, "Bad Request",
                                            "a WebSocket upgrade must be GET ... HTTP/1.1, got " +
                                                in_quotes(head.request_line))};
  }
  std::string_view target = parts[1];
  target.remove_prefix(kDataChannelPrefix.size() - 4);  // after "GET " came the path
  size_t question = target.find('?');
  std::string_view id = target.substr(0, question);
  UpgradeRequest upgrade;
  upgrade.session_id = std::string(id);
  if (question != std::string_view::npos) upgrade.query = std::string(target.substr(question + 1));
  if (!is_session_id(id)) {
    return {std::nullopt,
            handshake_refusal(400, "Bad Request",
                              "the session ID in the path is not valid: " + in_quotes(id))};
  }
  if (!has_token(upgrade_header(head, "connection"), "upgrade")) {
    return {std::nullopt, handshake_refusal(400, "Bad Request",
                                            "a WebSocket upgrade needs \"Connection: Upgrade\"")};
  }
  auto version = upgrade_header(head, "sec-websocket-version");
  if (version != "13") {
    return {std::nullopt, handshake_refusal(426, "Upgrade Required",
                                            "Sec-WebSocket-Version must be 13, got " +
                                                in_quotes(version.value_or("")))};
  }
  auto key = upgrade_header(head, "sec-websocket-key");
  // 16 random bytes in base64: 24 characters ending in "==".
  if (!key || key->size() != 24 || !key->ends_with("==")) {
    return {std::nullopt, handshake_refusal(400, "Bad Request",
                                            "Sec-WebSocket-Key must be 16 bytes in base64, got " +
                                                in_quotes(key.value_or("")))};
  }
  upgrade.key = *key;
  std::string response =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: " +
      websocket_accept(*key) + "\r\n\r\n";
  return {std::move(upgrade), std::move(response)};
}

std::string websocket_accept(std::string_view key) {
  std::string text = std::string(key) + std::string(kWebSocketGuid);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char encoded[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
  int length = EVP_EncodeBlock(encoded, digest, SHA_DIGEST_LENGTH);
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(length));
}

}  // namespace ssmlink::emulator::sessions
