#include "domain/iam_index.hpp"

namespace ssmlink::domain {

std::string_view iam_name(std::string_view path_or_arn) {
  size_t slash = path_or_arn.rfind('/');
  return slash == std::string_view::npos ? path_or_arn : path_or_arn.substr(slash + 1);
}

IamIndex::IamIndex(const Inventory& inventory) {
  for (const auto& profile : inventory.instance_profiles)
    profiles_.insert_or_assign(profile.arn, &profile);
  for (const auto& role : inventory.roles)
    roles_.insert_or_assign(role.name, &role);
  for (const auto& policy : inventory.managed_policies)
    policies_.insert_or_assign(policy.arn, &policy);
}

const InventoryInstanceProfile* IamIndex::profile(std::string_view arn) const {
  auto found = profiles_.find(arn);
  return found == profiles_.end() ? nullptr : found->second;
}

const InventoryRole* IamIndex::role(std::string_view name) const {
  auto found = roles_.find(iam_name(name));
  return found == roles_.end() ? nullptr : found->second;
}

const InventoryManagedPolicy* IamIndex::policy(std::string_view arn) const {
  auto found = policies_.find(arn);
  return found == policies_.end() ? nullptr : found->second;
}

RolePolicies IamIndex::parse_role(const InventoryRole& role) const {
  RolePolicies result;
  auto managed = [&](const std::string& arn) -> std::optional<NamedPolicy> {
    const InventoryManagedPolicy* policy = this->policy(arn);
    if (!policy) {
      result.problems.push_back(arn + ": not read");
      return std::nullopt;
    }
    if (policy->error) {
      result.problems.push_back(arn + ": " + *policy->error);
      return std::nullopt;
    }
    auto document = parse_policy(policy->document);
    if (!document) {
      result.problems.push_back(arn + ": " + document.error().message);
      return std::nullopt;
    }
    return NamedPolicy{arn, std::move(*document)};
  };
  for (const auto& arn : role.attached_policy_arns) {
    if (auto named = managed(arn)) result.policies.identity.push_back(std::move(*named));
  }
  for (const auto& inline_policy : role.inline_policies) {
    std::string name = "inline policy " + inline_policy.name;
    auto document = parse_policy(inline_policy.document);
    if (!document) {
      result.problems.push_back(name + ": " + document.error().message);
      continue;
    }
    result.policies.identity.push_back({name, std::move(*document)});
  }
  if (role.permissions_boundary_arn) {
    result.policies.boundary = managed(*role.permissions_boundary_arn);
    // An unreadable boundary still limits the role: evaluate with one that allows
    // nothing known, so that no answer is "allowed" (the problem makes it "cannot tell").
    if (!result.policies.boundary) {
      result.policies.boundary = NamedPolicy{*role.permissions_boundary_arn, {}};
    }
  }
  return result;
}

const RolePolicies& IamIndex::policies_of(const InventoryRole& role) const {
  auto found = parsed_.find(&role);
  if (found == parsed_.end()) found = parsed_.emplace(&role, parse_role(role)).first;
  return found->second;
}

Evaluation IamIndex::evaluate(const InventoryRole& role, const std::string& action,
                              const std::string& resource) const {
  std::string key = role.name + '\n' + action + '\n' + resource;
  auto found = answers_.find(key);
  if (found != answers_.end()) return found->second;
  Evaluation answer = domain::evaluate(policies_of(role).policies, action, resource);
  answers_.emplace(std::move(key), answer);
  return answer;
}

Evaluation IamIndex::trust(const InventoryRole& role, const std::string& service) const {
  auto key = std::make_pair(&role, service);
  auto found = trusts_.find(key);
  if (found != trusts_.end()) return found->second;
  auto document = parse_policy(role.trust_policy);
  Evaluation answer = document ? trust_allows(*document, service)
                               : Evaluation{Decision::CannotTell, "the trust policy", "", false};
  trusts_.emplace(std::move(key), answer);
  return answer;
}

const std::optional<IamIndex::Refusal>& IamIndex::first_refused(
    const InventoryRole& role, const std::vector<std::string>& actions) const {
  auto key = std::make_pair(&role, static_cast<const void*>(&actions));
  auto found = refusals_.find(key);
  if (found != refusals_.end()) return found->second;
  std::optional<Refusal> refusal;
  for (const auto& action : actions) {
    Evaluation answer = domain::evaluate(policies_of(role).policies, action, "*");
    if (answer.decision != Decision::Allowed) {
      refusal = Refusal{action, answer};
      break;
    }
  }
  return refusals_.emplace(key, std::move(refusal)).first->second;
}

}  // namespace ssmlink::domain
