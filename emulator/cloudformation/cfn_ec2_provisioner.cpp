// The production ResourceProvisioner: CloudFormation's EC2 changes made through
// ec2_resources.hpp (EC2's validation and messages), each followed by
// World::network_changed so SSM re-judges every instance's path.
#include <cctype>
#include <nlohmann/json.hpp>

#include "emulator/cloudformation/cfn_resources.hpp"
#include "emulator/cloudformation/cfn_stack.hpp"
#include "util/crypto.hpp"

namespace ssmlink::emulator {

namespace {

using Json = nlohmann::json;

// The short service name of an endpoint service: com.amazonaws.us-east-1.ssm -> ssm.
std::string service_short_name(const std::string& service_name, const std::string& region) {
  std::string marker = "." + region + ".";
  size_t at = service_name.find(marker);
  return at == std::string::npos ? service_name : service_name.substr(at + marker.size());
}

std::string to_upper_hex(std::string hex) {
  for (char& c : hex)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hex;
}

// Fn::GetAtt DnsEntries reads "HOSTEDZONEID:DNSNAME" per entry: the regional name first,
// then one per Availability Zone (AWS::EC2::VPCEndpoint return values). The names are
// derived from the endpoint ID so they stay stable.
Json dns_entries(const RegionState& region, const VpcEndpoint& endpoint) {
  Json entries = Json::array();
  if (endpoint.type != "Interface") return entries;
  std::string suffix = region.name.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  std::string zone = region.name == "us-east-1"
                         ? "Z7HUB22UULQXV"
                         : "Z" + to_upper_hex(sha256_hex(region.name)).substr(0, 12);
  std::string host = endpoint.id + "-" + sha256_hex(endpoint.id).substr(0, 8);
  std::string service = service_short_name(endpoint.service_name, region.name);
  std::string tail = "." + service + "." + region.name + ".vpce." + suffix;
  entries.push_back(zone + ":" + host + tail);
  for (const auto& subnet_id : endpoint.subnet_ids) {
    auto subnet = region.subnets.find(subnet_id);
    if (subnet == region.subnets.end()) continue;
    entries.push_back(zone + ":" + host + "-" + subnet->second.availability_zone + tail);
  }
  return entries;
}

Json network_interface_ids(const VpcEndpoint& endpoint) {
  Json ids = Json::array();
  if (endpoint.type != "Interface") return ids;
  for (const auto& subnet_id : endpoint.subnet_ids) {
    ids.push_back("eni-" + sha256_hex(endpoint.id + subnet_id).substr(0, 17));
  }
  return ids;
}

class Ec2Provisioner final : public ResourceProvisioner {
 public:
  explicit Ec2Provisioner(World& world) : world_(world) {}

  Ec2Result<CreatedResource> create_security_group(const std::string& region,
                                                   const SecurityGroupSpec& spec,
                                                   TimePoint now) override {
    RegionState& state = world_.region(region);
    auto id = ::ssmlink::emulator::create_security_group(world_, state, spec);
    if (!id) return std::unexpected(id.error());
    world_.network_changed(now);
    const SecurityGroup& group = state.security_groups.at(*id);
    return CreatedResource{*id, {{"GroupId", *id}, {"VpcId", group.vpc_id}}};
  }

  Ec2Result<CreatedResource> create_security_group_rule(const std::string& region,
                                                        const SecurityGroupRuleSpec& spec,
                                                        TimePoint now) override {
    RegionState& state = world_.region(region);
    std::string group_id = spec.group_id;
    if (group_id.empty()) {
      for (const auto& [id, group] : state.security_groups) {
        if (group.name == spec.group_name) group_id = id;
      }
      if (group_id.empty()) {
        return std::unexpected(
            Ec2Failure{"InvalidGroup.NotFound",
                       "The security group '" + spec.group_name + "' does not exist", 400});
      }
    }
    auto rule_id = add_security_group_rule(world_, state, group_id, spec.egress, spec.rule);
    if (!rule_id) return std::unexpected(rule_id.error());
    world_.network_changed(now);
    return CreatedResource{*rule_id, {{"Id", *rule_id}}};
  }

  Ec2Result<CreatedResource> create_vpc_endpoint(const std::string& region,
                                                 const VpcEndpointSpec& spec,
                                                 TimePoint now) override {
    RegionState& state = world_.region(region);
    auto id = ::ssmlink::emulator::create_vpc_endpoint(world_, state, spec, now);
    if (!id) return std::unexpected(id.error());
    world_.network_changed(now);
    const VpcEndpoint& endpoint = state.vpc_endpoints.at(*id);
    return CreatedResource{*id,
                           {{"Id", *id},
                            {"CreationTimestamp", format_timestamp(endpoint.created)},
                            {"DnsEntries", dns_entries(state, endpoint)},
                            {"NetworkInterfaceIds", network_interface_ids(endpoint)}}};
  }

  void vpc_endpoint_ready(const std::string& region, const std::string& endpoint_id,
                          TimePoint now) override {
    set_vpc_endpoint_state(world_.region(region), endpoint_id, "available");
    world_.network_changed(now);
  }

  Ec2Result<void> delete_security_group(const std::string& region, const std::string& group_id,
                                        TimePoint now) override {
    auto deleted = ::ssmlink::emulator::delete_security_group(world_.region(region), group_id);
    if (deleted) world_.network_changed(now);
    return deleted;
  }

  Ec2Result<void> delete_security_group_rule(const std::string& region, const std::string& group_id,
                                             const std::string& rule_id, TimePoint now) override {
    RegionState& state = world_.region(region);
    std::string owner = group_id;
    if (owner.empty()) {
      // A rule given by GroupName: find the group that holds it.
      for (const auto& [id, group] : state.security_groups) {
        for (const auto* rules : {&group.ingress, &group.egress}) {
          for (const auto& rule : *rules) {
            if (rule.rule_id == rule_id) owner = id;
          }
        }
      }
    }
    auto deleted = remove_security_group_rule(state, owner, rule_id);
    if (deleted) world_.network_changed(now);
    return deleted;
  }

  Ec2Result<void> delete_vpc_endpoint(const std::string& region, const std::string& endpoint_id,
                                      TimePoint now) override {
    auto deleted = ::ssmlink::emulator::delete_vpc_endpoint(world_.region(region), endpoint_id);
    if (deleted) world_.network_changed(now);
    return deleted;
  }

 private:
  World& world_;
};

}  // namespace

std::unique_ptr<ResourceProvisioner> make_ec2_provisioner(World& world) {
  return std::make_unique<Ec2Provisioner>(world);
}

}  // namespace ssmlink::emulator
