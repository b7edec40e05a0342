// IPv4 addresses and CIDR blocks, as EC2 writes them ("10.0.1.0/24"), for the path judge
// (does this rule's CIDR contain that address?) and for validating scenarios and rules.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssmlink::emulator {

struct Cidr {
  uint32_t base = 0;  // as written: EC2 keeps host bits in rule CIDRs ("92.68.201.91/29")
  int prefix = 0;     // 0..32

  uint32_t mask() const { return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix); }
  uint32_t network() const { return base & mask(); }
  bool contains(uint32_t address) const { return (address & mask()) == network(); }
  bool contains(const Cidr& inner) const {
    return inner.prefix >= prefix && contains(inner.network());
  }
  uint64_t size() const { return uint64_t{1} << (32 - prefix); }
};

// Dotted quad, four decimal octets 0..255 without leading zeros beyond "0".
std::optional<uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(uint32_t address);

// "a.b.c.d/n" with n in 0..32.
std::optional<Cidr> parse_cidr(std::string_view text);

// "2001:db8::/32"-shaped: hex groups and colons, a prefix 0..128. Enough to tell an IPv6
// block from garbage; the judge does not route IPv6.
bool is_ipv6_cidr(std::string_view text);

}  // namespace ssmlink::emulator
