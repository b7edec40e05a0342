#include "emulator/organizations/member_accounts.hpp"

#include <memory>

#include "emulator/region_name.hpp"
#include "emulator/scenario.hpp"
#include "util/splitmix.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;

// The plan depends on nothing but the account's place and the region's, so a test can
// know it without asking the emulator.
uint64_t mix(uint64_t a, uint64_t b, uint64_t c = 0) {
  return splitmix64(splitmix64(splitmix64(a) ^ b) ^ c);
}

enum class PathCase { endpoints, no_path, endpoint_group_closed };

PathCase path_case(size_t index, size_t region_index) {
  uint64_t draw = mix(index, region_index, 1) % 8;
  if (draw < 5) return PathCase::endpoints;
  return draw < 7 ? PathCase::no_path : PathCase::endpoint_group_closed;
}

// The second instance of a region with a working path: sometimes without a profile or agent.
std::string instance_blocker(size_t index, size_t region_index, size_t instance) {
  PathCase path = path_case(index, region_index);
  if (path == PathCase::no_path) return kNoPath;
  if (path == PathCase::endpoint_group_closed) return kEndpointGroupClosed;
  if (instance == 0) return "";
  uint64_t draw = mix(index, region_index, 2) % 6;
  if (draw == 0) return kNoInstanceProfile;
  if (draw == 1) return kNoAgent;
  return "";
}

bool opted_in(size_t index, const std::string& region) {
  return !is_opt_in_region(region) || index % 4 != 3;
}

struct RegionIds {
  std::string vpc, subnet_a, subnet_b, instance_group, endpoint_group;
};

RegionIds region_ids(size_t index, size_t region_index) {
  auto id = [&](const char* prefix, uint64_t salt) {
    return format_id(prefix, mix(index, region_index, 100 + salt));
  };
  return {id("vpc", 0), id("subnet", 1), id("subnet", 2), id("sg", 3), id("sg", 4)};
}

json https_rule(const std::string& cidr, const std::string& description) {
  return {{"protocol", "tcp"}, {"port", 443}, {"cidr", cidr}, {"description", description}};
}

json instance_json(const MemberPlan& plan, const PlannedInstance& instance, const RegionIds& ids,
                   size_t number) {
  std::string partition = partition_of(instance.region);
  json item = {{"id", instance.id},
               {"subnet", number == 0 ? ids.subnet_a : ids.subnet_b},
               {"securityGroups", {ids.instance_group}},
               {"ssmAgent", {{"installed", true}, {"version", "3.3.1142.0"}}},
               {"platform", {{"type", "Linux"}, {"name", "Amazon Linux"}, {"version", "2023"}}},
               {"tags", {{"Name", "app-" + std::to_string(number + 1)}}}};
  item["iamInstanceProfile"] = {{"arn", "arn:" + partition + ":iam::" + plan.account_id +
                                            ":instance-profile/SSMInstanceProfile"},
                                {"role", "SSMInstanceRole"}};
  if (instance.blocker == kNoInstanceProfile) item["iamInstanceProfile"] = nullptr;
  if (instance.blocker == kNoAgent) {
    // Red Hat's AMIs come without SSM Agent (the no-agent scenario).
    item["ssmAgent"] = {{"installed", false}};
    item["platform"] = {
        {"type", "Linux"}, {"name", "Red Hat Enterprise Linux"}, {"version", "9.4"}};
  }
  return item;
}

json region_json(const MemberPlan& plan, const std::string& region, size_t region_index) {
  RegionIds ids = region_ids(plan.index, region_index);
  PathCase path = path_case(plan.index, region_index);
  json body;
  body["vpcs"] = {{{"id", ids.vpc},
                   {"cidr", "10.0.0.0/16"},
                   {"enableDnsSupport", true},
                   {"enableDnsHostnames", true},
                   {"tags", {{"Name", "workloads"}}}}};
  body["subnets"] = {{{"id", ids.subnet_a},
                      {"vpc", ids.vpc},
                      {"availabilityZone", region + "a"},
                      {"cidr", "10.0.1.0/24"}},
                     {{"id", ids.subnet_b},
                      {"vpc", ids.vpc},
                      {"availabilityZone", region + "b"},
                      {"cidr", "10.0.2.0/24"}}};
  json endpoint_ingress = json::array();
  if (path != PathCase::endpoint_group_closed)
    endpoint_ingress.push_back(https_rule("10.0.0.0/16", "HTTPS from the VPC"));
  body["securityGroups"] = {{{"id", ids.instance_group},
                             {"vpc", ids.vpc},
                             {"name", "app"},
                             {"description", "the instances: HTTPS out"},
                             {"ingress", json::array()},
                             {"egress", {https_rule("0.0.0.0/0", "HTTPS out")}}},
                            {{"id", ids.endpoint_group},
                             {"vpc", ids.vpc},
                             {"name", "endpoints"},
                             {"description", "interface endpoints"},
                             {"ingress", endpoint_ingress}}};
  body["vpcEndpoints"] = json::array();
  if (path != PathCase::no_path) {
    uint64_t salt = 200;
    for (const char* service : {"ssm", "ssmmessages", "ec2messages"}) {
      body["vpcEndpoints"].push_back(
          {{"id", format_id("vpce", mix(plan.index, region_index, salt++))},
           {"type", "Interface"},
           {"vpc", ids.vpc},
           {"service", service},
           {"subnets", {ids.subnet_a, ids.subnet_b}},
           {"securityGroups", {ids.endpoint_group}},
           {"privateDns", true}});
    }
  }
  body["instances"] = json::array();
  size_t number = 0;
  for (const auto& instance : plan.instances) {
    if (instance.region == region)
      body["instances"].push_back(instance_json(plan, instance, ids, number++));
  }
  return body;
}

json trust_of_management(const Organization& organization, const std::string& partition) {
  return {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Allow"},
         {"Principal",
          {{"AWS", "arn:" + partition + ":iam::" + organization.management_account_id + ":root"}}},
         {"Action", "sts:AssumeRole"}}}}};
}

}  // namespace

MemberPlan plan_member(const Organization& organization, size_t index) {
  MemberPlan plan;
  plan.account_id = organization.accounts.at(index).id;
  plan.index = index;
  plan.role_missing = index % 23 == 5;
  plan.throttle_rate = index % 37 == 9 ? 0.3 : 0;
  for (size_t r = 0; r < organization.member_regions.size(); ++r) {
    const std::string& region = organization.member_regions[r];
    if (!opted_in(index, region)) continue;
    if (is_opt_in_region(region)) plan.opted_in.push_back(region);
    for (size_t i = 0; i < 2; ++i) {
      plan.instances.push_back(
          {format_id("i", mix(index, r, 10 + i)), region, instance_blocker(index, r, i)});
    }
  }
  return plan;
}

json member_scenario(const Organization& organization, const MemberPlan& plan) {
  std::string home_partition = partition_of(
      organization.member_regions.empty() ? "us-east-1" : organization.member_regions[0]);
  json scenario;
  scenario["description"] = "member account " + plan.account_id + " of " + organization.id;
  scenario["account"] = {{"id", plan.account_id}, {"accessKeys", json::array()}};
  json roles = json::array();
  if (!plan.role_missing) {
    roles.push_back({{"name", kOrganizationRole},
                     {"trust", trust_of_management(organization, home_partition)},
                     {"managedPolicies", {"AdministratorAccess"}}});
  }
  scenario["iam"] = {{"roles", roles}};
  scenario["regions"] = json::object();
  for (size_t r = 0; r < organization.member_regions.size(); ++r) {
    const std::string& region = organization.member_regions[r];
    if (opted_in(plan.index, region)) scenario["regions"][region] = region_json(plan, region, r);
  }
  return scenario;
}

World* member_world(World& root, const std::string& account_id, TimePoint now) {
  if (!root.organization) return nullptr;
  auto index = root.organization->index_of(account_id);
  if (!index || *index == 0) return nullptr;
  std::unique_ptr<World>& slot = root.members[account_id];
  if (slot) return slot.get();
  MemberPlan plan = plan_member(*root.organization, *index);
  auto world = std::make_unique<World>();
  world->random.seed(mix(*index, 7));
  world->timings = root.timings;
  load_scenario(*world, member_scenario(*root.organization, plan), now);
  world->home = &root;
  world->opted_in_regions.emplace(plan.opted_in.begin(), plan.opted_in.end());
  world->throttle_rate = plan.throttle_rate;
  world->throttle_random.seed(mix(*index, 8));
  slot = std::move(world);
  return slot.get();
}

}  // namespace ssmlink::emulator
