// What doctor --org reads: comma-separated account IDs, organizational units and regions,
// each checked with a message naming the bad item.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace ssmlink::domain {

// "111122223333,444455556666": twelve digits each, no repeats.
Result<std::vector<std::string>> parse_account_ids(std::string_view text);
// "ou-ab12-cdefgh34,r-ab12": organizational unit or root IDs.
Result<std::vector<std::string>> parse_unit_ids(std::string_view text);
// "us-east-1,eu-west-1": region names (parse_region), no repeats.
Result<std::vector<std::string>> parse_region_list(std::string_view text);

}  // namespace ssmlink::domain
