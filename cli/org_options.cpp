#include "cli/org_options.hpp"

#include <unistd.h>

#include <filesystem>

#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/render_org_audit.hpp"
#include "cli/session.hpp"
#include "domain/org_targets.hpp"
#include "domain/services.hpp"
#include "workflows/errors.hpp"
#include "workflows/org_audit.hpp"

namespace ssmlink::cli {

workflows::OrgAuditRequest org_audit_request(const Context& context, const OrgOptions& o) {
  if (o.accounts && o.units) throw workflows::UsageError("give --accounts or --ou, not both");
  workflows::OrgAuditRequest request;
  if (o.accounts) request.account_ids = *domain::parse_account_ids(*o.accounts);
  if (o.units) request.unit_ids = *domain::parse_unit_ids(*o.units);
  if (o.regions) request.regions = *domain::parse_region_list(*o.regions);
  request.role_name = o.role_name;
  request.role_session_name = o.role_session_name;
  request.max_concurrency = *parse_count(o.max_concurrency, 1, 64);
  request.api_timeout = api_timeout(context);
  return request;
}

ProgressLine::ProgressLine(Context& context)
    : context_(context), shown_(isatty(STDERR_FILENO) != 0) {}

ProgressLine::~ProgressLine() {
  if (shown_) context_.err << "\r\033[K" << std::flush;
}

std::function<void(size_t, size_t)> ProgressLine::sink(const char* verb) {
  if (!shown_) return {};
  return [this, verb](size_t done, size_t total) {
    context_.err << "\r" << verb << ' ' << done << " of " << total << " accounts" << std::flush;
  };
}

namespace {

bool anything_unreadable(const workflows::OrgAuditTotals& totals) {
  return totals.unreadable_accounts + totals.unreadable_regions > 0;
}

}  // namespace

void add_org_options(CLI::App& command, OrgOptions& o, bool with_stream, bool with_org_flag) {
  const char* group = with_org_flag ? "Organization (--org)" : "Organization (--stackset)";
  if (with_org_flag) {
    command
        .add_flag("--org", o.org,
                  "every account of the AWS Organization (or of --ou, or --accounts), in every "
                  "region, through a role in each")
        ->group(group);
  }
  command.add_option("--accounts", o.accounts, "only these accounts, comma-separated")
      ->type_name("IDS")
      ->check(checked_by([](const std::string& t) { return domain::parse_account_ids(t); }, ""))
      ->group(group);
  command.add_option("--ou", o.units, "only the accounts of these units (and units below them)")
      ->type_name("IDS")
      ->check(checked_by([](const std::string& t) { return domain::parse_unit_ids(t); }, ""))
      ->group(group);
  command
      .add_option("--regions", o.regions,
                  "these regions, comma-separated (default: each account's enabled regions)")
      ->type_name("REGIONS")
      ->check(checked_by([](const std::string& t) { return domain::parse_region_list(t); }, ""))
      ->group(group);
  command.add_option("--role-name", o.role_name, "the role to assume in each account")
      ->capture_default_str()
      ->type_name("NAME")
      ->group(group);
  command
      .add_option("--role-session-name", o.role_session_name,
                  "the role session's name (CloudTrail shows it)")
      ->capture_default_str()
      ->type_name("NAME")
      ->group(group);
  command.add_option("--max-concurrency", o.max_concurrency, "accounts read at once (1 to 64)")
      ->capture_default_str()
      ->type_name("N")
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 64); }, ""))
      ->group(group);
  if (with_stream) {
    command
        .add_flag("--stream", o.stream,
                  "with --output json: a JSON line per account and region as each is done")
        ->group(group);
  }
}

int run_org_doctor(Context& context, const OrgOptions& o, const std::string& services,
                   const std::optional<std::string>& snapshot_dir) {
  workflows::OrgAuditRequest request = org_audit_request(context, o);
  request.services = *domain::parse_services(services);
  bool json = context.global.format() == OutputFormat::Json;
  OrgAuditPrinter printer(context.out, {json, o.stream});
  workflows::OrgAuditSinks sinks;
  sinks.result = [&](const workflows::RegionAudit& audit) { printer.add(audit); };
  workflows::OrgAuditTotals totals;
  if (snapshot_dir) {
    if (o.units) {
      throw workflows::UsageError(
          "--ou needs Organizations, which a snapshot does not have: use --accounts");
    }
    totals = workflows::run_org_audit_offline(*snapshot_dir, request, sinks);
  } else {
    auto session = open_session(context);
    InterruptGuard interrupt;
    ProgressLine progress(context);
    sinks.progress = progress.sink("checked");
    totals = workflows::run_org_audit(*session, request, sinks, interrupt.flag());
  }
  printer.finish(totals);
  if (totals.blocked > 0) return kBlocked;
  return anything_unreadable(totals) ? kCloudFailed : kSuccess;
}

int run_org_snapshot(Context& context, const OrgOptions& o, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw workflows::UsageError("cannot make directory " + directory + ": " + error.message() +
                                " (check -o)");
  }
  workflows::OrgAuditRequest request = org_audit_request(context, o);
  request.snapshot_dir = directory;
  auto session = open_session(context);
  InterruptGuard interrupt;
  workflows::OrgAuditSinks sinks;
  sinks.result = [&](const workflows::RegionAudit& audit) {
    if (audit.unreadable.empty()) return;
    context.out << audit.account_id << ' '
                << (audit.region.empty() ? "(every region)" : audit.region)
                << " cannot be read: " << audit.unreadable << '\n';
  };
  workflows::OrgAuditTotals totals;
  {
    ProgressLine progress(context);
    sinks.progress = progress.sink("saved");
    totals = workflows::run_org_audit(*session, request, sinks, interrupt.flag());
  }
  context.out << "saved " << totals.regions << " account-regions of " << totals.accounts
              << " accounts in " << directory << " (" << workflows::kOrgSnapshotIndex
              << " lists them); ssmlink doctor --org --snapshot " << directory
              << " checks them offline\n";
  return anything_unreadable(totals) ? kCloudFailed : kSuccess;
}

}  // namespace ssmlink::cli
