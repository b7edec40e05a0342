#include "cloud/cloudformation_requests.hpp"

#include "cloud/params_writing.hpp"

namespace ssmlink::cloud {

namespace {

const char* on_failure_name(OnFailure on_failure) {
  switch (on_failure) {
    case OnFailure::DoNothing:
      return "DO_NOTHING";
    case OnFailure::Rollback:
      return "ROLLBACK";
    case OnFailure::Delete:
      return "DELETE";
  }
  return "ROLLBACK";  // not reached: every enumerator is handled above
}

const char* deletion_mode_name(DeletionMode mode) {
  switch (mode) {
    case DeletionMode::Standard:
      return "STANDARD";
    case DeletionMode::ForceDeleteStack:
      return "FORCE_DELETE_STACK";
  }
  return "STANDARD";  // not reached
}

const char* template_stage_name(TemplateStage stage) {
  switch (stage) {
    case TemplateStage::Original:
      return "Original";
    case TemplateStage::Processed:
      return "Processed";
  }
  return "Original";  // not reached
}

void add_parameters(aws::QueryParams& params, const std::vector<Parameter>& parameters) {
  for (size_t i = 0; i < parameters.size(); ++i) {
    std::string prefix = "Parameters.member." + std::to_string(i + 1);
    params.emplace_back(prefix + ".ParameterKey", parameters[i].parameter_key);
    params.emplace_back(prefix + ".ParameterValue", parameters[i].parameter_value);
  }
}

void add_tags(aws::QueryParams& params, const std::vector<Tag>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    std::string prefix = "Tags.member." + std::to_string(i + 1);
    params.emplace_back(prefix + ".Key", tags[i].key);
    params.emplace_back(prefix + ".Value", tags[i].value);
  }
}

}  // namespace

aws::QueryParams create_stack_params(const CreateStackRequest& request) {
  aws::QueryParams params{{"StackName", request.stack_name},
                          {"TemplateBody", request.template_body}};
  add_parameters(params, request.parameters);
  add_optional(params, "DisableRollback", request.disable_rollback);
  add_optional(params, "TimeoutInMinutes", request.timeout_in_minutes);
  add_query_list(params, "Capabilities", request.capabilities);
  if (request.on_failure) params.emplace_back("OnFailure", on_failure_name(*request.on_failure));
  add_tags(params, request.tags);
  add_optional(params, "ClientRequestToken", request.client_request_token);
  return params;
}

aws::QueryParams delete_stack_params(const DeleteStackRequest& request) {
  aws::QueryParams params{{"StackName", request.stack_name}};
  add_query_list(params, "RetainResources", request.retain_resources);
  add_optional(params, "ClientRequestToken", request.client_request_token);
  if (request.deletion_mode) {
    params.emplace_back("DeletionMode", deletion_mode_name(*request.deletion_mode));
  }
  return params;
}

aws::QueryParams describe_stacks_params(const std::optional<std::string>& stack_name,
                                        const std::optional<std::string>& next_token) {
  aws::QueryParams params;
  add_optional(params, "StackName", stack_name);
  add_optional(params, "NextToken", next_token);
  return params;
}

aws::QueryParams describe_stack_events_params(const std::string& stack_name,
                                              const std::optional<std::string>& next_token) {
  aws::QueryParams params{{"StackName", stack_name}};
  add_optional(params, "NextToken", next_token);
  return params;
}

aws::QueryParams describe_stack_resources_params(const DescribeStackResourcesRequest& request) {
  aws::QueryParams params;
  add_optional(params, "StackName", request.stack_name);
  add_optional(params, "LogicalResourceId", request.logical_resource_id);
  add_optional(params, "PhysicalResourceId", request.physical_resource_id);
  return params;
}

aws::QueryParams list_stacks_params(const std::vector<std::string>& stack_status_filter,
                                    const std::optional<std::string>& next_token) {
  aws::QueryParams params;
  add_optional(params, "NextToken", next_token);
  add_query_list(params, "StackStatusFilter", stack_status_filter);
  return params;
}

aws::QueryParams get_template_params(const std::string& stack_name, TemplateStage stage) {
  return {{"StackName", stack_name}, {"TemplateStage", template_stage_name(stage)}};
}

}  // namespace ssmlink::cloud
