// The command line: parse, dispatch to a command, map failures to exit codes.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace ssmlink::cli {

// args excludes the program name. Returns the exit code; never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Environment& env, bool out_is_terminal = false);

}  // namespace ssmlink::cli
