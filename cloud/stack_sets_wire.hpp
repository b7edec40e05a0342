// StackSets requests flattened to query parameters, and responses parsed from XML: the
// wire half of stack_sets.hpp, apart so tests can read canned responses.
#pragma once
#include <pugixml.hpp>
#include <string>

#include "aws/client.hpp"
#include "cloud/paging.hpp"
#include "cloud/stack_sets.hpp"

namespace ssmlink::cloud {

aws::QueryParams create_stack_set_params(const CreateStackSetRequest& request);
aws::QueryParams stack_instances_params(const StackInstancesRequest& request);
aws::QueryParams delete_stack_instances_params(const DeleteStackInstancesRequest& request);

std::string parse_create_stack_set(pugi::xml_node result);  // the StackSetId
StackSet parse_describe_stack_set(pugi::xml_node result);
// CreateStackInstances, UpdateStackInstances, DeleteStackInstances: the OperationId.
std::string parse_operation_id(pugi::xml_node result, const char* operation);
StackSetOperation parse_describe_stack_set_operation(pugi::xml_node result);
Page<StackSetOperationResult> parse_list_stack_set_operation_results(pugi::xml_node result);
Page<StackInstanceSummary> parse_list_stack_instances(pugi::xml_node result);

}  // namespace ssmlink::cloud
