// The shape of EC2 resource IDs, and the IDs EC2 shows for things the emulator does not
// store (association IDs, network interfaces, reservation IDs): derived from the owning
// resource's ID so they stay the same from one call to the next.
#pragma once
#include <string>
#include <string_view>

namespace ssmlink::emulator {

// prefix-<8 or 17 lower-case hex digits>: "vpc-0f00d1e2c3b4a5968", or the short IDs of
// resources made before 2018 ("vpc-a01106c2").
bool is_ec2_id(std::string_view id, std::string_view prefix);

// prefix-<17 hex digits> derived from the seed text, e.g.
// derived_id("vpc-cidr-assoc", vpc.id).
std::string derived_id(std::string_view prefix, std::string_view seed);

// EC2's words for an ID it cannot parse, in its two styles:
//   Invalid Subnet Id: 'x' (expecting 'subnet-...; the Id may only contain lowercase
//   alphanumeric characters and a single dash')   (VPC endpoint calls; label "Subnet Id",
//   or "Id" for endpoint IDs: terraform-aws-modules/terraform-aws-vpc#722, #312)
//   Invalid id: "x" (expecting "sg-...")          (security groups: genevieve/leftovers#7)
std::string malformed_id_message(std::string_view label, std::string_view id,
                                 std::string_view prefix);
std::string malformed_group_id_message(std::string_view id);

// A number derived from the seed text (for ENI addresses and similar).
uint64_t derived_number(std::string_view seed);

}  // namespace ssmlink::emulator
