#include "cloud/ec2_requests.hpp"

#include "cloud/params_writing.hpp"

namespace ssmlink::cloud {

namespace {

// Filters (locationName Filter): Filter.N.Name and Filter.N.Value.M.
void add_filters(aws::QueryParams& params, const std::vector<Filter>& filters) {
  for (size_t i = 0; i < filters.size(); ++i) {
    std::string prefix = "Filter." + std::to_string(i + 1);
    params.emplace_back(prefix + ".Name", filters[i].name);
    add_ec2_list(params, prefix + ".Value", filters[i].values);
  }
}

void add_paging(aws::QueryParams& params, const NextToken& next_token,
                std::optional<int> max_results) {
  add_optional(params, "NextToken", next_token);
  add_optional(params, "MaxResults", max_results);
}

}  // namespace

const char* vpc_attribute_name(VpcAttribute attribute) {
  switch (attribute) {
    case VpcAttribute::EnableDnsSupport:
      return "enableDnsSupport";
    case VpcAttribute::EnableDnsHostnames:
      return "enableDnsHostnames";
    case VpcAttribute::EnableNetworkAddressUsageMetrics:
      return "enableNetworkAddressUsageMetrics";
  }
  return "enableDnsSupport";  // not reached: every enumerator is handled above
}

aws::QueryParams describe_instances_params(const DescribeInstancesRequest& request,
                                           const NextToken& next_token) {
  aws::QueryParams params;
  add_ec2_list(params, "InstanceId", request.instance_ids);
  add_filters(params, request.filters);
  add_paging(params, next_token, request.max_results);
  return params;
}

aws::QueryParams describe_vpcs_params(const DescribeVpcsRequest& request,
                                      const NextToken& next_token) {
  aws::QueryParams params;
  add_filters(params, request.filters);
  add_ec2_list(params, "VpcId", request.vpc_ids);
  add_paging(params, next_token, request.max_results);
  return params;
}

aws::QueryParams describe_vpc_attribute_params(const std::string& vpc_id, VpcAttribute attribute) {
  return {{"Attribute", vpc_attribute_name(attribute)}, {"VpcId", vpc_id}};
}

aws::QueryParams describe_subnets_params(const DescribeSubnetsRequest& request,
                                         const NextToken& next_token) {
  aws::QueryParams params;
  add_filters(params, request.filters);
  add_ec2_list(params, "SubnetId", request.subnet_ids);
  add_paging(params, next_token, request.max_results);
  return params;
}

aws::QueryParams describe_security_groups_params(const DescribeSecurityGroupsRequest& request,
                                                 const NextToken& next_token) {
  aws::QueryParams params;
  add_ec2_list(params, "GroupId", request.group_ids);
  add_ec2_list(params, "GroupName", request.group_names);
  add_paging(params, next_token, request.max_results);
  add_filters(params, request.filters);
  return params;
}

aws::QueryParams describe_security_group_rules_params(
    const DescribeSecurityGroupRulesRequest& request, const NextToken& next_token) {
  aws::QueryParams params;
  add_filters(params, request.filters);
  add_ec2_list(params, "SecurityGroupRuleId", request.security_group_rule_ids);
  add_paging(params, next_token, request.max_results);
  return params;
}

aws::QueryParams describe_network_acls_params(const DescribeNetworkAclsRequest& request,
                                              const NextToken& next_token) {
  aws::QueryParams params;
  add_paging(params, next_token, request.max_results);
  add_ec2_list(params, "NetworkAclId", request.network_acl_ids);
  add_filters(params, request.filters);
  return params;
}

aws::QueryParams describe_route_tables_params(const DescribeRouteTablesRequest& request,
                                              const NextToken& next_token) {
  aws::QueryParams params;
  add_paging(params, next_token, request.max_results);
  add_ec2_list(params, "RouteTableId", request.route_table_ids);
  add_filters(params, request.filters);
  return params;
}

aws::QueryParams describe_vpc_endpoints_params(const DescribeVpcEndpointsRequest& request,
                                               const NextToken& next_token) {
  aws::QueryParams params;
  add_ec2_list(params, "VpcEndpointId", request.vpc_endpoint_ids);
  add_filters(params, request.filters);
  add_optional(params, "MaxResults", request.max_results);
  add_optional(params, "NextToken", next_token);
  return params;
}

aws::QueryParams describe_vpc_endpoint_services_params(
    const DescribeVpcEndpointServicesRequest& request, const NextToken& next_token) {
  aws::QueryParams params;
  add_ec2_list(params, "ServiceName", request.service_names);
  add_filters(params, request.filters);
  add_optional(params, "MaxResults", request.max_results);
  add_optional(params, "NextToken", next_token);
  return params;
}

aws::QueryParams describe_iam_instance_profile_associations_params(
    const DescribeIamInstanceProfileAssociationsRequest& request, const NextToken& next_token) {
  aws::QueryParams params;
  add_ec2_list(params, "AssociationId", request.association_ids);
  add_filters(params, request.filters);
  add_optional(params, "MaxResults", request.max_results);
  add_optional(params, "NextToken", next_token);
  return params;
}

}  // namespace ssmlink::cloud
