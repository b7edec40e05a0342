#include "domain/network_rules.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace ssmlink::domain {

namespace {

std::optional<uint32_t> parse_ipv4(std::string_view text) {
  uint32_t value = 0;
  for (int part = 0; part < 4; ++part) {
    unsigned octet = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), octet);
    if (error != std::errc() || octet > 255 || end == text.data()) return std::nullopt;
    value = (value << 8) | octet;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    if (part < 3) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
  }
  if (!text.empty()) return std::nullopt;
  return value;
}

struct Block {
  uint32_t base;
  int length;
  uint32_t mask() const { return length == 0 ? 0 : ~uint32_t{0} << (32 - length); }
  bool contains(uint32_t address) const { return (address & mask()) == (base & mask()); }
};

std::optional<Block> parse_block(std::string_view cidr) {
  size_t slash = cidr.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto base = parse_ipv4(cidr.substr(0, slash));
  int length = -1;
  std::string_view digits = cidr.substr(slash + 1);
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  if (!base || error != std::errc() || end != digits.data() + digits.size() || length < 0 ||
      length > 32) {
    return std::nullopt;
  }
  return Block{*base, length};
}

bool is_tcp(std::string_view protocol) {
  return protocol == "tcp" || protocol == "6";
}
bool is_all(std::string_view protocol) {
  return protocol == "-1" || protocol == "all";
}

// Whether a rule's CIDR covers the peer (all of it, when the peer is a block).
bool covers(std::string_view rule_cidr, const Peer& peer) {
  if (rule_cidr.empty()) return false;
  if (!peer.address.empty()) return cidr_contains_address(rule_cidr, peer.address);
  return cidr_contains_block(rule_cidr, peer.block);
}

bool permits_port(const PermissionRule& rule, int port) {
  if (is_all(rule.protocol)) return true;
  if (!is_tcp(rule.protocol)) return false;
  if (!rule.from_port || !rule.to_port) return true;
  if (*rule.from_port == -1) return true;  // EC2 writes "all ports" as -1
  return *rule.from_port <= port && port <= *rule.to_port;
}

// The first matching entry's verdict for TCP to/from one port.
bool acl_verdict(const std::vector<const AclEntry*>& ordered, int port, const Peer& peer) {
  for (const AclEntry* entry : ordered) {
    bool protocol = is_all(entry->protocol) || is_tcp(entry->protocol);
    bool ports = !entry->from_port || !entry->to_port ||
                 (*entry->from_port <= port && port <= *entry->to_port);
    if (protocol && ports && covers(entry->cidr, peer)) return entry->allow;
  }
  return false;
}

}  // namespace

bool cidr_contains_address(std::string_view cidr, std::string_view address) {
  auto block = parse_block(cidr);
  auto ip = parse_ipv4(address);
  return block && ip && block->contains(*ip);
}

bool cidr_contains_block(std::string_view outer, std::string_view inner) {
  auto a = parse_block(outer);
  auto b = parse_block(inner);
  return a && b && a->length <= b->length && a->contains(b->base);
}

bool group_allows_tcp(const InventorySecurityGroup& group, bool egress, int port,
                      const Peer& peer) {
  for (const PermissionRule& rule : egress ? group.egress : group.ingress) {
    if (!permits_port(rule, port)) continue;
    if (covers(rule.cidr, peer)) return true;
    if (!rule.group_id.empty() &&
        std::ranges::find(peer.group_ids, rule.group_id) != peer.group_ids.end()) {
      return true;
    }
  }
  return false;
}

PortRange ephemeral_ports(std::string_view platform_details) {
  if (platform_details.find("Windows") != std::string_view::npos) return {49152, 65535};
  return {32768, 61000};
}

bool acl_allows_tcp(const InventoryNetworkAcl& acl, bool egress, PortRange ports,
                    const Peer& peer) {
  std::vector<const AclEntry*> ordered;
  ordered.reserve(acl.entries.size());
  for (const AclEntry& entry : acl.entries) {
    if (entry.egress == egress) ordered.push_back(&entry);
  }
  std::ranges::sort(ordered, {}, &AclEntry::rule_number);
  // The verdict only changes at rule boundaries: test the range's ends and every
  // boundary inside it. A port probed twice gets the same verdict, so the probes are
  // not collected into a set first (that was an allocation per probe, per instance).
  auto allowed = [&](int port) { return acl_verdict(ordered, port, peer); };
  if (!allowed(ports.from) || !allowed(ports.to)) return false;
  for (const AclEntry* entry : ordered) {
    if (!entry->from_port || !entry->to_port) continue;
    for (int port :
         {*entry->from_port - 1, *entry->from_port, *entry->to_port, *entry->to_port + 1}) {
      if (port >= ports.from && port <= ports.to && !allowed(port)) return false;
    }
  }
  return true;
}

}  // namespace ssmlink::domain
