#include "domain/inventory.hpp"

namespace ssmlink::domain {

const Unreadable* Inventory::failed(const std::string& call) const {
  for (const auto& failure : unreadable) {
    if (failure.call == call) return &failure;
  }
  return nullptr;
}

}  // namespace ssmlink::domain
