// The whole emulated account: regions with their networks, instances and endpoint
// services, the access keys, and the timings. One mutex guards it all: the server holds
// it while a handler runs, and CloudFormation's provisioning thread while it changes
// resources.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "emulator/iam/iam_model.hpp"
#include "emulator/model.hpp"
#include "emulator/organizations/organization.hpp"

namespace ssmlink::emulator {

struct Timings {
  std::chrono::milliseconds provision{300};              // one CloudFormation resource
  std::chrono::milliseconds online_delay{500};           // path appears -> SSM says Online
  std::chrono::milliseconds connection_lost_delay{500};  // path gone -> ConnectionLost
};

// When SSM last saw each instance's path to the service appear or disappear.
struct AgentTracking {
  bool has_path = false;
  TimePoint changed;
  bool ever_online = false;
};

struct RegionState {
  std::string name;
  std::vector<std::string> availability_zones;  // us-east-1a, us-east-1b, ...
  std::map<std::string, Vpc> vpcs;
  std::map<std::string, Subnet> subnets;
  std::map<std::string, SecurityGroup> security_groups;
  std::map<std::string, NetworkAcl> network_acls;
  std::map<std::string, RouteTable> route_tables;
  std::map<std::string, VpcEndpoint> vpc_endpoints;
  std::map<std::string, Instance> instances;
  std::vector<EndpointService> endpoint_services;
  SessionPreferences session_preferences;
  // SSM's Default Host Management Configuration: the service setting
  // /ssm/managed-instance/default-ec2-instance-management-role, a role name with its path
  // ("service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole"); empty when off
  // ($None). Instances without a working instance profile use that role (agent >=
  // 3.2.582.0, IMDSv2) if it exists, trusts ssm.amazonaws.com and has the permissions.
  std::string default_host_management_role;
  std::optional<TimePoint> default_host_management_modified;  // none: never customized
  std::string default_host_management_modified_by;            // the caller's ARN
  std::map<std::string, AgentTracking> agents;                // by instance ID
};

struct World {
  std::mutex mutex;
  std::string account_id = "123456789012";
  std::vector<AccessKey> access_keys;        // the scenario's, plus those STS hands out
  Iam iam;                                   // global: not per region
  std::optional<Organization> organization;  // none: the account is in no organization
  std::map<std::string, RegionState> regions;
  Timings timings;
  std::mt19937_64 random{1};  // --seed: IDs and faults are reproducible

  // The organization's member accounts, each a world of its own, made the first time
  // someone assumes a role in it (organizations/member_accounts.hpp). A member's `home` is
  // the management account's world, which keeps every access key and the mutex.
  std::map<std::string, std::unique_ptr<World>> members;
  World* home = nullptr;
  // Opt-in regions the account enabled; none: every region is (the management account).
  // A member's calls to an opt-in region it did not enable fail as AWS fails them.
  std::optional<std::set<std::string>> opted_in_regions;
  // A member's share of calls answered with the service's throttling error, drawn from a
  // generator of its own so the account's IDs stay the same.
  double throttle_rate = 0;
  std::mt19937_64 throttle_random{1};

  // The region's state, created on first use with its AZs and endpoint services, so
  // every region answers (empty) as AWS would.
  RegionState& region(const std::string& name);

  // prefix-<17 hex digits>, e.g. new_id("vpce"); from the seeded generator.
  std::string new_id(const std::string& prefix);
  std::string new_request_id();  // a UUID

  // Searches the home world's keys for a member account.
  const AccessKey* find_key(const std::string& access_key_id) const;
  std::vector<AccessKey>& keyring() { return home ? home->access_keys : access_keys; }
  bool region_enabled(const std::string& region) const;
  // The mutex that really guards this world: a member's is its home's, which the server
  // holds while a handler runs in any account.
  std::mutex& guard() { return home ? home->mutex : mutex; }

  // Re-judges every instance's path to SSM (reachability.hpp) and records when it
  // appeared or disappeared; call after any change to networks or endpoints.
  // (Defined in agent_tracking.cpp, beside the SSM API that reads the records.)
  void network_changed(TimePoint now);
};

// prefix-<17 hex digits> from `value`, as EC2 writes IDs (e.g. vpc-0f00d1e2c3b4a5968).
std::string format_id(const std::string& prefix, uint64_t value);

// The AZ ID AWS would show for a zone, e.g. ("us-east-1", "us-east-1b") -> "use1-az2".
std::string availability_zone_id(const std::string& region, const std::string& zone);

}  // namespace ssmlink::emulator
