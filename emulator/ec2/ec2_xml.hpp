// EC2 resources as the ec2 query protocol writes them: element names are the model's
// locationNames (reference/aws-models/ec2/2016-11-15/service-2.subset.json), lists are
// <item> elements, booleans true/false, times ISO 8601 UTC. Also the values EC2 shows but
// the emulator derives (ARNs, association IDs, DNS entries, addresses) — derived_id keeps
// them stable between calls.
#pragma once
#include <string>
#include <vector>

#include "emulator/world.hpp"
#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

inline constexpr std::string_view kEc2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

struct Ec2View {
  const World& world;
  const RegionState& region;
};

// <tagSet> with <item><key/><value/></item>; nothing when there are no tags (as EC2).
void write_tags(XmlWriter& xml, const Tags& tags);

void write_vpc(XmlWriter& xml, const Ec2View& view, const Vpc& vpc);
void write_subnet(XmlWriter& xml, const Ec2View& view, const Subnet& subnet);
void write_security_group(XmlWriter& xml, const Ec2View& view, const SecurityGroup& group);
void write_security_group_rule(XmlWriter& xml, const Ec2View& view, const SecurityGroup& group,
                               const SecurityGroupRule& rule, bool egress);
void write_network_acl(XmlWriter& xml, const Ec2View& view, const NetworkAcl& acl);
void write_route_table(XmlWriter& xml, const Ec2View& view, const RouteTable& table);
// In <item>, or in the element given (CreateVpcEndpoint's <vpcEndpoint>).
void write_vpc_endpoint(XmlWriter& xml, const Ec2View& view, const VpcEndpoint& endpoint,
                        std::string_view element = "item");
void write_endpoint_service(XmlWriter& xml, const Ec2View& view, const EndpointService& service);
void write_reservation(XmlWriter& xml, const Ec2View& view, const Instance& instance);
void write_profile_association(XmlWriter& xml, const Ec2View& view, const Instance& instance);

// Values shown in several places (filters use them too).
std::string millisecond_time(TimePoint time);  // 2024-05-01T12:00:00.000Z
std::string subnet_arn(const Ec2View& view, const Subnet& subnet);
std::string security_group_arn(const Ec2View& view, const SecurityGroup& group);
std::string private_dns_name(const RegionState& region, const std::string& private_ip);
std::string public_dns_name(const RegionState& region, const Instance& instance);
int instance_state_code(const std::string& state);
std::string vpc_cidr_association_id(const Vpc& vpc);
std::string network_acl_association_id(const NetworkAcl& acl, const std::string& subnet_id);
std::string route_table_association_id(const RouteTable& table, const std::string& subnet_id);
std::string profile_association_id(const Instance& instance);
std::string reservation_id(const Instance& instance);
std::string image_id(const Instance& instance);
int available_address_count(const RegionState& region, const Subnet& subnet);

// An interface endpoint's DNS entries and network interfaces as DescribeVpcEndpoints shows
// them (also what CloudFormation's Fn::GetAtt DnsEntries / NetworkInterfaceIds return).
struct DnsEntry {
  std::string dns_name;
  std::string hosted_zone_id;
};
std::vector<DnsEntry> endpoint_dns_entries(const RegionState& region, const VpcEndpoint& endpoint);
std::vector<std::string> endpoint_network_interface_ids(const RegionState& region,
                                                        const VpcEndpoint& endpoint);

}  // namespace ssmlink::emulator
