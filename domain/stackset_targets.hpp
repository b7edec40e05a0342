// Where `up --stackset` deploys: the VPCs an Organization audit found whose instances the
// endpoints alone would make reachable, and what each stack instance is given.
//
// One StackSet template serves every VPC, so what differs per VPC goes in as parameter
// overrides: the VPC, the endpoints' subnets, and who may reach them on 443: a security
// group every blocked instance of the VPC has (least privilege, as `up`), or, when they
// share none, the VPC's CIDR (what AWS's endpoint guide admits; a template cannot declare
// a different number of groups per account). Either way the group lets in nothing but
// HTTPS and lets nothing out.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/diagnosis.hpp"
#include "domain/inventory_index.hpp"
#include "domain/plan.hpp"

namespace ssmlink::domain {

struct VpcDeployment {
  std::string vpc_id;
  std::string vpc_cidr;
  std::vector<std::string> subnet_ids;    // one per Availability Zone
  std::vector<std::string> instance_ids;  // the blocked instances the endpoints fix
  std::string instance_group;             // a group they all have; empty: none
};

// Collects, instance by instance, the VPCs to deploy to. A VPC qualifies when an instance
// in it has an error, nothing but the endpoints blocks it (any_blocking_after_up), and
// none of the wanted endpoints exists there yet (partial sets are `ssmlink up`'s job in
// that account: the StackSet template creates all of them).
class DeploymentCollector {
 public:
  DeploymentCollector(const InventoryIndex& index, std::vector<Service> wanted);
  void add(const Diagnosis& diagnosis);
  std::vector<VpcDeployment> take();  // in the order the VPCs were first seen

 private:
  void keep_shared_groups(const std::string& vpc_id, const std::string& instance_id, bool first);
  const InventoryIndex& index_;
  std::vector<Service> wanted_;
  std::vector<VpcDeployment> deployments_;
  std::map<std::string, std::vector<std::string>> zones_;          // VPC -> AZs of its subnets
  std::map<std::string, std::vector<std::string>> shared_groups_;  // VPC -> groups all have
};

// The StackSet's template plan: parameters (VpcId, SubnetIds, InstanceSecurityGroupId,
// SourceCidr) without defaults, the wanted services, least-privilege group.
Plan stackset_plan(const std::vector<Service>& services);

// VpcId, SubnetIds, InstanceSecurityGroupId, SourceCidr: one stack instance's
// ParameterOverrides.
std::vector<std::pair<std::string, std::string>> stackset_overrides(const VpcDeployment& target);

}  // namespace ssmlink::domain
