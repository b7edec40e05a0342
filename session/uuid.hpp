// UUIDs as the data channel uses them: MessageIds in frames (16 bytes, reference section
// 5.2), and lower-case hyphenated strings in acknowledgements and OpenDataChannel.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "session/result.hpp"

namespace ssmlink::session {

struct Uuid {
  std::array<uint8_t, 16> bytes{};  // canonical order: the string read left to right
  friend bool operator==(const Uuid&, const Uuid&) = default;
};

// "dd01e56b-ff48-483e-a508-b5f073f31b16"
std::string to_string(const Uuid& id);
// Accepts the 8-4-4-4-12 form in either case; the error names the bad text.
Result<Uuid> parse_uuid(std::string_view text);
// A version 4 UUID made from 16 random bytes (the version and variant bits are set).
Uuid uuid_v4_from(std::array<uint8_t, 16> random_bytes);
// A version 4 UUID from std::random_device: for RequestId/ClientId and the default
// MessageId source. Tests inject their own source instead (DataChannelConfig).
Uuid random_uuid();

}  // namespace ssmlink::session
