// `ssmlink doctor --org`: doctor's gather and checks in every account of an AWS
// Organization (or of some units, or a list) and region, in parallel with a bounded number
// of workers. Each account is read through a role assumed in it (the management account
// itself with the caller's own credentials), with patience and a retry quota for each of
// its regions, so a throttled account slows only itself. Results stream to the caller as each
// region is done; an account or region that cannot be read (AssumeRole denied, a region not
// enabled) is a result with the reason, not a failure of the run.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/services.hpp"
#include "domain/stackset_targets.hpp"

namespace ssmlink::workflows {

struct OrgAuditRequest {
  std::vector<std::string> account_ids;  // --accounts; else the units' or the organization's
  std::vector<std::string> unit_ids;     // --ou: their accounts, and those of units below
  std::vector<std::string> regions;      // --regions; empty: each account's enabled regions
  std::string role_name = "OrganizationAccountAccessRole";
  std::string role_session_name = "ssmlink-audit";
  int max_concurrency = 8;
  std::chrono::seconds api_timeout{180};  // Patience per call
  std::vector<domain::Service> services = domain::default_services();
  // snapshot --org: also save each region's inventory as DIR/<account>-<region>.json, and
  // DIR/index.jsonl, one line per result (the file, or why it could not be read).
  std::optional<std::string> snapshot_dir;
};

struct BlockedInstance {
  std::string instance_id;
  std::string vpc_id;
  std::string check;   // the first error's finding ID, e.g. endpoint.ssm
  std::string reason;  // its title
};

// One account and region, or (region empty) an account that could not be read at all.
struct RegionAudit {
  std::string account_id;
  std::string account_name;  // empty with --accounts
  std::string region;
  size_t checked = 0;  // instances
  std::vector<BlockedInstance> blocked;
  std::string unreadable;  // why nothing could be read; empty when it was
  // The VPCs the endpoints alone would fix (up --stackset deploys to them).
  std::vector<domain::VpcDeployment> deployments;
};

struct OrgAuditTotals {
  size_t accounts = 0;
  size_t unreadable_accounts = 0;
  size_t regions = 0;  // account-regions read
  size_t unreadable_regions = 0;
  size_t checked = 0;
  size_t blocked = 0;
};

struct OrgAuditSinks {
  // Each result as soon as its region is done, one at a time (never concurrently).
  std::function<void(const RegionAudit&)> result;
  // After each account: accounts done, accounts in all (0 while still listing).
  std::function<void(size_t done, size_t total)> progress;
};

// Throws aws errors when the accounts cannot be listed (or UsageError for a bad --ou);
// every per-account failure becomes a result instead.
OrgAuditTotals run_org_audit(aws::Session& session, const OrgAuditRequest& request,
                             const OrgAuditSinks& sinks,
                             const std::atomic<bool>* interrupted = nullptr);

// doctor --org --snapshot DIR: the same audit offline, from what snapshot --org saved, in
// the order it was saved; --accounts and --regions keep some of it. Throws UsageError for a
// directory, index or snapshot that cannot be read.
OrgAuditTotals run_org_audit_offline(const std::string& snapshot_dir,
                                     const OrgAuditRequest& request, const OrgAuditSinks& sinks);

inline constexpr const char* kOrgSnapshotIndex = "index.jsonl";

}  // namespace ssmlink::workflows
