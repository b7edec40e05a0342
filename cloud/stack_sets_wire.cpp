#include "cloud/stack_sets_wire.hpp"

#include "cloud/cloudformation_responses.hpp"
#include "cloud/params_writing.hpp"
#include "cloud/xml_reading.hpp"

namespace ssmlink::cloud {

namespace {

void add_parameters(aws::QueryParams& params, const std::string& name,
                    const std::vector<Parameter>& parameters) {
  for (size_t i = 0; i < parameters.size(); ++i) {
    std::string prefix = name + ".member." + std::to_string(i + 1);
    params.emplace_back(prefix + ".ParameterKey", parameters[i].parameter_key);
    params.emplace_back(prefix + ".ParameterValue", parameters[i].parameter_value);
  }
}

void add_targets(aws::QueryParams& params, const DeploymentTargets& targets) {
  add_query_list(params, "DeploymentTargets.OrganizationalUnitIds",
                 targets.organizational_unit_ids);
  add_query_list(params, "DeploymentTargets.Accounts", targets.accounts);
  add_optional(params, "DeploymentTargets.AccountFilterType", targets.account_filter_type);
}

void add_preferences(aws::QueryParams& params, const StackSetOperationPreferences& preferences) {
  const std::string prefix = "OperationPreferences.";
  add_optional(params, prefix + "RegionConcurrencyType", preferences.region_concurrency_type);
  add_query_list(params, prefix + "RegionOrder", preferences.region_order);
  add_optional(params, prefix + "FailureToleranceCount", preferences.failure_tolerance_count);
  add_optional(params, prefix + "MaxConcurrentCount", preferences.max_concurrent_count);
}

XmlElement open_stack_set_result(pugi::xml_node node, const char* operation) {
  return XmlElement::query_result(node, "CloudFormation", operation);
}

StackSetOperationResult read_result(const XmlElement& member) {
  return {member.required_string("Account"), member.required_string("Region"),
          member.required_string("Status"), member.optional_string("StatusReason"),
          member.optional_string("OrganizationalUnitId")};
}

StackInstanceSummary read_instance(const XmlElement& member) {
  StackInstanceSummary instance;
  instance.account = member.required_string("Account");
  instance.region = member.required_string("Region");
  instance.stack_id = member.optional_string("StackId");
  instance.status = member.required_string("Status");
  instance.status_reason = member.optional_string("StatusReason");
  if (auto status = member.optional_child("StackInstanceStatus"))
    instance.detailed_status = status->optional_string("DetailedStatus");
  instance.organizational_unit_id = member.optional_string("OrganizationalUnitId");
  instance.drift_status = member.optional_string("DriftStatus");
  instance.last_operation_id = member.optional_string("LastOperationId");
  return instance;
}

}  // namespace

aws::QueryParams create_stack_set_params(const CreateStackSetRequest& request) {
  aws::QueryParams params{{"StackSetName", request.stack_set_name},
                          {"TemplateBody", request.template_body},
                          {"PermissionModel", request.permission_model}};
  if (!request.description.empty()) params.emplace_back("Description", request.description);
  add_parameters(params, "Parameters", request.parameters);
  for (size_t i = 0; i < request.tags.size(); ++i) {
    std::string prefix = "Tags.member." + std::to_string(i + 1);
    params.emplace_back(prefix + ".Key", request.tags[i].key);
    params.emplace_back(prefix + ".Value", request.tags[i].value);
  }
  if (request.permission_model == "SERVICE_MANAGED") {
    add_optional(params, "AutoDeployment.Enabled", std::optional<bool>(request.auto_deployment));
  }
  add_optional(params, "ManagedExecution.Active", std::optional<bool>(request.managed_execution));
  add_optional(params, "ClientRequestToken", request.client_request_token);
  return params;
}

aws::QueryParams stack_instances_params(const StackInstancesRequest& request) {
  aws::QueryParams params{{"StackSetName", request.stack_set_name}};
  add_targets(params, request.deployment_targets);
  add_query_list(params, "Regions", request.regions);
  add_parameters(params, "ParameterOverrides", request.parameter_overrides);
  add_preferences(params, request.operation_preferences);
  add_optional(params, "OperationId", request.operation_id);
  return params;
}

aws::QueryParams delete_stack_instances_params(const DeleteStackInstancesRequest& request) {
  aws::QueryParams params{{"StackSetName", request.stack_set_name}};
  add_targets(params, request.deployment_targets);
  add_query_list(params, "Regions", request.regions);
  add_preferences(params, request.operation_preferences);
  params.emplace_back("RetainStacks", request.retain_stacks ? "true" : "false");
  add_optional(params, "OperationId", request.operation_id);
  return params;
}

std::string parse_create_stack_set(pugi::xml_node node) {
  return open_stack_set_result(node, "CreateStackSet").required_string("StackSetId");
}

StackSet parse_describe_stack_set(pugi::xml_node node) {
  XmlElement set = open_stack_set_result(node, "DescribeStackSet").required_child("StackSet");
  StackSet stack_set;
  stack_set.stack_set_name = set.required_string("StackSetName");
  stack_set.stack_set_id = set.required_string("StackSetId");
  stack_set.status = set.optional_string("Status").value_or("ACTIVE");
  stack_set.description = set.optional_string("Description");
  stack_set.template_body = set.optional_string("TemplateBody").value_or("");
  stack_set.parameters = set.read_list("Parameters", read_parameter);
  stack_set.tags = set.read_list("Tags", read_tag);
  stack_set.permission_model = set.optional_string("PermissionModel");
  if (auto managed = set.optional_child("ManagedExecution"))
    stack_set.managed_execution = managed->optional_bool("Active").value_or(false);
  return stack_set;
}

std::string parse_operation_id(pugi::xml_node node, const char* operation) {
  return open_stack_set_result(node, operation).required_string("OperationId");
}

StackSetOperation parse_describe_stack_set_operation(pugi::xml_node node) {
  XmlElement op =
      open_stack_set_result(node, "DescribeStackSetOperation").required_child("StackSetOperation");
  StackSetOperation operation;
  operation.operation_id = op.required_string("OperationId");
  operation.action = op.optional_string("Action").value_or("");
  operation.status = op.required_string("Status");
  operation.status_reason = op.optional_string("StatusReason");
  if (auto details = op.optional_child("StatusDetails"))
    operation.failed_stack_instances_count = details->optional_int("FailedStackInstancesCount");
  operation.creation_timestamp = op.optional_time("CreationTimestamp");
  operation.end_timestamp = op.optional_time("EndTimestamp");
  return operation;
}

Page<StackSetOperationResult> parse_list_stack_set_operation_results(pugi::xml_node node) {
  XmlElement result = open_stack_set_result(node, "ListStackSetOperationResults");
  return Page{result.read_list("Summaries", read_result), result.optional_string("NextToken")};
}

Page<StackInstanceSummary> parse_list_stack_instances(pugi::xml_node node) {
  XmlElement result = open_stack_set_result(node, "ListStackInstances");
  return Page{result.read_list("Summaries", read_instance), result.optional_string("NextToken")};
}

}  // namespace ssmlink::cloud
