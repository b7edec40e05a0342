#include "domain/path_reasoning.hpp"

#include <algorithm>
#include <utility>

#include "domain/network_rules.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

constexpr int kHttps = 443;
constexpr std::string_view kInternet = "0.0.0.0/0";

std::string_view block_of(const InventoryIndex& index, const std::string& subnet_id) {
  const InventorySubnet* subnet = index.subnet(subnet_id);
  return subnet ? std::string_view(subnet->cidr) : std::string_view();
}

// The instance as a peer: its address, else its subnet's block; with its groups.
Peer instance_peer(const InventoryIndex& index, const InstanceSide& side) {
  if (!side.address.empty()) return {side.address, {}, side.group_ids};
  return {{}, block_of(index, side.subnet_id), side.group_ids};
}

std::string egress_fix(const InstanceSide& side, std::string_view destination) {
  std::string group = side.group_ids.empty() ? "sg-..." : side.group_ids.front();
  return "aws ec2 authorize-security-group-egress --group-id " + group +
         " --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=" +
         std::string(destination) + ",Description=HTTPS to Systems Manager}]'";
}

// `describe` names the destination for the message; it runs only when something blocks.
template <typename Describe>
std::optional<Blocker> instance_egress_blocker(const InventoryIndex& index,
                                               const InstanceSide& side, const Peer& destination,
                                               Describe describe, std::string_view fix_cidr) {
  std::vector<std::string> missing;
  for (const auto& id : side.group_ids) {
    const InventorySecurityGroup* group = index.group(id);
    if (!group) {
      missing.push_back(id);
      continue;
    }
    if (group_allows_tcp(*group, true, kHttps, destination)) return std::nullopt;
  }
  std::string what = describe();
  if (!missing.empty()) {
    return Blocker{"instance.sg-egress",
                   "security group " + join(missing, ", ") +
                       " could not be read, so TCP 443 out to " + what + " is unconfirmed",
                   side.group_ids, "check that the instance's groups allow TCP 443 out to " + what};
  }
  return Blocker{"instance.sg-egress",
                 join(side.group_ids, ", ") + " allow" + (side.group_ids.size() == 1 ? "s" : "") +
                     " no TCP 443 out to " + what,
                 side.group_ids, egress_fix(side, fix_cidr)};
}

std::string acl_fix(const InventoryNetworkAcl& acl, bool egress, const std::string& ports,
                    std::string_view cidr) {
  return "aws ec2 create-network-acl-entry --network-acl-id " + acl.id +
         (egress ? " --egress" : " --ingress") +
         " --rule-number <a free number below the deny> --protocol tcp --port-range " + ports +
         " --cidr-block " + std::string(cidr) + " --rule-action allow";
}

struct AclStep {
  const char* check_id;
  const std::string& subnet_id;
  bool egress;
  PortRange ports;
  Peer peer;
  std::string_view peer_text;  // for messages and the fix: a CIDR block
};

std::optional<Blocker> acl_blocker(const InventoryIndex& index, const AclStep& step) {
  const InventoryNetworkAcl* acl = index.acl_for_subnet(step.subnet_id);
  if (acl && acl_allows_tcp(*acl, step.egress, step.ports, step.peer)) return std::nullopt;
  std::string range = std::to_string(step.ports.from) + "-" + std::to_string(step.ports.to);
  std::string shown = step.ports.from == step.ports.to ? std::to_string(step.ports.from) : range;
  std::string direction = step.egress ? "outbound" : "inbound";
  if (!acl) {
    return Blocker{step.check_id,
                   "the network ACL of " + step.subnet_id + " is unknown, so " + direction +
                       " TCP " + shown + " is unconfirmed",
                   {step.subnet_id},
                   ""};
  }
  return Blocker{step.check_id,
                 acl->id + " (" + step.subnet_id + ") does not allow " + direction + " TCP " +
                     shown + (step.egress ? " to " : " from ") + std::string(step.peer_text),
                 {acl->id, step.subnet_id},
                 acl_fix(*acl, step.egress, range, step.peer_text)};
}

// The four ACL steps of a connection from the instance to a peer subnet and back:
// 443 out and the ephemeral ports in on the instance's subnet; 443 in and the ephemeral
// ports out on the peer's subnet. Inside one subnet ACLs do not apply.
std::vector<Blocker> acl_blockers_between(const InventoryIndex& index, const InstanceSide& side,
                                          const std::string& peer_subnet) {
  if (peer_subnet == side.subnet_id) return {};
  PortRange ephemeral = ephemeral_ports(side.platform);
  std::string_view peer_block = block_of(index, peer_subnet);
  Peer endpoint_peer{{}, peer_block, {}};
  Peer instance = instance_peer(index, side);
  std::string instance_cidr =
      side.address.empty() ? std::string(block_of(index, side.subnet_id)) : side.address + "/32";
  const AclStep steps[] = {
      {"nacl.instance-subnet", side.subnet_id, true, {kHttps, kHttps}, endpoint_peer, peer_block},
      {"nacl.instance-subnet", side.subnet_id, false, ephemeral, endpoint_peer, peer_block},
      {"nacl.endpoint-subnet", peer_subnet, false, {kHttps, kHttps}, instance, instance_cidr},
      {"nacl.endpoint-subnet", peer_subnet, true, ephemeral, instance, instance_cidr},
  };
  std::vector<Blocker> blockers;
  for (const AclStep& step : steps) {
    if (auto blocker = acl_blocker(index, step)) blockers.push_back(std::move(*blocker));
  }
  return blockers;
}

}  // namespace

std::vector<Blocker> endpoint_blockers(const InventoryIndex& index, const InstanceSide& side,
                                       const EndpointView& endpoint) {
  std::vector<Blocker> blockers;
  std::vector<std::string> group_ids;
  for (const auto* group : endpoint.groups)
    group_ids.push_back(group->id);

  Peer from_instance = instance_peer(index, side);
  bool admitted = std::ranges::any_of(endpoint.groups, [&](const InventorySecurityGroup* group) {
    return group_allows_tcp(*group, false, kHttps, from_instance);
  });
  if (!admitted) {
    std::string source = side.group_ids.empty() ? "the instance" : side.group_ids.front();
    blockers.push_back({"endpoint.sg-ingress",
                        endpoint.label + "'s security group " + join(group_ids, ", ") +
                            " allows no TCP 443 in from " +
                            (side.address.empty() ? "the instances"
                                                  : side.instance_id + " (" + side.address + ")"),
                        group_ids,
                        group_ids.empty()
                            ? ""
                            : "aws ec2 authorize-security-group-ingress --group-id " +
                                  group_ids.front() + " --protocol tcp --port 443 --source-group " +
                                  source});
  }

  // Out of the instance and through the ACLs: one of the endpoint's subnets must work.
  std::vector<Blocker> best;
  bool reachable = false;
  for (const auto& subnet_id : endpoint.subnet_ids) {
    std::vector<Blocker> found;
    std::string_view block = block_of(index, subnet_id);
    Peer destination{{}, block, group_ids};
    auto describe = [&] {
      return endpoint.label + " in " + subnet_id + " (" + std::string(block) + ")";
    };
    if (auto egress =
            instance_egress_blocker(index, side, destination, describe,
                                    side.vpc ? std::string_view(side.vpc->cidr) : block)) {
      found.push_back(std::move(*egress));
    }
    for (auto& blocker : acl_blockers_between(index, side, subnet_id))
      found.push_back(std::move(blocker));
    if (found.empty()) {
      reachable = true;
      break;
    }
    if (best.empty() || found.size() < best.size()) best = std::move(found);
  }
  if (endpoint.subnet_ids.empty()) {
    blockers.push_back(
        {"endpoint.subnets",
         endpoint.label + " has no subnets, so no network interface",
         {},
         "add a subnet to the endpoint (aws ec2 modify-vpc-endpoint --add-subnet-ids)"});
  } else if (!reachable) {
    for (auto& blocker : best)
      blockers.push_back(std::move(blocker));
  }
  return blockers;
}

std::optional<InternetRoute> internet_route(const InventoryIndex& index, const InstanceSide& side,
                                            bool has_public_ip) {
  const InventoryRouteTable* table = index.route_table_for_subnet(side.subnet_id);
  if (!table) return std::nullopt;
  for (const auto& route : table->routes) {
    if (route.destination != kInternet || !route.active) continue;
    if (route.target.starts_with("nat-")) return InternetRoute{route.target, table->id};
    if (route.target.starts_with("igw-") && has_public_ip)
      return InternetRoute{route.target, table->id};
  }
  return std::nullopt;
}

std::vector<Blocker> internet_blockers(const InventoryIndex& index, const InstanceSide& side) {
  std::vector<Blocker> blockers;
  Peer internet{{}, kInternet, {}};
  auto describe = [] { return std::string("the internet (0.0.0.0/0)"); };
  if (auto egress = instance_egress_blocker(index, side, internet, describe, kInternet)) {
    blockers.push_back(std::move(*egress));
  }
  PortRange ephemeral = ephemeral_ports(side.platform);
  const AclStep steps[] = {
      {"nacl.instance-subnet", side.subnet_id, true, {kHttps, kHttps}, internet, kInternet},
      {"nacl.instance-subnet", side.subnet_id, false, ephemeral, internet, kInternet},
  };
  for (const AclStep& step : steps) {
    if (auto blocker = acl_blocker(index, step)) blockers.push_back(std::move(*blocker));
  }
  return blockers;
}

}  // namespace ssmlink::domain
