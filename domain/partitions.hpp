// AWS partitions (aws, aws-cn, aws-us-gov, ...) and their regions, from botocore's
// partitions.json (data/partitions.json, compiled in).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace ssmlink::domain {

struct Partition {
  std::string id;          // aws, aws-cn, aws-us-gov, ...
  std::string dns_suffix;  // amazonaws.com, amazonaws.com.cn, ...
  std::string region_regex;
  std::vector<std::string> regions;  // the named regions, without the *-global pseudo-regions
};

const std::vector<Partition>& partitions();

// The partition a region belongs to: by its listed regions first, then by the
// partition's region pattern (new regions appear before the data is refreshed). Points
// into partitions(); null when none matches.
const Partition* partition_of(std::string_view region);

// A region name in the right shape for some partition, or an error naming it.
Result<std::string> parse_region(std::string_view text);

}  // namespace ssmlink::domain
