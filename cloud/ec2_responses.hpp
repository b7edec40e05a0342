// EC2 responses parsed from XML (ec2 protocol): `response` is the <OpResponse> element
// (EC2 has no result wrapper), list entries are <item>, element names are the model's
// locationNames. Absent optional elements and absent lists are fine; a missing ID, a
// value of the wrong shape or the wrong root element is a ResponseError.
#pragma once
#include <pugixml.hpp>

#include "cloud/ec2.hpp"
#include "cloud/paging.hpp"

namespace ssmlink::cloud {

// The instances of every reservation on the page, in order.
Page<Instance> parse_describe_instances(pugi::xml_node response);
Page<Vpc> parse_describe_vpcs(pugi::xml_node response);
bool parse_describe_vpc_attribute(pugi::xml_node response, VpcAttribute attribute);
Page<Subnet> parse_describe_subnets(pugi::xml_node response);
Page<SecurityGroup> parse_describe_security_groups(pugi::xml_node response);
Page<SecurityGroupRule> parse_describe_security_group_rules(pugi::xml_node response);
Page<NetworkAcl> parse_describe_network_acls(pugi::xml_node response);
Page<RouteTable> parse_describe_route_tables(pugi::xml_node response);
Page<VpcEndpoint> parse_describe_vpc_endpoints(pugi::xml_node response);

struct VpcEndpointServicesPage {
  VpcEndpointServices services;
  std::optional<std::string> next_token;
};
VpcEndpointServicesPage parse_describe_vpc_endpoint_services(pugi::xml_node response);

Page<IamInstanceProfileAssociation> parse_describe_iam_instance_profile_associations(
    pugi::xml_node response);

// <regionInfo><item><regionName>: the names, in EC2's order.
std::vector<std::string> parse_describe_regions(pugi::xml_node node);

}  // namespace ssmlink::cloud
