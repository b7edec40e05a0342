// One registrar per command (cli/<command>_command.cpp).
#pragma once
#include "cli/context.hpp"

namespace ssmlink::cli {

Action register_template(CLI::App& app, Context& context);
Action register_cost(CLI::App& app, Context& context);
Action register_demo(CLI::App& app, Context& context);
Action register_whoami(CLI::App& app, Context& context);
Action register_doctor(CLI::App& app, Context& context);
Action register_snapshot(CLI::App& app, Context& context);
Action register_up(CLI::App& app, Context& context);
Action register_down(CLI::App& app, Context& context);
Action register_status(CLI::App& app, Context& context);
Action register_connect(CLI::App& app, Context& context);
Action register_exec(CLI::App& app, Context& context);
Action register_forward(CLI::App& app, Context& context);
Action register_completion(CLI::App& app, Context& context);

}  // namespace ssmlink::cli
