#include "emulator/ec2/ec2_filters.hpp"

#include <initializer_list>

#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ec2/sg_rules.hpp"

namespace ssmlink::emulator {

namespace {

using Values = std::vector<std::string>;

Values one(std::string value) {
  return {std::move(value)};
}
Values flag(bool value) {
  return {value ? "true" : "false"};
}
Values number(long long value) {
  return {std::to_string(value)};
}

// Documented names with nothing to compare: they match no resource (or the constant
// value EC2 shows for such a resource).
template <typename T>
void constant(FilterSet<T>& set, std::initializer_list<const char*> names, Values value = {}) {
  for (const char* name : names)
    set.named[name] = [value](const T&) { return value; };
}

template <typename T>
std::function<const Tags&(const T&)> tags_of() {
  return [](const T& item) -> const Tags& { return item.tags; };
}

Values rule_values(const std::vector<SecurityGroupRule>& rules,
                   const std::function<std::string(const SecurityGroupRule&)>& field) {
  Values out;
  for (const auto& rule : rules) {
    std::string value = field(rule);
    if (!value.empty()) out.push_back(value);
  }
  return out;
}

void permission_filters(FilterSet<SecurityGroup>& set, const Ec2View& view,
                        const std::string& prefix, bool egress) {
  auto rules = [egress](const SecurityGroup& g) -> const std::vector<SecurityGroupRule>& {
    return egress ? g.egress : g.ingress;
  };
  std::string account = view.world.account_id;
  const RegionState* region = &view.region;
  auto add = [&](const char* name, std::function<std::string(const SecurityGroupRule&)> field) {
    set.named[prefix + name] = [rules, field](const SecurityGroup& g) {
      return rule_values(rules(g), field);
    };
  };
  add("cidr", [](const SecurityGroupRule& r) { return r.cidr_ipv4; });
  add("ipv6-cidr", [](const SecurityGroupRule& r) { return r.cidr_ipv6; });
  add("group-id", [](const SecurityGroupRule& r) { return r.group_id; });
  add("prefix-list-id", [](const SecurityGroupRule& r) { return r.prefix_list_id; });
  add("protocol", [](const SecurityGroupRule& r) { return r.protocol; });
  add("from-port", [](const SecurityGroupRule& r) { return std::to_string(r.from_port); });
  add("to-port", [](const SecurityGroupRule& r) { return std::to_string(r.to_port); });
  add("user-id", [account](const SecurityGroupRule& r) {
    return r.group_id.empty() ? std::string() : account;
  });
  add("group-name", [region](const SecurityGroupRule& r) {
    auto group = region->security_groups.find(r.group_id);
    return group == region->security_groups.end() ? std::string() : group->second.name;
  });
}

}  // namespace

FilterSet<Vpc> vpc_filters(const Ec2View& view) {
  FilterSet<Vpc> set;
  set.tags = tags_of<Vpc>();
  std::string account = view.world.account_id;
  std::string dhcp = derived_id("dopt", view.region.name);
  set.named["vpc-id"] = [](const Vpc& v) { return one(v.id); };
  set.named["cidr"] = [](const Vpc& v) { return one(v.cidr); };
  set.named["cidr-block-association.cidr-block"] = [](const Vpc& v) { return one(v.cidr); };
  set.named["cidr-block-association.association-id"] = [](const Vpc& v) {
    return one(vpc_cidr_association_id(v));
  };
  set.named["cidr-block-association.state"] = [](const Vpc&) { return one("associated"); };
  set.named["dhcp-options-id"] = [dhcp](const Vpc&) { return one(dhcp); };
  set.named["is-default"] = [](const Vpc& v) { return flag(v.is_default); };
  set.named["owner-id"] = [account](const Vpc&) { return one(account); };
  set.named["state"] = [](const Vpc&) { return one("available"); };
  constant(set,
           {"ipv6-cidr-block-association.ipv6-cidr-block", "ipv6-cidr-block-association.ipv6-pool",
            "ipv6-cidr-block-association.association-id", "ipv6-cidr-block-association.state"});
  return set;
}

FilterSet<Subnet> subnet_filters(const Ec2View& view) {
  FilterSet<Subnet> set;
  set.tags = tags_of<Subnet>();
  std::string account = view.world.account_id;
  const RegionState* region = &view.region;
  Ec2View copy = view;
  auto zone = [](const Subnet& s) { return one(s.availability_zone); };
  auto zone_id = [](const Subnet& s) { return one(s.availability_zone_id); };
  auto cidr = [](const Subnet& s) { return one(s.cidr); };
  auto default_for_az = [](const Subnet&) { return flag(false); };
  // "You can also use availabilityZone as the filter name" (and the other aliases).
  set.named["availability-zone"] = set.named["availabilityZone"] = zone;
  set.named["availability-zone-id"] = set.named["availabilityZoneId"] = zone_id;
  set.named["cidr-block"] = set.named["cidr"] = set.named["cidrBlock"] = cidr;
  set.named["default-for-az"] = set.named["defaultForAz"] = default_for_az;
  set.named["available-ip-address-count"] = [region](const Subnet& s) {
    return number(available_address_count(*region, s));
  };
  set.named["map-public-ip-on-launch"] = [](const Subnet& s) {
    return flag(s.map_public_ip_on_launch);
  };
  set.named["owner-id"] = [account](const Subnet&) { return one(account); };
  set.named["state"] = [](const Subnet&) { return one("available"); };
  set.named["subnet-arn"] = [copy](const Subnet& s) { return one(subnet_arn(copy, s)); };
  set.named["subnet-id"] = [](const Subnet& s) { return one(s.id); };
  set.named["vpc-id"] = [](const Subnet& s) { return one(s.vpc_id); };
  constant(set,
           {"enable-dns64", "ipv6-native", "map-customer-owned-ip-on-launch",
            "private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
            "private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record"},
           {"false"});
  constant(set, {"private-dns-name-options-on-launch.hostname-type"}, {"ip-name"});
  constant(set, {"customer-owned-ipv4-pool", "enable-lni-at-device-index",
                 "ipv6-cidr-block-association.ipv6-cidr-block",
                 "ipv6-cidr-block-association.association-id", "ipv6-cidr-block-association.state",
                 "outpost-arn"});
  return set;
}

FilterSet<SecurityGroup> security_group_filters(const Ec2View& view) {
  FilterSet<SecurityGroup> set;
  set.tags = tags_of<SecurityGroup>();
  std::string account = view.world.account_id;
  set.named["description"] = [](const SecurityGroup& g) { return one(g.description); };
  set.named["group-id"] = [](const SecurityGroup& g) { return one(g.id); };
  set.named["group-name"] = [](const SecurityGroup& g) { return one(g.name); };
  set.named["owner-id"] = [account](const SecurityGroup&) { return one(account); };
  set.named["vpc-id"] = [](const SecurityGroup& g) { return one(g.vpc_id); };
  permission_filters(set, view, "ip-permission.", false);
  permission_filters(set, view, "egress.ip-permission.", true);
  return set;
}

FilterSet<RuleRef> security_group_rule_filters(const Ec2View&) {
  FilterSet<RuleRef> set;
  // Documented: group-id, security-group-rule-id, tag:<key> (rules carry no tags here).
  static const Tags none;
  set.tags = [](const RuleRef&) -> const Tags& { return none; };
  set.named["group-id"] = [](const RuleRef& r) { return one(r.group->id); };
  set.named["security-group-rule-id"] = [](const RuleRef& r) { return one(r.rule->rule_id); };
  return set;
}

FilterSet<NetworkAcl> network_acl_filters(const Ec2View& view) {
  FilterSet<NetworkAcl> set;
  set.tags = tags_of<NetworkAcl>();
  std::string account = view.world.account_id;
  auto entries = [](const NetworkAcl& acl,
                    const std::function<std::string(const NetworkAclEntry&)>& field) {
    Values out;
    for (const auto& entry : acl.entries) {
      std::string value = field(entry);
      if (!value.empty()) out.push_back(value);
    }
    return out;
  };
  set.named["association.association-id"] = [](const NetworkAcl& acl) {
    Values out;
    for (const auto& s : acl.subnet_ids)
      out.push_back(network_acl_association_id(acl, s));
    return out;
  };
  set.named["association.network-acl-id"] = [](const NetworkAcl& acl) {
    return acl.subnet_ids.empty() ? Values{} : one(acl.id);
  };
  set.named["association.subnet-id"] = [](const NetworkAcl& acl) { return acl.subnet_ids; };
  set.named["default"] = [](const NetworkAcl& acl) { return flag(acl.is_default); };
  set.named["entry.cidr"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) {
      return e.cidr.find(':') == std::string::npos ? e.cidr : "";
    });
  };
  set.named["entry.ipv6-cidr"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) {
      return e.cidr.find(':') != std::string::npos ? e.cidr : "";
    });
  };
  set.named["entry.port-range.from"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) {
      return e.ports ? std::to_string(e.ports->first) : "";
    });
  };
  set.named["entry.port-range.to"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) {
      return e.ports ? std::to_string(e.ports->second) : "";
    });
  };
  set.named["entry.protocol"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) { return e.protocol; });
  };
  set.named["entry.rule-action"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) { return e.allow ? "allow" : "deny"; });
  };
  set.named["entry.egress"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) { return e.egress ? "true" : "false"; });
  };
  set.named["entry.rule-number"] = [entries](const NetworkAcl& acl) {
    return entries(acl, [](const NetworkAclEntry& e) { return std::to_string(e.rule_number); });
  };
  constant(set, {"entry.icmp.code", "entry.icmp.type"});
  set.named["network-acl-id"] = [](const NetworkAcl& acl) { return one(acl.id); };
  set.named["owner-id"] = [account](const NetworkAcl&) { return one(account); };
  set.named["vpc-id"] = [](const NetworkAcl& acl) { return one(acl.vpc_id); };
  return set;
}

FilterSet<RouteTable> route_table_filters(const Ec2View& view) {
  FilterSet<RouteTable> set;
  set.tags = tags_of<RouteTable>();
  std::string account = view.world.account_id;
  auto routes = [](const RouteTable& t, const std::function<std::string(const Route&)>& field) {
    Values out;
    for (const auto& route : t.routes) {
      std::string value = field(route);
      if (!value.empty()) out.push_back(value);
    }
    return out;
  };
  auto target = [routes](std::initializer_list<const char*> prefixes) {
    std::vector<std::string> wanted(prefixes.begin(), prefixes.end());
    return [routes, wanted](const RouteTable& t) {
      return routes(t, [&](const Route& r) {
        for (const auto& p : wanted) {
          if (r.target == p || r.target.starts_with(p + std::string("-"))) return r.target;
        }
        return std::string();
      });
    };
  };
  set.named["association.route-table-association-id"] = [](const RouteTable& t) {
    Values out;
    if (t.main) out.push_back(route_table_association_id(t, "main"));
    for (const auto& s : t.subnet_ids)
      out.push_back(route_table_association_id(t, s));
    return out;
  };
  set.named["association.route-table-id"] = [](const RouteTable& t) {
    return t.main || !t.subnet_ids.empty() ? one(t.id) : Values{};
  };
  set.named["association.subnet-id"] = [](const RouteTable& t) { return t.subnet_ids; };
  set.named["association.main"] = [](const RouteTable& t) {
    Values out;
    if (t.main) out.push_back("true");
    if (!t.subnet_ids.empty()) out.push_back("false");
    return out;
  };
  constant(set, {"association.gateway-id", "route.destination-ipv6-cidr-block"});
  set.named["owner-id"] = [account](const RouteTable&) { return one(account); };
  set.named["route-table-id"] = [](const RouteTable& t) { return one(t.id); };
  set.named["route.destination-cidr-block"] = [routes](const RouteTable& t) {
    return routes(t, [](const Route& r) { return r.destination_cidr; });
  };
  set.named["route.destination-prefix-list-id"] = [routes](const RouteTable& t) {
    return routes(t, [](const Route& r) { return r.destination_prefix_list; });
  };
  set.named["route.gateway-id"] = target({"local", "igw", "vgw", "vpce"});
  set.named["route.nat-gateway-id"] = target({"nat"});
  set.named["route.transit-gateway-id"] = target({"tgw"});
  set.named["route.vpc-peering-connection-id"] = target({"pcx"});
  set.named["route.instance-id"] = target({"i"});
  set.named["route.egress-only-internet-gateway-id"] = target({"eigw"});
  set.named["route.origin"] = [routes](const RouteTable& t) {
    return routes(t, [](const Route& r) {
      return std::string(r.target == "local" ? "CreateRouteTable" : "CreateRoute");
    });
  };
  set.named["route.state"] = [routes](const RouteTable& t) {
    return routes(t, [](const Route& r) { return r.state; });
  };
  set.named["vpc-id"] = [](const RouteTable& t) { return one(t.vpc_id); };
  return set;
}

FilterSet<VpcEndpoint> vpc_endpoint_filters(const Ec2View& view) {
  FilterSet<VpcEndpoint> set;
  set.tags = tags_of<VpcEndpoint>();
  std::string region = view.region.name;
  set.named["ip-address-type"] = [](const VpcEndpoint& e) {
    return e.type == "Interface" ? one("ipv4") : Values{};
  };
  set.named["service-name"] = [](const VpcEndpoint& e) { return one(e.service_name); };
  set.named["service-region"] = [region](const VpcEndpoint&) { return one(region); };
  set.named["vpc-id"] = [](const VpcEndpoint& e) { return one(e.vpc_id); };
  set.named["vpc-endpoint-id"] = [](const VpcEndpoint& e) { return one(e.id); };
  set.named["vpc-endpoint-state"] = [](const VpcEndpoint& e) { return one(e.state); };
  set.named["vpc-endpoint-type"] = [](const VpcEndpoint& e) { return one(e.type); };
  return set;
}

FilterSet<EndpointService> endpoint_service_filters(const Ec2View& view) {
  FilterSet<EndpointService> set;
  static const Tags none;
  set.tags = [](const EndpointService&) -> const Tags& { return none; };
  std::string region = view.region.name;
  set.named["owner"] = [](const EndpointService&) { return one("amazon"); };
  set.named["service-name"] = [](const EndpointService& s) { return one(s.name); };
  set.named["service-region"] = [region](const EndpointService&) { return one(region); };
  set.named["service-type"] = [](const EndpointService& s) { return one(s.type); };
  set.named["supported-ip-address-types"] = [](const EndpointService&) { return one("ipv4"); };
  return set;
}

FilterSet<Instance> instance_filters(const Ec2View& view) {
  FilterSet<Instance> set;
  set.tags = tags_of<Instance>();
  set.tag_value = true;  // older, still accepted
  const RegionState* region = &view.region;
  std::string account = view.world.account_id;
  auto zone = [region](const Instance& i) {
    auto subnet = region->subnets.find(i.subnet_id);
    return subnet == region->subnets.end() ? Values{} : one(subnet->second.availability_zone);
  };
  auto group_names = [region](const Instance& i) {
    Values out;
    for (const auto& id : i.security_group_ids) {
      auto group = region->security_groups.find(id);
      if (group != region->security_groups.end()) out.push_back(group->second.name);
    }
    return out;
  };
  auto groups = [](const Instance& i) { return i.security_group_ids; };
  auto private_ip = [](const Instance& i) { return one(i.private_ip); };
  auto public_ip = [](const Instance& i) { return i.public_ip ? one(*i.public_ip) : Values{}; };
  auto private_dns = [region](const Instance& i) {
    return one(private_dns_name(*region, i.private_ip));
  };
  auto public_dns = [region](const Instance& i) {
    std::string name = public_dns_name(*region, i);
    return name.empty() ? Values{} : one(name);
  };
  auto subnet = [](const Instance& i) { return one(i.subnet_id); };
  auto vpc = [](const Instance& i) { return one(i.vpc_id); };
  auto owner = [account](const Instance&) { return one(account); };
  set.named["availability-zone"] = zone;
  set.named["availability-zone-id"] = [region](const Instance& i) {
    auto s = region->subnets.find(i.subnet_id);
    return s == region->subnets.end() ? Values{} : one(s->second.availability_zone_id);
  };
  set.named["iam-instance-profile.arn"] = [](const Instance& i) {
    return i.profile ? one(i.profile->arn) : Values{};
  };
  set.named["iam-instance-profile.id"] = [](const Instance& i) {
    return i.profile ? one(i.profile->id) : Values{};
  };
  set.named["image-id"] = [](const Instance& i) { return one(image_id(i)); };
  set.named["instance-id"] = [](const Instance& i) { return one(i.id); };
  set.named["instance-state-code"] = [](const Instance& i) {
    return number(instance_state_code(i.state));
  };
  set.named["instance-state-name"] = [](const Instance& i) { return one(i.state); };
  set.named["instance-type"] = [](const Instance&) { return one("t3.micro"); };
  set.named["instance.group-id"] = groups;
  set.named["instance.group-name"] = group_names;
  set.named["ip-address"] = public_ip;
  set.named["launch-time"] = [](const Instance& i) { return one(millisecond_time(i.launched)); };
  set.named["metadata-options.http-tokens"] = [](const Instance& i) { return one(i.http_tokens); };
  set.named["network-interface.addresses.private-ip-address"] = private_ip;
  set.named["network-interface.addresses.private-dns-name"] = private_dns;
  set.named["network-interface.addresses.association.public-ip"] = public_ip;
  set.named["network-interface.association.public-ip"] = public_ip;
  set.named["network-interface.association.public-dns-name"] = public_dns;
  set.named["network-interface.availability-zone"] = zone;
  set.named["network-interface.group-id"] = groups;
  set.named["network-interface.group-name"] = group_names;
  set.named["network-interface.network-interface-id"] = [](const Instance& i) {
    return one(derived_id("eni", i.id));
  };
  set.named["network-interface.attachment.instance-id"] = [](const Instance& i) {
    return one(i.id);
  };
  set.named["network-interface.owner-id"] = owner;
  set.named["network-interface.private-dns-name"] = private_dns;
  set.named["network-interface.private-ip-address"] = private_ip;
  set.named["network-interface.public-dns-name"] = public_dns;
  set.named["network-interface.subnet-id"] = subnet;
  set.named["network-interface.vpc-id"] = vpc;
  set.named["network-interface.status"] = [](const Instance&) { return one("in-use"); };
  set.named["owner-id"] = owner;
  set.named["platform"] = [](const Instance& i) {
    return i.platform_type == "Windows" ? one("windows") : Values{};
  };
  set.named["platform-details"] = [](const Instance& i) {
    return one(i.platform_type == "Windows" ? "Windows" : "Linux/UNIX");
  };
  set.named["private-dns-name"] = private_dns;
  set.named["private-ip-address"] = private_ip;
  set.named["dns-name"] = public_dns;
  set.named["reservation-id"] = [](const Instance& i) { return one(reservation_id(i)); };
  set.named["subnet-id"] = subnet;
  set.named["vpc-id"] = vpc;
  constant(set, {"architecture"}, {"x86_64"});
  constant(set, {"hypervisor"}, {"xen"});
  constant(set, {"virtualization-type"}, {"hvm"});
  constant(set, {"root-device-type"}, {"ebs"});
  constant(set, {"root-device-name"}, {"/dev/xvda"});
  constant(set, {"tenancy"}, {"default"});
  constant(set, {"monitoring-state"}, {"disabled"});
  constant(set, {"launch-index"}, {"0"});
  constant(set, {"metadata-options.http-endpoint", "metadata-options.http-protocol-ipv4"},
           {"enabled"});
  constant(set, {"metadata-options.http-protocol-ipv6", "metadata-options.instance-metadata-tags"},
           {"disabled"});
  constant(set, {"metadata-options.state"}, {"applied"});
  constant(set, {"metadata-options.http-put-response-hop-limit"}, {"2"});
  constant(set, {"source-dest-check", "network-interface.source-dest-check", "ena-support"},
           {"true"});
  constant(set, {"ebs-optimized", "network-interface.requester-managed"}, {"false"});
  constant(set, {"private-dns-name-options.hostname-type"}, {"ip-name"});
  constant(set, {"usage-operation"}, {"RunInstances"});
  constant(
      set,
      {"affinity",
       "block-device-mapping.attach-time",
       "block-device-mapping.delete-on-termination",
       "block-device-mapping.device-name",
       "block-device-mapping.status",
       "block-device-mapping.volume-id",
       "boot-mode",
       "capacity-reservation-id",
       "capacity-reservation-specification.capacity-reservation-preference",
       "capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
       "capacity-reservation-specification.capacity-reservation-target."
       "capacity-reservation-resource-group-arn",
       "client-token",
       "current-instance-boot-mode",
       "enclave-options.enabled",
       "hibernation-options.configured",
       "host-id",
       "instance-lifecycle",
       "ipv6-address",
       "kernel-id",
       "key-name",
       "maintenance-options.auto-recovery",
       "network-interface.addresses.association.allocation-id",
       "network-interface.addresses.association.association-id",
       "network-interface.addresses.association.carrier-ip",
       "network-interface.addresses.association.customer-owned-ip",
       "network-interface.addresses.association.ip-owner-id",
       "network-interface.addresses.association.public-dns-name",
       "network-interface.addresses.primary",
       "network-interface.association.allocation-id",
       "network-interface.association.association-id",
       "network-interface.association.carrier-ip",
       "network-interface.association.customer-owned-ip",
       "network-interface.association.ip-owner-id",
       "network-interface.attachment.attach-time",
       "network-interface.attachment.attachment-id",
       "network-interface.attachment.delete-on-termination",
       "network-interface.attachment.device-index",
       "network-interface.attachment.instance-owner-id",
       "network-interface.attachment.network-card-index",
       "network-interface.attachment.status",
       "network-interface.deny-all-igw-traffic",
       "network-interface.description",
       "network-interface.ipv4-prefixes.ipv4-prefix",
       "network-interface.ipv6-address",
       "network-interface.ipv6-addresses.ipv6-address",
       "network-interface.ipv6-addresses.is-primary-ipv6",
       "network-interface.ipv6-native",
       "network-interface.ipv6-prefixes.ipv6-prefix",
       "network-interface.mac-address",
       "network-interface.operator.managed",
       "network-interface.operator.principal",
       "network-interface.outpost-arn",
       "network-interface.requester-id",
       "network-interface.tag-key",
       "network-interface.tag-value",
       "network-performance-options.bandwidth-weighting",
       "operator.managed",
       "operator.principal",
       "outpost-arn",
       "placement-group-name",
       "placement-partition-number",
       "private-dns-name-options.enable-resource-name-dns-a-record",
       "private-dns-name-options.enable-resource-name-dns-aaaa-record",
       "product-code",
       "product-code.type",
       "ramdisk-id",
       "reason",
       "requester-id",
       "spot-instance-request-id",
       "state-reason-code",
       "state-reason-message",
       "tpm-support",
       "usage-operation-update-time"});
  return set;
}

FilterSet<Instance> profile_association_filters(const Ec2View&) {
  FilterSet<Instance> set;
  set.named["instance-id"] = [](const Instance& i) { return one(i.id); };
  set.named["state"] = [](const Instance&) { return one("associated"); };
  return set;
}

}  // namespace ssmlink::emulator
