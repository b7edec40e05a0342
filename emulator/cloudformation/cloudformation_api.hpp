// The CloudFormation API (query protocol, API version 2010-05-15): CreateStack,
// DeleteStack, DescribeStacks, DescribeStackEvents, DescribeStackResources, ListStacks and
// GetTemplate, answered in CloudFormation's XML
// (<OpResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><OpResult>...),
// backed by the stack engine. Element names follow the botocore model in
// reference/aws-models/cloudformation/2010-05-15/service-2.subset.json.
#pragma once
#include "emulator/api.hpp"
#include "emulator/cloudformation/cfn_engine.hpp"
#include "emulator/cloudformation/stack_engines.hpp"

namespace ssmlink::emulator {

// Adds the handlers under service "cloudformation". The engine must outlive the table.
void add_cloudformation_api(ApiTable& table, StackEngine& engine);
// The same, each call answered by the engine of the caller's account (the management
// account's or a member's). The engines must outlive the table.
void add_cloudformation_api(ApiTable& table, StackEngines& engines);

}  // namespace ssmlink::emulator
