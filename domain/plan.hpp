// What the endpoint stack should contain, decided from the user's choices and checked
// for contradictions before any template is written.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ids.hpp"
#include "domain/result.hpp"
#include "domain/services.hpp"
#include "domain/tags.hpp"

namespace ssmlink::domain {

enum class Egress { None, Https, All };
// The words --egress accepts, in Egress's order (for help and shell completion).
inline constexpr std::string_view kEgressNames[] = {"none", "https", "all"};
Result<Egress> parse_egress(std::string_view text);

struct Plan {
  std::optional<std::string> vpc;
  std::vector<std::string> subnets;       // interface endpoints' subnets, one per AZ at most
  std::vector<std::string> instance_sgs;  // ingress 443 from these groups ...
  std::vector<Cidr> source_cidrs;         // ... and/or from these blocks
  std::vector<std::string> route_tables;  // for the S3 gateway endpoint
  std::vector<Service> services = default_services();
  Egress egress = Egress::None;
  bool private_dns = true;
  std::vector<Tag> tags;              // the user's; ownership tags are added on top
  std::optional<std::string> name;    // Name tag prefix; default "ssmlink"
  bool seed_compatible = false;       // the seed's logical IDs, parameters and Name tag
  bool resolved = false;              // IDs written into the template, no Parameters
  std::optional<std::string> region;  // set: service names are literal for this region
  // false: no parameter has a Default, so a StackSet's instances must each give their own
  // values (a default VPC or CIDR would be wrong in every other account).
  bool parameter_defaults = true;
  // A StackSet's template: who may reach the endpoints is one parameter each instance sets,
  // InstanceSecurityGroupId (a group its instances share) or else SourceCidr (the VPC's
  // block), since one template cannot declare a different number of groups per account.
  bool source_per_instance = false;

  bool has(Service service) const;
  std::vector<Service> interface_services() const;
  std::string name_or_default() const { return name.value_or("ssmlink"); }
};

// The plan with duplicates removed, or the first contradiction found, e.g.
// "--services s3 needs --route-table ...".
Result<Plan> check_plan(Plan plan);

// Names usable as --name: letters, digits, '-', '_' and '.', at most 64 characters.
Result<std::string> parse_name(std::string_view text);

}  // namespace ssmlink::domain
