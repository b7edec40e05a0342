#include "cloud/cloudformation.hpp"

#include <utility>

#include "cloud/cloudformation_requests.hpp"
#include "cloud/cloudformation_responses.hpp"
#include "cloud/paging.hpp"

namespace ssmlink::cloud {

CloudFormation::CloudFormation(QueryCall call) : call_(std::move(call)) {}

std::string CloudFormation::create_stack(const CreateStackRequest& request) {
  return parse_create_stack(call_("CreateStack", create_stack_params(request)).result());
}

void CloudFormation::delete_stack(const DeleteStackRequest& request) {
  call_("DeleteStack", delete_stack_params(request));  // no output
}

std::vector<Stack> CloudFormation::describe_stacks(const std::optional<std::string>& stack_name) {
  return collect_pages<Stack>(
      "CloudFormation DescribeStacks", [&](const std::optional<std::string>& token) {
        return parse_describe_stacks(
            call_("DescribeStacks", describe_stacks_params(stack_name, token)).result());
      });
}

namespace {
auto stack_events_pages(const QueryCall& call, const std::string& stack_name) {
  return [&call, &stack_name](const std::optional<std::string>& token) {
    return parse_describe_stack_events(
        call("DescribeStackEvents", describe_stack_events_params(stack_name, token)).result());
  };
}
}  // namespace

std::vector<StackEvent> CloudFormation::describe_stack_events(const std::string& stack_name) {
  return collect_pages<StackEvent>("CloudFormation DescribeStackEvents",
                                   stack_events_pages(call_, stack_name));
}

void CloudFormation::for_each_stack_event(const std::string& stack_name,
                                          const std::function<bool(const StackEvent&)>& visit) {
  visit_pages<StackEvent>("CloudFormation DescribeStackEvents",
                          stack_events_pages(call_, stack_name), visit);
}

std::vector<StackResource> CloudFormation::describe_stack_resources(
    const DescribeStackResourcesRequest& request) {
  return parse_describe_stack_resources(
      call_("DescribeStackResources", describe_stack_resources_params(request)).result());
}

std::vector<StackSummary> CloudFormation::list_stacks(
    const std::vector<std::string>& stack_status_filter) {
  return collect_pages<StackSummary>(
      "CloudFormation ListStacks", [&](const std::optional<std::string>& token) {
        return parse_list_stacks(
            call_("ListStacks", list_stacks_params(stack_status_filter, token)).result());
      });
}

std::string CloudFormation::get_template(const std::string& stack_name, TemplateStage stage) {
  return parse_get_template(call_("GetTemplate", get_template_params(stack_name, stage)).result());
}

}  // namespace ssmlink::cloud
