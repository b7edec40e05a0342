// Lookups over an Inventory by ID, built once so that checking every instance of a large
// region stays linear: the subnet's ACL and route table, a VPC's endpoints, SSM's record
// of an instance.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/iam_index.hpp"
#include "domain/inventory.hpp"
#include "domain/services.hpp"

namespace ssmlink::domain {

// A read-only map from an ID to the record that has it, the ID viewed in the inventory.
// Open addressing over one array: a lookup touches a slot and the ID's characters, where
// std::unordered_map's node chain costs several cache misses, and with one lookup of
// each kind per instance those misses were a large part of checking a 100,000-instance
// region. A later insert of the same ID replaces the earlier, as map[id] = ... did.
template <typename T>
class IdTable {
 public:
  void insert_or_assign(std::string_view id, const T* record) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    size_t hash = std::hash<std::string_view>{}(id);
    Slot& slot = slots_[position(hash, id)];
    if (!slot.record) ++used_;
    slot = {hash, id, record};
  }

  const T* find(std::string_view id) const {
    if (slots_.empty()) return nullptr;
    return slots_[position(std::hash<std::string_view>{}(id), id)].record;
  }

 private:
  struct Slot {
    size_t hash = 0;
    std::string_view id;
    const T* record = nullptr;  // null: the slot is free
  };

  // Where id is, else the free slot where it would go (linear probing; the table is at
  // most half full, so one is always found).
  size_t position(size_t hash, std::string_view id) const {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (!slot.record || (slot.hash == hash && slot.id == id)) return i;
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{});
    for (const Slot& slot : old) {
      if (slot.record) slots_[position(slot.hash, slot.id)] = slot;
    }
  }

  std::vector<Slot> slots_;  // a power of two in size
  size_t used_ = 0;
};

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
  const IamIndex& iam() const { return iam_; }

 private:
  template <typename T>
  using ById = IdTable<T>;
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
  IamIndex iam_;
};

}  // namespace ssmlink::domain
