// CloudFormation requests as query parameters (query protocol): lists are
// Name.member.N, structures in lists Name.member.N.Field (Tags.member.1.Key,
// Parameters.member.1.ParameterKey), booleans true/false, in the model's member order.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "cloud/cloudformation.hpp"

namespace ssmlink::cloud {

aws::QueryParams create_stack_params(const CreateStackRequest& request);
aws::QueryParams delete_stack_params(const DeleteStackRequest& request);
aws::QueryParams describe_stacks_params(const std::optional<std::string>& stack_name,
                                        const std::optional<std::string>& next_token);
aws::QueryParams describe_stack_events_params(const std::string& stack_name,
                                              const std::optional<std::string>& next_token);
aws::QueryParams describe_stack_resources_params(const DescribeStackResourcesRequest& request);
aws::QueryParams list_stacks_params(const std::vector<std::string>& stack_status_filter,
                                    const std::optional<std::string>& next_token);
aws::QueryParams get_template_params(const std::string& stack_name, TemplateStage stage);

}  // namespace ssmlink::cloud
