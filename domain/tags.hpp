// Resource tags: user tags from --tag Key=Value and the ownership tags ssmlink adds.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace ssmlink::domain {

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

inline constexpr std::string_view kManagedTag = "ssmlink:managed";
inline constexpr std::string_view kVersionTag = "ssmlink:version";
inline constexpr std::string_view kExpiresTag = "ssmlink:expires-at";

// "Key=Value" (split at the first '='). Keys: 1-128 characters, not aws: or ssmlink:
// (reserved), not Name (use --name). Values: up to 256 characters. Any Unicode is kept.
Result<Tag> parse_tag(std::string_view text);

// ssmlink:managed=true and ssmlink:version=<version>.
std::vector<Tag> ownership_tags(std::string_view version);

}  // namespace ssmlink::domain
