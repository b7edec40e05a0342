// Splits a command line into arguments the way Python's shlex.split does (POSIX mode),
// which is how the AWS CLI reads credential_process and quoted section names.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::aws {

// Whitespace separates words; 'single quotes' keep everything literally; "double quotes"
// keep everything but \" and \\; outside quotes a backslash keeps the next character.
// None for an unclosed quote or a trailing backslash.
std::optional<std::vector<std::string>> shell_split(std::string_view text);

}  // namespace ssmlink::aws
