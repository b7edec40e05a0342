// AWS resource identifiers (vpc-..., subnet-..., sg-...) and CIDR blocks, validated.
#pragma once
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace ssmlink::domain {

enum class ResourceKind {
  Vpc,
  Subnet,
  SecurityGroup,
  RouteTable,
  Instance,
  VpcEndpoint,
  NetworkAcl
};

// "vpc", "subnet", ... and "VPC ID", "subnet ID", ... for messages.
std::string_view id_prefix(ResourceKind kind);
std::string_view id_noun(ResourceKind kind);

// An ID is the prefix, a dash and 8 or 17 lowercase hex digits.
bool is_id(ResourceKind kind, std::string_view text);
// The ID itself, or an error such as
// "vpc-xyz" is not a VPC ID (expected vpc- followed by 8 or 17 hex digits)
Result<std::string> parse_id(ResourceKind kind, std::string_view text);

enum class IpVersion { V4, V6 };
struct Cidr {
  std::string text;  // as given, e.g. 10.0.0.0/16
  IpVersion version;
};
// An IPv4 or IPv6 CIDR block in canonical form (host bits zero).
Result<Cidr> parse_cidr(std::string_view text);

}  // namespace ssmlink::domain
