// The Plan `up` turns into its stack: what doctor's endpoint plan says to create, in the
// target's subnets, open to the instance's security groups, with the user's template
// choices; IDs written in (the template `ssmlink template --resolved` prints).
#pragma once
#include <string>
#include <vector>

#include "domain/diagnosis.hpp"
#include "domain/plan.hpp"

namespace ssmlink::domain {

struct StackChoices {
  std::vector<std::string> instance_sgs;  // default: the instance's groups
  std::vector<Cidr> source_cidrs;
  std::vector<std::string> route_tables;  // default: the endpoint subnets' route tables
  Egress egress = Egress::None;
  bool private_dns = true;
  std::vector<Tag> tags;
  std::optional<std::string> name;
};

// Fails when the plan is contradictory (e.g. a VPC target without --instance-sg).
Result<Plan> stack_plan(const InventoryIndex& index, const Diagnosis& diagnosis,
                        const StackChoices& choices, const std::string& region);

}  // namespace ssmlink::domain
