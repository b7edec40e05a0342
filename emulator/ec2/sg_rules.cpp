#include "emulator/ec2/sg_rules.hpp"

#include <charconv>

#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/ipv4.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

Ec2Failure invalid_value(std::string message) {
  return Ec2Failure{"InvalidParameterValue", std::move(message)};
}

std::string peer_text(const SecurityGroupRule& rule) {
  if (!rule.cidr_ipv4.empty()) return rule.cidr_ipv4;
  if (!rule.cidr_ipv6.empty()) return rule.cidr_ipv6;
  if (!rule.group_id.empty()) return rule.group_id;
  return rule.prefix_list_id;
}

}  // namespace

bool protocol_has_ports(const std::string& protocol) {
  return protocol == "tcp" || protocol == "udp" || protocol == "icmp" || protocol == "icmpv6";
}

Ec2Result<std::string> normalize_protocol(std::string_view protocol) {
  // "Invalid value 'null' for protocol. VPC security group rules must specify protocols
  // explicitly." (AuthorizeSecurityGroupIngress without IpProtocol, nanovms/ops#735).
  if (protocol.empty()) {
    return std::unexpected(invalid_value(
        "Invalid value 'null' for protocol. VPC security group rules must specify protocols "
        "explicitly."));
  }
  std::string name = to_lower(protocol);
  if (name == "tcp" || name == "udp" || name == "icmp" || name == "icmpv6" || name == "-1") {
    return name;
  }
  int number = -2;
  auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
  if (error == std::errc() && end == name.data() + name.size() && number >= -1 && number <= 255) {
    switch (number) {
      case -1:
        return std::string("-1");
      case 1:
        return std::string("icmp");
      case 6:
        return std::string("tcp");
      case 17:
        return std::string("udp");
      case 58:
        return std::string("icmpv6");
      default:
        return std::to_string(number);
    }
  }
  // "Invalid value 'all' for IP protocol. Unknown protocol." (terraform-provider-aws#1793).
  return std::unexpected(invalid_value("Invalid value '" + std::string(protocol) +
                                       "' for IP protocol. Unknown protocol."));
}

Ec2Result<SecurityGroupRule> validated_rule(const RegionState& region, SecurityGroupRule rule) {
  auto protocol = normalize_protocol(rule.protocol);
  if (!protocol) return std::unexpected(protocol.error());
  rule.protocol = *protocol;

  if (rule.protocol == "tcp" || rule.protocol == "udp") {
    // Recalled wording, not found in a public source.
    if (rule.from_port < 0 || rule.to_port < 0) {
      return std::unexpected(invalid_value(
          "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange"));
    }
    if (rule.from_port > 65535 || rule.to_port > 65535 || rule.from_port > rule.to_port) {
      return std::unexpected(invalid_value("Invalid TCP/UDP port range, from port " +
                                           std::to_string(rule.from_port) + " to port " +
                                           std::to_string(rule.to_port)));
    }
  } else if (rule.protocol == "icmp" || rule.protocol == "icmpv6") {
    // Type and code, each -1 (any) or 0..255. No ordering: CDK's "match no traffic" rule
    // is ICMP type 252, code 86.
    if (rule.from_port < -1 || rule.from_port > 255 || rule.to_port < -1 || rule.to_port > 255) {
      return std::unexpected(invalid_value("Invalid ICMP type or code: type " +
                                           std::to_string(rule.from_port) + ", code " +
                                           std::to_string(rule.to_port)));
    }
  } else {
    rule.from_port = -1;  // EC2 drops ports for protocols that have none
    rule.to_port = -1;
  }

  int peers = !rule.cidr_ipv4.empty() + !rule.cidr_ipv6.empty() + !rule.group_id.empty() +
              !rule.prefix_list_id.empty();
  if (peers == 0) {
    // AuthorizeSecurityGroupIngress without a source (boto3#1078).
    return std::unexpected(Ec2Failure{
        "MissingParameter",
        "Missing source specification: include source security group or CIDR information"});
  }
  if (peers > 1) {
    return std::unexpected(Ec2Failure{"InvalidParameterCombination",
                                      "A rule can have only one of CidrIp, CidrIpv6, "
                                      "SourceSecurityGroupId and SourcePrefixListId"});
  }
  // "CIDR block 208.157.160.147 /32 is malformed" (smoketurner/serverless-vpc-plugin#318).
  if (!rule.cidr_ipv4.empty() && !parse_cidr(rule.cidr_ipv4)) {
    return std::unexpected(invalid_value("CIDR block " + rule.cidr_ipv4 + " is malformed"));
  }
  if (!rule.cidr_ipv6.empty() && !is_ipv6_cidr(rule.cidr_ipv6)) {
    return std::unexpected(invalid_value("CIDR block " + rule.cidr_ipv6 + " is malformed"));
  }
  if (!rule.group_id.empty()) {
    if (!is_ec2_id(rule.group_id, "sg")) {
      return std::unexpected(
          Ec2Failure{"InvalidGroupId.Malformed", malformed_group_id_message(rule.group_id)});
    }
    if (!region.security_groups.contains(rule.group_id)) {
      return std::unexpected(Ec2Failure{
          "InvalidGroup.NotFound", "The security group '" + rule.group_id + "' does not exist"});
    }
  }
  if (!rule.prefix_list_id.empty() && !is_ec2_id(rule.prefix_list_id, "pl") &&
      !rule.prefix_list_id.starts_with("pl-")) {
    return std::unexpected(
        invalid_value("The prefix list ID '" + rule.prefix_list_id + "' is malformed"));
  }
  return rule;
}

bool same_permission(const SecurityGroupRule& a, const SecurityGroupRule& b) {
  return a.protocol == b.protocol && a.from_port == b.from_port && a.to_port == b.to_port &&
         a.cidr_ipv4 == b.cidr_ipv4 && a.cidr_ipv6 == b.cidr_ipv6 && a.group_id == b.group_id &&
         a.prefix_list_id == b.prefix_list_id;
}

std::string duplicate_rule_message(const SecurityGroupRule& rule) {
  // the specified rule "peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW" already
  // exists; "peer: 0.0.0.0/0, ALL, ALLOW"; "peer: 0.0.0.0/0, protocol: 50, ALLOW"
  // (ansible/ansible-modules-core#3258, lucidsoftware/cumulus#101). The ICMP form is a guess.
  std::string text = "peer: " + peer_text(rule) + ", ";
  if (rule.protocol == "-1") {
    text += "ALL";
  } else if (rule.protocol == "tcp" || rule.protocol == "udp") {
    text += (rule.protocol == "tcp" ? "TCP" : "UDP") + std::string(", from port: ") +
            std::to_string(rule.from_port) + ", to port: " + std::to_string(rule.to_port);
  } else if (rule.protocol == "icmp" || rule.protocol == "icmpv6") {
    text += (rule.protocol == "icmp" ? "ICMP" : "ICMPV6") + std::string(", type: ") +
            std::to_string(rule.from_port) + ", code: " + std::to_string(rule.to_port);
  } else {
    text += "protocol: " + rule.protocol;
  }
  return "the specified rule \"" + text + ", ALLOW\" already exists";
}

bool rule_allows_tcp_port(const SecurityGroupRule& rule, int port) {
  if (rule.protocol == "-1") return true;
  if (rule.protocol != "tcp") return false;
  return rule.from_port <= port && port <= rule.to_port;
}

}  // namespace ssmlink::emulator
