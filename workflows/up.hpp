// `ssmlink up`: the endpoint stack for an instance (or a VPC), from preflight to an
// instance that Session Manager reports Online.
//
//   1. Gather the target's inventory; an ssmlink stack for it already there is attached
//      to (watched if in progress, reported if complete), never duplicated.
//   2. Preflight: doctor's checks; errors that the endpoints would not fix block (unless
//      --force). Endpoints that exist and work are reused: nothing to create is a success.
//   3. CreateStack (ownership tags, a ClientRequestToken), then follow its events.
//   4. On failure: the root cause and its fix; the rolled-back stack is deleted.
//   5. Optionally wait until SSM reports the instance Online.
#pragma once
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/diagnosis.hpp"
#include "domain/failure_hints.hpp"
#include "domain/stack_plan.hpp"
#include "workflows/inventory.hpp"
#include "workflows/patience.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

struct UpRequest {
  InventoryRequest target;              // instance_id or vpc_id
  std::vector<std::string> subnet_ids;  // --subnet: endpoint subnets
  std::vector<domain::Service> services = domain::default_services();
  domain::StackChoices choices;
  std::optional<std::string> stack_name;  // default ssmlink-<vpc>
  std::optional<std::chrono::seconds> ttl;
  bool force = false;
  bool wait_online = true;  // only with an instance
  std::chrono::seconds online_timeout{300};
  std::chrono::seconds api_timeout = kDefaultApiTimeout;  // see Patience
  const std::atomic<bool>* interrupted = nullptr;
};

enum class UpOutcome {
  Created,      // the stack is complete (and the instance Online, when waited for)
  AlreadyUp,    // an ssmlink stack for this VPC was already complete
  NothingToDo,  // working endpoints exist already: nothing to create
  Blocked,      // the preflight found errors the endpoints would not fix
  Failed,       // CloudFormation failed; root cause and hint in the report
  NotOnline,    // the stack is up but the instance did not come Online in time
  Interrupted,  // Ctrl-C while watching; the stack goes on without us
};

// What happened to the stack in each phase, for the display.
enum class UpPhase { Creating, Attaching, RemovingFailedStack, CleaningUp };

class UpObserver : public WatchObserver {
 public:
  virtual void on_preflight(const domain::Diagnosis& /*diagnosis*/) {}
  virtual void on_phase(UpPhase /*phase*/, const std::string& /*stack_name*/) {}
  // The watch of a phase has ended.
  virtual void on_phase_end(const WatchResult& /*result*/) {}
  virtual void on_waiting_online(const std::string& /*instance_id*/) {}
};

struct ReusedEndpointId {
  domain::Service service;
  std::string endpoint_id;
};

// Self-contained: preflight.plan.reuse points into an inventory that is gone by the time
// the report is read; `reused` holds the same facts by value.
struct UpReport {
  UpOutcome outcome = UpOutcome::Created;
  std::string region;
  domain::Diagnosis preflight;
  std::vector<ReusedEndpointId> reused;
  std::string stack_name;
  std::string stack_id;
  std::string stack_status;
  bool attached = false;  // the stack was there before this run
  std::vector<domain::ResourceRow> resources;
  std::optional<domain::RootCause> root_cause;
  std::optional<domain::FailureHint> hint;
  bool failed_stack_deleted = false;
  Clock::TimePoint started{};
  std::optional<Clock::TimePoint> stack_started;
  std::optional<Clock::TimePoint> stack_finished;  // when ssmlink saw the terminal event
  std::optional<Clock::TimePoint> online_at;
  std::optional<domain::ManagedInstance> agent;  // SSM's view once Online
  // NotOnline: doctor's findings read again once the stack is up (errors and warnings),
  // which say what still stands between the instance and SSM.
  std::vector<domain::Finding> still_wrong;
  std::optional<Clock::TimePoint> expires_at;
  std::optional<double> hourly_usd;       // none when the region has no prices
  std::vector<domain::Service> services;  // the ones the stack creates
  int polls = 0;
};

// Throws UsageError for a bad target (unknown IDs, a stack of that name that is not
// ssmlink's), aws errors for failed calls. CloudFormation's own failures are reported.
UpReport run_up(aws::Session& session, const UpRequest& request, UpObserver& observer);

}  // namespace ssmlink::workflows
