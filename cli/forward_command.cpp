// `ssmlink forward`: local ports relayed through Session Manager to a port on the instance
// or on a host it can reach; one line per connection, or JSON event lines for tools.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/session_support.hpp"
#include "cli/stack_view.hpp"
#include "workflows/errors.hpp"
#include "workflows/forward.hpp"

namespace ssmlink::cli {

namespace {

struct ForwardOptions {
  SessionOptions session;
  std::optional<int> remote_port;
  int local_port = 0;
  std::optional<std::string> host;
  std::optional<std::string> local_address;
  std::vector<std::string> forwards;
};

// 18.4 MB, 402 KB, 12 B: decimal units, as the UX page shows them.
std::string byte_text(uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  if (unit == 0)
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

std::string destination(const workflows::ForwardSpec& spec, const std::string& target) {
  return (spec.host.empty() ? target : spec.host) + ":" + std::to_string(spec.remote_port);
}

std::string end_name(workflows::SessionEnd end) {
  switch (end) {
    case workflows::SessionEnd::Closed:
      return "closed";
    case workflows::SessionEnd::Failed:
      return "failed";
    case workflows::SessionEnd::Stopped:
      return "stopped";
    case workflows::SessionEnd::Lost:
      return "lost";
  }
  return "closed";
}

// The forward's lines: text for people, one JSON object per line for tools. Every forward's
// thread calls in, so each event is written whole under a lock.
class ForwardView final : public workflows::ForwardObserver {
 public:
  ForwardView(std::ostream& out, std::ostream& err, Clock& clock, const Context& context,
              std::string target, bool several)
      : view_(context.global.format() == OutputFormat::Json ? err : out, clock, context),
        events_(out),
        err_(err),
        json_(context.global.format() == OutputFormat::Json),
        quiet_(context.global.quiet),
        target_(std::move(target)),
        several_(several) {
    view_.show_session_line = false;
  }

  SessionView& view() { return view_; }
  workflows::UpObserver& up() override { return view_.up(); }
  workflows::DownObserver& down() override { return view_.down(); }
  void on_path_ready(const workflows::UpReport* report) override { view_.on_path_ready(report); }

  void on_listening(const workflows::ForwardSession& f, session::PortMode mode) override {
    std::lock_guard lock(mutex_);
    if (json_) {
      emit({{"event", "listening"},
            {"local", f.endpoint},
            {"host", f.spec.host.empty() ? target_ : f.spec.host},
            {"port", f.spec.remote_port},
            {"target", target_},
            {"session_id", f.session_id},
            {"mode", std::string(session::port_mode_name(mode))}});
      return;
    }
    events_ << "Forward  " << f.endpoint << " -> " << destination(f.spec, target_) << " via "
            << target_ << " (" << session::port_mode_name(mode) << ", session " << f.session_id
            << ")\n";
    if (!workflows::is_loopback_address(f.spec.local_address))
      events_ << "         note: " << f.spec.local_address
              << " is not a loopback address: other hosts can connect\n";
    if (mode == session::PortMode::Basic)
      events_ << "         one connection at a time (the agent is too old to multiplex)\n";
    events_ << "         connect to " << f.endpoint << "   (Ctrl-C to stop)\n" << std::flush;
  }
  void on_opened(const workflows::ForwardSession& f,
                 const workflows::ConnectionOpened& opened) override {
    std::lock_guard lock(mutex_);
    if (json_) {
      emit({{"event", "opened"},
            {"local", f.endpoint},
            {"connection", opened.number},
            {"peer", opened.peer}});
    } else if (!quiet_) {
      events_ << "  + " << prefix(f) << "conn " << opened.number << "  opened from " << opened.peer
              << "\n"
              << std::flush;
    }
  }
  void on_closed(const workflows::ForwardSession& f,
                 const workflows::ConnectionClosed& closed) override {
    std::lock_guard lock(mutex_);
    if (json_) {
      nlohmann::json line = {{"event", "closed"},
                             {"local", f.endpoint},
                             {"connection", closed.number},
                             {"peer", closed.peer},
                             {"bytes_up", closed.bytes_up},
                             {"bytes_down", closed.bytes_down},
                             {"duration_ms", closed.duration.count()}};
      if (!closed.error.empty()) line["error"] = closed.error;
      emit(line);
    } else if (!quiet_) {
      events_ << "  - " << prefix(f) << "conn " << closed.number << "  closed after "
              << clock_text(std::chrono::duration_cast<std::chrono::seconds>(closed.duration))
              << ", " << byte_text(closed.bytes_up) << " up, " << byte_text(closed.bytes_down)
              << " down" << (closed.error.empty() ? "" : ": " + closed.error) << "\n"
              << std::flush;
    }
  }
  void on_refused(const workflows::ForwardSession& f, const std::string& peer,
                  const std::string& why) override {
    std::lock_guard lock(mutex_);
    if (json_) {
      emit({{"event", "refused"}, {"local", f.endpoint}, {"peer", peer}, {"reason", why}});
    } else if (!quiet_) {
      events_ << "  ! " << prefix(f) << "refused " << peer << ": " << why << "\n" << std::flush;
    }
  }
  void on_notice(const workflows::ForwardSession& f, const std::string& line) override {
    std::lock_guard lock(mutex_);
    if (json_) {
      emit({{"event", "notice"}, {"local", f.endpoint}, {"message", line}});
    } else if (!quiet_) {
      err_ << "ssmlink: " << prefix(f) << line << "\n" << std::flush;
    }
  }
  void on_forward_end(const workflows::ForwardSession& f) override {
    std::lock_guard lock(mutex_);
    if (!f.error.empty()) {
      if (json_) emit({{"event", "error"}, {"local", f.endpoint}, {"message", f.error}});
      err_ << "ssmlink: error: " << prefix(f) << "session " << f.session_id << ": " << f.error
           << "\n";
      return;
    }
    const workflows::SessionResult& result = *f.result;
    if (json_) {
      emit({{"event", "session_ended"},
            {"local", f.endpoint},
            {"session_id", f.session_id},
            {"end", end_name(result.end)},
            {"reason", result.message},
            {"reconnects", result.reconnects},
            {"duration_ms", result.duration.count()}});
      return;
    }
    if (result.end == workflows::SessionEnd::Failed || result.end == workflows::SessionEnd::Lost) {
      err_ << "ssmlink: error: " << prefix(f) << "session " << f.session_id << ": "
           << result.message << "\n";
    } else if (!quiet_ || result.end == workflows::SessionEnd::Closed) {
      events_ << prefix(f) << ended_line(result) << "\n" << std::flush;
    }
  }

 private:
  std::string prefix(const workflows::ForwardSession& f) const {
    return several_ ? "[" + f.endpoint + "] " : "";
  }
  void emit(const nlohmann::json& line) { events_ << line.dump() << "\n" << std::flush; }

  SessionView view_;
  std::mutex mutex_;
  std::ostream& events_;
  std::ostream& err_;
  bool json_;
  bool quiet_;
  std::string target_;
  bool several_;
};

std::vector<workflows::ForwardSpec> forward_specs(const ForwardOptions& o) {
  std::vector<workflows::ForwardSpec> specs;
  std::string address = o.local_address.value_or("127.0.0.1");
  if (o.remote_port) {
    specs.push_back({address, static_cast<uint16_t>(o.local_port), o.host.value_or(""),
                     static_cast<uint16_t>(*o.remote_port)});
  } else if (o.host || o.local_port != 0) {
    throw workflows::UsageError("--host and --local-port need --remote-port (the port to reach)");
  }
  for (const std::string& text : o.forwards) {
    auto spec = workflows::parse_forward(text);
    if (!spec) throw workflows::UsageError(spec.error().message);
    spec->local_address = address;
    specs.push_back(*spec);
  }
  if (specs.empty())
    throw workflows::UsageError(
        "nothing to forward: give --remote-port PORT (and --host for another host), or "
        "--forward LOCAL:HOST:PORT");
  return specs;
}

CLI::Validator ip_address() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (workflows::is_ip_address(value)) return {};
        return "--local-address " + value + " is not an IP address (e.g. 127.0.0.1 or ::1)";
      },
      "IP");
}

}  // namespace

Action register_forward(CLI::App& app, Context& context) {
  auto o = std::make_shared<ForwardOptions>();
  CLI::App* command = app.add_subcommand(
      "forward", "forward local ports to the instance or to a host it can reach");
  add_session_options(*command, o->session, false, false);
  command
      ->add_option("--remote-port", o->remote_port,
                   "the port to reach (on --host, or the instance)")
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 65535); }, "PORT"));
  command->add_option("--local-port", o->local_port, "the local port (0: a free one, printed)")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return parse_count(t, 0, 65535); }, "PORT"));
  command->add_option("--host", o->host, "a host the instance can reach (default: the instance)")
      ->type_name("HOST");
  command
      ->add_option(
          "--local-address", o->local_address,
          "the address to listen on (default 127.0.0.1; anything else lets other hosts in)")
      ->check(ip_address());
  command
      ->add_option("--forward", o->forwards,
                   "LOCAL:HOST:PORT, repeatable; each its own session (LOCAL 0: a free port)")
      ->check(checked_by([](const std::string& t) { return workflows::parse_forward(t); },
                         "LOCAL:HOST:PORT"));
  add_global_options(*command, context.global);
  command->footer(
      R"(Exit codes: 0 stopped (Ctrl-C) or ended by the service, 1 a session failed or was
lost, 2 bad input, 3 the instance cannot be reached, 4 not Online in time.
Examples:
  ssmlink forward --instance i-0a1b2c3d4e5f67890 --remote-port 22 --local-port 2222
  ssmlink forward --instance i-0a1b2c3d4e5f67890 --host db.internal --remote-port 5432
  ssmlink forward --instance i-0a1b2c3d4e5f67890 --forward 15432:db.internal:5432 --forward 8080:localhost:80)");
  return [&context, o]() -> int {
    InterruptGuard interrupt(true);
    workflows::ForwardRequest request;
    request.forwards = forward_specs(*o);
    request.access = connect_request(o->session, context);
    request.access.interrupted = interrupt.flag();
    request.stop = interrupt.flag();
    auto session = open_session(context);
    ForwardView view(context.out, context.err, *session->clock(), context,
                     request.access.start.target, request.forwards.size() > 1);
    workflows::ForwardReport report;
    try {
      report = workflows::run_forward(*session, request, view);
    } catch (const workflows::SessionRefused& refusal) {
      return refused(refusal, context);
    }
    if (!report.access.session && report.access.up &&
        report.access.up->outcome != workflows::UpOutcome::Created &&
        report.access.up->outcome != workflows::UpOutcome::AlreadyUp &&
        report.access.up->outcome != workflows::UpOutcome::NothingToDo)
      return path_not_opened(report.access, view.view());
    if (report.access.down) view.view().down_view().finish(*report.access.down);
    int code = kSuccess;
    for (const workflows::ForwardSession& forward : report.sessions) {
      if (!forward.error.empty()) code = kCloudFailed;
      if (forward.result && (forward.result->end == workflows::SessionEnd::Failed ||
                             forward.result->end == workflows::SessionEnd::Lost))
        code = kCloudFailed;
    }
    return code;
  };
}

}  // namespace ssmlink::cli
