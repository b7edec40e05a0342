#include "emulator/iam/managed_policies.hpp"

#include <nlohmann/json.hpp>

#include "emulator/iam/iam_lookup.hpp"
#include "util/embedded.hpp"

namespace ssmlink::emulator {

namespace {

std::vector<AwsManagedPolicy> load() {
  std::vector<AwsManagedPolicy> out;
  auto data = nlohmann::json::parse(embedded::aws_managed_policies);
  for (const auto& [name, item] : data.items()) {
    AwsManagedPolicy policy;
    policy.name = name;
    policy.arn = item.at("Arn").get<std::string>();
    std::string tail = policy.arn.substr(policy.arn.find(":policy") + 7);  // "/path/NAME"
    policy.path = tail.substr(0, tail.rfind('/') + 1);
    policy.id = iam_unique_id("ANPA", policy.arn);
    policy.default_version = item.at("DefaultVersionId").get<std::string>();
    policy.document = item.at("Document").dump();
    policy.update_date = item.value("UpdateDate", "2015-02-06T18:39:46+00:00");
    out.push_back(std::move(policy));
  }
  return out;
}

}  // namespace

const std::vector<AwsManagedPolicy>& aws_managed_policies() {
  static const std::vector<AwsManagedPolicy> policies = load();
  return policies;
}

const AwsManagedPolicy* find_aws_managed_policy(std::string_view name_or_arn) {
  for (const auto& policy : aws_managed_policies()) {
    if (policy.name == name_or_arn || policy.arn == name_or_arn) return &policy;
  }
  return nullptr;
}

}  // namespace ssmlink::emulator
