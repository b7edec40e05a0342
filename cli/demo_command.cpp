#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/render_cost.hpp"
#include "workflows/cost.hpp"
#include "workflows/template.hpp"

namespace ssmlink::cli {

// Until the emulator exists, the demo shows the two offline jobs on a sample VPC.
Action register_demo(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "demo", "show a template and a cost comparison for a sample VPC (no AWS needed)");
  add_global_options(*command, context.global);
  command->footer("Examples:\n  ssmlink demo\n  make demo    (sets up, builds and runs it)");
  return [&context]() {
    workflows::TemplateRequest request;
    request.plan.vpc = "vpc-0f00d1e2c3b4a5968";
    request.plan.subnets = {"subnet-0123456789abcdef0"};
    request.plan.instance_sgs = {"sg-0aa11bb22cc33dd44"};
    request.plan.resolved = true;
    request.plan.region = "ap-northeast-1";
    context.out << "# ssmlink template --vpc vpc-0f00d1e2c3b4a5968 --subnet "
                   "subnet-0123456789abcdef0 --instance-sg sg-0aa11bb22cc33dd44 --resolved "
                   "--region ap-northeast-1\n"
                << workflows::run_template(request) << "\n";
    workflows::CostRequest cost;
    cost.region = "ap-northeast-1";
    cost.input.gb = 100;
    context.out << "# ssmlink cost --region ap-northeast-1 --gb 100\n"
                << cost_text(workflows::run_cost(cost));
    return 0;
  };
}

}  // namespace ssmlink::cli
