// `ssmlink connect` (an interactive shell) and `ssmlink exec` (one command, its exit code):
// both start a session on an instance, opening the path first when it is missing.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <ostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/render_down.hpp"
#include "cli/render_status.hpp"
#include "cli/render_up.hpp"
#include "cli/session.hpp"
#include "cli/session_support.hpp"
#include "cli/stack_view.hpp"
#include "cli/terminal.hpp"
#include "domain/ids.hpp"
#include "domain/stack_tags.hpp"
#include "util/version.hpp"
#include "workflows/connect.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

Action register_connect(CLI::App& app, Context& context) {
  auto o = std::make_shared<SessionOptions>();
  CLI::App* command = app.add_subcommand(
      "connect",
      "an interactive shell over Session Manager (opens the path first if needed, closes it "
      "after)");
  add_session_options(*command, *o, true);
  add_global_options(*command, context.global);
  command->footer(R"(Exit codes: 0 the session ended, 1 it failed or was lost, 2 bad input,
3 the instance cannot be reached (doctor says why), 4 not Online in time, 130 stopped.
Examples:
  ssmlink connect --instance i-0a1b2c3d4e5f67890
  ssmlink connect --instance i-0a1b2c3d4e5f67890 --keep --ttl 4h
  ssmlink connect --instance i-0a1b2c3d4e5f67890 --document AWS-StartInteractiveCommand --parameters command=top)");
  return [&context, o]() -> int {
    InterruptGuard interrupt;
    workflows::ConnectRequest request = connect_request(*o, context);
    request.interrupted = interrupt.flag();
    auto session = open_session(context);
    SessionView view(context.out, *session->clock(), context);
    workflows::SessionIo io = stream_io(context);
    io.input_fd = STDIN_FILENO;
    io.end_input_with_eof_key = !isatty(STDIN_FILENO);
    std::unique_ptr<RawTerminal> raw;
    io.terminal_size = remote_window_size;
    io.resized = &RawTerminal::resized();
    io.stop = &RawTerminal::terminated();
    io.started = [&raw](const session::SessionStarted& started) {
      raw = std::make_unique<RawTerminal>(STDIN_FILENO);
      (void)started;
    };
    view.session_ended = [&raw, &context](const workflows::SessionResult& result) {
      raw.reset();
      if (!context.global.quiet) context.out << "\r\n" << ended_line(result) << "\n";
    };
    workflows::ConnectReport report;
    try {
      report = workflows::run_connect(*session, request, io, view);
    } catch (const workflows::SessionRefused& refusal) {
      raw.reset();
      return refused(refusal, context);
    }
    raw.reset();
    if (!report.session) return path_not_opened(report, view);
    if (report.down)
      view.down_view().finish(*report.down);
    else if (report.created_stack && !context.global.quiet)
      context.out << "Kept     " << report.up->stack_name << " (ssmlink down --stack "
                  << report.up->stack_name << " when done)\n";
    return session_failure(*report.session, context);
  };
}

Action register_exec(CLI::App& app, Context& context) {
  auto o = std::make_shared<SessionOptions>();
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand(
      "exec", "run one command over Session Manager; its stdout, stderr and exit code are ours");
  add_session_options(*command, *o, false);
  command->add_option("command", *words, "the command and its arguments, after --")->required();
  add_global_options(*command, context.global);
  command->footer(R"(Exit codes: the remote command's; 1 the session failed or gave no exit code,
2 bad input, 3 the instance cannot be reached, 4 not Online in time, 130 interrupted.
ssmlink's own lines go to stderr, so stdout is the command's alone.
Examples:
  ssmlink exec --instance i-0a1b2c3d4e5f67890 -- systemctl is-active nginx
  ssmlink exec --instance i-0a1b2c3d4e5f67890 -- sh -c 'df -h /; uptime')");
  return [&context, o, words]() -> int {
    InterruptGuard interrupt;
    workflows::ConnectRequest request = connect_request(*o, context);
    request.interrupted = interrupt.flag();
    if (!request.start.document_name)
      request.start.document_name = "AWS-StartNonInteractiveCommand";
    std::string line;
    for (const std::string& word : *words)
      line += (line.empty() ? "" : " ") + shell_quote(word);
    request.start.parameters["command"] = {line};
    auto session = open_session(context);
    SessionView view(context.err, *session->clock(), context);
    workflows::SessionIo io = stream_io(context);
    io.stop = interrupt.flag();
    io.notice = [&context](const std::string& text) {
      if (!context.global.quiet) context.err << "ssmlink: " << text << "\n" << std::flush;
    };
    workflows::ConnectReport report;
    try {
      report = workflows::run_connect(*session, request, io, view);
    } catch (const workflows::SessionRefused& refusal) {
      return refused(refusal, context);
    }
    if (!report.session) return path_not_opened(report, view);
    if (report.down) view.down_view().finish(*report.down);
    int failure = session_failure(*report.session, context);
    if (failure != kSuccess) return failure;
    if (!report.session->exit_code) {
      context.err << "ssmlink: error: session " << report.session->session_id
                  << " ended without an exit code (the document must send one: "
                     "AWS-StartNonInteractiveCommand, or a Session document with "
                     "separateOutputStream)\n";
      return kCloudFailed;
    }
    return *report.session->exit_code;
  };
}

}  // namespace ssmlink::cli
