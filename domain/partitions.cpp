#include "domain/partitions.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "util/embedded.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {
std::vector<Partition> load_partitions() {
  auto data = nlohmann::json::parse(embedded::partitions);
  std::vector<Partition> result;
  for (const auto& entry : data.at("partitions")) {
    Partition partition;
    partition.id = entry.at("id").get<std::string>();
    partition.dns_suffix = entry.at("outputs").at("dnsSuffix").get<std::string>();
    partition.region_regex = entry.value("regionRegex", "");
    for (const auto& [name, _] : entry.at("regions").items()) {
      if (name.ends_with("-global")) continue;
      partition.regions.push_back(name);
    }
    result.push_back(std::move(partition));
  }
  return result;
}
}  // namespace

const std::vector<Partition>& partitions() {
  static const std::vector<Partition> all = load_partitions();
  return all;
}

const Partition* partition_of(std::string_view region) {
  for (const auto& partition : partitions()) {
    if (std::ranges::find(partition.regions, region) != partition.regions.end()) return &partition;
  }
  // Compiled once: doctor asks for every instance of a region.
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> compiled;
    for (const auto& partition : partitions())
      compiled.emplace_back(partition.region_regex);
    return compiled;
  }();
  for (size_t i = 0; i < partitions().size(); ++i) {
    if (!partitions()[i].region_regex.empty() &&
        std::regex_match(region.begin(), region.end(), patterns[i])) {
      return &partitions()[i];
    }
  }
  return nullptr;
}

Result<std::string> parse_region(std::string_view text) {
  if (partition_of(text)) return std::string(text);
  return fail("\"" + printable(text) +
              "\" is not an AWS region (expected a name such as us-east-1, eu-west-1, "
              "cn-north-1 or us-gov-west-1)");
}

}  // namespace ssmlink::domain
