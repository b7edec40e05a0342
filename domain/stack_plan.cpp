#include "domain/stack_plan.hpp"

namespace ssmlink::domain {

namespace {

std::vector<std::string> route_tables_of(const InventoryIndex& index,
                                         const std::vector<std::string>& subnet_ids) {
  std::vector<std::string> tables;
  for (const auto& subnet_id : subnet_ids) {
    if (const auto* table = index.route_table_for_subnet(subnet_id)) tables.push_back(table->id);
  }
  return tables;
}

}  // namespace

Result<Plan> stack_plan(const InventoryIndex& index, const Diagnosis& diagnosis,
                        const StackChoices& choices, const std::string& region) {
  Plan plan;
  plan.vpc = diagnosis.vpc_id;
  plan.subnets = diagnosis.plan.subnet_ids;
  plan.services = diagnosis.plan.create;
  plan.instance_sgs = choices.instance_sgs;
  if (plan.instance_sgs.empty() && choices.source_cidrs.empty() && !diagnosis.instance_id.empty()) {
    if (const auto* instance = index.instance(diagnosis.instance_id)) {
      plan.instance_sgs = instance->security_group_ids;
    }
  }
  plan.source_cidrs = choices.source_cidrs;
  if (plan.has(Service::S3)) {
    plan.route_tables =
        choices.route_tables.empty() ? route_tables_of(index, plan.subnets) : choices.route_tables;
  }
  plan.egress = choices.egress;
  plan.private_dns = choices.private_dns;
  plan.tags = choices.tags;
  plan.name = choices.name;
  plan.resolved = true;
  plan.region = region;
  return check_plan(std::move(plan));
}

}  // namespace ssmlink::domain
