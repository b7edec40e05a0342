#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "cli/render_up.hpp"
#include "cli/session.hpp"
#include "cli/stackset_options.hpp"
#include "cli/target_options.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/errors.hpp"
#include "workflows/up.hpp"

namespace ssmlink::cli {

namespace {

int exit_code(workflows::UpOutcome outcome) {
  using workflows::UpOutcome;
  switch (outcome) {
    case UpOutcome::Created:
    case UpOutcome::AlreadyUp:
    case UpOutcome::NothingToDo:
      return kSuccess;
    case UpOutcome::Blocked:
      return kBlocked;
    case UpOutcome::Failed:
      return kCloudFailed;
    case UpOutcome::NotOnline:
      return kTimedOut;
    case UpOutcome::Interrupted:
      return kInterrupted;
  }
  return kCloudFailed;
}

}  // namespace

Action register_up(CLI::App& app, Context& context) {
  struct Options {
    TargetOptions target;
    PlanOptions choices;
    std::optional<std::string> stack_name;
    std::optional<std::string> ttl;
    bool force = false;
    bool wait_online = false;
    bool no_wait_online = false;
    int online_timeout = 300;
    StackSetOptions stackset;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "up", "create the endpoint stack, show its progress, wait for the instance to come Online");
  add_target_options(*command, o->target, false);
  add_template_choices(*command, o->choices);
  command->add_option("--stack-name", o->stack_name, "the stack's name (default ssmlink-<vpc-id>)")
      ->check(checked_by([](const std::string& t) { return domain::parse_stack_name(t); }, "NAME"));
  command->add_option("--ttl", o->ttl, "when the stack expires, e.g. 2h (ssmlink down --expired)")
      ->check(checked_by([](const std::string& t) { return domain::parse_ttl(t); }, "DURATION"));
  command->add_flag("--force", o->force, "create the stack even when the preflight finds problems");
  auto* wait = command->add_flag("--wait-online", o->wait_online,
                                 "wait until SSM reports the instance Online (default with "
                                 "--instance)");
  command->add_flag("--no-wait-online", o->no_wait_online, "do not wait for the instance")
      ->excludes(wait);
  command
      ->add_option("--online-timeout", o->online_timeout,
                   "seconds to wait for the instance to come Online")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 86400); }, "SECONDS"));
  add_stackset_options(*command, o->stackset, StackSetVerb::Up);
  add_global_options(*command, context.global);
  command->footer(
      R"(Exit codes: 0 up (or already up), 1 CloudFormation failed, 2 bad input,
3 the preflight found a problem the endpoints would not fix, 4 not Online in time,
130 interrupted (the stack carries on; the message says how to resume or undo).
Examples:
  ssmlink up --instance i-0a1b2c3d4e5f67890 --ttl 2h
  ssmlink up --vpc vpc-0f00d1e2c3b4a5968 --subnet subnet-0123456789abcdef0 --instance-sg sg-0aa11bb22cc33dd44
  ssmlink up --instance i-0a1b2c3d4e5f67890 --services ssm,ssmmessages,ec2messages,kms,logs
  ssmlink up --instance i-0a1b2c3d4e5f67890 --output json
  ssmlink up --stackset --ou ou-ab12-cd34ef56 --regions us-east-1,eu-west-1 --max-concurrent 4
With --stackset: 0 every VPC deployed (or already), 1 one failed or was cancelled.)");

  return [&context, o]() {
    if (o->stackset.stackset) {
      if (o->target.instance || o->target.vpc || !o->target.subnets.empty() || o->stack_name) {
        throw workflows::UsageError(
            "--stackset deploys to every VPC the audit finds: leave out --instance, --vpc, "
            "--subnet and --stack-name (or leave out --stackset for one VPC)");
      }
      return run_stackset_up(context, o->stackset, o->ttl);
    }
    if (o->stackset.org.any_given() || o->stackset.snapshot_dir) {
      throw workflows::UsageError(
          "--accounts, --ou, --regions and --from-snapshot need --stackset");
    }
    InterruptGuard interrupt;
    workflows::UpRequest request;
    request.target = o->target.to_request(false, true);
    if (request.target.vpc_id && (o->target.subnets.empty() || (o->target.instance_sgs.empty() &&
                                                                o->choices.source_cidrs.empty()))) {
      throw workflows::UsageError(
          "--vpc needs --subnet (where the endpoints go) and --instance-sg or --source-cidr "
          "(who may reach them); or give --instance i-... and let ssmlink find them");
    }
    request.subnet_ids = o->target.subnets;
    domain::Plan choices = o->choices.to_plan();
    request.services = choices.services;
    request.choices = {
        o->target.instance_sgs, choices.source_cidrs, choices.route_tables, choices.egress,
        choices.private_dns,    choices.tags,         choices.name};
    request.stack_name = o->stack_name;
    if (o->ttl) request.ttl = *domain::parse_ttl(*o->ttl);
    request.force = o->force;
    request.wait_online =
        !o->no_wait_online && (o->wait_online || request.target.instance_id.has_value());
    request.online_timeout = std::chrono::seconds(o->online_timeout);
    request.interrupted = interrupt.flag();
    request.api_timeout = api_timeout(context);

    auto session = open_session(context);
    Clock& clock = *session->clock();
    UpView view(context.out, clock,
                {progress_mode(context), context.color(), context.global.profile});
    workflows::UpReport report = workflows::run_up(*session, request, view);
    if (context.global.format() == OutputFormat::Json) {
      context.out << up_json(report, clock.now(), context.global.profile) << std::flush;
    } else {
      view.finish(report);
    }
    return exit_code(report.outcome);
  };
}

}  // namespace ssmlink::cli
