#include "emulator/ec2/ec2_xml.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <tuple>

#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/ipv4.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ec2/sg_rules.hpp"
#include "emulator/region_name.hpp"

namespace ssmlink::emulator {

namespace {

// EC2 reports the billing product of the AMI, not the distribution: Amazon Linux, Ubuntu
// and Debian are all "Linux/UNIX"; Red Hat, SUSE and Windows have their own (EC2 User
// Guide, "AMI billing information fields").
struct BillingPlatform {
  const char* details;
  const char* usage_operation;
};

BillingPlatform billing_platform(const Instance& instance) {
  if (instance.platform_type == "Windows") return {"Windows", "RunInstances:0002"};
  if (instance.platform_name.starts_with("Red Hat")) {
    return {"Red Hat Enterprise Linux", "RunInstances:0010"};
  }
  if (instance.platform_name.starts_with("SUSE")) return {"SUSE Linux", "RunInstances:000g"};
  return {"Linux/UNIX", "RunInstances"};
}

std::string region_arn(const Ec2View& view, const std::string& resource) {
  return "arn:" + partition_of(view.region.name) + ":ec2:" + view.region.name + ":" +
         view.world.account_id + ":" + resource;
}

std::string dns_suffix(const RegionState& region) {
  return region.name.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

// The hosted zone of *.vpce.amazonaws.com names in us-east-1; elsewhere a stable stand-in.
std::string vpce_hosted_zone(const RegionState& region) {
  if (region.name == "us-east-1") return "Z7HUB22UULQXV";
  std::string id = derived_id("z", region.name).substr(2, 13);
  std::transform(id.begin(), id.end(), id.begin(), ::toupper);
  return "Z" + id;
}

// A permission of DescribeSecurityGroups: the rules sharing protocol and ports.
struct Permission {
  std::string protocol;
  int from_port;
  int to_port;
  std::vector<const SecurityGroupRule*> rules;
};

std::vector<Permission> permissions(const std::vector<SecurityGroupRule>& rules) {
  std::vector<Permission> out;
  for (const auto& rule : rules) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Permission& p) {
      return std::tie(p.protocol, p.from_port, p.to_port) ==
             std::tie(rule.protocol, rule.from_port, rule.to_port);
    });
    if (it == out.end()) {
      out.push_back({rule.protocol, rule.from_port, rule.to_port, {}});
      it = out.end() - 1;
    }
    it->rules.push_back(&rule);
  }
  return out;
}

void write_permissions(XmlWriter& xml, const Ec2View& view, const char* name,
                       const std::vector<SecurityGroupRule>& rules) {
  xml.open(name);
  for (const auto& permission : permissions(rules)) {
    xml.open("item").element("ipProtocol", permission.protocol);
    if (protocol_has_ports(permission.protocol)) {
      xml.element("fromPort", permission.from_port).element("toPort", permission.to_port);
    }
    auto list = [&](const char* set, auto member) {
      xml.open(set);
      for (const auto* rule : permission.rules)
        member(*rule);
      xml.close();
    };
    list("groups", [&](const SecurityGroupRule& rule) {
      if (rule.group_id.empty()) return;
      xml.open("item");
      if (!rule.description.empty()) xml.element("description", rule.description);
      xml.element("userId", view.world.account_id).element("groupId", rule.group_id).close();
    });
    list("ipRanges", [&](const SecurityGroupRule& rule) {
      if (rule.cidr_ipv4.empty()) return;
      xml.open("item").element("cidrIp", rule.cidr_ipv4);
      if (!rule.description.empty()) xml.element("description", rule.description);
      xml.close();
    });
    list("ipv6Ranges", [&](const SecurityGroupRule& rule) {
      if (rule.cidr_ipv6.empty()) return;
      xml.open("item").element("cidrIpv6", rule.cidr_ipv6);
      if (!rule.description.empty()) xml.element("description", rule.description);
      xml.close();
    });
    list("prefixListIds", [&](const SecurityGroupRule& rule) {
      if (rule.prefix_list_id.empty()) return;
      xml.open("item").element("prefixListId", rule.prefix_list_id);
      if (!rule.description.empty()) xml.element("description", rule.description);
      xml.close();
    });
    xml.close();
  }
  xml.close();
}

// The element EC2 names a route's target with, by the target's ID prefix.
const char* route_target_element(const std::string& target) {
  if (target.starts_with("nat-")) return "natGatewayId";
  if (target.starts_with("tgw-")) return "transitGatewayId";
  if (target.starts_with("pcx-")) return "vpcPeeringConnectionId";
  if (target.starts_with("eni-")) return "networkInterfaceId";
  if (target.starts_with("i-")) return "instanceId";
  if (target.starts_with("eigw-")) return "egressOnlyInternetGatewayId";
  if (target.starts_with("lgw-")) return "localGatewayId";
  if (target.starts_with("cagw-")) return "carrierGatewayId";
  return "gatewayId";  // local, igw-, vgw-, vpce-
}

void write_strings(XmlWriter& xml, const char* name, const std::vector<std::string>& values) {
  xml.open(name);
  for (const auto& value : values)
    xml.element("item", value);
  xml.close();
}

}  // namespace

std::string millisecond_time(TimePoint time) {
  auto since_epoch = time.time_since_epoch();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03lldZ", buffer,
                static_cast<long long>(millis < 0 ? 0 : millis));
  return out;
}

std::string subnet_arn(const Ec2View& view, const Subnet& subnet) {
  return region_arn(view, "subnet/" + subnet.id);
}

std::string security_group_arn(const Ec2View& view, const SecurityGroup& group) {
  return region_arn(view, "security-group/" + group.id);
}

std::string private_dns_name(const RegionState& region, const std::string& private_ip) {
  std::string name = "ip-" + private_ip;
  std::replace(name.begin(), name.end(), '.', '-');
  // us-east-1 uses ec2.internal; other regions <region>.compute.internal.
  return name +
         (region.name == "us-east-1" ? ".ec2.internal" : "." + region.name + ".compute.internal");
}

std::string public_dns_name(const RegionState& region, const Instance& instance) {
  if (!instance.public_ip) return "";
  auto subnet = region.subnets.find(instance.subnet_id);
  if (subnet != region.subnets.end()) {
    auto vpc = region.vpcs.find(subnet->second.vpc_id);
    if (vpc != region.vpcs.end() && !vpc->second.enable_dns_hostnames) return "";
  }
  std::string name = "ec2-" + *instance.public_ip;
  std::replace(name.begin(), name.end(), '.', '-');
  return name + (region.name == "us-east-1" ? ".compute-1." : "." + region.name + ".compute.") +
         dns_suffix(region);
}

int instance_state_code(const std::string& state) {
  if (state == "pending") return 0;
  if (state == "running") return 16;
  if (state == "shutting-down") return 32;
  if (state == "terminated") return 48;
  if (state == "stopping") return 64;
  return 80;  // stopped
}

std::string vpc_cidr_association_id(const Vpc& vpc) {
  return derived_id("vpc-cidr-assoc", vpc.id);
}

std::string network_acl_association_id(const NetworkAcl& acl, const std::string& subnet_id) {
  return derived_id("aclassoc", acl.id + "|" + subnet_id);
}

std::string route_table_association_id(const RouteTable& table, const std::string& subnet_id) {
  return derived_id("rtbassoc", table.id + "|" + subnet_id);
}

std::string profile_association_id(const Instance& instance) {
  return derived_id("iip-assoc", instance.id);
}

std::string reservation_id(const Instance& instance) {
  return derived_id("r", instance.id);
}

std::string image_id(const Instance& instance) {
  return derived_id("ami",
                    instance.platform_type + instance.platform_name + instance.platform_version);
}

int available_address_count(const RegionState& region, const Subnet& subnet) {
  auto cidr = parse_cidr(subnet.cidr);
  long long count = cidr ? static_cast<long long>(cidr->size()) - 5 : 0;
  for (const auto& [id, instance] : region.instances) {
    if (instance.subnet_id == subnet.id && instance.state != "terminated") --count;
  }
  for (const auto& [id, endpoint] : region.vpc_endpoints) {
    count -= std::count(endpoint.subnet_ids.begin(), endpoint.subnet_ids.end(), subnet.id);
  }
  return static_cast<int>(std::max(0LL, count));
}

std::vector<std::string> endpoint_network_interface_ids(const RegionState& region,
                                                        const VpcEndpoint& endpoint) {
  std::vector<std::string> ids;
  if (endpoint.type != "Interface") return ids;
  for (const auto& subnet_id : endpoint.subnet_ids) {
    auto subnet = region.subnets.find(subnet_id);
    if (subnet != region.subnets.end())
      ids.push_back(endpoint_interface_id(endpoint, subnet->second));
  }
  return ids;
}

std::vector<DnsEntry> endpoint_dns_entries(const RegionState& region, const VpcEndpoint& endpoint) {
  std::vector<DnsEntry> entries;
  if (endpoint.type != "Interface") return entries;
  // vpce-<id>-<8 chars>.<service>.<region>.vpce.amazonaws.com, then one per zone
  // (...-us-east-1a.<service>...), then the service's own name when private DNS is on.
  std::string short_name = endpoint.service_name.substr(endpoint.service_name.rfind('.') + 1);
  std::string base = endpoint.id + "-" + derived_id("x", endpoint.id).substr(3, 8);
  std::string domain = "." + short_name + "." + region.name + ".vpce." + dns_suffix(region);
  std::string zone = vpce_hosted_zone(region);
  if (!endpoint.subnet_ids.empty()) entries.push_back({base + domain, zone});
  for (const auto& subnet_id : endpoint.subnet_ids) {
    auto subnet = region.subnets.find(subnet_id);
    if (subnet == region.subnets.end()) continue;
    entries.push_back({base + "-" + subnet->second.availability_zone + domain, zone});
  }
  const EndpointService* service =
      find_endpoint_service(region, endpoint.service_name, "Interface");
  if (endpoint.private_dns_enabled && service) {
    std::string private_zone = derived_id("z", endpoint.id).substr(2, 20);
    std::transform(private_zone.begin(), private_zone.end(), private_zone.begin(), ::toupper);
    entries.push_back({service->private_dns_name, "Z" + private_zone});
  }
  return entries;
}

void write_tags(XmlWriter& xml, const Tags& tags) {
  if (tags.empty()) return;
  xml.open("tagSet");
  for (const auto& [key, value] : tags) {
    xml.open("item").element("key", key).element("value", value).close();
  }
  xml.close();
}

void write_vpc(XmlWriter& xml, const Ec2View& view, const Vpc& vpc) {
  xml.open("item")
      .element("vpcId", vpc.id)
      .element("ownerId", view.world.account_id)
      .element("state", "available")
      .element("cidrBlock", vpc.cidr)
      .open("cidrBlockAssociationSet")
      .open("item")
      .element("associationId", vpc_cidr_association_id(vpc))
      .element("cidrBlock", vpc.cidr)
      .open("cidrBlockState")
      .element("state", "associated")
      .close()
      .close()
      .close()
      .element("dhcpOptionsId", derived_id("dopt", view.region.name))
      .element("instanceTenancy", "default")
      .element("isDefault", vpc.is_default)
      .open("blockPublicAccessStates")
      .element("internetGatewayBlockMode", "off")
      .close();
  write_tags(xml, vpc.tags);
  xml.close();
}

void write_subnet(XmlWriter& xml, const Ec2View& view, const Subnet& subnet) {
  xml.open("item")
      .element("subnetId", subnet.id)
      .element("subnetArn", subnet_arn(view, subnet))
      .element("state", "available")
      .element("ownerId", view.world.account_id)
      .element("vpcId", subnet.vpc_id)
      .element("cidrBlock", subnet.cidr)
      .empty("ipv6CidrBlockAssociationSet")
      .element("availableIpAddressCount", available_address_count(view.region, subnet))
      .element("availabilityZone", subnet.availability_zone)
      .element("availabilityZoneId", subnet.availability_zone_id)
      .element("defaultForAz", false)
      .element("mapPublicIpOnLaunch", subnet.map_public_ip_on_launch)
      .element("mapCustomerOwnedIpOnLaunch", false)
      .element("assignIpv6AddressOnCreation", false)
      .element("enableDns64", false)
      .element("ipv6Native", false)
      .open("privateDnsNameOptionsOnLaunch")
      .element("hostnameType", "ip-name")
      .element("enableResourceNameDnsARecord", false)
      .element("enableResourceNameDnsAAAARecord", false)
      .close()
      .open("blockPublicAccessStates")
      .element("internetGatewayBlockMode", "off")
      .close();
  write_tags(xml, subnet.tags);
  xml.close();
}

void write_security_group(XmlWriter& xml, const Ec2View& view, const SecurityGroup& group) {
  xml.open("item")
      .element("ownerId", view.world.account_id)
      .element("groupId", group.id)
      .element("groupName", group.name)
      .element("groupDescription", group.description)
      .element("vpcId", group.vpc_id)
      .element("securityGroupArn", security_group_arn(view, group));
  write_permissions(xml, view, "ipPermissions", group.ingress);
  write_permissions(xml, view, "ipPermissionsEgress", group.egress);
  write_tags(xml, group.tags);
  xml.close();
}

void write_security_group_rule(XmlWriter& xml, const Ec2View& view, const SecurityGroup& group,
                               const SecurityGroupRule& rule, bool egress) {
  xml.open("item")
      .element("securityGroupRuleId", rule.rule_id)
      .element("groupId", group.id)
      .element("groupOwnerId", view.world.account_id)
      .element("isEgress", egress)
      .element("ipProtocol", rule.protocol)
      .element("fromPort", rule.from_port)
      .element("toPort", rule.to_port);
  if (!rule.cidr_ipv4.empty()) xml.element("cidrIpv4", rule.cidr_ipv4);
  if (!rule.cidr_ipv6.empty()) xml.element("cidrIpv6", rule.cidr_ipv6);
  if (!rule.prefix_list_id.empty()) xml.element("prefixListId", rule.prefix_list_id);
  if (!rule.group_id.empty()) {
    xml.open("referencedGroupInfo")
        .element("groupId", rule.group_id)
        .element("userId", view.world.account_id)
        .close();
  }
  if (!rule.description.empty()) xml.element("description", rule.description);
  xml.element("securityGroupRuleArn", region_arn(view, "security-group-rule/" + rule.rule_id))
      .close();
}

void write_network_acl(XmlWriter& xml, const Ec2View& view, const NetworkAcl& acl) {
  xml.open("item")
      .element("networkAclId", acl.id)
      .element("vpcId", acl.vpc_id)
      .element("default", acl.is_default)
      .open("entrySet");
  for (const auto& entry : acl.entries) {
    xml.open("item")
        .element("ruleNumber", entry.rule_number)
        .element("protocol", entry.protocol)
        .element("ruleAction", entry.allow ? "allow" : "deny")
        .element("egress", entry.egress)
        .element(entry.cidr.find(':') == std::string::npos ? "cidrBlock" : "ipv6CidrBlock",
                 entry.cidr);
    if (entry.ports) {
      xml.open("portRange")
          .element("from", entry.ports->first)
          .element("to", entry.ports->second)
          .close();
    }
    xml.close();
  }
  xml.close().open("associationSet");
  for (const auto& subnet_id : acl.subnet_ids) {
    xml.open("item")
        .element("networkAclAssociationId", network_acl_association_id(acl, subnet_id))
        .element("networkAclId", acl.id)
        .element("subnetId", subnet_id)
        .close();
  }
  xml.close();
  write_tags(xml, acl.tags);
  xml.element("ownerId", view.world.account_id).close();
}

void write_route_table(XmlWriter& xml, const Ec2View& view, const RouteTable& table) {
  xml.open("item")
      .element("routeTableId", table.id)
      .element("vpcId", table.vpc_id)
      .element("ownerId", view.world.account_id)
      .open("routeSet");
  for (const auto& route : table.routes) {
    xml.open("item");
    if (!route.destination_cidr.empty()) {
      xml.element("destinationCidrBlock", route.destination_cidr);
    } else {
      xml.element("destinationPrefixListId", route.destination_prefix_list);
    }
    xml.element(route_target_element(route.target), route.target);
    if (route.target.starts_with("i-")) xml.element("instanceOwnerId", view.world.account_id);
    xml.element("state", route.state)
        .element("origin", route.target == "local" ? "CreateRouteTable" : "CreateRoute")
        .close();
  }
  xml.close().open("associationSet");
  if (table.main) {
    xml.open("item")
        .element("main", true)
        .element("routeTableAssociationId", route_table_association_id(table, "main"))
        .element("routeTableId", table.id)
        .open("associationState")
        .element("state", "associated")
        .close()
        .close();
  }
  for (const auto& subnet_id : table.subnet_ids) {
    xml.open("item")
        .element("main", false)
        .element("routeTableAssociationId", route_table_association_id(table, subnet_id))
        .element("routeTableId", table.id)
        .element("subnetId", subnet_id)
        .open("associationState")
        .element("state", "associated")
        .close()
        .close();
  }
  xml.close().empty("propagatingVgwSet");
  write_tags(xml, table.tags);
  xml.close();
}

void write_vpc_endpoint(XmlWriter& xml, const Ec2View& view, const VpcEndpoint& endpoint,
                        std::string_view element) {
  bool interface = endpoint.type == "Interface";
  xml.open(element)
      .element("vpcEndpointId", endpoint.id)
      .element("vpcEndpointType", endpoint.type)
      .element("vpcId", endpoint.vpc_id)
      .element("serviceName", endpoint.service_name)
      .element("state", endpoint.state)
      .element("policyDocument", endpoint.policy_document);
  write_strings(xml, "routeTableIdSet", endpoint.route_table_ids);
  write_strings(xml, "subnetIdSet", endpoint.subnet_ids);
  xml.open("groupSet");
  for (const auto& group_id : endpoint.security_group_ids) {
    auto group = view.region.security_groups.find(group_id);
    xml.open("item").element("groupId", group_id);
    if (group != view.region.security_groups.end()) xml.element("groupName", group->second.name);
    xml.close();
  }
  xml.close();
  if (interface) {
    xml.element("ipAddressType", "ipv4")
        .open("dnsOptions")
        .element("dnsRecordIpType", "ipv4")
        .close();
  }
  xml.element("privateDnsEnabled", endpoint.private_dns_enabled).element("requesterManaged", false);
  write_strings(xml, "networkInterfaceIdSet",
                endpoint_network_interface_ids(view.region, endpoint));
  xml.open("dnsEntrySet");
  for (const auto& entry : endpoint_dns_entries(view.region, endpoint)) {
    xml.open("item")
        .element("dnsName", entry.dns_name)
        .element("hostedZoneId", entry.hosted_zone_id)
        .close();
  }
  xml.close().element("creationTimestamp", millisecond_time(endpoint.created));
  write_tags(xml, endpoint.tags);
  xml.element("ownerId", view.world.account_id).element("serviceRegion", view.region.name).close();
}

void write_endpoint_service(XmlWriter& xml, const Ec2View& view, const EndpointService& service) {
  std::string short_name = service.name.substr(service.name.rfind('.') + 1);
  std::vector<std::string> zone_ids;
  for (const auto& zone : service.availability_zones) {
    zone_ids.push_back(availability_zone_id(view.region.name, zone));
  }
  xml.open("item")
      .element("serviceName", service.name)
      .element("serviceId", derived_id("vpce-svc", service.name + "|" + service.type))
      .open("serviceType")
      .open("item")
      .element("serviceType", service.type)
      .close()
      .close()
      .element("serviceRegion", view.region.name);
  write_strings(xml, "availabilityZoneIdSet", zone_ids);
  write_strings(xml, "availabilityZoneSet", service.availability_zones);
  xml.element("owner", "amazon");
  write_strings(xml, "baseEndpointDnsNameSet",
                {service.type == "Gateway"
                     ? short_name + "." + view.region.name + "." + dns_suffix(view.region)
                     : short_name + "." + view.region.name + ".vpce." + dns_suffix(view.region)});
  if (!service.private_dns_name.empty()) {
    xml.element("privateDnsName", service.private_dns_name)
        .open("privateDnsNameSet")
        .open("item")
        .element("privateDnsName", service.private_dns_name)
        .close()
        .close();
  }
  xml.element("vpcEndpointPolicySupported", true)
      .element("acceptanceRequired", false)
      .element("managesVpcEndpoints", false);
  if (!service.private_dns_name.empty()) {
    xml.element("privateDnsNameVerificationState", "verified");
  }
  write_strings(xml, "supportedIpAddressTypeSet", {"ipv4"});
  xml.close();
}

void write_reservation(XmlWriter& xml, const Ec2View& view, const Instance& instance) {
  auto subnet = view.region.subnets.find(instance.subnet_id);
  std::string zone = subnet != view.region.subnets.end() ? subnet->second.availability_zone : "";
  xml.open("item")
      .element("reservationId", reservation_id(instance))
      .element("ownerId", view.world.account_id)
      .empty("groupSet")
      .open("instancesSet")
      .open("item")
      .element("instanceId", instance.id)
      .element("imageId", image_id(instance))
      .open("instanceState")
      .element("code", instance_state_code(instance.state))
      .element("name", instance.state)
      .close()
      .element("privateDnsName", private_dns_name(view.region, instance.private_ip))
      .element("dnsName", public_dns_name(view.region, instance))
      .element("reason", "")
      .element("amiLaunchIndex", 0)
      .empty("productCodes")
      .element("instanceType", "t3.micro")
      .element("launchTime", millisecond_time(instance.launched))
      .open("placement")
      .element("availabilityZone", zone)
      .element("groupName", "")
      .element("tenancy", "default")
      .close();
  if (instance.platform_type == "Windows") xml.element("platform", "windows");
  xml.open("monitoring")
      .element("state", "disabled")
      .close()
      .element("subnetId", instance.subnet_id)
      .element("vpcId", instance.vpc_id)
      .element("privateIpAddress", instance.private_ip);
  if (instance.public_ip) xml.element("ipAddress", *instance.public_ip);
  xml.element("sourceDestCheck", true).open("groupSet");
  for (const auto& group_id : instance.security_group_ids) {
    auto group = view.region.security_groups.find(group_id);
    xml.open("item").element("groupId", group_id);
    if (group != view.region.security_groups.end()) xml.element("groupName", group->second.name);
    xml.close();
  }
  xml.close()
      .element("architecture", "x86_64")
      .element("rootDeviceType", "ebs")
      .element("rootDeviceName", "/dev/xvda")
      .empty("blockDeviceMapping")
      .element("virtualizationType", "hvm")
      .element("hypervisor", "xen")
      .element("ebsOptimized", false)
      .element("enaSupport", true);
  if (instance.profile) {
    xml.open("iamInstanceProfile")
        .element("arn", instance.profile->arn)
        .element("id", instance.profile->id)
        .close();
  }
  xml.open("networkInterfaceSet")
      .open("item")
      .element("networkInterfaceId", derived_id("eni", instance.id))
      .element("subnetId", instance.subnet_id)
      .element("vpcId", instance.vpc_id)
      .element("ownerId", view.world.account_id)
      .element("status", "in-use")
      .element("privateIpAddress", instance.private_ip)
      .element("privateDnsName", private_dns_name(view.region, instance.private_ip))
      .element("sourceDestCheck", true)
      .open("groupSet");
  for (const auto& group_id : instance.security_group_ids) {
    auto group = view.region.security_groups.find(group_id);
    xml.open("item").element("groupId", group_id);
    if (group != view.region.security_groups.end()) xml.element("groupName", group->second.name);
    xml.close();
  }
  xml.close();
  if (instance.public_ip) {
    xml.open("association")
        .element("publicIp", *instance.public_ip)
        .element("publicDnsName", public_dns_name(view.region, instance))
        .element("ipOwnerId", "amazon")
        .close();
  }
  xml.close().close();
  write_tags(xml, instance.tags);
  xml.open("metadataOptions")
      .element("state", "applied")
      .element("httpTokens", instance.http_tokens)
      .element("httpPutResponseHopLimit", 2)
      .element("httpEndpoint", "enabled")
      .element("httpProtocolIpv6", "disabled")
      .element("instanceMetadataTags", "disabled")
      .close()
      .element("platformDetails", billing_platform(instance).details)
      .element("usageOperation", billing_platform(instance).usage_operation)
      .open("privateDnsNameOptions")
      .element("hostnameType", "ip-name")
      .element("enableResourceNameDnsARecord", false)
      .element("enableResourceNameDnsAAAARecord", false)
      .close()
      .close()  // instance item
      .close()  // instancesSet
      .close();
}

void write_profile_association(XmlWriter& xml, const Ec2View&, const Instance& instance) {
  xml.open("item")
      .element("associationId", profile_association_id(instance))
      .element("instanceId", instance.id)
      .open("iamInstanceProfile")
      .element("arn", instance.profile->arn)
      .element("id", instance.profile->id)
      .close()
      .element("state", "associated")
      .element("timestamp", millisecond_time(instance.launched))
      .close();
}

}  // namespace ssmlink::emulator
