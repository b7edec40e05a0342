#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "cli/region.hpp"
#include "workflows/template.hpp"

namespace ssmlink::cli {

Action register_template(CLI::App& app, Context& context) {
  struct Options {
    PlanOptions plan;
    std::string format = "yaml";
    bool resolved = false;
    std::optional<std::string> output_file;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "template", "print the CloudFormation template (yaml|json), parameterised or resolved");
  add_plan_options(*command, options->plan);
  command->add_option("--format", options->format, "yaml or json")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return domain::parse_template_format(t); },
                         "FORMAT"));
  command->add_flag("--resolved", options->resolved,
                    "write the IDs into the template (no Parameters); with a region, "
                    "literal service names");
  command->add_option("-o,--output-file", options->output_file, "write to FILE instead of stdout")
      ->type_name("FILE");
  add_global_options(*command, context.global);
  command->footer(R"(Examples:
  ssmlink template > endpoints.yaml
      parameterised like the seed: pick VPC, subnets and security group in the console
  ssmlink template --vpc vpc-0f00d1e2c3b4a5968 --subnet subnet-0123456789abcdef0 \
      --instance-sg sg-0aa11bb22cc33dd44 --resolved --region eu-west-1 --format json
  ssmlink template --services ssm,ssmmessages,ec2messages,s3 --route-table rtb-0123abcd
  ssmlink template --seed-compatible --egress all -o vpc-endpoints-for-session-managers.yml)");

  return [&context, options]() {
    workflows::TemplateRequest request;
    request.plan = options->plan.to_plan();
    request.plan.resolved = options->resolved;
    if (options->resolved) request.plan.region = resolve_region(context);
    request.format = *domain::parse_template_format(options->format);
    request.output_file = options->output_file;
    context.out << workflows::run_template(request);
    return 0;
  };
}

}  // namespace ssmlink::cli
