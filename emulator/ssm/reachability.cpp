// The path judge. What it checks, and why, in AWS's words:
// - the agent needs an identity: an instance profile whose role trusts ec2.amazonaws.com
//   and IAM allows the agent's calls (as AmazonSSMManagedInstanceCore does), or Default
//   Host Management Configuration (agent >= 3.2.582.0, IMDSv2) naming a role that trusts
//   ssm.amazonaws.com and is allowed them (awsdocs
//   managed-instances-default-host-management.md); ssm/agent_identity.hpp;
// - it dials TCP 443 to ssm, ssmmessages and, below agent 3.3.40.0, ec2messages
//   (aws-facts.md 1.1); each name resolves either to an interface endpoint's addresses
//   (private DNS, which needs enableDnsSupport and enableDnsHostnames) or to the public
//   service, reached through a NAT gateway or an internet gateway with a public IP;
// - security groups are stateful: the instance's groups must let 443 out, the endpoint's
//   groups must let 443 in from the instance (setup-create-vpc.md, "Incoming connections");
// - network ACLs are stateless and apply where traffic crosses a subnet's edge: 443 one
//   way, the client's ephemeral ports the other, first matching rule by number wins. They
//   do not filter traffic between two interfaces of the same subnet (VPC User Guide,
//   "Control subnet traffic with network access control lists").
// AWSSupport-TroubleshootManagedInstance checks the same things (aws-facts.md 7.2).
#include "emulator/ssm/reachability.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "emulator/ec2/ipv4.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ec2/sg_rules.hpp"
#include "emulator/ssm/agent_identity.hpp"
#include "emulator/ssm/versions.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

constexpr int kHttps = 443;

struct PortRange {
  int from;
  int to;
};

// The client's source ports, which the return traffic comes back to. "Many Linux kernels
// (including the Amazon Linux kernel) use ports 32768-61000 ... Windows Server 2008 and
// later versions use ports 49152-65535." (VPC User Guide, "Ephemeral ports"); macOS uses
// IANA's 49152-65535.
PortRange ephemeral_ports(const Instance& instance) {
  if (instance.platform_type == "Linux") return {32768, 61000};
  return {49152, 65535};
}

std::string port_text(PortRange ports) {
  return ports.from == ports.to ? std::to_string(ports.from)
                                : std::to_string(ports.from) + "-" + std::to_string(ports.to);
}

// A peer of the traffic a network ACL sees: one address, or "the internet", which only
// a rule for 0.0.0.0/0 is known to cover.
struct Peer {
  std::optional<uint32_t> address;  // none: the internet
  std::string text() const { return address ? format_ipv4(*address) : "0.0.0.0/0"; }
};

bool entry_matches(const NetworkAclEntry& entry, bool egress, const Peer& peer, int port) {
  if (entry.egress != egress) return false;
  if (entry.protocol != "-1" && entry.protocol != "6") return false;
  auto cidr = parse_cidr(entry.cidr);
  if (!cidr) return false;  // an IPv6 entry never matches IPv4 traffic
  if (peer.address ? !cidr->contains(*peer.address) : cidr->prefix != 0) return false;
  return !entry.ports || (entry.ports->first <= port && port <= entry.ports->second);
}

std::vector<const NetworkAclEntry*> by_rule_number(const NetworkAcl& acl) {
  std::vector<const NetworkAclEntry*> entries;
  for (const auto& entry : acl.entries)
    entries.push_back(&entry);
  std::stable_sort(entries.begin(), entries.end(),
                   [](auto* a, auto* b) { return a->rule_number < b->rule_number; });
  return entries;
}

// Why the ACL stops TCP traffic on some port of the range, or nothing when it lets every
// port through. Rules are evaluated in number order and the first match decides.
std::optional<std::string> acl_blocks(const NetworkAcl& acl, bool egress, const Peer& peer,
                                      PortRange ports) {
  auto entries = by_rule_number(acl);
  // The decision is constant between rule port boundaries: test each boundary.
  std::set<int> probes = {ports.from};
  for (const auto* entry : entries) {
    if (!entry->ports) continue;
    for (int p : {entry->ports->first, entry->ports->second + 1}) {
      if (p > ports.from && p <= ports.to) probes.insert(p);
    }
  }
  for (int port : probes) {
    const NetworkAclEntry* decisive = nullptr;
    for (const auto* entry : entries) {
      if (entry_matches(*entry, egress, peer, port)) {
        decisive = entry;
        break;
      }
    }
    if (decisive && decisive->allow) continue;
    std::string rule = decisive
                           ? (decisive->rule_number == 32767
                                  ? std::string("its default rule * denies it")
                                  : "rule " + std::to_string(decisive->rule_number) + " denies it")
                           : std::string("no rule allows it");
    return "network ACL " + acl.id + " blocks " + (egress ? "outbound" : "inbound") + " TCP " +
           port_text(ports) + (egress ? " to " : " from ") + peer.text() + " (" + rule +
           (ports.from != ports.to ? " for port " + std::to_string(port) : "") + ")";
  }
  return std::nullopt;
}

struct InstanceView {
  const RegionState& region;
  const Instance& instance;
  const Subnet& subnet;
  const Vpc& vpc;
  uint32_t address;
  std::vector<const SecurityGroup*> groups;

  std::string group_list() const {
    std::vector<std::string> ids;
    for (const auto* group : groups)
      ids.push_back(group->id);
    return join(ids, ", ");
  }
  bool has_group(const std::string& id) const {
    return std::any_of(groups.begin(), groups.end(), [&](auto* g) { return g->id == id; });
  }
};

// Traffic between the instance and an address: the network ACLs of both subnets, where
// the traffic crosses a subnet edge.
std::vector<std::string> acl_problems(const InstanceView& view, const Subnet& far_subnet,
                                      uint32_t far_address) {
  std::vector<std::string> problems;
  if (far_subnet.id == view.subnet.id) return problems;  // same subnet: no ACL on the way
  PortRange https{kHttps, kHttps};
  PortRange ephemeral = ephemeral_ports(view.instance);
  Peer far{far_address}, near{view.address};
  if (const auto* acl = network_acl_for_subnet(view.region, view.subnet)) {
    if (auto why = acl_blocks(*acl, true, far, https)) problems.push_back(*why);
    if (auto why = acl_blocks(*acl, false, far, ephemeral)) problems.push_back(*why);
  }
  if (const auto* acl = network_acl_for_subnet(view.region, far_subnet)) {
    if (auto why = acl_blocks(*acl, false, near, https)) problems.push_back(*why);
    if (auto why = acl_blocks(*acl, true, near, ephemeral)) problems.push_back(*why);
  }
  return problems;
}

bool instance_egress_to_endpoint(const InstanceView& view, const VpcEndpoint& endpoint,
                                 uint32_t interface_address) {
  for (const auto* group : view.groups) {
    for (const auto& rule : group->egress) {
      if (!rule_allows_tcp_port(rule, kHttps)) continue;
      auto cidr = parse_cidr(rule.cidr_ipv4);
      if (cidr && cidr->contains(interface_address)) return true;
      if (!rule.group_id.empty() &&
          std::find(endpoint.security_group_ids.begin(), endpoint.security_group_ids.end(),
                    rule.group_id) != endpoint.security_group_ids.end()) {
        return true;
      }
    }
  }
  return false;
}

bool endpoint_ingress_from_instance(const InstanceView& view, const VpcEndpoint& endpoint) {
  for (const auto& group_id : endpoint.security_group_ids) {
    auto group = view.region.security_groups.find(group_id);
    if (group == view.region.security_groups.end()) continue;
    for (const auto& rule : group->second.ingress) {
      if (!rule_allows_tcp_port(rule, kHttps)) continue;
      auto cidr = parse_cidr(rule.cidr_ipv4);
      if (cidr && cidr->contains(view.address)) return true;
      if (!rule.group_id.empty() && view.has_group(rule.group_id)) return true;
    }
  }
  return false;
}

// Why this endpoint does not carry the instance's traffic, or nothing when it does.
std::vector<std::string> endpoint_problems(const InstanceView& view, const VpcEndpoint& endpoint,
                                           const std::string& dns_name) {
  std::vector<std::string> problems;
  if (endpoint.state != "available") problems.push_back("it is " + endpoint.state);
  if (!endpoint.private_dns_enabled) {
    problems.push_back("its private DNS is off, so " + dns_name +
                       " resolves to the public endpoint");
  } else if (!view.vpc.enable_dns_support || !view.vpc.enable_dns_hostnames) {
    problems.push_back(std::string("its private DNS name does not resolve: ") +
                       (!view.vpc.enable_dns_support ? "enableDnsSupport" : "enableDnsHostnames") +
                       " is false in " + view.vpc.id);
  }
  if (endpoint.subnet_ids.empty()) problems.push_back("it has no subnets (no network interfaces)");
  if (!problems.empty()) return problems;

  if (!endpoint_ingress_from_instance(view, endpoint)) {
    problems.push_back("its security groups (" + join(endpoint.security_group_ids, ", ") +
                       ") allow no inbound TCP 443 from " + view.instance.id + " (" +
                       format_ipv4(view.address) + " or its groups " + view.group_list() + ")");
  }
  // The name resolves to one address per endpoint subnet; one that works is enough (the
  // agent retries the others). Report the problems of each when none works.
  std::vector<std::string> per_subnet;
  for (const auto& subnet_id : endpoint.subnet_ids) {
    auto subnet = view.region.subnets.find(subnet_id);
    if (subnet == view.region.subnets.end()) continue;
    uint32_t address = endpoint_interface_address(endpoint, subnet->second);
    std::vector<std::string> reasons;
    if (!instance_egress_to_endpoint(view, endpoint, address)) {
      reasons.push_back("the security groups of " + view.instance.id + " (" + view.group_list() +
                        ") allow no outbound TCP 443 to " + format_ipv4(address) +
                        " or to the endpoint's groups");
    }
    auto acls = acl_problems(view, subnet->second, address);
    reasons.insert(reasons.end(), acls.begin(), acls.end());
    if (reasons.empty()) return problems;  // this interface works (ingress decides)
    per_subnet.push_back("via " + subnet_id + " (" + format_ipv4(address) +
                         "): " + join(reasons, "; "));
  }
  problems.insert(problems.end(), per_subnet.begin(), per_subnet.end());
  return problems;
}

// The 0.0.0.0/0 route of the instance's subnet, if any.
const Route* default_route(const RouteTable& table) {
  for (const auto& route : table.routes) {
    auto cidr = parse_cidr(route.destination_cidr);
    if (cidr && cidr->prefix == 0) return &route;
  }
  return nullptr;
}

// Why the instance cannot reach the public service endpoints, or nothing when it can.
std::optional<std::string> internet_problem(const InstanceView& view) {
  std::string from = "no route to the internet from " + view.subnet.id;
  if (!view.vpc.enable_dns_support) {
    // With DNS resolution off, the Amazon-provided resolver answers nothing.
    return from + " that works: enableDnsSupport is false in " + view.vpc.id +
           ", so the public service names do not resolve";
  }
  const RouteTable* table = route_table_for_subnet(view.region, view.subnet);
  if (!table) return from + " (it has no route table)";
  const Route* route = default_route(*table);
  if (!route) return from + " (route table " + table->id + " has no 0.0.0.0/0 route)";
  if (route->state != "active") {
    return from + " (the 0.0.0.0/0 route of " + table->id + " to " + route->target + " is " +
           route->state + ")";
  }
  if (route->target.starts_with("igw-")) {
    if (!view.instance.public_ip) {
      return from + " (it routes 0.0.0.0/0 to " + route->target + ", but " + view.instance.id +
             " has no public IP)";
    }
  } else if (!route->target.starts_with("nat-")) {
    return from + " (it routes 0.0.0.0/0 to " + route->target +
           ", which the emulator does not follow to the internet)";
  }
  std::vector<std::string> problems;
  bool egress = false;
  for (const auto* group : view.groups) {
    for (const auto& rule : group->egress) {
      auto cidr = parse_cidr(rule.cidr_ipv4);
      if (rule_allows_tcp_port(rule, kHttps) && cidr && cidr->prefix == 0) egress = true;
    }
  }
  if (!egress) {
    problems.push_back("the security groups of " + view.instance.id + " (" + view.group_list() +
                       ") allow no outbound TCP 443 to 0.0.0.0/0");
  }
  if (const auto* acl = network_acl_for_subnet(view.region, view.subnet)) {
    Peer internet{};
    if (auto why = acl_blocks(*acl, true, internet, {kHttps, kHttps})) problems.push_back(*why);
    if (auto why = acl_blocks(*acl, false, internet, ephemeral_ports(view.instance))) {
      problems.push_back(*why);
    }
  }
  if (problems.empty()) return std::nullopt;
  return "the route to the internet from " + view.subnet.id + " via " + route->target +
         " is blocked (" + join(problems, "; ") + ")";
}

std::string short_service_name(const std::string& service_name) {
  return service_name.substr(service_name.rfind('.') + 1);
}

// Why no endpoint of the service carries the instance's traffic, or nothing when one does.
std::optional<std::string> endpoint_path_problem(const InstanceView& view,
                                                 const std::string& service_name) {
  const EndpointService* service = find_endpoint_service(view.region, service_name, "Interface");
  std::string dns_name = service ? service->private_dns_name : service_name;
  std::string name = short_service_name(service_name);
  std::vector<std::string> unusable;
  for (const auto& [id, endpoint] : view.region.vpc_endpoints) {
    if (endpoint.vpc_id != view.vpc.id || endpoint.service_name != service_name ||
        endpoint.type != "Interface") {
      continue;
    }
    auto problems = endpoint_problems(view, endpoint, dns_name);
    if (problems.empty()) return std::nullopt;
    unusable.push_back(id + ": " + join(problems, "; "));
  }
  if (unusable.empty()) return "no " + name + " endpoint in " + view.vpc.id;
  return "no usable " + name + " endpoint in " + view.vpc.id + " (" + join(unusable, " | ") + ")";
}

// Whether the VPC's resolver answers the service's name with an endpoint's addresses: an
// available interface endpoint with private DNS, in a VPC with both DNS attributes on.
// Then the traffic goes to the endpoint, whatever routes to the internet exist.
bool private_dns_captures(const InstanceView& view, const std::string& service_name) {
  if (!view.vpc.enable_dns_support || !view.vpc.enable_dns_hostnames) return false;
  for (const auto& [id, endpoint] : view.region.vpc_endpoints) {
    if (endpoint.vpc_id == view.vpc.id && endpoint.service_name == service_name &&
        endpoint.type == "Interface" && endpoint.private_dns_enabled &&
        endpoint.state == "available") {
      return true;
    }
  }
  return false;
}

std::vector<std::string> needed_services(const RegionState& region, const Instance& instance) {
  std::vector<std::string> names = {"ssm", "ssmmessages"};
  if (compare_versions(instance.agent.version, kAgentWithoutEc2Messages) < 0) {
    names.push_back("ec2messages");
  }
  for (auto& name : names)
    name = interface_service_name(region, name);
  return names;
}

}  // namespace

PathVerdict judge_ssm_path(const World& world, const RegionState& region,
                           const Instance& instance) {
  PathVerdict verdict;
  auto& blockers = verdict.blockers;
  if (instance.state != "running") {
    blockers.push_back(instance.id + " is " + instance.state + ", not running");
  }
  if (!instance.agent.installed) {
    blockers.push_back("SSM Agent is not installed on " + instance.id);
  }
  AgentIdentity identity = agent_identity(world, region, instance);
  if (identity.problem) blockers.push_back(*identity.problem);
  if (auto problem = session_problem(world, region, instance)) {
    verdict.session_blockers.push_back(*problem);
  }

  auto subnet = region.subnets.find(instance.subnet_id);
  auto vpc =
      subnet == region.subnets.end() ? region.vpcs.end() : region.vpcs.find(subnet->second.vpc_id);
  auto address = parse_ipv4(instance.private_ip);
  if (subnet == region.subnets.end() || vpc == region.vpcs.end() || !address) {
    blockers.push_back(instance.id + " has no network (subnet " + instance.subnet_id +
                       " or its VPC does not exist)");
    verdict.reachable = false;
    return verdict;
  }
  InstanceView view{region, instance, subnet->second, vpc->second, *address, {}};
  for (const auto& group_id : instance.security_group_ids) {
    auto group = region.security_groups.find(group_id);
    if (group != region.security_groups.end()) view.groups.push_back(&group->second);
  }

  std::optional<std::optional<std::string>> internet;  // judged once, when first needed
  for (const auto& service_name : needed_services(region, instance)) {
    auto endpoint = endpoint_path_problem(view, service_name);
    if (!endpoint) continue;
    if (private_dns_captures(view, service_name)) {
      blockers.push_back(short_service_name(service_name) + " is unreachable: " + *endpoint +
                         " (its private DNS name points there, so no route to the internet helps)");
      continue;
    }
    if (!internet) internet = internet_problem(view);
    if (!*internet) continue;
    blockers.push_back(short_service_name(service_name) + " is unreachable: " + *endpoint +
                       ", and " + **internet);
  }
  verdict.reachable = blockers.empty();
  return verdict;
}

}  // namespace ssmlink::emulator
