// Workflows report failures by throwing; the CLI maps each type to an exit code.
#pragma once
#include <stdexcept>
#include <string>

namespace ssmlink::workflows {

// Bad usage or input: a flag, an ID, a file the user gave (exit code 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace ssmlink::workflows

namespace ssmlink::workflows {

// Ctrl-C while a workflow waited outside a watch (exit code 130).
struct Interrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace ssmlink::workflows
