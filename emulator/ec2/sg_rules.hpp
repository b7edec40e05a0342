// Security group rules as EC2 validates, stores and describes them: protocol names and
// numbers normalised ("6" -> "tcp"), ports dropped where the protocol has none, exactly
// one peer, and the wording EC2 uses when a rule already exists.
#pragma once
#include <string>
#include <string_view>

#include "emulator/ec2/ec2_resources.hpp"

namespace ssmlink::emulator {

// "tcp", "udp", "icmp", "icmpv6", "-1" (all) or another IANA number "0".."255".
Ec2Result<std::string> normalize_protocol(std::string_view protocol);

// The rule as EC2 stores it, or EC2's error: protocol, ports, peer (CIDR syntax, referenced
// group exists). Egress rules name a destination, ingress rules a source.
Ec2Result<SecurityGroupRule> validated_rule(const RegionState& region, SecurityGroupRule rule);

// Same protocol, ports and peer: EC2's InvalidPermission.Duplicate.
bool same_permission(const SecurityGroupRule& a, const SecurityGroupRule& b);

// the specified rule "peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW" already exists
std::string duplicate_rule_message(const SecurityGroupRule& rule);

// Does the rule let TCP traffic to this port through (protocol tcp or all, port in range)?
bool rule_allows_tcp_port(const SecurityGroupRule& rule, int port);

// Does the rule's protocol carry ports (tcp, udp) or type/code (icmp)?
bool protocol_has_ports(const std::string& protocol);

}  // namespace ssmlink::emulator
