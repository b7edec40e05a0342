#include "cloud/ec2_responses.hpp"

#include "cloud/ec2_requests.hpp"
#include "cloud/xml_reading.hpp"
#include "util/strings.hpp"

namespace ssmlink::cloud {

namespace {

// Each parser below reads one model shape (named in its comment) from its element.

std::vector<Tag> read_tags(const XmlElement& parent) {  // TagList, <tagSet>
  return parent.read_list("tagSet", [](const XmlElement& item) {
    return Tag{item.required_string("key"), item.optional_string("value").value_or("")};
  });
}

std::vector<GroupIdentifier> read_groups(const XmlElement& parent) {  // <groupSet>
  return parent.read_list("groupSet", [](const XmlElement& item) {
    return GroupIdentifier{item.required_string("groupId"), item.optional_string("groupName")};
  });
}

std::optional<IamInstanceProfile> read_iam_instance_profile(const XmlElement& parent) {
  std::optional<XmlElement> profile = parent.optional_child("iamInstanceProfile");
  if (!profile) return std::nullopt;
  return IamInstanceProfile{profile->optional_string("arn"), profile->optional_string("id")};
}

std::optional<std::string> optional_child_string(const XmlElement& parent, const char* child,
                                                 const char* name) {
  std::optional<XmlElement> element = parent.optional_child(child);
  if (!element) return std::nullopt;
  return element->optional_string(name);
}

std::optional<std::string> next_token(const XmlElement& response) {
  return response.optional_string("nextToken");
}

template <typename ReadItem>
auto read_ec2_page(pugi::xml_node node, const char* operation, const char* list_name,
                   ReadItem read_item) {
  XmlElement response = XmlElement::ec2_result(node, operation);
  return Page{response.read_list(list_name, read_item), next_token(response)};
}

Instance read_instance(const XmlElement& item) {  // Instance
  Instance instance;
  instance.instance_id = item.required_string("instanceId");
  instance.state = item.required_child("instanceState").required_string("name");
  instance.instance_type = item.optional_string("instanceType");
  instance.image_id = item.optional_string("imageId");
  instance.vpc_id = item.optional_string("vpcId");
  instance.subnet_id = item.optional_string("subnetId");
  instance.private_ip_address = item.optional_string("privateIpAddress");
  instance.public_ip_address = item.optional_string("ipAddress");
  instance.security_groups = read_groups(item);
  instance.iam_instance_profile = read_iam_instance_profile(item);
  instance.platform = item.optional_string("platform");
  instance.platform_details = item.optional_string("platformDetails");
  instance.availability_zone = optional_child_string(item, "placement", "availabilityZone");
  instance.http_tokens = optional_child_string(item, "metadataOptions", "httpTokens");
  instance.launch_time = item.optional_time("launchTime");
  instance.tags = read_tags(item);
  return instance;
}

Vpc read_vpc(const XmlElement& item) {  // Vpc
  Vpc vpc;
  vpc.vpc_id = item.required_string("vpcId");
  vpc.cidr_block = item.optional_string("cidrBlock");
  vpc.cidr_blocks = item.read_list("cidrBlockAssociationSet", [](const XmlElement& association) {
    return association.required_string("cidrBlock");
  });
  vpc.ipv6_cidr_blocks = item.read_list(
      "ipv6CidrBlockAssociationSet",
      [](const XmlElement& association) { return association.required_string("ipv6CidrBlock"); });
  vpc.state = item.optional_string("state");
  vpc.is_default = item.optional_bool("isDefault").value_or(false);
  vpc.owner_id = item.optional_string("ownerId");
  vpc.dhcp_options_id = item.optional_string("dhcpOptionsId");
  vpc.tags = read_tags(item);
  return vpc;
}

Subnet read_subnet(const XmlElement& item) {  // Subnet
  Subnet subnet;
  subnet.subnet_id = item.required_string("subnetId");
  subnet.vpc_id = item.optional_string("vpcId");
  subnet.availability_zone = item.optional_string("availabilityZone");
  subnet.availability_zone_id = item.optional_string("availabilityZoneId");
  subnet.cidr_block = item.optional_string("cidrBlock");
  subnet.state = item.optional_string("state");
  subnet.available_ip_address_count = item.optional_int("availableIpAddressCount");
  subnet.map_public_ip_on_launch = item.optional_bool("mapPublicIpOnLaunch").value_or(false);
  subnet.default_for_az = item.optional_bool("defaultForAz").value_or(false);
  subnet.tags = read_tags(item);
  return subnet;
}

std::vector<IpRange> read_ip_ranges(const XmlElement& permission, const char* list_name,
                                    const char* cidr_name) {
  return permission.read_list(list_name, [cidr_name](const XmlElement& item) {
    return IpRange{item.required_string(cidr_name), item.optional_string("description")};
  });
}

IpPermission read_ip_permission(const XmlElement& item) {  // IpPermission
  IpPermission permission;
  permission.ip_protocol = item.required_string("ipProtocol");
  permission.from_port = item.optional_int("fromPort");
  permission.to_port = item.optional_int("toPort");
  permission.ipv4_ranges = read_ip_ranges(item, "ipRanges", "cidrIp");
  permission.ipv6_ranges = read_ip_ranges(item, "ipv6Ranges", "cidrIpv6");
  permission.user_id_group_pairs = item.read_list("groups", [](const XmlElement& pair) {
    return UserIdGroupPair{pair.optional_string("groupId"),
                           pair.optional_string("groupName"),
                           pair.optional_string("userId"),
                           pair.optional_string("vpcId"),
                           pair.optional_string("vpcPeeringConnectionId"),
                           pair.optional_string("description")};
  });
  permission.prefix_list_ids = item.read_list("prefixListIds", [](const XmlElement& prefix_list) {
    return PrefixListId{prefix_list.required_string("prefixListId"),
                        prefix_list.optional_string("description")};
  });
  return permission;
}

SecurityGroup read_security_group(const XmlElement& item) {  // SecurityGroup
  SecurityGroup group;
  group.group_id = item.required_string("groupId");
  group.group_name = item.optional_string("groupName");
  group.description = item.optional_string("groupDescription");
  group.vpc_id = item.optional_string("vpcId");
  group.owner_id = item.optional_string("ownerId");
  group.ip_permissions = item.read_list("ipPermissions", read_ip_permission);
  group.ip_permissions_egress = item.read_list("ipPermissionsEgress", read_ip_permission);
  group.tags = read_tags(item);
  return group;
}

SecurityGroupRule read_security_group_rule(const XmlElement& item) {  // SecurityGroupRule
  SecurityGroupRule rule;
  rule.security_group_rule_id = item.required_string("securityGroupRuleId");
  rule.group_id = item.optional_string("groupId");
  rule.is_egress = item.optional_bool("isEgress").value_or(false);
  rule.ip_protocol = item.required_string("ipProtocol");
  rule.from_port = item.optional_int("fromPort");
  rule.to_port = item.optional_int("toPort");
  rule.cidr_ipv4 = item.optional_string("cidrIpv4");
  rule.cidr_ipv6 = item.optional_string("cidrIpv6");
  rule.prefix_list_id = item.optional_string("prefixListId");
  rule.referenced_group_id = optional_child_string(item, "referencedGroupInfo", "groupId");
  rule.description = item.optional_string("description");
  rule.tags = read_tags(item);
  return rule;
}

RuleAction read_rule_action(const XmlElement& entry) {
  std::string action = entry.required_string("ruleAction");
  if (action == "allow") return RuleAction::Allow;
  if (action == "deny") return RuleAction::Deny;
  entry.fail_child("ruleAction", "is \"" + printable(action) + "\", not allow or deny");
}

NetworkAclEntry read_network_acl_entry(const XmlElement& item) {  // NetworkAclEntry
  NetworkAclEntry entry;
  entry.rule_number = item.required_int("ruleNumber");
  entry.protocol = item.required_string("protocol");
  entry.rule_action = read_rule_action(item);
  entry.egress = item.required_bool("egress");
  entry.cidr_block = item.optional_string("cidrBlock");
  entry.ipv6_cidr_block = item.optional_string("ipv6CidrBlock");
  if (std::optional<XmlElement> ports = item.optional_child("portRange")) {
    entry.port_range = PortRange{ports->required_int("from"), ports->required_int("to")};
  }
  return entry;
}

NetworkAcl read_network_acl(const XmlElement& item) {  // NetworkAcl
  NetworkAcl acl;
  acl.network_acl_id = item.required_string("networkAclId");
  acl.vpc_id = item.optional_string("vpcId");
  acl.is_default = item.optional_bool("default").value_or(false);
  acl.associations = item.read_list("associationSet", [](const XmlElement& association) {
    return NetworkAclAssociation{association.optional_string("networkAclAssociationId"),
                                 association.optional_string("subnetId")};
  });
  acl.entries = item.read_list("entrySet", read_network_acl_entry);
  acl.tags = read_tags(item);
  return acl;
}

Route read_route(const XmlElement& item) {  // Route
  Route route;
  route.destination_cidr_block = item.optional_string("destinationCidrBlock");
  route.destination_ipv6_cidr_block = item.optional_string("destinationIpv6CidrBlock");
  route.destination_prefix_list_id = item.optional_string("destinationPrefixListId");
  route.gateway_id = item.optional_string("gatewayId");
  route.nat_gateway_id = item.optional_string("natGatewayId");
  route.transit_gateway_id = item.optional_string("transitGatewayId");
  route.vpc_peering_connection_id = item.optional_string("vpcPeeringConnectionId");
  route.network_interface_id = item.optional_string("networkInterfaceId");
  route.instance_id = item.optional_string("instanceId");
  route.egress_only_internet_gateway_id = item.optional_string("egressOnlyInternetGatewayId");
  route.state = item.optional_string("state");
  route.origin = item.optional_string("origin");
  return route;
}

RouteTable read_route_table(const XmlElement& item) {  // RouteTable
  RouteTable table;
  table.route_table_id = item.required_string("routeTableId");
  table.vpc_id = item.optional_string("vpcId");
  table.associations = item.read_list("associationSet", [](const XmlElement& association) {
    return RouteTableAssociation{association.optional_string("routeTableAssociationId"),
                                 association.optional_bool("main").value_or(false),
                                 association.optional_string("subnetId"),
                                 association.optional_string("gatewayId")};
  });
  table.routes = item.read_list("routeSet", read_route);
  table.tags = read_tags(item);
  return table;
}

VpcEndpoint read_vpc_endpoint(const XmlElement& item) {  // VpcEndpoint
  VpcEndpoint endpoint;
  endpoint.vpc_endpoint_id = item.required_string("vpcEndpointId");
  endpoint.vpc_endpoint_type = item.optional_string("vpcEndpointType");
  endpoint.vpc_id = item.optional_string("vpcId");
  endpoint.service_name = item.optional_string("serviceName");
  endpoint.state_text = item.optional_string("state").value_or("");
  endpoint.state = parse_vpc_endpoint_state(endpoint.state_text);
  endpoint.subnet_ids = item.string_list("subnetIdSet");
  endpoint.route_table_ids = item.string_list("routeTableIdSet");
  endpoint.groups = read_groups(item);
  endpoint.network_interface_ids = item.string_list("networkInterfaceIdSet");
  endpoint.private_dns_enabled = item.optional_bool("privateDnsEnabled").value_or(false);
  endpoint.requester_managed = item.optional_bool("requesterManaged").value_or(false);
  endpoint.dns_entries = item.read_list("dnsEntrySet", [](const XmlElement& entry) {
    return DnsEntry{entry.optional_string("dnsName"), entry.optional_string("hostedZoneId")};
  });
  endpoint.policy_document = item.optional_string("policyDocument");
  endpoint.owner_id = item.optional_string("ownerId");
  endpoint.creation_timestamp = item.optional_time("creationTimestamp");
  if (std::optional<XmlElement> error = item.optional_child("lastError")) {
    endpoint.last_error =
        LastError{error->optional_string("code"), error->optional_string("message")};
  }
  endpoint.failure_reason = item.optional_string("failureReason");
  endpoint.tags = read_tags(item);
  return endpoint;
}

ServiceDetail read_service_detail(const XmlElement& item) {  // ServiceDetail
  ServiceDetail detail;
  detail.service_name = item.required_string("serviceName");
  detail.service_id = item.optional_string("serviceId");
  detail.service_types = item.read_list(
      "serviceType", [](const XmlElement& type) { return type.required_string("serviceType"); });
  detail.availability_zones = item.string_list("availabilityZoneSet");
  detail.availability_zone_ids = item.string_list("availabilityZoneIdSet");
  detail.owner = item.optional_string("owner");
  detail.base_endpoint_dns_names = item.string_list("baseEndpointDnsNameSet");
  detail.private_dns_name = item.optional_string("privateDnsName");
  detail.private_dns_names = item.read_list("privateDnsNameSet", [](const XmlElement& name) {
    return name.required_string("privateDnsName");
  });
  detail.vpc_endpoint_policy_supported =
      item.optional_bool("vpcEndpointPolicySupported").value_or(false);
  detail.acceptance_required = item.optional_bool("acceptanceRequired").value_or(false);
  detail.manages_vpc_endpoints = item.optional_bool("managesVpcEndpoints").value_or(false);
  return detail;
}

IamInstanceProfileAssociation read_iam_instance_profile_association(const XmlElement& item) {
  IamInstanceProfileAssociation association;  // IamInstanceProfileAssociation
  association.association_id = item.required_string("associationId");
  association.instance_id = item.optional_string("instanceId");
  association.iam_instance_profile = read_iam_instance_profile(item);
  association.state = item.optional_string("state");
  association.timestamp = item.optional_time("timestamp");
  return association;
}

}  // namespace

Page<Instance> parse_describe_instances(pugi::xml_node node) {
  XmlElement response = XmlElement::ec2_result(node, "DescribeInstances");
  Page<Instance> page;
  for (const XmlElement& reservation : response.list("reservationSet")) {
    for (const XmlElement& item : reservation.list("instancesSet")) {
      page.items.push_back(read_instance(item));
    }
  }
  page.next_token = next_token(response);
  return page;
}

Page<Vpc> parse_describe_vpcs(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeVpcs", "vpcSet", read_vpc);
}

bool parse_describe_vpc_attribute(pugi::xml_node node, VpcAttribute attribute) {
  XmlElement response = XmlElement::ec2_result(node, "DescribeVpcAttribute");
  return response.required_child(vpc_attribute_name(attribute)).required_bool("value");
}

Page<Subnet> parse_describe_subnets(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeSubnets", "subnetSet", read_subnet);
}

Page<SecurityGroup> parse_describe_security_groups(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeSecurityGroups", "securityGroupInfo", read_security_group);
}

Page<SecurityGroupRule> parse_describe_security_group_rules(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeSecurityGroupRules", "securityGroupRuleSet",
                       read_security_group_rule);
}

Page<NetworkAcl> parse_describe_network_acls(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeNetworkAcls", "networkAclSet", read_network_acl);
}

Page<RouteTable> parse_describe_route_tables(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeRouteTables", "routeTableSet", read_route_table);
}

Page<VpcEndpoint> parse_describe_vpc_endpoints(pugi::xml_node node) {
  return read_ec2_page(node, "DescribeVpcEndpoints", "vpcEndpointSet", read_vpc_endpoint);
}

VpcEndpointServicesPage parse_describe_vpc_endpoint_services(pugi::xml_node node) {
  XmlElement response = XmlElement::ec2_result(node, "DescribeVpcEndpointServices");
  VpcEndpointServicesPage page;
  page.services.service_names = response.string_list("serviceNameSet");
  page.services.service_details = response.read_list("serviceDetailSet", read_service_detail);
  page.next_token = next_token(response);
  return page;
}

Page<IamInstanceProfileAssociation> parse_describe_iam_instance_profile_associations(
    pugi::xml_node node) {
  return read_ec2_page(node, "DescribeIamInstanceProfileAssociations",
                       "iamInstanceProfileAssociationSet", read_iam_instance_profile_association);
}

std::vector<std::string> parse_describe_regions(pugi::xml_node node) {
  XmlElement response = XmlElement::ec2_result(node, "DescribeRegions");
  return response.read_list(
      "regionInfo", [](const XmlElement& item) { return item.required_string("regionName"); });
}

}  // namespace ssmlink::cloud
