// The AWS session a command works in, from the global options and the environment.
#pragma once
#include <memory>

#include "aws/session.hpp"
#include "cli/context.hpp"

namespace ssmlink::cli {

// --debug logs to the context's error stream. Throws aws::ConfigError (exit 2) when the
// shared files are malformed or no region is given anywhere.
std::unique_ptr<aws::Session> open_session(const Context& context);

}  // namespace ssmlink::cli
