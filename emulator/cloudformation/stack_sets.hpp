// CloudFormation StackSets in the management account: each stack set deploys its template
// as one stack per (account, region) target, through that account's stack engine
// (stack_engines.hpp). The API (stack_set_api.cpp) records operations; a thread of the
// StackSets' own advances them the way AWS does: regions one after another (or all at
// once), a few accounts at a time per region, and a region's remaining targets cancelled
// when its failures exceed the tolerance.
//
// Locking: every method except start() and stop() with the management world's mutex held;
// the thread takes it only while it changes state.
#pragma once
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "emulator/cloudformation/stack_engines.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

using ParameterList = std::vector<std::pair<std::string, std::string>>;  // key, value

struct OperationPreferences {
  bool parallel = false;                  // RegionConcurrencyType PARALLEL
  std::vector<std::string> region_order;  // SEQUENTIAL: these regions first
  std::optional<int> failure_tolerance_count;
  std::optional<int> failure_tolerance_percentage;
  std::optional<int> max_concurrent_count;
  std::optional<int> max_concurrent_percentage;
  bool soft_failure_tolerance = false;  // ConcurrencyMode SOFT_FAILURE_TOLERANCE
};

struct DeploymentTargets {
  std::vector<std::string> accounts;
  std::vector<std::string> organizational_unit_ids;
  std::string account_filter_type;  // NONE, INTERSECTION, DIFFERENCE, UNION; "" if not given
};

// One account to deploy to, and the unit it was reached through (service-managed).
struct TargetAccount {
  std::string account;
  std::string organizational_unit_id;
};

enum class OperationAction { Create, Update, Delete };

struct OperationResult {
  std::string account;
  std::string region;
  std::string organizational_unit_id;
  std::string status = "PENDING";  // RUNNING, SUCCEEDED, FAILED, CANCELLED
  std::string reason;
  // The running target's stacks: the old one being deleted, then the new one being made.
  std::string deleting_stack_id;
  std::string creating_stack_id;
};

struct StackSetOperation {
  std::string id;
  OperationAction action = OperationAction::Create;
  std::string status = "RUNNING";  // QUEUED, RUNNING, SUCCEEDED, FAILED
  OperationPreferences preferences;
  DeploymentTargets deployment_targets;
  bool retain_stacks = false;
  std::optional<ParameterList> parameter_overrides;  // none: keep the instances' own
  std::vector<std::string> kept_overrides;  // UsePreviousValue: keys keeping each instance's value
  std::vector<std::string> regions;         // in the order they run
  std::vector<OperationResult> results;     // by region, then account
  TimePoint created;
  std::optional<TimePoint> ended;

  bool finished() const { return status == "SUCCEEDED" || status == "FAILED"; }
  bool touches(const std::string& account, const std::string& region) const;
};

struct StackInstance {
  std::string account;
  std::string region;
  std::string organizational_unit_id;
  ParameterList parameter_overrides;
  ParameterList deployed_parameters;  // what its stack was made with
  std::string stack_id;               // empty until a stack was made
  std::string status = "OUTDATED";    // CURRENT, OUTDATED, INOPERABLE
  std::string detailed_status = "PENDING";
  std::string status_reason;
  std::string last_operation_id;
};

struct StackSet {
  std::string name;
  std::string id;   // NAME:UUID
  std::string arn;  // arn:aws:cloudformation:REGION:ACCOUNT:stackset/NAME:UUID
  std::string region;
  std::string description;
  std::string template_body;
  ParameterList parameters;
  std::vector<std::string> capabilities;
  Tags tags;
  bool service_managed = false;
  bool auto_deployment = false;
  bool retain_stacks_on_account_removal = false;
  bool managed_execution = false;
  std::string client_request_token;
  std::map<std::pair<std::string, std::string>, StackInstance> instances;  // (account, region)
  std::vector<std::unique_ptr<StackSetOperation>> operations;              // oldest first

  const StackSetOperation* find_operation(const std::string& id) const;
};

// What CreateStackInstances, UpdateStackInstances and DeleteStackInstances ask for, with
// the accounts already resolved (stack_set_targets.hpp).
struct OperationRequest {
  OperationAction action = OperationAction::Create;
  std::vector<TargetAccount> accounts;
  std::vector<std::string> regions;
  DeploymentTargets deployment_targets;
  OperationPreferences preferences;
  std::optional<ParameterList> parameter_overrides;
  std::vector<std::string> kept_overrides;
  bool retain_stacks = false;
  std::string operation_id;  // empty: a fresh UUID
};

class StackSets {
 public:
  StackSets(World& management, StackEngines& engines);
  ~StackSets();
  StackSets(const StackSets&) = delete;
  StackSets& operator=(const StackSets&) = delete;

  void start();
  void stop();

  // CreateStackSet: NameAlreadyExistsException for a live name (unless the same
  // ClientRequestToken repeats the request). Validates the template and parameters.
  StackSet& create(StackSet stack_set);
  // By name or StackSetId; StackSetNotFoundException if none.
  StackSet& named(const std::string& name_or_id);
  std::vector<const StackSet*> all() const;
  // DeleteStackSet: OperationInProgressException, StackSetNotEmptyException.
  void remove(const std::string& name_or_id);

  // Records an operation and returns its ID (the same one again for a repeated OperationId).
  // Without managed execution a running operation refuses it (OperationInProgressException);
  // with it, one that touches the same targets as an unfinished one waits QUEUED.
  std::string start_operation(StackSet& stack_set, OperationRequest request, TimePoint now);

  void reset();  // forgets every stack set (a scenario load or reset)
  World& home() { return home_; }

 private:
  void run();
  void advance(TimePoint now);
  void activate(StackSet& stack_set, StackSetOperation& operation);
  void advance_operation(StackSet& stack_set, StackSetOperation& operation, TimePoint now);
  // Moves the region's targets on; returns whether its failures exceeded the tolerance.
  bool advance_region(StackSet& stack_set, StackSetOperation& operation, const std::string& region,
                      TimePoint now);
  void start_target(StackSet& stack_set, StackSetOperation& operation, OperationResult& result,
                    TimePoint now);
  void poll_target(StackSet& stack_set, StackSetOperation& operation, OperationResult& result,
                   TimePoint now);
  void create_stack(StackSet& stack_set, OperationResult& result, TimePoint now);
  void finish_target(StackSet& stack_set, OperationResult& result, const std::string& status,
                     const std::string& reason);
  StackEngine* engine_of(const std::string& account, TimePoint now);

  World& home_;
  StackEngines& engines_;
  std::vector<std::unique_ptr<StackSet>> sets_;  // oldest first
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ssmlink::emulator
