#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/org_options.hpp"
#include "cli/render_doctor.hpp"
#include "cli/session.hpp"
#include "cli/target_options.hpp"
#include "workflows/doctor.hpp"
#include "workflows/errors.hpp"
#include "workflows/iam_inventory.hpp"
#include "workflows/snapshot.hpp"

namespace ssmlink::cli {

Action register_doctor(CLI::App& app, Context& context) {
  struct Options {
    TargetOptions target;
    std::optional<std::string> snapshot;
    std::string services = "ssm,ssmmessages,ec2messages";
    bool verbose = false;
    bool check_caller = false;
    OrgOptions org;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "doctor", "check every prerequisite of a Session Manager connection; say what to fix");
  add_target_options(*command, o->target, true);
  command
      ->add_option("--snapshot", o->snapshot,
                   "read the facts from a file saved by "
                   "ssmlink snapshot (no AWS calls)")
      ->type_name("FILE");
  command->add_option("--services", o->services, "the endpoints up would create")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return domain::parse_services(t); }, "LIST"));
  command->add_flag("--verbose", o->verbose, "explain each finding");
  command->add_flag("--check-caller", o->check_caller,
                    "also check that you may make the calls up, down and connect make "
                    "(iam:SimulatePrincipalPolicy)");
  add_org_options(*command, o->org, true);
  add_global_options(*command, context.global);
  command->footer(
      R"(Exit codes: 0 nothing blocks a session, 3 something does, 2 bad input, 1 AWS failed
(with --org: some account or region could not be read, and nothing found blocks).
Examples:
  ssmlink doctor --instance i-0a1b2c3d4e5f67890
  ssmlink doctor --vpc vpc-0f00d1e2c3b4a5968 --subnet subnet-0123456789abcdef0 --instance-sg sg-0aa11bb22cc33dd44
  ssmlink doctor --instance i-0a1b2c3d4e5f67890 --check-caller
  ssmlink doctor --all --output json
  ssmlink doctor --snapshot support-case-1234.json
  ssmlink doctor --org --regions us-east-1,eu-west-1 --max-concurrency 16
  ssmlink doctor --org --ou ou-ab12-cdefgh34 --output json --stream)");

  return [&context, o]() -> int {
    if (!o->org.org && o->org.any_given()) {
      throw workflows::UsageError(
          "--accounts, --ou, --regions and --stream go with --org: add --org to check an "
          "organization");
    }
    if (o->org.org) {
      if (o->check_caller || o->target.instance || o->target.vpc || o->target.all) {
        throw workflows::UsageError(
            "--org checks every instance of every account: it does not go with --instance, "
            "--vpc, --all or --check-caller");
      }
      return run_org_doctor(context, o->org, o->services, o->snapshot);
    }
    workflows::DoctorRequest request;
    request.target = o->target.to_request(true, !o->snapshot);
    request.snapshot_file = o->snapshot;
    request.subnet_ids = o->target.subnets;
    request.instance_group_ids = o->target.instance_sgs;
    request.services = *domain::parse_services(o->services);
    if (o->check_caller && o->snapshot) {
      throw workflows::UsageError(
          "--check-caller asks AWS about you now: it does not go with --snapshot");
    }
    if (o->check_caller && request.target.all) {
      throw workflows::UsageError(
          "--check-caller checks one target: give --instance or --vpc instead of --all");
    }
    std::unique_ptr<aws::Session> session;
    std::optional<workflows::Patience> patience;
    if (!o->snapshot) {
      session = open_session(context);
      patience.emplace(*session->clock(), api_timeout(context), nullptr, retry_notices(context));
    }
    // The target's own calls are patient; a side call that fails becomes a warning.
    domain::Inventory inventory =
        workflows::load_inventory(session.get(), request, {patience ? &*patience : nullptr, false});
    if (o->check_caller) {
      inventory.caller = workflows::check_caller(*session, inventory, request.target.instance_id);
    }
    // A snapshot of one instance needs no flag; of more, doctor checks them all.
    if (o->snapshot && !request.target.instance_id && !request.target.vpc_id) {
      if (inventory.instances.size() == 1) {
        request.target.instance_id = inventory.instances.front().id;
      } else {
        request.target.all = true;
      }
    }
    request.include_ok = !request.target.all || o->verbose;
    DoctorPrinter printer(context.out, {context.color(), o->verbose, request.target.all,
                                        context.global.format() == OutputFormat::Json});
    auto summary = workflows::diagnose_inventory(
        inventory, request, [&](const domain::Diagnosis& diagnosis) { printer.add(diagnosis); });
    printer.finish(summary);
    return summary.blocks() ? kBlocked : kSuccess;
  };
}

Action register_snapshot(CLI::App& app, Context& context) {
  struct Options {
    TargetOptions target;
    std::optional<std::string> output_file;
    OrgOptions org;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "snapshot",
      "save the network facts doctor reads to a JSON file (doctor --snapshot reads it)");
  add_target_options(*command, o->target, true);
  command
      ->add_option("-o,--output-file", o->output_file,
                   "write to FILE instead of stdout (with --org: the directory to fill)")
      ->type_name("FILE");
  add_org_options(*command, o->org, false);
  add_global_options(*command, context.global);
  command->footer(R"(The file holds IDs, CIDR blocks, rules and states: no credentials or secrets.
Examples:
  ssmlink snapshot --instance i-0a1b2c3d4e5f67890 -o snapshot.json
  ssmlink doctor --snapshot snapshot.json
  ssmlink snapshot --org --regions us-east-1,eu-west-1 -o org-audit
  ssmlink doctor --org --snapshot org-audit)");
  return [&context, o]() -> int {
    if (!o->org.org && o->org.any_given()) {
      throw workflows::UsageError(
          "--accounts, --ou and --regions go with --org: add --org to save an organization");
    }
    if (o->org.org) {
      if (o->target.instance || o->target.vpc || o->target.all) {
        throw workflows::UsageError(
            "--org saves every region of every account: it does not go with --instance, "
            "--vpc or --all");
      }
      if (!o->output_file) {
        throw workflows::UsageError("snapshot --org writes a directory: give it with -o DIR");
      }
      return run_org_snapshot(context, o->org, *o->output_file);
    }
    workflows::SnapshotRequest request{o->target.to_request(true, true), o->output_file};
    auto session = open_session(context);
    workflows::Patience patience(*session->clock(), api_timeout(context), nullptr,
                                 retry_notices(context));
    context.out << workflows::run_snapshot(*session, request, {&patience, false});
    return kSuccess;
  };
}

}  // namespace ssmlink::cli
