#include "cloud/stack_sets.hpp"

#include <utility>

#include "cloud/params_writing.hpp"
#include "cloud/stack_sets_wire.hpp"

namespace ssmlink::cloud {

StackSets::StackSets(QueryCall call) : call_(std::move(call)) {}

std::string StackSets::create_stack_set(const CreateStackSetRequest& request) {
  return parse_create_stack_set(call_("CreateStackSet", create_stack_set_params(request)).result());
}

StackSet StackSets::describe_stack_set(const std::string& stack_set_name) {
  return parse_describe_stack_set(
      call_("DescribeStackSet", {{"StackSetName", stack_set_name}}).result());
}

void StackSets::delete_stack_set(const std::string& stack_set_name) {
  call_("DeleteStackSet", {{"StackSetName", stack_set_name}});  // no output
}

std::string StackSets::create_stack_instances(const StackInstancesRequest& request) {
  return parse_operation_id(call_("CreateStackInstances", stack_instances_params(request)).result(),
                            "CreateStackInstances");
}

std::string StackSets::update_stack_instances(const StackInstancesRequest& request) {
  return parse_operation_id(call_("UpdateStackInstances", stack_instances_params(request)).result(),
                            "UpdateStackInstances");
}

std::string StackSets::delete_stack_instances(const DeleteStackInstancesRequest& request) {
  return parse_operation_id(
      call_("DeleteStackInstances", delete_stack_instances_params(request)).result(),
      "DeleteStackInstances");
}

StackSetOperation StackSets::describe_stack_set_operation(const std::string& stack_set_name,
                                                          const std::string& operation_id) {
  return parse_describe_stack_set_operation(
      call_("DescribeStackSetOperation",
            {{"StackSetName", stack_set_name}, {"OperationId", operation_id}})
          .result());
}

std::vector<StackSetOperationResult> StackSets::list_stack_set_operation_results(
    const std::string& stack_set_name, const std::string& operation_id) {
  return collect_pages<StackSetOperationResult>(
      "CloudFormation ListStackSetOperationResults", [&](const std::optional<std::string>& token) {
        aws::QueryParams params{{"StackSetName", stack_set_name}, {"OperationId", operation_id}};
        add_optional(params, "NextToken", token);
        return parse_list_stack_set_operation_results(
            call_("ListStackSetOperationResults", params).result());
      });
}

std::vector<StackInstanceSummary> StackSets::list_stack_instances(
    const std::string& stack_set_name) {
  return collect_pages<StackInstanceSummary>(
      "CloudFormation ListStackInstances", [&](const std::optional<std::string>& token) {
        aws::QueryParams params{{"StackSetName", stack_set_name}};
        add_optional(params, "NextToken", token);
        return parse_list_stack_instances(call_("ListStackInstances", params).result());
      });
}

}  // namespace ssmlink::cloud
