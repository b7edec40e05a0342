// parse_snapshot: the JSON read (snapshot_reader.cpp), then what only the whole file can
// say: IDs are unique in each list and references resolve, so that InventoryIndex finds
// what the snapshot claims, as it would live.
#include "domain/snapshot.hpp"

#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "domain/ids.hpp"
#include "domain/snapshot_reader.hpp"
#include "util/json_text.hpp"

namespace ssmlink::domain {

namespace {

// A list's positions by ID.
using Positions = std::unordered_map<std::string_view, size_t>;

std::string path(std::string_view list, size_t position, std::string_view key) {
  return std::string(list) + "[" + std::to_string(position) + "]." + std::string(key);
}

// The positions of the list's elements by the ID `id_of` gives; an empty or repeated ID
// is refused.
template <typename Element, typename IdOf>
Result<Positions> positions_by_id(const std::vector<Element>& list, std::string_view name,
                                  std::string_view key, IdOf id_of) {
  Positions positions;
  positions.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string& id = id_of(list[i]);
    if (id.empty()) return fail(path(name, i, key) + ": \"\" is empty (expected an ID)");
    auto [first, added] = positions.emplace(id, i);
    if (!added) {
      return fail(path(name, i, key) + ": " + json_quoted(id) + " is also " +
                  path(name, first->second, key) + " (expected each ID once)");
    }
  }
  return positions;
}

// A reference to another list's element (`key` of list[position]): none (empty), found,
// or excused because the call that lists them failed (the live Inventory would lack them
// just the same).
struct Reference {
  std::string_view list;
  size_t position;
  std::string_view key;
};
std::optional<std::string> dangling(const std::string& id, const Reference& from,
                                    const Positions& targets, std::string_view target_list,
                                    bool targets_unreadable) {
  if (id.empty() || targets_unreadable || targets.contains(id)) return std::nullopt;
  return path(from.list, from.position, from.key) + ": " + json_quoted(id) + " is not in \"" +
         std::string(target_list) + "\" (expected the ID of one of the snapshot's " +
         std::string(target_list) + ")";
}

// S3 and DynamoDB are offered as both Interface and Gateway services under one name.
std::optional<std::string> repeated_service(const std::vector<InventoryEndpointService>& services) {
  std::map<std::pair<std::string_view, std::string_view>, size_t> positions;
  for (size_t i = 0; i < services.size(); ++i) {
    const auto& service = services[i];
    std::pair<std::string_view, std::string_view> key{service.name, service.type};
    auto [first, added] = positions.emplace(key, i);
    if (!added) {
      return path("endpoint_services", i, "name") + ": " + json_quoted(service.name) + " (" +
             json_quoted(service.type) + ") is also " +
             path("endpoint_services", first->second, "name") +
             " (expected each service and type once)";
    }
  }
  return std::nullopt;
}

// VPC and subnet CIDRs are what every path judgement measures against: a malformed one
// ("10.0.1.0/99") is a broken snapshot, not a fact to diagnose from.
std::optional<std::string> bad_cidr(const std::string& cidr, std::string_view list, size_t i) {
  if (cidr.empty()) return std::nullopt;
  if (auto parsed = parse_cidr(cidr); !parsed)
    return path(list, i, "cidr") + ": " + parsed.error().message;
  return std::nullopt;
}

std::optional<std::string> integrity_problem(const Inventory& inventory) {
  for (size_t i = 0; i < inventory.vpcs.size(); ++i) {
    if (auto problem = bad_cidr(inventory.vpcs[i].cidr, "vpcs", i)) return problem;
  }
  for (size_t i = 0; i < inventory.subnets.size(); ++i) {
    if (auto problem = bad_cidr(inventory.subnets[i].cidr, "subnets", i)) return problem;
  }
  auto id = [](const auto& element) -> const std::string& { return element.id; };
  auto vpcs = positions_by_id(inventory.vpcs, "vpcs", "id", id);
  if (!vpcs) return vpcs.error().message;
  auto subnets = positions_by_id(inventory.subnets, "subnets", "id", id);
  if (!subnets) return subnets.error().message;
  bool vpcs_unreadable = inventory.failed("ec2:DescribeVpcs") != nullptr;
  bool subnets_unreadable = inventory.failed("ec2:DescribeSubnets") != nullptr;
  for (size_t i = 0; i < inventory.subnets.size(); ++i) {
    if (auto problem = dangling(inventory.subnets[i].vpc_id, {"subnets", i, "vpc_id"}, *vpcs,
                                "vpcs", vpcs_unreadable)) {
      return problem;
    }
  }
  if (auto groups = positions_by_id(inventory.security_groups, "security_groups", "id", id);
      !groups) {
    return groups.error().message;
  }
  if (auto acls = positions_by_id(inventory.network_acls, "network_acls", "id", id); !acls) {
    return acls.error().message;
  }
  if (auto tables = positions_by_id(inventory.route_tables, "route_tables", "id", id); !tables) {
    return tables.error().message;
  }
  if (auto endpoints = positions_by_id(inventory.endpoints, "endpoints", "id", id); !endpoints) {
    return endpoints.error().message;
  }
  if (auto problem = repeated_service(inventory.endpoint_services)) return problem;
  auto instances = positions_by_id(inventory.instances, "instances", "id", id);
  if (!instances) return instances.error().message;
  for (size_t i = 0; i < inventory.instances.size(); ++i) {
    const InventoryInstance& instance = inventory.instances[i];
    if (auto problem =
            dangling(instance.vpc_id, {"instances", i, "vpc_id"}, *vpcs, "vpcs", vpcs_unreadable)) {
      return problem;
    }
    if (auto problem = dangling(instance.subnet_id, {"instances", i, "subnet_id"}, *subnets,
                                "subnets", subnets_unreadable)) {
      return problem;
    }
  }
  auto managed =
      positions_by_id(inventory.managed_instances, "managed_instances", "instance_id",
                      [](const ManagedInstance& m) -> const std::string& { return m.instance_id; });
  if (!managed) return managed.error().message;
  return std::nullopt;
}

}  // namespace

Result<Snapshot> parse_snapshot(std::string_view text) {
  auto snapshot = read_snapshot_json(text);
  if (!snapshot) return snapshot;
  if (auto problem = integrity_problem(snapshot->inventory)) return fail(*problem);
  return snapshot;
}

}  // namespace ssmlink::domain
