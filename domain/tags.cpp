#include "domain/tags.hpp"

#include "util/strings.hpp"

namespace ssmlink::domain {

Result<Tag> parse_tag(std::string_view text) {
  const std::string shown = "\"" + printable(text) + "\"";
  if (!is_valid_utf8(text)) return fail(shown + " is not valid UTF-8");
  size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return fail(shown + " is not a tag (expected Key=Value)");
  }
  Tag tag{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
  if (tag.key.empty()) return fail(shown + " has an empty key (expected Key=Value)");
  if (utf8_length(tag.key) > 128) return fail(shown + " has a key longer than 128 characters");
  if (utf8_length(tag.value) > 256) {
    return fail(shown + " has a value longer than 256 characters");
  }
  std::string lower = to_lower(tag.key);
  if (lower.starts_with("aws:"))
    return fail(shown + ": keys starting with aws: are reserved by AWS");
  if (lower.starts_with("ssmlink:")) {
    return fail(shown + ": keys starting with ssmlink: are set by ssmlink itself");
  }
  if (tag.key == "Name") return fail(shown + ": set the Name tag with --name");
  return tag;
}

std::vector<Tag> ownership_tags(std::string_view version) {
  return {{std::string(kManagedTag), "true"}, {std::string(kVersionTag), std::string(version)}};
}

}  // namespace ssmlink::domain
