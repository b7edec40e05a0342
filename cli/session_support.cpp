#include "cli/session_support.hpp"

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/stack_view.hpp"
#include "domain/ids.hpp"
#include "domain/stack_tags.hpp"
#include "util/version.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

namespace {

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

}  // namespace

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

void add_session_options(CLI::App& command, SessionOptions& o, bool interactive, bool document) {
  auto* instance = command.add_option("--instance", o.instance, "the EC2 instance (i-...)")
                       ->check(id_validator(domain::ResourceKind::Instance));
  command.add_option("--target", o.target, "any managed node (i-... or mi-...), as is")
      ->type_name("ID")
      ->excludes(instance);
  if (document) {
    command
        .add_option("--document", o.document,
                    interactive ? "a Session document (default: the account's shell)"
                                : "the Session document (default AWS-StartNonInteractiveCommand)")
        ->type_name("DOCUMENT");
    command
        .add_option("--parameters", o.parameters, "document parameters, KEY=VALUE[,KEY=VALUE...]")
        ->type_name("PARAMETERS");
  }
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
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 86400); }, "SECONDS"));
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

SessionView::SessionView(std::ostream& out, Clock& clock, const Context& context)
    : out_(out),
      up_(out, clock, {progress_mode(context), context.color(), context.global.profile, true}),
      down_(out, clock, progress_mode(context), context.color(), true),
      quiet_(context.global.quiet) {}

void SessionView::on_path_ready(const workflows::UpReport* report) {
  if (report) up_.finish(*report);
}

void SessionView::on_session(const std::string& session_id) {
  if (!quiet_ && show_session_line) out_ << "Session  " << session_id << "\n" << std::flush;
}

void SessionView::on_session_end(const workflows::SessionResult& result) {
  if (session_ended) session_ended(result);
}

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

}  // namespace ssmlink::cli
