#include "domain/org_targets.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <regex>

#include "domain/partitions.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

// Each item of the list, trimmed, checked by `check` (an error message, or "" when fine).
Result<std::vector<std::string>> parse_list(
    std::string_view text, std::string_view noun,
    const std::function<std::string(const std::string&)>& check) {
  std::vector<std::string> items;
  for (const auto& part : split(text, ',')) {
    std::string item = trim(part);
    if (item.empty())
      return fail("an empty " + std::string(noun) + " in \"" + printable(text) + "\"");
    if (std::string problem = check(item); !problem.empty()) return fail(problem);
    if (std::find(items.begin(), items.end(), item) != items.end())
      return fail(std::string(noun) + " " + item + " is given twice");
    items.push_back(item);
  }
  if (items.empty()) return fail("no " + std::string(noun) + " given");
  return items;
}

}  // namespace

Result<std::vector<std::string>> parse_account_ids(std::string_view text) {
  return parse_list(text, "account ID", [](const std::string& item) -> std::string {
    bool digits = item.size() == 12 && std::all_of(item.begin(), item.end(), [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c)) != 0;
                  });
    if (digits) return "";
    return "\"" + printable(item) + "\" is not an AWS account ID (expected 12 digits)";
  });
}

Result<std::vector<std::string>> parse_unit_ids(std::string_view text) {
  // The Organizations API's patterns for ParentId.
  static const std::regex unit("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$");
  return parse_list(text, "organizational unit", [](const std::string& item) -> std::string {
    if (std::regex_match(item, unit)) return "";
    return "\"" + printable(item) +
           "\" is not an organizational unit or root ID (expected ou-xxxx-xxxxxxxx or r-xxxx)";
  });
}

Result<std::vector<std::string>> parse_region_list(std::string_view text) {
  return parse_list(text, "region", [](const std::string& item) -> std::string {
    auto region = parse_region(item);
    return region ? "" : region.error().message;
  });
}

}  // namespace ssmlink::domain
