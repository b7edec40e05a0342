#include "domain/stack_progress.hpp"

#include <algorithm>

namespace ssmlink::domain {

namespace {
// CloudFormation's words for a resource stopped because another failed.
bool is_cascade(std::string_view reason) {
  return reason.find("Resource creation cancelled") != std::string_view::npos ||
         reason.find("Resource update cancelled") != std::string_view::npos;
}
}  // namespace

bool is_in_progress(std::string_view status) {
  return status.ends_with("_IN_PROGRESS");
}

bool is_terminal_stack_status(std::string_view status) {
  return status.ends_with("_COMPLETE") || status.ends_with("_FAILED");
}

void StackProgress::apply(const StackEventRecord& event) {
  if (!started_) started_ = event.timestamp;
  last_event_ = event.timestamp;
  if (event.is_stack()) {
    stack_status_ = event.status;
    stack_reason_ = event.reason;
    return;
  }
  if (event.status.ends_with("_FAILED") && !root_cause_ && !is_cascade(event.reason)) {
    root_cause_ = RootCause{event.logical_id, event.resource_type, event.status, event.reason};
  }
  auto row = std::ranges::find(resources_, event.logical_id, &ResourceRow::logical_id);
  if (row == resources_.end()) {
    resources_.push_back({event.logical_id, event.resource_type, event.status, event.physical_id,
                          event.timestamp, event.timestamp});
    return;
  }
  row->status = event.status;
  row->updated = event.timestamp;
  if (!event.physical_id.empty()) row->physical_id = event.physical_id;
}

}  // namespace ssmlink::domain
