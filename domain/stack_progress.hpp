// A stack's progress from its events: each resource's latest status, the stack's own,
// whether it has finished, and the root cause when it failed (the first failure that is
// not the "Resource creation cancelled" cascade it sets off).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::domain {

using EventTime = std::chrono::system_clock::time_point;

struct StackEventRecord {
  std::string event_id;
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;  // AWS::CloudFormation::Stack for the stack's own events
  EventTime timestamp;
  std::string status;  // CREATE_IN_PROGRESS, ...
  std::string reason;
  bool is_stack() const { return resource_type == "AWS::CloudFormation::Stack"; }
};

struct ResourceRow {
  std::string logical_id;
  std::string type;
  std::string status;
  std::string physical_id;
  EventTime started;  // its first event
  EventTime updated;  // its latest event
};

struct RootCause {
  std::string logical_id;
  std::string type;
  std::string status;
  std::string reason;
};

bool is_in_progress(std::string_view status);
// Stack statuses that end an operation: *_COMPLETE and *_FAILED.
bool is_terminal_stack_status(std::string_view status);

class StackProgress {
 public:
  // Events in the order they happened (oldest first).
  void apply(const StackEventRecord& event);

  const std::vector<ResourceRow>& resources() const { return resources_; }
  const std::string& stack_status() const { return stack_status_; }
  const std::string& stack_reason() const { return stack_reason_; }
  bool finished() const { return is_terminal_stack_status(stack_status_); }
  std::optional<RootCause> root_cause() const { return root_cause_; }
  std::optional<EventTime> started() const { return started_; }
  std::optional<EventTime> last_event() const { return last_event_; }

 private:
  std::vector<ResourceRow> resources_;
  std::string stack_status_;
  std::string stack_reason_;
  std::optional<RootCause> root_cause_;
  std::optional<EventTime> started_;
  std::optional<EventTime> last_event_;
};

}  // namespace ssmlink::domain
