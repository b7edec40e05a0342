// How StackSets' operations move on (stack_sets.hpp): the part of StackSets the thread runs.
#include <algorithm>

#include "emulator/api.hpp"
#include "emulator/cloudformation/stack_sets.hpp"
#include "emulator/organizations/member_accounts.hpp"

namespace ssmlink::emulator {

namespace {

const char* kCancelledReason = "Cancelled since failure tolerance has exceeded";

bool is_done(const OperationResult& result) {
  return result.status != "PENDING" && result.status != "RUNNING";
}

// A share of the region's targets, rounded down as AWS rounds percentages.
int share_of(int targets, int percentage) {
  return targets * percentage / 100;
}

// The stack set's parameters with the instance's overrides in place of theirs.
ParameterList merged_parameters(const StackSet& stack_set, const StackInstance& instance) {
  ParameterList merged = stack_set.parameters;
  for (const auto& [key, value] : instance.parameter_overrides) {
    auto same = [&](const auto& entry) { return entry.first == key; };
    auto found = std::find_if(merged.begin(), merged.end(), same);
    if (found == merged.end()) {
      merged.emplace_back(key, value);
    } else {
      found->second = value;
    }
  }
  return merged;
}

// Why a stack's creation failed, in the form StackSets reports it: the first resource
// that failed, "ResourceLogicalId:Group, ResourceType:AWS::EC2::SecurityGroup,
// ResourceStatusReason:<its CREATE_FAILED reason>.", else the stack's own reason.
std::string stack_failure_reason(const Stack& stack) {
  for (const auto& event : stack.events) {
    if (event.status != "CREATE_FAILED" && event.status != "DELETE_FAILED") continue;
    if (event.resource_type == "AWS::CloudFormation::Stack") continue;
    if (event.reason == "Resource creation cancelled") continue;
    std::string reason = event.reason;
    if (!reason.ends_with(".")) reason += ".";
    return "ResourceLogicalId:" + event.logical_id + ", ResourceType:" + event.resource_type +
           ", ResourceStatusReason:" + reason;
  }
  for (const auto& event : stack.events) {
    if (event.resource_type == "AWS::CloudFormation::Stack" && !event.reason.empty() &&
        event.status != "CREATE_IN_PROGRESS")
      return event.reason;
  }
  return "The stack is in " + stack.status;
}

}  // namespace

void StackSets::advance(TimePoint now) {
  for (auto& set : sets_) {
    // Queued operations start, oldest first, once nothing earlier and unfinished touches
    // their targets.
    for (size_t i = 0; i < set->operations.size(); ++i) {
      StackSetOperation& operation = *set->operations[i];
      if (operation.status != "QUEUED") continue;
      bool blocked = false;
      for (size_t j = 0; j < i; ++j) {
        const StackSetOperation& earlier = *set->operations[j];
        if (earlier.finished()) continue;
        blocked = blocked || std::any_of(operation.results.begin(), operation.results.end(),
                                         [&](const auto& result) {
                                           return earlier.touches(result.account, result.region);
                                         });
      }
      if (!blocked) activate(*set, operation);
    }
    for (auto& operation : set->operations) {
      if (operation->status == "RUNNING") advance_operation(*set, *operation, now);
    }
  }
}

void StackSets::advance_operation(StackSet& stack_set, StackSetOperation& operation,
                                  TimePoint now) {
  bool failed = false;
  for (const auto& region : operation.regions) {
    bool exceeded = advance_region(stack_set, operation, region, now);
    failed = failed || exceeded;
    bool region_done = std::all_of(
        operation.results.begin(), operation.results.end(),
        [&](const OperationResult& result) { return result.region != region || is_done(result); });
    if (exceeded && !operation.preferences.parallel) {
      // Sequential: the regions after a failed one never start.
      for (auto& result : operation.results) {
        if (result.status == "PENDING")
          finish_target(stack_set, result, "CANCELLED", kCancelledReason);
      }
    }
    if (!region_done && !operation.preferences.parallel) break;
  }
  if (std::all_of(operation.results.begin(), operation.results.end(), is_done)) {
    operation.status = failed ? "FAILED" : "SUCCEEDED";
    operation.ended = now;
  }
}

bool StackSets::advance_region(StackSet& stack_set, StackSetOperation& operation,
                               const std::string& region, TimePoint now) {
  std::vector<OperationResult*> targets;
  for (auto& result : operation.results) {
    if (result.region == region) targets.push_back(&result);
  }
  const OperationPreferences& preferences = operation.preferences;
  int count = static_cast<int>(targets.size());
  int tolerance = preferences.failure_tolerance_count.value_or(
      share_of(count, preferences.failure_tolerance_percentage.value_or(0)));
  int concurrency = preferences.max_concurrent_count.value_or(
      std::max(1, share_of(count, preferences.max_concurrent_percentage.value_or(0))));
  auto tally = [&](const char* status) {
    return static_cast<int>(std::count_if(targets.begin(), targets.end(), [&](const auto* result) {
      return result->status == status;
    }));
  };
  for (OperationResult* result : targets) {
    if (result->status == "RUNNING") poll_target(stack_set, operation, *result, now);
  }
  for (OperationResult* result : targets) {
    int failures = tally("FAILED");
    if (failures > tolerance) break;
    int limit = concurrency;
    // STRICT_FAILURE_TOLERANCE (the default) keeps failures within tolerance + 1: no more
    // targets run at once than failures may still happen.
    if (!preferences.soft_failure_tolerance) limit = std::min(limit, tolerance + 1 - failures);
    if (tally("RUNNING") >= limit) break;
    if (result->status == "PENDING") start_target(stack_set, operation, *result, now);
  }
  bool exceeded = tally("FAILED") > tolerance;
  if (exceeded) {
    for (OperationResult* result : targets) {
      if (result->status == "PENDING")
        finish_target(stack_set, *result, "CANCELLED", kCancelledReason);
    }
  }
  return exceeded;
}

StackEngine* StackSets::engine_of(const std::string& account, TimePoint now) {
  if (account == home_.account_id) return &engines_.of(home_);
  World* world = member_world(home_, account, now);
  return world ? &engines_.of(*world) : nullptr;
}

void StackSets::start_target(StackSet& stack_set, StackSetOperation& operation,
                             OperationResult& result, TimePoint now) {
  result.status = "RUNNING";
  auto found = stack_set.instances.find({result.account, result.region});
  if (found != stack_set.instances.end()) found->second.detailed_status = "RUNNING";
  StackEngine* engine = engine_of(result.account, now);
  bool deleting = operation.action == OperationAction::Delete;
  if (found == stack_set.instances.end() ||
      (deleting && (operation.retain_stacks || found->second.stack_id.empty()))) {
    finish_target(stack_set, result, "SUCCEEDED", "");
    if (deleting) stack_set.instances.erase({result.account, result.region});
    return;
  }
  if (!engine) {
    // Self-managed targets outside the organization have no role to deploy with.
    finish_target(stack_set, result, "FAILED",
                  "Account " + result.account +
                      " should have 'AWSCloudFormationStackSetExecutionRole' role with trust "
                      "relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.");
    return;
  }
  World* world =
      result.account == home_.account_id ? &home_ : member_world(home_, result.account, now);
  if (!world->region_enabled(result.region)) {
    if (deleting) {
      stack_set.instances.erase({result.account, result.region});
      finish_target(stack_set, result, "SUCCEEDED", "");
      return;
    }
    // Unverified wording: AWS fails the instance before it reaches the region.
    finish_target(stack_set, result, "FAILED",
                  "Region " + result.region + " is not enabled in account " + result.account +
                      ". Enable the region before deploying stack instances to it.");
    return;
  }
  StackInstance& instance = found->second;
  const Stack* existing =
      instance.stack_id.empty() ? nullptr : engine->find(result.region, instance.stack_id);
  if (existing && existing->is_deleted()) existing = nullptr;
  if (deleting) {
    if (!existing) {
      stack_set.instances.erase({result.account, result.region});
      finish_target(stack_set, result, "SUCCEEDED", "");
      return;
    }
    engine->delete_stack(result.region, existing->id, {}, "", now);
    result.deleting_stack_id = existing->id;
    return;
  }
  if (existing) {
    if (existing->status == "CREATE_COMPLETE" &&
        instance.deployed_parameters == merged_parameters(stack_set, instance)) {
      finish_target(stack_set, result, "SUCCEEDED", "");
      return;
    }
    // The engine has no UpdateStack: a stack whose parameters changed, or that failed, is
    // replaced by a new one.
    engine->delete_stack(result.region, existing->id, {}, "", now);
    result.deleting_stack_id = existing->id;
    return;
  }
  create_stack(stack_set, result, now);
}

void StackSets::create_stack(StackSet& stack_set, OperationResult& result, TimePoint now) {
  StackInstance& instance = stack_set.instances.at({result.account, result.region});
  StackEngine* engine = engine_of(result.account, now);
  CreateStackInput input;
  input.region = result.region;
  input.stack_name = "StackSet-" + stack_set.name + "-" + home_.new_request_id();
  input.template_body = stack_set.template_body;
  input.parameters = merged_parameters(stack_set, instance);
  input.tags = stack_set.tags;
  input.on_failure = OnFailure::Rollback;
  try {
    result.creating_stack_id = engine->create_stack(input, now);
  } catch (const ApiError& error) {
    finish_target(stack_set, result, "FAILED", error.what());
    return;
  }
  instance.stack_id = result.creating_stack_id;
  instance.deployed_parameters = input.parameters;
}

void StackSets::poll_target(StackSet& stack_set, StackSetOperation& operation,
                            OperationResult& result, TimePoint now) {
  StackEngine* engine = engine_of(result.account, now);
  if (!engine) return;
  if (!result.deleting_stack_id.empty()) {
    const Stack* stack = engine->find(result.region, result.deleting_stack_id);
    if (stack && stack->status == "DELETE_FAILED") {
      finish_target(stack_set, result, "FAILED", stack_failure_reason(*stack));
      if (operation.action == OperationAction::Delete) {
        StackInstance& instance = stack_set.instances.at({result.account, result.region});
        instance.status = "INOPERABLE";
        instance.detailed_status = "INOPERABLE";
      }
      return;
    }
    if (stack && !stack->is_deleted()) return;
    result.deleting_stack_id.clear();
    if (operation.action == OperationAction::Delete) {
      stack_set.instances.erase({result.account, result.region});
      finish_target(stack_set, result, "SUCCEEDED", "");
      return;
    }
    create_stack(stack_set, result, now);
    return;
  }
  const Stack* stack = engine->find(result.region, result.creating_stack_id);
  if (!stack) {
    finish_target(stack_set, result, "FAILED", "The stack was deleted while it was deployed.");
  } else if (stack->status == "CREATE_COMPLETE") {
    finish_target(stack_set, result, "SUCCEEDED", "");
  } else if (is_terminal_stack_status(stack->status)) {
    finish_target(stack_set, result, "FAILED", stack_failure_reason(*stack));
  }
}

void StackSets::finish_target(StackSet& stack_set, OperationResult& result,
                              const std::string& status, const std::string& reason) {
  result.status = status;
  result.reason = reason;
  auto found = stack_set.instances.find({result.account, result.region});
  if (found == stack_set.instances.end()) return;
  StackInstance& instance = found->second;
  instance.detailed_status = status;
  instance.status = status == "SUCCEEDED" ? "CURRENT" : "OUTDATED";
  instance.status_reason = reason;
}

}  // namespace ssmlink::emulator
