// Which CAs TLS trusts: AWS_CA_BUNDLE, else the profile's ca_bundle, else the system's.
// One place for the HTTP client (aws/session.cpp) and the WebSocket (aws/websocket.hpp).
#pragma once
#include <optional>
#include <string>

#include "aws/shared_config.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

std::optional<std::string> resolve_ca_bundle(const Environment& env, const SharedConfig& config,
                                             const std::string& profile);

}  // namespace ssmlink::aws
