#include "cli/stackset_options.hpp"

#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/render_stackset.hpp"
#include "cli/session.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/errors.hpp"
#include "workflows/stackset.hpp"

namespace ssmlink::cli {

void add_stackset_options(CLI::App& command, StackSetOptions& o, StackSetVerb verb) {
  const char* group = "StackSet (--stackset)";
  const char* what = verb == StackSetVerb::Up     ? "deploy the endpoints to every VPC an "
                                                    "Organization audit finds without a path, "
                                                    "through one service-managed StackSet"
                     : verb == StackSetVerb::Down ? "delete ssmlink's StackSet: its stack "
                                                    "instances, then the StackSet"
                                                  : "the StackSet's stack instances, with "
                                                    "status and drift";
  command.add_flag("--stackset", o.stackset, what)->group(group);
  command.add_option("--stackset-name", o.name, "the StackSet's name")
      ->capture_default_str()
      ->type_name("NAME")
      ->check(checked_by([](const std::string& t) { return domain::parse_stack_name(t); }, ""))
      ->group(group);
  if (verb == StackSetVerb::Status) return;
  command
      .add_option("--max-concurrent", o.max_concurrent,
                  "accounts deployed to (or deleted from) at once in each region")
      ->capture_default_str()
      ->type_name("N")
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 100); }, ""))
      ->group(group);
  if (verb == StackSetVerb::Down) return;
  command
      .add_option("--failure-tolerance", o.failure_tolerance,
                  "failed accounts a region may have before the rest are cancelled")
      ->capture_default_str()
      ->type_name("N")
      ->check(checked_by([](const std::string& t) { return parse_count(t, 0, 10000); }, ""))
      ->group(group);
  command
      .add_option("--region-concurrency", o.region_concurrency,
                  "sequential: a region at a time, stopping at one beyond its tolerance; "
                  "parallel: every region at once")
      ->capture_default_str()
      ->type_name("MODE")
      ->check(CLI::IsMember({"sequential", "parallel"}))
      ->group(group);
  command
      .add_option("--from-snapshot", o.snapshot_dir,
                  "plan from snapshot --org's directory instead of a live audit")
      ->type_name("DIR")
      ->group(group);
  add_org_options(command, o.org, false, false);
}

int run_stackset_up(Context& context, const StackSetOptions& o,
                    const std::optional<std::string>& ttl) {
  workflows::StackSetUpRequest request;
  request.stack_set_name = o.name;
  request.audit = org_audit_request(context, o.org);
  if (o.snapshot_dir && o.org.units) {
    throw workflows::UsageError(
        "--ou needs Organizations, which a snapshot does not have: use --accounts");
  }
  request.snapshot_dir = o.snapshot_dir;
  request.failure_tolerance = *parse_count(o.failure_tolerance, 0, 10000);
  request.max_concurrent = *parse_count(o.max_concurrent, 1, 100);
  request.parallel_regions = o.region_concurrency == "parallel";
  if (ttl) request.ttl = *domain::parse_ttl(*ttl);
  InterruptGuard interrupt;
  request.interrupted = interrupt.flag();
  request.audit.api_timeout = api_timeout(context);
  auto session = open_session(context);
  const bool json = context.global.format() == OutputFormat::Json;
  StackSetUpView view(context.out, *session->clock(), request, !json && !context.global.quiet);
  workflows::StackSetUpReport report;
  {
    ProgressLine progress(context);
    view.set_progress(progress.sink("read"));
    report = workflows::run_stackset_up(*session, request, view);
  }
  if (json) {
    context.out << stackset_up_json(report).dump(2) << "\n";
  } else if (!context.global.quiet) {
    view.finish(report);
  }
  if (report.interrupted) return kInterrupted;
  using workflows::TargetOutcome;
  bool bad = report.count(TargetOutcome::Failed) + report.count(TargetOutcome::Cancelled) > 0;
  return bad ? kCloudFailed : kSuccess;
}

int run_stackset_down(Context& context, const StackSetOptions& o, bool expired_only) {
  workflows::StackSetDownRequest request;
  request.stack_set_name = o.name;
  request.expired_only = expired_only;
  request.max_concurrent = *parse_count(o.max_concurrent, 1, 100);
  InterruptGuard interrupt;
  request.interrupted = interrupt.flag();
  request.api_timeout = api_timeout(context);
  auto session = open_session(context);
  const bool json = context.global.format() == OutputFormat::Json;
  StackSetDownView view(context.out, !json && !context.global.quiet);
  workflows::StackSetDownReport report = workflows::run_stackset_down(*session, request, view);
  if (json) {
    context.out << stackset_down_json(report).dump(2) << "\n";
  } else if (!context.global.quiet) {
    view.finish(report);
  }
  switch (report.outcome) {
    case workflows::StackSetDownOutcome::Failed:
      return kCloudFailed;
    case workflows::StackSetDownOutcome::Interrupted:
      return kInterrupted;
    default:
      return kSuccess;
  }
}

int run_stackset_status(Context& context, const StackSetOptions& o) {
  auto session = open_session(context);
  workflows::StackSetStatusReport report =
      workflows::run_stackset_status(*session, o.name, api_timeout(context));
  if (context.global.format() == OutputFormat::Json) {
    context.out << stackset_status_json(report).dump(2) << "\n";
  } else {
    context.out << stackset_status_text(report);
  }
  return report.found ? kSuccess : kCloudFailed;
}

}  // namespace ssmlink::cli
