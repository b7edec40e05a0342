// How security groups and network ACLs treat one kind of traffic: TCP to or from a port,
// with a peer given as an address, a CIDR block or security groups. Pure functions over
// the inventory's rule values; doctor's path reasoning is built on them.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/inventory.hpp"

namespace ssmlink::domain {

// IPv4 only: whether `cidr` contains the address, or all of the inner block. IPv6 blocks
// and malformed text contain nothing.
bool cidr_contains_address(std::string_view cidr, std::string_view address);
bool cidr_contains_block(std::string_view outer, std::string_view inner);

// The peer of a rule check: an address (an instance), or a block (a subnet whose
// endpoint addresses are unknown), and the peer's security groups. A view: what it
// points to must outlive it (checking a region's instances copies nothing per check).
struct Peer {
  std::string_view address;  // one of address and block
  std::string_view block;
  std::span<const std::string> group_ids;
};

// True when some rule lets TCP `port` go to (egress) or come from (ingress) the peer.
bool group_allows_tcp(const InventorySecurityGroup& group, bool egress, int port, const Peer& peer);

struct PortRange {
  int from;
  int to;
};

// The ephemeral ports a client OS picks for its side of a connection (AWS VPC guide,
// "Ephemeral ports"): Linux 32768-61000, Windows 49152-65535.
PortRange ephemeral_ports(std::string_view platform_details);

// Network ACL entries are evaluated in rule-number order and the first match decides;
// nothing matching is a deny. True when TCP to/from every port of `ports` on the peer
// (an address, or every address of a block) is allowed in the given direction.
bool acl_allows_tcp(const InventoryNetworkAcl& acl, bool egress, PortRange ports, const Peer& peer);

}  // namespace ssmlink::domain
