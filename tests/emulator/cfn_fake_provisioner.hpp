// Test double for the CloudFormation engine's EC2 side: records every call, hands out
// seeded IDs, keeps what exists, and fails the calls a test asks it to fail (by the
// resource's logical ID, which CloudFormation puts in the aws:cloudformation:logical-id
// tag, or by the rule's description for rules, which carry no tags).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "emulator/cloudformation/cfn_resources.hpp"
#include "emulator/cloudformation/cfn_stack.hpp"

namespace ssmlink::emulator::testing {

inline std::string logical_id_tag(const Tags& tags) {
  for (const auto& [key, value] : tags) {
    if (key == "aws:cloudformation:logical-id") return value;
  }
  return "";
}

class FakeProvisioner final : public ResourceProvisioner {
 public:
  explicit FakeProvisioner(World& world) : world_(world) {}

  // Set these (with world.mutex held once the engine runs).
  std::map<std::string, Ec2Failure> fail_create;  // logical ID or rule description -> failure
  std::map<std::string, Ec2Failure> fail_delete;  // logical ID -> failure

  // What happened, in order: "create-sg NAME", "create-rule GROUP", "create-endpoint
  // SERVICE", "ready ID", "delete-sg ID", "delete-rule ID", "delete-endpoint ID".
  std::vector<std::string> calls;
  std::map<std::string, SecurityGroupSpec> groups;     // by ID
  std::map<std::string, SecurityGroupRuleSpec> rules;  // by ID
  std::map<std::string, VpcEndpointSpec> endpoints;    // by ID
  std::map<std::string, std::string> logical_ids;      // physical ID -> logical ID
  std::set<std::string> live;                          // created and not deleted
  std::set<std::string> ready;                         // endpoints made available

  Ec2Result<CreatedResource> create_security_group(const std::string&,
                                                   const SecurityGroupSpec& spec,
                                                   TimePoint) override {
    calls.push_back("create-sg " + spec.name);
    if (auto failure = failing(fail_create, logical_id_tag(spec.tags))) return *failure;
    std::string id = world_.new_id("sg");
    groups[id] = spec;
    remember(id, logical_id_tag(spec.tags));
    return CreatedResource{id, {{"GroupId", id}, {"VpcId", spec.vpc_id}}};
  }

  Ec2Result<CreatedResource> create_security_group_rule(const std::string&,
                                                        const SecurityGroupRuleSpec& spec,
                                                        TimePoint) override {
    calls.push_back("create-rule " + spec.group_id);
    if (auto failure = failing(fail_create, spec.rule.description)) return *failure;
    if (!live.contains(spec.group_id) && !spec.group_id.starts_with("sg-0")) {
      return std::unexpected(Ec2Failure{"InvalidGroup.NotFound",
                                        "The security group '" + spec.group_id + "' does not exist",
                                        400});
    }
    std::string id = world_.new_id("sgr");
    rules[id] = spec;
    remember(id, spec.rule.description);
    return CreatedResource{id, {{"Id", id}}};
  }

  Ec2Result<CreatedResource> create_vpc_endpoint(const std::string&, const VpcEndpointSpec& spec,
                                                 TimePoint now) override {
    calls.push_back("create-endpoint " + spec.service_name);
    if (auto failure = failing(fail_create, logical_id_tag(spec.tags))) return *failure;
    std::string id = world_.new_id("vpce");
    endpoints[id] = spec;
    remember(id, logical_id_tag(spec.tags));
    return CreatedResource{
        id,
        {{"Id", id},
         {"CreationTimestamp", format_timestamp(now)},
         {"DnsEntries", nlohmann::json::array({"Z1:" + id + ".example"})},
         {"NetworkInterfaceIds", nlohmann::json::array({"eni-" + id.substr(5)})}}};
  }

  void vpc_endpoint_ready(const std::string&, const std::string& id, TimePoint) override {
    calls.push_back("ready " + id);
    ready.insert(id);
  }

  Ec2Result<void> delete_security_group(const std::string&, const std::string& id,
                                        TimePoint) override {
    return remove("delete-sg", id);
  }
  Ec2Result<void> delete_security_group_rule(const std::string&, const std::string&,
                                             const std::string& id, TimePoint) override {
    return remove("delete-rule", id);
  }
  Ec2Result<void> delete_vpc_endpoint(const std::string&, const std::string& id,
                                      TimePoint) override {
    return remove("delete-endpoint", id);
  }

  // The physical ID the fake gave a logical ID ("" if none).
  std::string physical_id_of(const std::string& logical_id) const {
    for (const auto& [physical, logical] : logical_ids) {
      if (logical == logical_id) return physical;
    }
    return "";
  }

 private:
  static std::optional<std::unexpected<Ec2Failure>> failing(
      const std::map<std::string, Ec2Failure>& failures, const std::string& key) {
    auto it = failures.find(key);
    if (key.empty() || it == failures.end()) return std::nullopt;
    return std::unexpected(it->second);
  }

  void remember(const std::string& id, const std::string& logical_id) {
    live.insert(id);
    logical_ids[id] = logical_id;
  }

  Ec2Result<void> remove(const std::string& what, const std::string& id) {
    calls.push_back(what + " " + id);
    if (auto failure = failing(fail_delete, logical_ids[id])) return *failure;
    live.erase(id);
    return {};
  }

  World& world_;
};

}  // namespace ssmlink::emulator::testing
