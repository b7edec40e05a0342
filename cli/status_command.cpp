#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/render_status.hpp"
#include "cli/session.hpp"
#include "cli/stack_view.hpp"
#include "cli/stackset_options.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/errors.hpp"
#include "workflows/status.hpp"
#include "workflows/watch.hpp"

namespace ssmlink::cli {

namespace {

class WatchView final : public workflows::WatchObserver {
 public:
  WatchView(StackView& view, std::string stack_name)
      : view_(view), stack_name_(std::move(stack_name)) {}
  // The header waits for the first event: a stack that is not there, or already
  // finished, gets one line instead.
  void on_event(const domain::StackEventRecord& event,
                const domain::StackProgress& progress) override {
    begin();
    view_.on_event(event, progress);
  }
  void on_tick(const domain::StackProgress& progress) override {
    begin();
    view_.on_tick(progress);
  }
  void on_retry_later(const workflows::RetryNotice& notice) override {
    view_.on_retry_later(notice);
  }

 private:
  void begin() {
    if (!begun_) view_.begin(stack_name_, "watching");
    begun_ = true;
  }
  StackView& view_;
  std::string stack_name_;
  bool begun_ = false;
};

int watch_stack(Context& context, const std::string& stack_name) {
  InterruptGuard interrupt;
  auto session = open_session(context);
  StackView view(context.out, progress_mode(context), *session->clock(), context.color());
  WatchView observer(view, stack_name);
  auto report =
      workflows::run_watch(*session, stack_name, interrupt.flag(), api_timeout(context), observer);
  view.end(report.progress);
  const auto cause = report.progress.root_cause();
  if (context.global.format() == OutputFormat::Json) {
    nlohmann::ordered_json json{{"stack_name", report.stack_name},
                                {"stack_id", report.stack_id},
                                {"status", report.status},
                                {"watched", report.watched},
                                {"interrupted", report.interrupted}};
    json["root_cause"] = cause ? nlohmann::ordered_json{{"logical_id", cause->logical_id},
                                                        {"type", cause->type},
                                                        {"reason", cause->reason}}
                               : nullptr;
    json["fix"] = report.hint ? nlohmann::ordered_json(report.hint->fix) : nullptr;
    context.out << json.dump(2) << "\n";
  } else if (!context.global.quiet) {
    if (!report.watched) context.out << "Stack    " << stack_name << "  " << report.status << "\n";
    if (cause) {
      context.out << "Failed   " << cause->logical_id << " (" << cause->type << ")\n         "
                  << domain::essential_reason(cause->reason) << "\n";
    }
    if (report.hint) context.out << "Fix      " << report.hint->fix << "\n";
    if (report.interrupted) context.out << "Stopped  watching; CloudFormation carries on.\n";
  }
  if (report.interrupted) return static_cast<int>(kInterrupted);
  return report.succeeded() ? static_cast<int>(kSuccess) : static_cast<int>(kCloudFailed);
}

}  // namespace

Action register_status(CLI::App& app, Context& context) {
  // One struct for the command's options, so that more (--watch STACK) slot in beside.
  struct Options {
    bool all_regions = false;
    std::optional<std::string> watch;
    StackSetOptions stackset;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "status", "list ssmlink stacks: state, VPC, AZs, services, age, expiry and cost so far");
  command->add_flag("--all-regions", o->all_regions,
                    "every region of the region's partition, read in parallel; a region that "
                    "cannot be read is reported, not fatal");
  command
      ->add_option("--watch", o->watch,
                   "follow one stack's events until its operation ends (exit 0 when it ends "
                   "well, 1 when it fails, 130 on Ctrl-C)")
      ->check(checked_by([](const std::string& t) { return domain::parse_stack_name(t); }, "STACK"))
      ->excludes("--all-regions");
  add_stackset_options(*command, o->stackset, StackSetVerb::Status);
  add_global_options(*command, context.global);
  command->footer(
      R"(Costs are the interface endpoints' hourly charge (per endpoint and AZ, partial hours
billed as full hours) from data/pricing.json; data processing is not included.
Examples:
  ssmlink status
  ssmlink status --region eu-west-1 --output json
  ssmlink status --all-regions
  ssmlink status --watch ssmlink-vpc-0f00d1e2c3b4a5968
  ssmlink status --stackset          (exit 1 when the StackSet does not exist))");
  return [&context, o]() {
    if (o->stackset.stackset) {
      if (o->watch || o->all_regions)
        throw workflows::UsageError("--stackset takes neither --watch nor --all-regions");
      return run_stackset_status(context, o->stackset);
    }
    if (o->watch) return watch_stack(context, *o->watch);
    auto session = open_session(context);
    workflows::StatusReport report = workflows::run_status(
        *session,
        workflows::StatusRequest{o->all_regions, api_timeout(context), retry_notices(context)});
    if (context.global.format() == OutputFormat::Json) {
      context.out << status_json(report).dump(2) << "\n";
    } else {
      context.out << status_text(report, context.color());
    }
    return static_cast<int>(kSuccess);
  };
}

}  // namespace ssmlink::cli
