#include "domain/ids.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <string>

#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {
struct KindInfo {
  std::string_view prefix;
  std::string_view noun;
};

KindInfo info(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::Vpc:
      return {"vpc", "VPC ID"};
    case ResourceKind::Subnet:
      return {"subnet", "subnet ID"};
    case ResourceKind::SecurityGroup:
      return {"sg", "security group ID"};
    case ResourceKind::RouteTable:
      return {"rtb", "route table ID"};
    case ResourceKind::Instance:
      return {"i", "instance ID"};
    case ResourceKind::VpcEndpoint:
      return {"vpce", "VPC endpoint ID"};
    case ResourceKind::NetworkAcl:
      return {"acl", "network ACL ID"};
  }
  return {"?", "ID"};
}

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
}  // namespace

std::string_view id_prefix(ResourceKind kind) {
  return info(kind).prefix;
}
std::string_view id_noun(ResourceKind kind) {
  return info(kind).noun;
}

bool is_id(ResourceKind kind, std::string_view text) {
  std::string_view prefix = id_prefix(kind);
  if (text.size() <= prefix.size() + 1 || text.substr(0, prefix.size()) != prefix ||
      text[prefix.size()] != '-') {
    return false;
  }
  std::string_view digits = text.substr(prefix.size() + 1);
  if (digits.size() != 8 && digits.size() != 17) return false;
  for (char c : digits) {
    if (!is_lower_hex(c)) return false;
  }
  return true;
}

Result<std::string> parse_id(ResourceKind kind, std::string_view text) {
  if (is_id(kind, text)) return std::string(text);
  std::string_view noun = id_noun(kind);
  std::string article =
      std::string_view("aeiou").find(noun.front()) == std::string_view::npos ? "a " : "an ";
  return fail("\"" + printable(text) + "\" is not " + article + std::string(noun) + " (expected " +
              std::string(id_prefix(kind)) + "- followed by 8 or 17 hex digits)");
}

Result<Cidr> parse_cidr(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return fail("\"" + printable(text) + "\" is not a CIDR block (" + std::string(why) +
                "; expected e.g. 10.0.0.0/16 or 2001:db8::/56)");
  };
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad("no /prefix length");
  std::string address(text.substr(0, slash));
  std::string length_text(text.substr(slash + 1));
  if (length_text.empty() || length_text.size() > 3 ||
      length_text.find_first_not_of("0123456789") != std::string::npos) {
    return bad("the prefix length is not a number");
  }
  int length = std::stoi(length_text);
  std::array<unsigned char, 16> bytes{};
  IpVersion version;
  size_t bits;
  if (inet_pton(AF_INET, address.c_str(), bytes.data()) == 1) {
    version = IpVersion::V4;
    bits = 32;
  } else if (inet_pton(AF_INET6, address.c_str(), bytes.data()) == 1) {
    version = IpVersion::V6;
    bits = 128;
  } else {
    return bad("the address is not IPv4 or IPv6");
  }
  if (length > static_cast<int>(bits)) return bad("the prefix length is too long");
  // AWS rejects blocks with host bits set, so catch them here.
  for (size_t bit = static_cast<size_t>(length); bit < bits; ++bit) {
    if (bytes[bit / 8] & (0x80 >> (bit % 8))) return bad("host bits are set");
  }
  return Cidr{std::string(text), version};
}

}  // namespace ssmlink::domain
