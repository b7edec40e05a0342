// The region a command works in: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile.
#pragma once
#include <optional>
#include <string>

#include "cli/context.hpp"

namespace ssmlink::cli {

std::optional<std::string> resolve_region(const Context& context);

// As resolve_region, but no region is a UsageError saying how to give one.
std::string require_region(const Context& context);

}  // namespace ssmlink::cli
