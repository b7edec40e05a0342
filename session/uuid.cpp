#include "session/uuid.hpp"

#include <random>

#include "util/strings.hpp"

namespace ssmlink::session {

namespace {

constexpr char kUuidHexDigits[] = "0123456789abcdef";

int uuid_hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_uuid_dash_position(size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

}  // namespace

std::string to_string(const Uuid& id) {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < id.bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kUuidHexDigits[id.bytes[i] >> 4];
    out += kUuidHexDigits[id.bytes[i] & 0x0f];
  }
  return out;
}

Result<Uuid> parse_uuid(std::string_view text) {
  auto bad = [&] {
    return fail(in_quotes(text) + " is not a UUID (expected 8-4-4-4-12 hex digits)");
  };
  if (text.size() != 36) return bad();
  Uuid id;
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (is_uuid_dash_position(i)) {
      if (text[i] != '-') return bad();
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || is_uuid_dash_position(i + 1)) return bad();
    int high = uuid_hex_value(text[i]);
    int low = uuid_hex_value(text[i + 1]);
    if (high < 0 || low < 0) return bad();
    id.bytes[byte++] = static_cast<uint8_t>(high << 4 | low);
    i += 2;
  }
  return id;
}

Uuid uuid_v4_from(std::array<uint8_t, 16> random_bytes) {
  Uuid id{random_bytes};
  id.bytes[6] = static_cast<uint8_t>((id.bytes[6] & 0x0f) | 0x40);  // version 4
  id.bytes[8] = static_cast<uint8_t>((id.bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return id;
}

Uuid random_uuid() {
  // random_device reads the kernel's generator on Linux: every call is fresh entropy.
  thread_local std::random_device source;
  std::array<uint8_t, 16> bytes;
  for (size_t i = 0; i < bytes.size(); i += 4) {
    uint32_t word = source();
    for (size_t j = 0; j < 4; ++j)
      bytes[i + j] = static_cast<uint8_t>(word >> (8 * j));
  }
  return uuid_v4_from(bytes);
}

}  // namespace ssmlink::session
