#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/render_down.hpp"
#include "cli/session.hpp"
#include "cli/stackset_options.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/down.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

namespace {

int exit_code(workflows::DownOutcome outcome) {
  using workflows::DownOutcome;
  switch (outcome) {
    case DownOutcome::Deleted:
    case DownOutcome::NothingToDelete:
      return kSuccess;
    case DownOutcome::Failed:
      return kCloudFailed;
    case DownOutcome::Interrupted:
      return kInterrupted;
  }
  return kCloudFailed;
}

}  // namespace

Action register_down(CLI::App& app, Context& context) {
  auto request = std::make_shared<workflows::DownRequest>();
  auto stackset = std::make_shared<StackSetOptions>();
  CLI::App* command =
      app.add_subcommand("down", "delete an ssmlink stack, show its progress, wait until gone");
  command->add_option("--stack", request->stack_name, "the stack's name")
      ->check(checked_by([](const std::string& t) { return domain::parse_stack_name(t); }, "NAME"));
  command->add_option("--vpc", request->vpc_id, "the ssmlink stacks of this VPC (vpc-...)")
      ->check(id_validator(domain::ResourceKind::Vpc));
  command
      ->add_option("--instance", request->instance_id,
                   "the ssmlink stacks of this instance's VPC (i-...)")
      ->check(id_validator(domain::ResourceKind::Instance));
  command->add_flag("--expired", request->expired,
                    "every ssmlink stack whose ssmlink:expires-at has passed");
  add_stackset_options(*command, *stackset, StackSetVerb::Down);
  add_global_options(*command, context.global);
  command->footer(
      R"(Only stacks tagged ssmlink:managed=true are deleted; any other is refused (exit 2).
Exit codes: 0 deleted (or nothing to delete), 1 DELETE_FAILED, 2 bad input, 130 interrupted.
Examples:
  ssmlink down --stack ssmlink-vpc-0f00d1e2c3b4a5968
  ssmlink down --instance i-0a1b2c3d4e5f67890
  ssmlink down --expired
  ssmlink down --stackset            (its stack instances in every account, then the StackSet)
  ssmlink down --stackset --expired)");

  return [&context, request, stackset]() {
    if (stackset->stackset) {
      if (request->stack_name || request->vpc_id || request->instance_id) {
        throw workflows::UsageError(
            "--stackset deletes the whole StackSet: leave out --stack, --vpc and --instance");
      }
      return run_stackset_down(context, *stackset, request->expired);
    }
    int given = (request->stack_name ? 1 : 0) + (request->vpc_id ? 1 : 0) +
                (request->instance_id ? 1 : 0) + (request->expired ? 1 : 0);
    if (given != 1) {
      throw workflows::UsageError(
          "say which stack to delete: exactly one of --stack NAME, --vpc vpc-..., "
          "--instance i-... or --expired");
    }
    InterruptGuard interrupt;
    request->interrupted = interrupt.flag();
    request->api_timeout = api_timeout(context);
    auto session = open_session(context);
    const bool json = context.global.format() == OutputFormat::Json;
    DownView view(context.out, *session->clock(), progress_mode(context), context.color(), !json);
    workflows::DownReport report = workflows::run_down(*session, *request, view);
    if (json) {
      context.out << down_json(report) << std::flush;
    } else {
      view.finish(report);
    }
    return exit_code(report.outcome);
  };
}

}  // namespace ssmlink::cli
