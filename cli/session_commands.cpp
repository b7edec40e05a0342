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
#include "cli/stack_view.hpp"
#include "cli/terminal.hpp"
#include "domain/ids.hpp"
#include "domain/stack_tags.hpp"
#include "util/version.hpp"
#include "workflows/connect.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

namespace {

struct SessionOptions {
  std::optional<std::string> instance;
  std::optional<std::string> target;
  std::optional<std::string> document;
  std::vector<std::string> parameters;
  std::optional<std::string> reason;
  std::string ttl = "1h";
  bool keep = false;
  bool no_open = false;
  int online_timeout = 300;
};

// "k=v,k2=v2" (and repeated options): a part without "=" belongs to the value before it,
// so a value may hold commas ("command=echo a,b").
std::map<std::string, std::vector<std::string>> parse_parameters(
    const std::vector<std::string>& items) {
  std::map<std::string, std::vector<std::string>> parameters;
  for (const std::string& item : items) {
    std::string* last = nullptr;
    size_t start = 0;
    while (start <= item.size()) {
      size_t comma = item.find(',', start);
      std::string part =
          item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      size_t equals = part.find('=');
      if (equals == std::string::npos || equals == 0) {
        if (!last) {
          throw workflows::UsageError("--parameters: \"" + item +
                                      "\" is not KEY=VALUE[,KEY=VALUE...] (e.g. command=uptime)");
        }
        *last += "," + part;
      } else {
        auto& values = parameters[part.substr(0, equals)];
        values.push_back(part.substr(equals + 1));
        last = &values.back();
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return parameters;
}

// One shell word: quoted unless it is plainly safe.
std::string shell_quote(const std::string& word) {
  bool safe = !word.empty() && word.find_first_not_of(
                                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789_-./=:,+@%") == std::string::npos;
  if (safe) return word;
  std::string quoted = "'";
  for (char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

void add_session_options(CLI::App& command, SessionOptions& o, bool interactive) {
  auto* instance = command.add_option("--instance", o.instance, "the EC2 instance (i-...)")
                       ->check(id_validator(domain::ResourceKind::Instance));
  command.add_option("--target", o.target, "any managed node (i-... or mi-...), as is")
      ->excludes(instance);
  command.add_option("--document", o.document,
                     interactive ? "a Session document (default: the account's shell)"
                                 : "the Session document (default AWS-StartNonInteractiveCommand)");
  command.add_option("--parameters", o.parameters, "document parameters, KEY=VALUE[,KEY=VALUE...]");
  command.add_option("--reason", o.reason, "why, for the session's record (1-256 characters)")
      ->check(CLI::Validator(
          [](std::string& t) {
            return t.empty() || t.size() > 256 ? "--reason: 1 to 256 characters" : "";
          },
          "TEXT"));
  command.add_option("--ttl", o.ttl, "expiry of endpoints created for the session")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return domain::parse_ttl(t); }, "DURATION"));
  command.add_flag("--keep", o.keep, "leave endpoints created for the session in place");
  command.add_flag("--no-up", o.no_open,
                   "never create endpoints; fail if the instance is not reachable");
  command
      .add_option("--online-timeout", o.online_timeout,
                  "seconds to wait for the instance to come Online after creating endpoints")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
}

workflows::ConnectRequest connect_request(const SessionOptions& o, const Context& context) {
  workflows::ConnectRequest request;
  if (o.instance)
    request.start.target = *o.instance;
  else if (o.target)
    request.start.target = *o.target;
  else
    throw workflows::UsageError("give --instance i-... (or --target for a managed node mi-...)");
  request.start.document_name = o.document;
  request.start.reason = o.reason;
  request.start.parameters = parse_parameters(o.parameters);
  request.open_path = !o.no_open && o.instance.has_value();
  request.ttl = *domain::parse_ttl(o.ttl);
  request.keep = o.keep;
  request.online_timeout = std::chrono::seconds(o.online_timeout);
  request.api_timeout = api_timeout(context);
  request.channel.websocket.user_agent = std::string("ssmlink/") + kVersion;
  return request;
}

// The up/down display of the path, on the stream the command's own lines go to.
class SessionView final : public workflows::ConnectObserver {
 public:
  SessionView(std::ostream& out, Clock& clock, const Context& context)
      : out_(out),
        up_(out, clock, {progress_mode(context), context.color(), context.global.profile, true}),
        down_(out, clock, progress_mode(context), context.color(), true),
        quiet_(context.global.quiet) {}

  workflows::UpObserver& up() override { return up_; }
  workflows::DownObserver& down() override { return down_; }
  UpView& up_view() { return up_; }
  DownView& down_view() { return down_; }

  void on_path_ready(const workflows::UpReport* report) override {
    if (report) up_.finish(*report);
  }
  void on_session(const std::string& session_id) override {
    if (!quiet_) out_ << "Session  " << session_id << "\n" << std::flush;
  }
  // Before the cleanup's progress: connect puts the terminal back here, or `down`'s
  // display would be drawn on a raw terminal.
  void on_session_end(const workflows::SessionResult& result) override {
    if (session_ended) session_ended(result);
  }
  std::function<void(const workflows::SessionResult&)> session_ended;

 private:
  std::ostream& out_;
  UpView up_;
  DownView down_;
  bool quiet_;
};

workflows::SessionIo stream_io(const Context& context) {
  workflows::SessionIo io;
  io.write_out = [&context](std::string_view bytes) {
    context.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    context.out.flush();
  };
  io.write_err = [&context](std::string_view bytes) {
    context.err.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    context.err.flush();
  };
  io.notice = [&context](const std::string& line) {
    if (!context.global.quiet) context.err << "\r\nssmlink: " << line << "\r\n" << std::flush;
  };
  return io;
}

int refused(const workflows::SessionRefused& refusal, const Context& context) {
  context.err << "ssmlink: error: " << refusal.what() << "\n";
  return refusal.target_not_ready ? kBlocked : kCloudFailed;
}

// The up part did not end with a path: its own display said why.
int path_exit_code(workflows::UpOutcome outcome) {
  switch (outcome) {
    case workflows::UpOutcome::Blocked:
      return kBlocked;
    case workflows::UpOutcome::NotOnline:
      return kTimedOut;
    case workflows::UpOutcome::Interrupted:
      return kInterrupted;
    default:
      return kCloudFailed;
  }
}

// up ended without a path (blocked, failed, not Online, Ctrl-C): its own words say why and
// how to undo what it left (the exact ssmlink down command).
int path_not_opened(const workflows::ConnectReport& report, SessionView& view) {
  if (!report.up) return kCloudFailed;
  view.up_view().finish(*report.up);
  return path_exit_code(report.up->outcome);
}

std::string ended_line(const workflows::SessionResult& result) {
  std::string line = "Session  ended after " +
                     clock_text(std::chrono::duration_cast<std::chrono::seconds>(result.duration));
  if (result.reconnects > 0)
    line += " (" + std::to_string(result.reconnects) + " reconnection" +
            (result.reconnects > 1 ? "s" : "") + ")";
  if (!result.message.empty() && result.end == workflows::SessionEnd::Closed)
    line += ": " + result.message;
  return line;
}

int session_failure(const workflows::SessionResult& result, const Context& context) {
  switch (result.end) {
    case workflows::SessionEnd::Closed:
      return kSuccess;
    case workflows::SessionEnd::Stopped:
      return kInterrupted;
    case workflows::SessionEnd::Failed:
    case workflows::SessionEnd::Lost:
      context.err << "ssmlink: error: session " << result.session_id << ": " << result.message
                  << "\n";
      return kCloudFailed;
  }
  return kCloudFailed;
}

}  // namespace

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
