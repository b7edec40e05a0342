// What the CloudFormation engine asks of EC2 when it provisions a stack's resources. The
// engine talks to this interface only: the production implementation
// (cfn_ec2_provisioner.cpp) makes the changes through ec2_resources.hpp, with EC2's own
// validation and messages; tests give the engine a fake.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/ec2/ec2_resources.hpp"

namespace ssmlink::emulator {

// A resource EC2 made: its physical ID (what Ref returns) and its Fn::GetAtt attributes.
struct CreatedResource {
  std::string physical_id;
  std::map<std::string, nlohmann::json> attributes;
};

// AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: one rule added to an existing group.
struct SecurityGroupRuleSpec {
  std::string group_id;
  std::string group_name;  // SecurityGroupIngress may name a group instead (default VPC)
  bool egress = false;
  SecurityGroupRule rule;
};

// Every call is made with the World's mutex held. Implementations call
// World::network_changed(now) after each change, so SSM sees paths appear and disappear.
class ResourceProvisioner {
 public:
  virtual ~ResourceProvisioner() = default;

  // Attributes: GroupId, VpcId.
  virtual Ec2Result<CreatedResource> create_security_group(const std::string& region,
                                                           const SecurityGroupSpec& spec,
                                                           TimePoint now) = 0;
  // Physical ID: the rule's sgr- ID. Attributes: Id.
  virtual Ec2Result<CreatedResource> create_security_group_rule(const std::string& region,
                                                                const SecurityGroupRuleSpec& spec,
                                                                TimePoint now) = 0;
  // Created "pending"; vpc_endpoint_ready makes it "available" when provisioning ends.
  // Attributes: Id, CreationTimestamp, DnsEntries, NetworkInterfaceIds.
  virtual Ec2Result<CreatedResource> create_vpc_endpoint(const std::string& region,
                                                         const VpcEndpointSpec& spec,
                                                         TimePoint now) = 0;
  virtual void vpc_endpoint_ready(const std::string& region, const std::string& endpoint_id,
                                  TimePoint now) = 0;

  virtual Ec2Result<void> delete_security_group(const std::string& region,
                                                const std::string& group_id, TimePoint now) = 0;
  virtual Ec2Result<void> delete_security_group_rule(const std::string& region,
                                                     const std::string& group_id,
                                                     const std::string& rule_id, TimePoint now) = 0;
  virtual Ec2Result<void> delete_vpc_endpoint(const std::string& region,
                                              const std::string& endpoint_id, TimePoint now) = 0;
};

// The production provisioner: EC2 changes through ec2_resources.hpp on this World.
// Defined in cfn_ec2_provisioner.cpp (links once the world part's ec2_resources.cpp and
// agent_tracking.cpp are in the library).
std::unique_ptr<ResourceProvisioner> make_ec2_provisioner(World& world);

}  // namespace ssmlink::emulator
