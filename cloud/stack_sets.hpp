// CloudFormation StackSets, typed: the service-managed stack set of the endpoints, its
// stack instances and operations. Names follow the CloudFormation API model (2010-05-15,
// botocore's service-2.json) in snake_case; statuses stay strings as AWS writes them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cloud/calls.hpp"
#include "cloud/cloudformation.hpp"
#include "cloud/tag.hpp"

namespace ssmlink::cloud {

struct DeploymentTargets {
  std::vector<std::string> organizational_unit_ids;  // an OU or the root (r-...)
  std::vector<std::string> accounts;
  std::optional<std::string> account_filter_type;  // NONE, INTERSECTION, DIFFERENCE, UNION
};

struct StackSetOperationPreferences {
  std::optional<std::string> region_concurrency_type;  // SEQUENTIAL or PARALLEL
  std::vector<std::string> region_order;
  std::optional<int> failure_tolerance_count;
  std::optional<int> max_concurrent_count;
};

struct CreateStackSetRequest {
  std::string stack_set_name;
  std::string description;
  std::string template_body;
  std::vector<Parameter> parameters;
  std::vector<Tag> tags;
  std::string permission_model = "SERVICE_MANAGED";
  bool auto_deployment = false;   // service-managed needs the flag either way
  bool managed_execution = true;  // non-conflicting operations run at once
  std::optional<std::string> client_request_token;
};

struct StackSet {
  std::string stack_set_name;
  std::string stack_set_id;
  std::string status;  // ACTIVE, DELETED
  std::optional<std::string> description;
  std::string template_body;
  std::vector<Parameter> parameters;
  std::vector<Tag> tags;
  std::optional<std::string> permission_model;
  bool managed_execution = false;
};

// CreateStackInstances and UpdateStackInstances take the same input.
struct StackInstancesRequest {
  std::string stack_set_name;
  DeploymentTargets deployment_targets;
  std::vector<std::string> regions;
  std::vector<Parameter> parameter_overrides;
  StackSetOperationPreferences operation_preferences;
  std::optional<std::string> operation_id;
};

struct DeleteStackInstancesRequest {
  std::string stack_set_name;
  DeploymentTargets deployment_targets;
  std::vector<std::string> regions;
  StackSetOperationPreferences operation_preferences;
  bool retain_stacks = false;
  std::optional<std::string> operation_id;
};

struct StackSetOperation {
  std::string operation_id;
  std::string action;  // CREATE, UPDATE, DELETE, DETECT_DRIFT
  std::string status;  // QUEUED, RUNNING, SUCCEEDED, FAILED, STOPPING, STOPPED
  std::optional<std::string> status_reason;
  std::optional<int> failed_stack_instances_count;
  std::optional<Clock::TimePoint> creation_timestamp;
  std::optional<Clock::TimePoint> end_timestamp;
};

struct StackSetOperationResult {
  std::string account;
  std::string region;
  std::string status;  // PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED
  std::optional<std::string> status_reason;
  std::optional<std::string> organizational_unit_id;
};

struct StackInstanceSummary {
  std::string account;
  std::string region;
  std::optional<std::string> stack_id;
  std::string status;  // CURRENT, OUTDATED, INOPERABLE
  std::optional<std::string> status_reason;
  std::optional<std::string> detailed_status;  // PENDING, RUNNING, SUCCEEDED, FAILED, ...
  std::optional<std::string> organizational_unit_id;
  std::optional<std::string> drift_status;  // DRIFTED, IN_SYNC, UNKNOWN, NOT_CHECKED
  std::optional<std::string> last_operation_id;
};

class StackSets {
 public:
  explicit StackSets(aws::AwsClient& client) : StackSets(query_call(client)) {}
  explicit StackSets(QueryCall call);

  std::string create_stack_set(const CreateStackSetRequest& request);  // the StackSetId
  // AWS answers a name it does not know with StackSetNotFoundException (aws::ServiceError).
  StackSet describe_stack_set(const std::string& stack_set_name);
  void delete_stack_set(const std::string& stack_set_name);
  // The operation's ID.
  std::string create_stack_instances(const StackInstancesRequest& request);
  std::string update_stack_instances(const StackInstancesRequest& request);
  std::string delete_stack_instances(const DeleteStackInstancesRequest& request);
  StackSetOperation describe_stack_set_operation(const std::string& stack_set_name,
                                                 const std::string& operation_id);
  std::vector<StackSetOperationResult> list_stack_set_operation_results(
      const std::string& stack_set_name, const std::string& operation_id);
  std::vector<StackInstanceSummary> list_stack_instances(const std::string& stack_set_name);

 private:
  QueryCall call_;
};

}  // namespace ssmlink::cloud
