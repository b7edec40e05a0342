#include "aws/region.hpp"

#include "aws/errors.hpp"
#include "domain/partitions.hpp"

namespace ssmlink::aws {

namespace {
RegionChoice checked(const std::string& region, const std::string& source,
                     const std::string& where) {
  auto parsed = domain::parse_region(region);
  if (!parsed) throw ConfigError(where + ": " + parsed.error().message);
  return RegionChoice{*parsed, source};
}
}  // namespace

std::optional<RegionChoice> resolve_region(const std::optional<std::string>& region_flag,
                                           const Environment& env, const SharedConfig& config,
                                           const std::string& profile) {
  if (region_flag) return checked(*region_flag, "--region", "--region");
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto region = env.get(variable)) return checked(*region, variable, variable);
  }
  // Like the AWS CLI, a region in the credentials file's section counts too (and wins).
  for (const auto& [value, file] :
       {std::pair{config.credentials_file_value(profile, "region"), config.credentials_name()},
        std::pair{config.config_file_value(profile, "region"), config.config_name()}}) {
    if (value && !value->empty()) {
      return checked(*value, "profile " + profile, "region of profile " + profile + " in " + file);
    }
  }
  return std::nullopt;
}

}  // namespace ssmlink::aws
