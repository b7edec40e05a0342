// The AWS session a command works in, from the global options and the environment.
#pragma once
#include <memory>

#include "aws/session.hpp"
#include "cli/context.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::cli {

// --debug logs to the context's error stream. Throws aws::ConfigError (exit 2) when the
// shared files are malformed or no region is given anywhere.
std::unique_ptr<aws::Session> open_session(const Context& context);

// --api-timeout.
std::chrono::seconds api_timeout(const Context& context);

// For commands without a progress display: each retry notice as a line on stderr (none
// with --quiet).
workflows::Patience::Notify retry_notices(const Context& context);

}  // namespace ssmlink::cli
