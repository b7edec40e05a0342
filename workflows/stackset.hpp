// `up --stackset`, `down --stackset`, `status --stackset`: the endpoints across an AWS
// Organization through one service-managed CloudFormation StackSet.
//
// up: an Organization audit (live, or from snapshot --org) names the VPCs the endpoints
// alone would fix; the StackSet (ssmlink's tags, managed execution on) is created if
// missing, with the template `up` uses, its VPC, subnets and source CIDR as parameters.
// Each account and region gets a stack instance with its VPC's values as ParameterOverrides.
// Overrides hold for a whole operation, so each target is an operation of its own;
// managed execution lets StackSets run them at once, and ssmlink applies the operation
// preferences the user gave across them, as StackSets applies them within one:
// --max-concurrent targets at a time per region, a region stops once more than
// --failure-tolerance of its targets failed (the rest cancelled, and with sequential
// regions every later region too).
#pragma once
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/stackset_targets.hpp"
#include "util/clock.hpp"
#include "workflows/org_audit.hpp"

namespace ssmlink::workflows {

inline constexpr const char* kDefaultStackSetName = "ssmlink-endpoints";

struct StackSetTarget {
  std::string account_id;
  std::string region;
  domain::VpcDeployment vpc;
};

enum class TargetOutcome {
  AlreadyDeployed,  // its stack instance is CURRENT
  Deployed,
  Failed,
  Cancelled,  // not tried: the failure tolerance was exceeded, or Ctrl-C
  Skipped,    // not for the StackSet (the reason says why and what to do instead)
};

struct TargetResult {
  StackSetTarget target;
  TargetOutcome outcome = TargetOutcome::Skipped;
  std::string reason;  // Failed: the root cause; Cancelled and Skipped: why
  std::string operation_id;
  std::string fix;  // Failed: what to do, when ssmlink knows the failure
};

struct StackSetUpRequest {
  std::string stack_set_name = kDefaultStackSetName;
  OrgAuditRequest audit;                    // accounts, units, regions, role, concurrency
  std::optional<std::string> snapshot_dir;  // plan from snapshot --org's directory
  int failure_tolerance = 0;                // per region
  int max_concurrent = 1;                   // per region
  bool parallel_regions = false;
  std::optional<std::chrono::seconds> ttl;
  std::chrono::milliseconds poll_interval{250};  // the first; then as a stack's watch
  const std::atomic<bool>* interrupted = nullptr;
};

struct StackSetPlanned {
  std::string stack_set_name;
  bool stack_set_exists = false;
  size_t targets = 0;  // to deploy (not already deployed, not skipped)
  size_t regions = 0;
  size_t accounts = 0;
};

class StackSetObserver {
 public:
  virtual ~StackSetObserver() = default;
  virtual void on_audit_progress(size_t /*done*/, size_t /*total*/) {}
  virtual void on_planned(const StackSetPlanned& /*planned*/) {}
  virtual void on_started(const StackSetTarget& /*target*/, const std::string& /*operation*/) {}
  virtual void on_result(const TargetResult& /*result*/) {}
};

struct StackSetUpReport {
  std::string stack_set_name;
  std::string stack_set_id;
  bool created_stack_set = false;
  OrgAuditTotals audit;
  std::vector<TargetResult> results;  // in the order they ended
  std::optional<Clock::TimePoint> expires_at;
  bool interrupted = false;
  size_t count(TargetOutcome outcome) const;
};

// Throws UsageError for a StackSet of that name that is not ssmlink's or a bad snapshot
// directory, aws errors when the organization cannot be read; each target's failure is a
// result.
StackSetUpReport run_stackset_up(aws::Session& session, const StackSetUpRequest& request,
                                 StackSetObserver& observer);

struct StackSetDownRequest {
  std::string stack_set_name = kDefaultStackSetName;
  bool expired_only = false;                     // down --stackset --expired
  int max_concurrent = 10;                       // accounts at once per region
  std::chrono::milliseconds poll_interval{250};  // the first; then as a stack's watch
  std::chrono::seconds api_timeout{180};
  const std::atomic<bool>* interrupted = nullptr;
};

enum class StackSetDownOutcome { Deleted, NotFound, NotExpired, Failed, Interrupted };

struct StackSetDownReport {
  StackSetDownOutcome outcome = StackSetDownOutcome::Deleted;
  std::string stack_set_name;
  size_t instances_deleted = 0;
  std::vector<TargetResult> failures;  // instances whose stacks could not be deleted
  std::optional<Clock::TimePoint> expires_at;
};

// Throws UsageError for a StackSet that is not ssmlink's.
StackSetDownReport run_stackset_down(aws::Session& session, const StackSetDownRequest& request,
                                     StackSetObserver& observer);

struct StackSetInstanceRow {
  std::string account_id;
  std::string region;
  std::string status;           // CURRENT, OUTDATED, INOPERABLE
  std::string detailed_status;  // SUCCEEDED, FAILED, RUNNING, ...
  std::string drift_status;     // NOT_CHECKED, IN_SYNC, DRIFTED, UNKNOWN
  std::string status_reason;
  std::string stack_id;
};

struct StackSetStatusReport {
  bool found = false;
  bool managed = false;  // ssmlink's
  std::string stack_set_name;
  std::string stack_set_id;
  std::optional<Clock::TimePoint> expires_at;
  std::vector<StackSetInstanceRow> instances;
};

StackSetStatusReport run_stackset_status(aws::Session& session, const std::string& stack_set_name,
                                         std::chrono::seconds api_timeout);

}  // namespace ssmlink::workflows
