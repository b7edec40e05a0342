#include "aws/ca_bundle.hpp"

namespace ssmlink::aws {

std::optional<std::string> resolve_ca_bundle(const Environment& env, const SharedConfig& config,
                                             const std::string& profile) {
  if (auto bundle = env.get("AWS_CA_BUNDLE")) return bundle;
  return config.profile_value(profile, "ca_bundle");
}

}  // namespace ssmlink::aws
