#include "domain/stackset_targets.hpp"

#include <algorithm>

#include "domain/findings.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

DeploymentCollector::DeploymentCollector(const InventoryIndex& index, std::vector<Service> wanted)
    : index_(index), wanted_(std::move(wanted)) {}

void DeploymentCollector::add(const Diagnosis& diagnosis) {
  if (!any_error(diagnosis.findings) || any_blocking_after_up(diagnosis.findings)) return;
  if (!diagnosis.plan.reuse.empty() || diagnosis.plan.create.empty()) return;
  const InventoryVpc* vpc = index_.vpc(diagnosis.vpc_id);
  if (!vpc || vpc->cidr.empty()) return;
  auto it = std::find_if(deployments_.begin(), deployments_.end(),
                         [&](const VpcDeployment& d) { return d.vpc_id == diagnosis.vpc_id; });
  if (it == deployments_.end()) {
    deployments_.push_back({vpc->id, vpc->cidr, {}, {}});
    it = std::prev(deployments_.end());
  }
  if (!diagnosis.instance_id.empty()) {
    it->instance_ids.push_back(diagnosis.instance_id);
    keep_shared_groups(vpc->id, diagnosis.instance_id, it->instance_ids.size() == 1);
  }
  std::vector<std::string>& zones = zones_[vpc->id];
  for (const auto& subnet_id : diagnosis.plan.subnet_ids) {
    const InventorySubnet* subnet = index_.subnet(subnet_id);
    std::string zone = subnet ? subnet->availability_zone : subnet_id;
    if (std::find(zones.begin(), zones.end(), zone) != zones.end()) continue;
    zones.push_back(zone);
    it->subnet_ids.push_back(subnet_id);
  }
}

void DeploymentCollector::keep_shared_groups(const std::string& vpc_id,
                                             const std::string& instance_id, bool first) {
  const InventoryInstance* instance = index_.instance(instance_id);
  std::vector<std::string> groups =
      instance ? instance->security_group_ids : std::vector<std::string>{};
  std::vector<std::string>& shared = shared_groups_[vpc_id];
  if (first) {
    shared = groups;
    return;
  }
  std::erase_if(shared, [&](const std::string& group) {
    return std::find(groups.begin(), groups.end(), group) == groups.end();
  });
}

std::vector<VpcDeployment> DeploymentCollector::take() {
  std::vector<VpcDeployment> taken;
  for (auto& deployment : deployments_) {
    if (deployment.subnet_ids.empty()) continue;
    const auto& shared = shared_groups_[deployment.vpc_id];
    if (!shared.empty()) deployment.instance_group = shared.front();
    taken.push_back(std::move(deployment));
  }
  deployments_.clear();
  zones_.clear();
  shared_groups_.clear();
  return taken;
}

Plan stackset_plan(const std::vector<Service>& services) {
  Plan plan;
  plan.services = services;
  plan.source_per_instance = true;
  plan.parameter_defaults = false;
  return plan;
}

std::vector<std::pair<std::string, std::string>> stackset_overrides(const VpcDeployment& target) {
  return {{"VpcId", target.vpc_id},
          {"SubnetIds", join(target.subnet_ids, ",")},
          {"InstanceSecurityGroupId", target.instance_group},
          {"SourceCidr", target.vpc_cidr}};
}

}  // namespace ssmlink::domain
