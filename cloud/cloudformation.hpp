// CloudFormation, typed: create and delete the endpoint stack, read stacks, their events,
// resources and template. Names follow the CloudFormation API model (2010-05-15) in
// snake_case. Stack and resource statuses stay strings (CREATE_COMPLETE, ...), as AWS
// writes them: AWS adds values over time.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "cloud/calls.hpp"
#include "cloud/tag.hpp"
#include "util/clock.hpp"

namespace ssmlink::cloud {

struct Parameter {
  std::string parameter_key;
  std::string parameter_value;
  std::optional<std::string> resolved_value;  // responses only: an SSM parameter's value
  bool operator==(const Parameter&) const = default;
};

enum class OnFailure { DoNothing, Rollback, Delete };

struct CreateStackRequest {
  std::string stack_name;
  std::string template_body;
  std::vector<Parameter> parameters;
  std::vector<Tag> tags;                // propagated to the stack's resources
  std::optional<OnFailure> on_failure;  // AWS takes on_failure or disable_rollback, not both
  std::optional<bool> disable_rollback;
  std::optional<int> timeout_in_minutes;
  std::vector<std::string> capabilities;  // CAPABILITY_IAM, ...
  // Idempotency token; every event of this operation carries it.
  std::optional<std::string> client_request_token;
};

enum class DeletionMode { Standard, ForceDeleteStack };

struct DeleteStackRequest {
  std::string stack_name;                     // name or stack ID
  std::vector<std::string> retain_resources;  // logical IDs; only for DELETE_FAILED stacks
  std::optional<std::string> client_request_token;
  std::optional<DeletionMode> deletion_mode;
};

struct Output {
  std::string output_key;
  std::optional<std::string> output_value;
  std::optional<std::string> description;
  std::optional<std::string> export_name;
};

struct Stack {
  std::string stack_id;
  std::string stack_name;
  std::string stack_status;
  std::optional<std::string> stack_status_reason;
  std::optional<std::string> description;
  Clock::TimePoint creation_time;
  std::optional<Clock::TimePoint> last_updated_time;
  std::optional<Clock::TimePoint> deletion_time;
  std::vector<Parameter> parameters;
  std::vector<Output> outputs;
  std::vector<Tag> tags;
  std::vector<std::string> capabilities;
  std::optional<bool> disable_rollback;
  std::optional<int> timeout_in_minutes;
  std::optional<bool> enable_termination_protection;
};

struct StackEvent {
  std::string event_id;
  std::string stack_id;
  std::string stack_name;
  std::optional<std::string> logical_resource_id;
  std::optional<std::string> physical_resource_id;
  std::optional<std::string> resource_type;
  Clock::TimePoint timestamp;
  std::optional<std::string> resource_status;
  std::optional<std::string> resource_status_reason;
  std::optional<std::string> client_request_token;
};

struct DescribeStackResourcesRequest {  // stack_name or physical_resource_id, not both
  std::optional<std::string> stack_name;
  std::optional<std::string> logical_resource_id;
  std::optional<std::string> physical_resource_id;
};

struct StackResource {
  std::optional<std::string> stack_id;
  std::optional<std::string> stack_name;
  std::string logical_resource_id;
  std::optional<std::string> physical_resource_id;
  std::string resource_type;
  Clock::TimePoint timestamp;
  std::string resource_status;
  std::optional<std::string> resource_status_reason;
  std::optional<std::string> description;
};

struct StackSummary {
  std::string stack_id;
  std::string stack_name;
  std::string stack_status;
  std::optional<std::string> stack_status_reason;
  std::optional<std::string> template_description;
  Clock::TimePoint creation_time;
  std::optional<Clock::TimePoint> last_updated_time;
  std::optional<Clock::TimePoint> deletion_time;
};

enum class TemplateStage { Original, Processed };

class CloudFormation {
 public:
  explicit CloudFormation(aws::AwsClient& client) : CloudFormation(query_call(client)) {}
  explicit CloudFormation(QueryCall call);

  // The new stack's ID.
  std::string create_stack(const CreateStackRequest& request);
  void delete_stack(const DeleteStackRequest& request);
  // Every stack, or the one named (a deleted stack only by its stack ID). AWS answers a
  // name that does not exist with a ValidationError (aws::ServiceError).
  std::vector<Stack> describe_stacks(const std::optional<std::string>& stack_name = std::nullopt);
  // Every event, newest first.
  std::vector<StackEvent> describe_stack_events(const std::string& stack_name);
  // Visits events newest first until `visit` returns false; after that no further page is
  // read, so a watcher that stops at the last event it has seen reads only new ones.
  void for_each_stack_event(const std::string& stack_name,
                            const std::function<bool(const StackEvent&)>& visit);
  // At most 100 resources (an AWS limit of this operation).
  std::vector<StackResource> describe_stack_resources(const DescribeStackResourcesRequest& request);
  // Stacks in the given statuses (every status when empty), deleted ones for 90 days.
  std::vector<StackSummary> list_stacks(const std::vector<std::string>& stack_status_filter = {});
  std::string get_template(const std::string& stack_name,
                           TemplateStage stage = TemplateStage::Original);

 private:
  QueryCall call_;
};

}  // namespace ssmlink::cloud
