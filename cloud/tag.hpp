// A resource or stack tag as EC2 and CloudFormation return and take it.
// (Not domain::Tag: cloud/ headers stay free of std::expected, which the clang the fuzz
// targets build with cannot compile with GCC 12's library.)
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::cloud {

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

// The value of the first tag with exactly this key.
inline std::optional<std::string> find_tag(const std::vector<Tag>& tags, std::string_view key) {
  for (const Tag& tag : tags) {
    if (tag.key == key) return tag.value;
  }
  return std::nullopt;
}

}  // namespace ssmlink::cloud
