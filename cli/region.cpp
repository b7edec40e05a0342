#include "cli/region.hpp"

#include "domain/partitions.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

std::optional<std::string> resolve_region(const Context& context) {
  std::optional<std::string> region = context.global.region;
  const char* source = "--region";
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (region) break;
    region = context.env.get(variable);
    source = variable;
  }
  if (!region) return std::nullopt;
  auto parsed = domain::parse_region(*region);
  if (!parsed) throw workflows::UsageError(std::string(source) + ": " + parsed.error().message);
  return *parsed;
}

std::string require_region(const Context& context) {
  if (auto region = resolve_region(context)) return *region;
  throw workflows::UsageError(
      "no region: give --region (e.g. --region eu-west-1) or set AWS_REGION");
}

}  // namespace ssmlink::cli
