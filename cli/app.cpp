#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/failure.hpp"
#include "cli/suggest.hpp"
#include "util/build_info.hpp"
#include "util/version.hpp"

namespace ssmlink::cli {

namespace {

constexpr const char* kFooter =
    R"(Exit codes: 0 success, 1 the AWS operation failed, 2 bad usage or input,
3 a blocking problem was found, 4 timed out, 130 interrupted.
Run 'ssmlink <command> --help' for a command's options and examples.)";

// "ssmlink 0.1.0 (commit 78d2462abc12, 2026-12-06)": which source a bug report is about.
std::string version_text() {
  std::string text = std::string("ssmlink ") + kVersion + " (commit " + kCommit;
  if (*kCommitDate != '\0') text += std::string(", ") + kCommitDate;
  return text + ")";
}

int fail(Context& context, const std::string& message, int code) {
  context.err << "ssmlink: error: " << message << "\n";
  return code;
}

// CLI11 words some errors its own way; say them the way ssmlink does.
std::string usage_message(const CLI::ParseError& error) {
  std::string text = error.what();
  for (const std::string prefix : {"The following arguments were not expected: ",
                                   "The following argument was not expected: "}) {
    if (text.starts_with(prefix)) {
      return "unknown option or argument: " + text.substr(prefix.size()) +
             " (see ssmlink --help or ssmlink <command> --help)";
    }
  }
  return text;
}

}  // namespace

CommandLine build_command_line(Context& context) {
  auto app = std::make_unique<CLI::App>(
      "ssmlink " + std::string(kVersion) +
      ": open (and close) a Session Manager path into a private AWS VPC");
  app->name("ssmlink");
  app->set_version_flag("--version", version_text());
  app->footer(kFooter);
  app->require_subcommand(0, 1);
  add_global_options(*app, context.global);

  std::map<std::string, Action> actions;
  actions["template"] = register_template(*app, context);
  actions["cost"] = register_cost(*app, context);
  actions["demo"] = register_demo(*app, context);
  actions["whoami"] = register_whoami(*app, context);
  actions["doctor"] = register_doctor(*app, context);
  actions["snapshot"] = register_snapshot(*app, context);
  actions["up"] = register_up(*app, context);
  actions["down"] = register_down(*app, context);
  actions["status"] = register_status(*app, context);
  actions["connect"] = register_connect(*app, context);
  actions["exec"] = register_exec(*app, context);
  actions["forward"] = register_forward(*app, context);
  actions["completion"] = register_completion(*app, context);
  return {std::move(app), std::move(actions)};
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Environment& env, bool out_is_terminal) {
  Context context{out, err, env, out_is_terminal, {}};
  auto [app_owner, actions] = build_command_line(context);
  CLI::App& app = *app_owner;

  // An unknown first word is a mistyped command; CLI11 would call it an extra argument.
  if (!args.empty() && !args[0].starts_with("-") && !actions.contains(args[0])) {
    std::vector<std::string> names;
    for (const auto& [name, _] : actions)
      names.push_back(name);
    std::string message = "unknown command \"" + args[0] + "\"";
    if (auto guess = closest(args[0], names)) message += "; did you mean \"" + *guess + "\"?";
    return fail(context, message + " (ssmlink --help lists the commands)", kUsage);
  }

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e, out, err);
    return kSuccess;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e, out, err);
    return kSuccess;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return kSuccess;
  } catch (const CLI::ParseError& e) {
    return fail(context, usage_message(e), kUsage);
  }

  auto parsed = app.get_subcommands();
  if (parsed.empty()) {
    out << app.help();
    return kUsage;
  }
  try {
    return actions.at(parsed.front()->get_name())();
  } catch (const std::exception& e) {
    Failure failure = describe_failure(e);
    return fail(context, failure.message, failure.exit_code);
  }
}

}  // namespace ssmlink::cli
