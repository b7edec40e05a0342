// A CloudFormation stack as DescribeStacks, DescribeStackEvents and DescribeStackResources
// show it: its status, parameters, tags, outputs, resources and the events of its life.
// The engine (cfn_engine.hpp) changes stacks; the API reads them. Both hold the World's
// mutex while they do.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/cloudformation/cfn_intrinsics.hpp"
#include "emulator/cloudformation/cfn_template.hpp"
#include "emulator/model.hpp"

namespace ssmlink::emulator {

// CreateStack's OnFailure (DisableRollback=true is DoNothing).
enum class OnFailure { Rollback, DoNothing, Delete };

struct StackEvent {
  uint64_t sequence = 0;  // order of emission: higher is newer
  std::string event_id;
  std::string logical_id;   // the stack's name for stack events
  std::string physical_id;  // the stack ID for stack events
  std::string resource_type;
  TimePoint timestamp;
  std::string status;
  std::string reason;
  std::string properties;  // ResourceProperties: the resolved properties as JSON text
  std::string client_request_token;
  std::string detailed_status;  // e.g. VALIDATION_FAILED
};

struct StackResource {
  std::string logical_id;
  std::string type;
  std::string physical_id;
  std::string status;  // empty until the stack starts it
  std::string reason;
  TimePoint updated;
  std::set<std::string> depends_on;  // logical IDs, from references and DependsOn
  std::string deletion_policy = "Delete";
  nlohmann::json properties;  // resolved when its creation starts
  std::map<std::string, nlohmann::json> attributes;
  uint64_t failed_at = 0;  // event sequence of its CREATE_FAILED (root cause first)
};

struct StackOutput {
  std::string key;
  std::string value;
  std::string description;
  std::string export_name;
};

struct Stack {
  std::string id;  // arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID
  std::string name;
  std::string region;
  std::string template_body;  // exactly as submitted (GetTemplate)
  std::shared_ptr<const Template> tmpl;
  std::vector<ParameterValue> parameters;
  Tags tags;
  std::string status;
  std::string status_reason;
  TimePoint created;
  std::optional<TimePoint> deleted;  // DeletionTime: when deletion or rollback began
  OnFailure on_failure = OnFailure::Rollback;
  std::optional<int> timeout_minutes;
  std::string create_token;     // ClientRequestToken of CreateStack
  std::string operation_token;  // of the operation now running (create or delete)
  uint64_t operation = 0;       // changes when an operation starts; stale timers check it
  std::map<std::string, bool> conditions;
  std::map<std::string, StackResource> resources;  // those the conditions let in
  std::vector<StackOutput> outputs;
  std::vector<StackEvent> events;  // oldest first
  std::set<std::string> retain;    // RetainResources of the current DeleteStack
  // Engine bookkeeping.
  std::set<std::string> delete_attempted;            // resources the running deletion already tried
  std::optional<std::string> delete_after_rollback;  // token of a DeleteStack during rollback

  bool is_deleted() const { return status == "DELETE_COMPLETE"; }
  std::string description() const { return tmpl ? tmpl->description : ""; }
  // What intrinsic functions see of this stack's created resources.
  EvaluationContext evaluation_context(const std::vector<std::string>& availability_zones,
                                       const std::string& account_id) const;
};

// Status families.
bool is_terminal_stack_status(const std::string& status);
bool is_in_progress(const std::string& status);

// Stack event IDs are UUIDs; resource event IDs read LogicalId-STATUS-Timestamp, as AWS
// writes them (e.g. "AuthGrant-CREATE_FAILED-2020-10-22T14:44:05.641Z").
std::string format_timestamp(TimePoint time);  // 2020-10-22T14:44:05.641Z

}  // namespace ssmlink::emulator
