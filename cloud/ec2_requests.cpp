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

// The shape of every paginated Describe*: an ID list, filters and paging. (AWS reads
// parameters in any order; this one is fixed so that tests can compare whole lists.)
aws::QueryParams describe_params(const char* id_name, const std::vector<std::string>& ids,
                                 const std::vector<Filter>& filters, std::optional<int> max_results,
                                 const NextToken& next_token) {
  aws::QueryParams params;
  add_ec2_list(params, id_name, ids);
  add_filters(params, filters);
  add_optional(params, "MaxResults", max_results);
  add_optional(params, "NextToken", next_token);
  return params;
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
  return describe_params("InstanceId", request.instance_ids, request.filters, request.max_results,
                         next_token);
}

aws::QueryParams describe_vpcs_params(const DescribeVpcsRequest& request,
                                      const NextToken& next_token) {
  return describe_params("VpcId", request.vpc_ids, request.filters, request.max_results,
                         next_token);
}

aws::QueryParams describe_vpc_attribute_params(const std::string& vpc_id, VpcAttribute attribute) {
  return {{"Attribute", vpc_attribute_name(attribute)}, {"VpcId", vpc_id}};
}

aws::QueryParams describe_subnets_params(const DescribeSubnetsRequest& request,
                                         const NextToken& next_token) {
  return describe_params("SubnetId", request.subnet_ids, request.filters, request.max_results,
                         next_token);
}

aws::QueryParams describe_security_groups_params(const DescribeSecurityGroupsRequest& request,
                                                 const NextToken& next_token) {
  aws::QueryParams params = describe_params("GroupId", request.group_ids, request.filters,
                                            request.max_results, next_token);
  add_ec2_list(params, "GroupName", request.group_names);
  return params;
}

aws::QueryParams describe_security_group_rules_params(
    const DescribeSecurityGroupRulesRequest& request, const NextToken& next_token) {
  return describe_params("SecurityGroupRuleId", request.security_group_rule_ids, request.filters,
                         request.max_results, next_token);
}

aws::QueryParams describe_network_acls_params(const DescribeNetworkAclsRequest& request,
                                              const NextToken& next_token) {
  return describe_params("NetworkAclId", request.network_acl_ids, request.filters,
                         request.max_results, next_token);
}

aws::QueryParams describe_route_tables_params(const DescribeRouteTablesRequest& request,
                                              const NextToken& next_token) {
  return describe_params("RouteTableId", request.route_table_ids, request.filters,
                         request.max_results, next_token);
}

aws::QueryParams describe_vpc_endpoints_params(const DescribeVpcEndpointsRequest& request,
                                               const NextToken& next_token) {
  return describe_params("VpcEndpointId", request.vpc_endpoint_ids, request.filters,
                         request.max_results, next_token);
}

aws::QueryParams describe_vpc_endpoint_services_params(
    const DescribeVpcEndpointServicesRequest& request, const NextToken& next_token) {
  return describe_params("ServiceName", request.service_names, request.filters, request.max_results,
                         next_token);
}

aws::QueryParams describe_iam_instance_profile_associations_params(
    const DescribeIamInstanceProfileAssociationsRequest& request, const NextToken& next_token) {
  return describe_params("AssociationId", request.association_ids, request.filters,
                         request.max_results, next_token);
}

}  // namespace ssmlink::cloud
