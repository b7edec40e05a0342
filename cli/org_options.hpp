// doctor --org and snapshot --org: the options they share, and running them.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "cli/context.hpp"
#include "workflows/org_audit.hpp"

namespace ssmlink::cli {

struct OrgOptions {
  bool org = false;
  std::optional<std::string> accounts, units, regions;
  std::string role_name = "OrganizationAccountAccessRole";
  std::string role_session_name = "ssmlink-audit";
  std::string max_concurrency = "8";
  bool stream = false;
  // Any of the options that need --org.
  bool any_given() const { return accounts || units || regions || stream; }
};

// --org, --accounts, --ou, --regions, --role-name, --role-session-name, --max-concurrency,
// and (doctor) --stream.
// (up --stackset takes them without --org.)
void add_org_options(CLI::App& command, OrgOptions& options, bool with_stream,
                     bool with_org_flag = true);

// The audit the options ask for; throws UsageError for --accounts with --ou.
workflows::OrgAuditRequest org_audit_request(const Context& context, const OrgOptions& options);

// "checked 120 of 1001 accounts" on a terminal's stderr while an audit runs; erased when
// it ends.
class ProgressLine {
 public:
  explicit ProgressLine(Context& context);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  std::function<void(size_t, size_t)> sink(const char* verb);

 private:
  Context& context_;
  bool shown_;
};

// doctor --org, live, or offline from snapshot --org's directory. Exit 3 when an instance
// cannot be reached, else 1 when an account or region could not be read, else 0.
int run_org_doctor(Context& context, const OrgOptions& options, const std::string& services,
                   const std::optional<std::string>& snapshot_dir);

// snapshot --org -o DIR: every region's inventory saved, with DIR/index.jsonl.
int run_org_snapshot(Context& context, const OrgOptions& options, const std::string& directory);

}  // namespace ssmlink::cli
