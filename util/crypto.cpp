#include "util/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>
#include <stdexcept>

namespace ssmlink {

namespace {

// OpenSSL may read the pointer even for zero bytes; an empty view can hold nullptr.
const unsigned char* bytes_of(std::string_view text) {
  static const unsigned char nothing = 0;
  return text.empty() ? &nothing : reinterpret_cast<const unsigned char*>(text.data());
}

std::string digest(std::string_view data, const EVP_MD* algorithm, const char* name) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes_of(data), data.size(), out, &length, algorithm, nullptr) != 1) {
    throw std::runtime_error(std::string(name) + " failed (OpenSSL)");
  }
  return std::string(reinterpret_cast<const char*>(out), length);
}

}  // namespace

std::string sha256(std::string_view data) {
  return digest(data, EVP_sha256(), "SHA-256");
}

std::string sha256_hex(std::string_view data) {
  return hex_encode(sha256(data));
}

std::string sha1_hex(std::string_view data) {
  return hex_encode(digest(data, EVP_sha1(), "SHA-1"));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  if (key.size() > INT_MAX) throw std::length_error("HMAC-SHA256 key too long");
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), bytes_of(key), static_cast<int>(key.size()), bytes_of(data), data.size(),
           out, &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed (OpenSSL)");
  }
  return std::string(reinterpret_cast<const char*>(out), length);
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    out += digits[byte >> 4];
    out += digits[byte & 0x0F];
  }
  return out;
}

}  // namespace ssmlink
