// IAM facts by name, each role's policies parsed once and its answers remembered, so that
// doctor --all judges a role that 100,000 instances share once, not 100,000 times.
// Not thread-safe (the answers are cached on first use), like the checks that use it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/iam_policy.hpp"
#include "domain/inventory.hpp"

namespace ssmlink::domain {

// A role's policies as the evaluator needs them, and what kept any of them from it.
struct RolePolicies {
  PrincipalPolicies policies;
  // One line per policy that could not be read or parsed ("inline policy x: ..."): an
  // answer without it cannot be trusted unless some other policy denies outright.
  std::vector<std::string> problems;
};

class IamIndex {
 public:
  explicit IamIndex(const Inventory& inventory);

  const InventoryInstanceProfile* profile(std::string_view arn) const;
  // By name, without the path: "service-role/X" and "X" both find X.
  const InventoryRole* role(std::string_view name) const;
  const InventoryManagedPolicy* policy(std::string_view arn) const;

  const RolePolicies& policies_of(const InventoryRole& role) const;
  Evaluation evaluate(const InventoryRole& role, const std::string& action,
                      const std::string& resource) const;
  Evaluation trust(const InventoryRole& role, const std::string& service) const;

  // The first of `actions` the role may not call on any resource ("*"), with its answer;
  // none: every one is allowed. `actions` must outlive the index: its address is part of
  // the key, so that checking 100,000 instances costs one lookup each.
  struct Refusal {
    std::string action;
    Evaluation evaluation;
  };
  const std::optional<Refusal>& first_refused(const InventoryRole& role,
                                              const std::vector<std::string>& actions) const;

 private:
  RolePolicies parse_role(const InventoryRole& role) const;

  std::unordered_map<std::string_view, const InventoryInstanceProfile*> profiles_;
  std::unordered_map<std::string_view, const InventoryRole*> roles_;
  std::unordered_map<std::string_view, const InventoryManagedPolicy*> policies_;
  mutable std::unordered_map<const InventoryRole*, RolePolicies> parsed_;
  mutable std::unordered_map<std::string, Evaluation> answers_;
  mutable std::map<std::pair<const InventoryRole*, std::string>, Evaluation> trusts_;
  mutable std::map<std::pair<const InventoryRole*, const void*>, std::optional<Refusal>> refusals_;
};

// The name of a role or profile without its path: "service-role/X" -> "X"; and an ARN's
// last segment: "arn:aws:iam::1:instance-profile/a/b" -> "b".
std::string_view iam_name(std::string_view path_or_arn);

}  // namespace ssmlink::domain
