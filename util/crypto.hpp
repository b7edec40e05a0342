// Hashes and MACs over bytes, from OpenSSL: what SigV4 signing and the SSO token cache
// need. Digests come back as raw bytes unless the name says hex.
#pragma once
#include <string>
#include <string_view>

namespace ssmlink {

std::string sha256(std::string_view data);                             // 32 raw bytes
std::string sha256_hex(std::string_view data);                         // 64 lower-case hex digits
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes
std::string sha1_hex(std::string_view data);                           // 40 lower-case hex digits

// Two lower-case hex digits per byte.
std::string hex_encode(std::string_view bytes);

}  // namespace ssmlink
