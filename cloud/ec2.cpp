#include "cloud/ec2.hpp"

#include <array>
#include <utility>

#include "cloud/ec2_requests.hpp"
#include "cloud/ec2_responses.hpp"
#include "cloud/paging.hpp"
#include "util/strings.hpp"

namespace ssmlink::cloud {

VpcEndpointState parse_vpc_endpoint_state(std::string_view text) {
  static const std::array<std::pair<std::string_view, VpcEndpointState>, 9> states{{
      {"pendingacceptance", VpcEndpointState::PendingAcceptance},
      {"pending", VpcEndpointState::Pending},
      {"available", VpcEndpointState::Available},
      {"deleting", VpcEndpointState::Deleting},
      {"deleted", VpcEndpointState::Deleted},
      {"rejected", VpcEndpointState::Rejected},
      {"failed", VpcEndpointState::Failed},
      {"expired", VpcEndpointState::Expired},
      {"partial", VpcEndpointState::Partial},
  }};
  std::string lower = to_lower(text);
  for (const auto& [name, state] : states) {
    if (lower == name) return state;
  }
  return VpcEndpointState::Unknown;
}

Ec2::Ec2(QueryCall call) : call_(std::move(call)) {}

namespace {

// All pages of one Describe* operation: params(request, token) builds a page's request,
// parse(response) reads it.
template <typename Item, typename Request, typename BuildParams, typename Parse>
std::vector<Item> describe_all(const QueryCall& call, const char* action, const Request& request,
                               BuildParams params, Parse parse) {
  return collect_pages<Item>(std::string("EC2 ") + action, [&](const NextToken& token) {
    return parse(call(action, params(request, token)).result());
  });
}

}  // namespace

std::vector<Instance> Ec2::describe_instances(const DescribeInstancesRequest& request) {
  return describe_all<Instance>(call_, "DescribeInstances", request, describe_instances_params,
                                parse_describe_instances);
}

std::vector<Vpc> Ec2::describe_vpcs(const DescribeVpcsRequest& request) {
  return describe_all<Vpc>(call_, "DescribeVpcs", request, describe_vpcs_params,
                           parse_describe_vpcs);
}

bool Ec2::describe_vpc_attribute(const std::string& vpc_id, VpcAttribute attribute) {
  aws::XmlResponse response =
      call_("DescribeVpcAttribute", describe_vpc_attribute_params(vpc_id, attribute));
  return parse_describe_vpc_attribute(response.result(), attribute);
}

std::vector<Subnet> Ec2::describe_subnets(const DescribeSubnetsRequest& request) {
  return describe_all<Subnet>(call_, "DescribeSubnets", request, describe_subnets_params,
                              parse_describe_subnets);
}

std::vector<SecurityGroup> Ec2::describe_security_groups(
    const DescribeSecurityGroupsRequest& request) {
  return describe_all<SecurityGroup>(call_, "DescribeSecurityGroups", request,
                                     describe_security_groups_params,
                                     parse_describe_security_groups);
}

std::vector<SecurityGroupRule> Ec2::describe_security_group_rules(
    const DescribeSecurityGroupRulesRequest& request) {
  return describe_all<SecurityGroupRule>(call_, "DescribeSecurityGroupRules", request,
                                         describe_security_group_rules_params,
                                         parse_describe_security_group_rules);
}

std::vector<NetworkAcl> Ec2::describe_network_acls(const DescribeNetworkAclsRequest& request) {
  return describe_all<NetworkAcl>(call_, "DescribeNetworkAcls", request,
                                  describe_network_acls_params, parse_describe_network_acls);
}

std::vector<RouteTable> Ec2::describe_route_tables(const DescribeRouteTablesRequest& request) {
  return describe_all<RouteTable>(call_, "DescribeRouteTables", request,
                                  describe_route_tables_params, parse_describe_route_tables);
}

std::vector<VpcEndpoint> Ec2::describe_vpc_endpoints(const DescribeVpcEndpointsRequest& request) {
  return describe_all<VpcEndpoint>(call_, "DescribeVpcEndpoints", request,
                                   describe_vpc_endpoints_params, parse_describe_vpc_endpoints);
}

VpcEndpointServices Ec2::describe_vpc_endpoint_services(
    const DescribeVpcEndpointServicesRequest& request) {
  // Two result keys (ServiceNames and ServiceDetails): both are merged across pages.
  VpcEndpointServices all;
  aws::paginate("EC2 DescribeVpcEndpointServices", [&](const NextToken& token) {
    VpcEndpointServicesPage page = parse_describe_vpc_endpoint_services(
        call_("DescribeVpcEndpointServices", describe_vpc_endpoint_services_params(request, token))
            .result());
    for (std::string& name : page.services.service_names)
      all.service_names.push_back(std::move(name));
    for (ServiceDetail& detail : page.services.service_details) {
      all.service_details.push_back(std::move(detail));
    }
    return page.next_token;
  });
  return all;
}

std::vector<IamInstanceProfileAssociation> Ec2::describe_iam_instance_profile_associations(
    const DescribeIamInstanceProfileAssociationsRequest& request) {
  return describe_all<IamInstanceProfileAssociation>(
      call_, "DescribeIamInstanceProfileAssociations", request,
      describe_iam_instance_profile_associations_params,
      parse_describe_iam_instance_profile_associations);
}

std::vector<std::string> Ec2::describe_enabled_regions() {
  // Without AllRegions, EC2 lists only the regions enabled for the account.
  aws::XmlResponse response = call_("DescribeRegions", {});
  return parse_describe_regions(response.result());
}

}  // namespace ssmlink::cloud
