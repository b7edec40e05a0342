#include "emulator/ec2/ec2_ids.hpp"

#include "util/crypto.hpp"

namespace ssmlink::emulator {

bool is_ec2_id(std::string_view id, std::string_view prefix) {
  if (id.size() <= prefix.size() + 1 || id.substr(0, prefix.size()) != prefix ||
      id[prefix.size()] != '-') {
    return false;
  }
  std::string_view digits = id.substr(prefix.size() + 1);
  if (digits.size() != 8 && digits.size() != 17) return false;
  for (char c : digits) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string derived_id(std::string_view prefix, std::string_view seed) {
  std::string digest = sha256_hex(std::string(prefix) + "|" + std::string(seed));
  return std::string(prefix) + "-0" + digest.substr(0, 16);
}

std::string malformed_id_message(std::string_view label, std::string_view id,
                                 std::string_view prefix) {
  return "Invalid " + std::string(label) + ": '" + std::string(id) + "' (expecting '" +
         std::string(prefix) +
         "-...; the Id may only contain lowercase alphanumeric characters and a single dash')";
}

std::string malformed_group_id_message(std::string_view id) {
  return "Invalid id: \"" + std::string(id) + "\" (expecting \"sg-...\")";
}

uint64_t derived_number(std::string_view seed) {
  std::string digest = sha256(seed);
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i)
    value = (value << 8) | static_cast<unsigned char>(digest[i]);
  return value;
}

}  // namespace ssmlink::emulator
