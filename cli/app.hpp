// The command line: parse, dispatch to a command, map failures to exit codes.
#pragma once
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "util/environment.hpp"

namespace ssmlink::cli {

// args excludes the program name. Returns the exit code; never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Environment& env, bool out_is_terminal = false);

// Every command and option, as --help shows them (include <CLI/CLI.hpp> to hold one). The man pages
// and the shell completions are generated from this same tree, so they cannot drift from --help.
struct CommandLine {
  std::unique_ptr<CLI::App> app;
  std::map<std::string, Action> actions;  // by command name
};
CommandLine build_command_line(Context& context);

}  // namespace ssmlink::cli
