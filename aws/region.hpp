// The region, as the AWS CLI v2 resolves it: --region, AWS_REGION, AWS_DEFAULT_REGION,
// then the profile's region in ~/.aws/config.
#pragma once
#include <optional>
#include <string>

#include "aws/shared_config.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

struct RegionChoice {
  std::string region;
  std::string source;  // "--region", "AWS_REGION", "AWS_DEFAULT_REGION", "profile dev"
};

// None when no source names a region. A named region that is not one throws ConfigError
// naming its source.
std::optional<RegionChoice> resolve_region(const std::optional<std::string>& region_flag,
                                           const Environment& env, const SharedConfig& config,
                                           const std::string& profile);

}  // namespace ssmlink::aws
