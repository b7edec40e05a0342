#include "domain/inventory_index.hpp"

namespace ssmlink::domain {

InventoryIndex::InventoryIndex(const Inventory& inventory)
    : inventory_(inventory), iam_(inventory) {
  for (const auto& vpc : inventory.vpcs)
    vpcs_.insert_or_assign(vpc.id, &vpc);
  for (const auto& subnet : inventory.subnets)
    subnets_.insert_or_assign(subnet.id, &subnet);
  for (const auto& group : inventory.security_groups)
    groups_.insert_or_assign(group.id, &group);
  for (const auto& instance : inventory.instances)
    instances_.insert_or_assign(instance.id, &instance);
  for (const auto& managed : inventory.managed_instances)
    managed_.insert_or_assign(managed.instance_id, &managed);
  for (const auto& service : inventory.endpoint_services)
    services_.insert_or_assign(service.name, &service);
  for (const auto& acl : inventory.network_acls) {
    if (acl.is_default) default_acl_by_vpc_.insert_or_assign(acl.vpc_id, &acl);
    for (const auto& subnet : acl.subnet_ids)
      acl_by_subnet_.insert_or_assign(subnet, &acl);
  }
  for (const auto& table : inventory.route_tables) {
    if (table.main) main_table_by_vpc_.insert_or_assign(table.vpc_id, &table);
    for (const auto& subnet : table.subnet_ids)
      table_by_subnet_.insert_or_assign(subnet, &table);
  }
  for (const auto& endpoint : inventory.endpoints) {
    endpoints_by_vpc_[endpoint.vpc_id].push_back(&endpoint);
  }
  for (const auto& entry : service_catalogue()) {
    size_t slot = static_cast<size_t>(entry.service);
    if (service_names_.size() <= slot) service_names_.resize(slot + 1);
    service_names_[slot] = domain::service_name(entry.service, inventory.region);
  }
}

const std::string& InventoryIndex::service_name(Service service) const {
  return service_names_.at(static_cast<size_t>(service));
}

const InventoryVpc* InventoryIndex::vpc(const std::string& id) const {
  return vpcs_.find(id);
}
const InventorySubnet* InventoryIndex::subnet(const std::string& id) const {
  return subnets_.find(id);
}
const InventorySecurityGroup* InventoryIndex::group(const std::string& id) const {
  return groups_.find(id);
}
const InventoryInstance* InventoryIndex::instance(const std::string& id) const {
  return instances_.find(id);
}
const ManagedInstance* InventoryIndex::managed(const std::string& instance_id) const {
  return managed_.find(instance_id);
}
const InventoryEndpointService* InventoryIndex::endpoint_service(const std::string& name) const {
  return services_.find(name);
}

const InventoryNetworkAcl* InventoryIndex::acl_for_subnet(const std::string& subnet_id) const {
  if (const auto* acl = acl_by_subnet_.find(subnet_id)) return acl;
  const InventorySubnet* subnet = this->subnet(subnet_id);
  return subnet ? default_acl_by_vpc_.find(subnet->vpc_id) : nullptr;
}

const InventoryRouteTable* InventoryIndex::route_table_for_subnet(
    const std::string& subnet_id) const {
  if (const auto* table = table_by_subnet_.find(subnet_id)) return table;
  const InventorySubnet* subnet = this->subnet(subnet_id);
  return subnet ? main_table_by_vpc_.find(subnet->vpc_id) : nullptr;
}

const std::vector<const InventoryEndpoint*>& InventoryIndex::endpoints_in_vpc(
    const std::string& vpc_id) const {
  static const std::vector<const InventoryEndpoint*> none;
  auto it = endpoints_by_vpc_.find(vpc_id);
  return it == endpoints_by_vpc_.end() ? none : it->second;
}

}  // namespace ssmlink::domain
