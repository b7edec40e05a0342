// Region names as AWS writes them, for checking scenarios and credential scopes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::emulator {

// us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1, ...: lower-case words, then a number.
bool is_region_name(std::string_view name);

// aws, aws-cn or aws-us-gov: the partition an ARN in `region` names.
std::string partition_of(std::string_view region);

// The commercial, China or GovCloud partition's regions, by the partition of `region`:
// what EC2's DescribeRegions lists (aws-facts.md section 2.2).
const std::vector<std::string>& partition_regions(std::string_view region);

// Regions launched after March 2019, which an account must enable (opt-in-not-required
// for the others).
bool is_opt_in_region(std::string_view region);

}  // namespace ssmlink::emulator
