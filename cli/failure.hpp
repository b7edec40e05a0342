// Turns any exception that reaches the CLI into the one line a user sees and the exit
// code it means. AWS errors get a hint with the usual fix.
#pragma once
#include <exception>
#include <string>

namespace ssmlink::cli {

struct Failure {
  std::string message;  // without the "ssmlink: error: " prefix
  int exit_code;
};

Failure describe_failure(const std::exception& error);

// The usual fix for an AWS error code, or "" when there is none worth saying.
std::string hint_for_error_code(const std::string& code);

}  // namespace ssmlink::cli
