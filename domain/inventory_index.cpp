#include "domain/inventory_index.hpp"

namespace ssmlink::domain {

namespace {

template <typename T, typename Map>
const T* find(const Map& map, const std::string& id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : it->second;
}

}  // namespace

InventoryIndex::InventoryIndex(const Inventory& inventory) : inventory_(inventory) {
  for (const auto& vpc : inventory.vpcs)
    vpcs_[vpc.id] = &vpc;
  for (const auto& subnet : inventory.subnets)
    subnets_[subnet.id] = &subnet;
  for (const auto& group : inventory.security_groups)
    groups_[group.id] = &group;
  for (const auto& instance : inventory.instances)
    instances_[instance.id] = &instance;
  for (const auto& managed : inventory.managed_instances)
    managed_[managed.instance_id] = &managed;
  for (const auto& service : inventory.endpoint_services)
    services_[service.name] = &service;
  for (const auto& acl : inventory.network_acls) {
    if (acl.is_default) default_acl_by_vpc_[acl.vpc_id] = &acl;
    for (const auto& subnet : acl.subnet_ids)
      acl_by_subnet_[subnet] = &acl;
  }
  for (const auto& table : inventory.route_tables) {
    if (table.main) main_table_by_vpc_[table.vpc_id] = &table;
    for (const auto& subnet : table.subnet_ids)
      table_by_subnet_[subnet] = &table;
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
  return find<InventoryVpc>(vpcs_, id);
}
const InventorySubnet* InventoryIndex::subnet(const std::string& id) const {
  return find<InventorySubnet>(subnets_, id);
}
const InventorySecurityGroup* InventoryIndex::group(const std::string& id) const {
  return find<InventorySecurityGroup>(groups_, id);
}
const InventoryInstance* InventoryIndex::instance(const std::string& id) const {
  return find<InventoryInstance>(instances_, id);
}
const ManagedInstance* InventoryIndex::managed(const std::string& instance_id) const {
  return find<ManagedInstance>(managed_, instance_id);
}
const InventoryEndpointService* InventoryIndex::endpoint_service(const std::string& name) const {
  return find<InventoryEndpointService>(services_, name);
}

const InventoryNetworkAcl* InventoryIndex::acl_for_subnet(const std::string& subnet_id) const {
  if (const auto* acl = find<InventoryNetworkAcl>(acl_by_subnet_, subnet_id)) return acl;
  const InventorySubnet* subnet = this->subnet(subnet_id);
  return subnet ? find<InventoryNetworkAcl>(default_acl_by_vpc_, subnet->vpc_id) : nullptr;
}

const InventoryRouteTable* InventoryIndex::route_table_for_subnet(
    const std::string& subnet_id) const {
  if (const auto* table = find<InventoryRouteTable>(table_by_subnet_, subnet_id)) return table;
  const InventorySubnet* subnet = this->subnet(subnet_id);
  return subnet ? find<InventoryRouteTable>(main_table_by_vpc_, subnet->vpc_id) : nullptr;
}

const std::vector<const InventoryEndpoint*>& InventoryIndex::endpoints_in_vpc(
    const std::string& vpc_id) const {
  static const std::vector<const InventoryEndpoint*> none;
  auto it = endpoints_by_vpc_.find(vpc_id);
  return it == endpoints_by_vpc_.end() ? none : it->second;
}

}  // namespace ssmlink::domain
