// EC2 requests as query parameters (ec2 protocol): lists flattened with the member's
// capitalised locationName and 1-based indexes (VpcId.1, Filter.1.Value.2), in the order
// IDs, filters, MaxResults, NextToken. `next_token` is the previous page's NextToken.
#pragma once
#include <optional>
#include <string>

#include "aws/client.hpp"
#include "cloud/ec2.hpp"

namespace ssmlink::cloud {

using NextToken = std::optional<std::string>;

aws::QueryParams describe_instances_params(const DescribeInstancesRequest& request,
                                           const NextToken& next_token);
aws::QueryParams describe_vpcs_params(const DescribeVpcsRequest& request,
                                      const NextToken& next_token);
aws::QueryParams describe_vpc_attribute_params(const std::string& vpc_id, VpcAttribute attribute);
aws::QueryParams describe_subnets_params(const DescribeSubnetsRequest& request,
                                         const NextToken& next_token);
aws::QueryParams describe_security_groups_params(const DescribeSecurityGroupsRequest& request,
                                                 const NextToken& next_token);
aws::QueryParams describe_security_group_rules_params(
    const DescribeSecurityGroupRulesRequest& request, const NextToken& next_token);
aws::QueryParams describe_network_acls_params(const DescribeNetworkAclsRequest& request,
                                              const NextToken& next_token);
aws::QueryParams describe_route_tables_params(const DescribeRouteTablesRequest& request,
                                              const NextToken& next_token);
aws::QueryParams describe_vpc_endpoints_params(const DescribeVpcEndpointsRequest& request,
                                               const NextToken& next_token);
aws::QueryParams describe_vpc_endpoint_services_params(
    const DescribeVpcEndpointServicesRequest& request, const NextToken& next_token);
aws::QueryParams describe_iam_instance_profile_associations_params(
    const DescribeIamInstanceProfileAssociationsRequest& request, const NextToken& next_token);

// enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics: the wire name,
// which is also the response element.
const char* vpc_attribute_name(VpcAttribute attribute);

}  // namespace ssmlink::cloud
