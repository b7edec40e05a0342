#include "cli/region.hpp"

#include "aws/region.hpp"
#include "aws/shared_config.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

// The AWS CLI's resolution (aws/region.hpp), for the commands that need a region but
// no AWS session (template, cost).
std::optional<std::string> resolve_region(const Context& context) {
  aws::SharedConfig config = aws::SharedConfig::load(context.env);
  std::string profile = aws::resolve_profile_name(context.global.profile, context.env);
  auto choice = aws::resolve_region(context.global.region, context.env, config, profile);
  if (!choice) return std::nullopt;
  return choice->region;
}

std::string require_region(const Context& context) {
  if (auto region = resolve_region(context)) return *region;
  throw workflows::UsageError(
      "no region: give --region (e.g. --region eu-west-1), set AWS_REGION, or add "
      "\"region = ...\" to the profile in ~/.aws/config");
}

}  // namespace ssmlink::cli
