// Lookups over an Inventory by ID, built once so that checking every instance of a large
// region stays linear: the subnet's ACL and route table, a VPC's endpoints, SSM's record
// of an instance.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/inventory.hpp"
#include "domain/services.hpp"

namespace ssmlink::domain {

class InventoryIndex {
 public:
  explicit InventoryIndex(const Inventory& inventory);

  const Inventory& inventory() const { return inventory_; }
  const InventoryVpc* vpc(const std::string& id) const;
  const InventorySubnet* subnet(const std::string& id) const;
  const InventorySecurityGroup* group(const std::string& id) const;
  const InventoryInstance* instance(const std::string& id) const;
  const ManagedInstance* managed(const std::string& instance_id) const;
  const InventoryEndpointService* endpoint_service(const std::string& name) const;
  // The ACL associated with the subnet, else its VPC's default ACL.
  const InventoryNetworkAcl* acl_for_subnet(const std::string& subnet_id) const;
  // The route table associated with the subnet, else its VPC's main table.
  const InventoryRouteTable* route_table_for_subnet(const std::string& subnet_id) const;
  const std::vector<const InventoryEndpoint*>& endpoints_in_vpc(const std::string& vpc_id) const;
  // The endpoint service name of a service in the inventory's region, made once.
  const std::string& service_name(Service service) const;

 private:
  template <typename T>
  using ById = std::unordered_map<std::string, const T*>;
  const Inventory& inventory_;
  ById<InventoryVpc> vpcs_;
  ById<InventorySubnet> subnets_;
  ById<InventorySecurityGroup> groups_;
  ById<InventoryInstance> instances_;
  ById<ManagedInstance> managed_;
  ById<InventoryEndpointService> services_;
  ById<InventoryNetworkAcl> acl_by_subnet_;
  ById<InventoryNetworkAcl> default_acl_by_vpc_;
  ById<InventoryRouteTable> table_by_subnet_;
  ById<InventoryRouteTable> main_table_by_vpc_;
  std::unordered_map<std::string, std::vector<const InventoryEndpoint*>> endpoints_by_vpc_;
  std::vector<std::string> service_names_;  // by Service
};

}  // namespace ssmlink::domain
