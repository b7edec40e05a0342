// CloudFormation StackSets' API (query protocol, 2010-05-15), in the management account:
// CreateStackSet, DeleteStackSet, DescribeStackSet, ListStackSets, Create/Update/
// DeleteStackInstances, DescribeStackSetOperation, ListStackSetOperations,
// ListStackSetOperationResults, ListStackInstances and DescribeStackInstance. Element
// names follow botocore's model of CloudFormation.
#pragma once
#include "emulator/api.hpp"
#include "emulator/cloudformation/stack_sets.hpp"

namespace ssmlink::emulator {

// Adds the handlers under service "cloudformation". The stack sets must outlive the table.
void add_stack_set_api(ApiTable& table, StackSets& stack_sets);

}  // namespace ssmlink::emulator
