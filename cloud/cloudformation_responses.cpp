#include "cloud/cloudformation_responses.hpp"

#include "cloud/xml_reading.hpp"

namespace ssmlink::cloud {

Parameter read_parameter(const XmlElement& member) {  // Parameter
  return {member.required_string("ParameterKey"),
          member.optional_string("ParameterValue").value_or(""),
          member.optional_string("ResolvedValue")};
}

Tag read_tag(const XmlElement& member) {  // Tag
  return {member.required_string("Key"), member.optional_string("Value").value_or("")};
}

namespace {

XmlElement open_result(pugi::xml_node node, const char* operation) {
  return XmlElement::query_result(node, "CloudFormation", operation);
}

Output read_output(const XmlElement& member) {  // Output
  return {member.required_string("OutputKey"), member.optional_string("OutputValue"),
          member.optional_string("Description"), member.optional_string("ExportName")};
}

Stack read_stack(const XmlElement& member) {  // Stack
  Stack stack;
  stack.stack_id = member.required_string("StackId");
  stack.stack_name = member.required_string("StackName");
  stack.stack_status = member.required_string("StackStatus");
  stack.stack_status_reason = member.optional_string("StackStatusReason");
  stack.description = member.optional_string("Description");
  stack.creation_time = member.required_time("CreationTime");
  stack.last_updated_time = member.optional_time("LastUpdatedTime");
  stack.deletion_time = member.optional_time("DeletionTime");
  stack.parameters = member.read_list("Parameters", read_parameter);
  stack.outputs = member.read_list("Outputs", read_output);
  stack.tags = member.read_list("Tags", read_tag);
  stack.capabilities = member.string_list("Capabilities");
  stack.disable_rollback = member.optional_bool("DisableRollback");
  stack.timeout_in_minutes = member.optional_int("TimeoutInMinutes");
  stack.enable_termination_protection = member.optional_bool("EnableTerminationProtection");
  return stack;
}

StackEvent read_stack_event(const XmlElement& member) {  // StackEvent
  StackEvent event;
  event.event_id = member.required_string("EventId");
  event.stack_id = member.required_string("StackId");
  event.stack_name = member.required_string("StackName");
  event.logical_resource_id = member.optional_string("LogicalResourceId");
  event.physical_resource_id = member.optional_string("PhysicalResourceId");
  event.resource_type = member.optional_string("ResourceType");
  event.timestamp = member.required_time("Timestamp");
  event.resource_status = member.optional_string("ResourceStatus");
  event.resource_status_reason = member.optional_string("ResourceStatusReason");
  event.client_request_token = member.optional_string("ClientRequestToken");
  return event;
}

StackResource read_stack_resource(const XmlElement& member) {  // StackResource
  StackResource resource;
  resource.stack_id = member.optional_string("StackId");
  resource.stack_name = member.optional_string("StackName");
  resource.logical_resource_id = member.required_string("LogicalResourceId");
  resource.physical_resource_id = member.optional_string("PhysicalResourceId");
  resource.resource_type = member.required_string("ResourceType");
  resource.timestamp = member.required_time("Timestamp");
  resource.resource_status = member.required_string("ResourceStatus");
  resource.resource_status_reason = member.optional_string("ResourceStatusReason");
  resource.description = member.optional_string("Description");
  return resource;
}

StackSummary read_stack_summary(const XmlElement& member) {  // StackSummary
  StackSummary summary;
  summary.stack_id = member.required_string("StackId");
  summary.stack_name = member.required_string("StackName");
  summary.stack_status = member.required_string("StackStatus");
  summary.stack_status_reason = member.optional_string("StackStatusReason");
  summary.template_description = member.optional_string("TemplateDescription");
  summary.creation_time = member.required_time("CreationTime");
  summary.last_updated_time = member.optional_time("LastUpdatedTime");
  summary.deletion_time = member.optional_time("DeletionTime");
  return summary;
}

template <typename ReadItem>
auto read_cfn_page(pugi::xml_node node, const char* operation, const char* list_name,
                   ReadItem read_item) {
  XmlElement result = open_result(node, operation);
  return Page{result.read_list(list_name, read_item), result.optional_string("NextToken")};
}

}  // namespace

std::string parse_create_stack(pugi::xml_node node) {
  return open_result(node, "CreateStack").required_string("StackId");
}

Page<Stack> parse_describe_stacks(pugi::xml_node node) {
  return read_cfn_page(node, "DescribeStacks", "Stacks", read_stack);
}

Page<StackEvent> parse_describe_stack_events(pugi::xml_node node) {
  return read_cfn_page(node, "DescribeStackEvents", "StackEvents", read_stack_event);
}

std::vector<StackResource> parse_describe_stack_resources(pugi::xml_node node) {
  return open_result(node, "DescribeStackResources")
      .read_list("StackResources", read_stack_resource);
}

Page<StackSummary> parse_list_stacks(pugi::xml_node node) {
  return read_cfn_page(node, "ListStacks", "StackSummaries", read_stack_summary);
}

std::string parse_get_template(pugi::xml_node node) {
  return open_result(node, "GetTemplate").required_string("TemplateBody");
}

}  // namespace ssmlink::cloud
