#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/render_status.hpp"
#include "cli/session.hpp"
#include "workflows/status.hpp"

namespace ssmlink::cli {

Action register_status(CLI::App& app, Context& context) {
  // One struct for the command's options, so that more (--watch STACK) slot in beside.
  struct Options {
    bool all_regions = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "status", "list ssmlink stacks: state, VPC, AZs, services, age, expiry and cost so far");
  command->add_flag("--all-regions", o->all_regions,
                    "every region of the region's partition, read in parallel; a region that "
                    "cannot be read is reported, not fatal");
  add_global_options(*command, context.global);
  command->footer(
      R"(Costs are the interface endpoints' hourly charge (per endpoint and AZ, partial hours
billed as full hours) from data/pricing.json; data processing is not included.
Examples:
  ssmlink status
  ssmlink status --region eu-west-1 --output json
  ssmlink status --all-regions)");
  return [&context, o]() {
    auto session = open_session(context);
    workflows::StatusReport report =
        workflows::run_status(*session, workflows::StatusRequest{o->all_regions});
    if (context.global.format() == OutputFormat::Json) {
      context.out << status_json(report).dump(2) << "\n";
    } else {
      context.out << status_text(report, context.color());
    }
    return kSuccess;
  };
}

}  // namespace ssmlink::cli
