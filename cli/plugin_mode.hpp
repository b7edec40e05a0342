// ssmlink called as `session-manager-plugin` (a link of that name on PATH): the AWS CLI's
// plugin command line (reference/ssm-session-protocol.md section 3), so that
// `aws ssm start-session` works with ssmlink installed and AWS's plugin absent. What it
// prints and its exit status follow AWS's plugin (section 3.4: 0 on every path).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace ssmlink::cli {

bool called_as_plugin(const char* argv0);

// `args` without argv[0].
int run_as_plugin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                  Environment& env);

}  // namespace ssmlink::cli
