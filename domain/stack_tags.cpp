#include "domain/stack_tags.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "util/clock.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

std::optional<std::string> value_of(const std::vector<Tag>& tags, std::string_view key) {
  for (const Tag& tag : tags) {
    if (tag.key == key) return tag.value;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Tag> stack_tags(const StackPurpose& purpose, std::string_view version,
                            const std::vector<Tag>& user_tags) {
  std::vector<Tag> tags = ownership_tags(version);
  tags.push_back({std::string(kVpcTag), purpose.vpc_id});
  tags.push_back({std::string(kSubnetsTag), join(purpose.subnet_ids, ",")});
  std::vector<std::string> keys;
  for (Service service : purpose.services)
    keys.emplace_back(info(service).key);
  tags.push_back({std::string(kServicesTag), join(keys, ",")});
  if (purpose.instance_id) tags.push_back({std::string(kInstanceTag), *purpose.instance_id});
  if (purpose.stack_set) tags.push_back({std::string(kStackSetTag), *purpose.stack_set});
  if (purpose.expires_at)
    tags.push_back({std::string(kExpiresTag), format_iso8601(*purpose.expires_at)});
  tags.insert(tags.end(), user_tags.begin(), user_tags.end());
  return tags;
}

bool is_managed(const std::vector<Tag>& tags) {
  return value_of(tags, kManagedTag) == "true";
}

StackPurpose read_purpose(const std::vector<Tag>& tags) {
  StackPurpose purpose;
  purpose.vpc_id = value_of(tags, kVpcTag).value_or("");
  if (auto subnets = value_of(tags, kSubnetsTag); subnets && !subnets->empty()) {
    purpose.subnet_ids = split(*subnets, ',');
  }
  if (auto services = value_of(tags, kServicesTag); services && !services->empty()) {
    if (auto parsed = parse_services(*services)) purpose.services = *parsed;
  }
  purpose.instance_id = value_of(tags, kInstanceTag);
  purpose.stack_set = value_of(tags, kStackSetTag);
  if (auto expires = value_of(tags, kExpiresTag)) {
    Clock::TimePoint time;
    if (parse_iso8601(*expires, time)) purpose.expires_at = time;
  }
  return purpose;
}

std::string default_stack_name(std::string_view vpc_id) {
  return "ssmlink-" + std::string(vpc_id);
}

Result<std::string> parse_stack_name(std::string_view text) {
  bool ok =
      !text.empty() && text.size() <= 128 && std::isalpha(static_cast<unsigned char>(text[0]));
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') ok = false;
  }
  if (ok) return std::string(text);
  return fail("\"" + printable(text) +
              "\" is not a stack name (a letter, then letters, digits and hyphens, at most 128)");
}

Result<std::chrono::seconds> parse_ttl(std::string_view text) {
  const std::string_view given = text;  // `text` is consumed while parsing
  auto bad = [&] {
    return fail("\"" + printable(given) +
                "\" is not a time to live (expected e.g. 30m, 2h, 1d or 1h30m; 1m to 30d)");
  };
  if (text.empty()) return bad();
  std::chrono::seconds total{0};
  while (!text.empty()) {
    long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data() || end == text.data() + text.size() ||
        value < 0) {
      return bad();
    }
    char unit = *end;
    long seconds = unit == 'd' ? 86400 : unit == 'h' ? 3600 : unit == 'm' ? 60 : 0;
    if (seconds == 0 || value > 1000000) return bad();
    total += std::chrono::seconds(value * seconds);
    text.remove_prefix(static_cast<size_t>(end - text.data()) + 1);
  }
  if (total < std::chrono::minutes(1) || total > std::chrono::hours(24 * 30)) return bad();
  return total;
}

}  // namespace ssmlink::domain
