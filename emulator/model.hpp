// The emulated account: what a scenario file describes and what the APIs read and change.
// Plain value types; the World (world.hpp) owns them and guards them with one mutex.
// These types are the emulator's own: it shares nothing with cloud/ or domain/, so it
// judges the client instead of repeating its mistakes.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ssmlink::emulator {

using TimePoint = std::chrono::system_clock::time_point;
using Tags = std::vector<std::pair<std::string, std::string>>;

struct Vpc {
  std::string id;
  std::string cidr;
  bool enable_dns_support = true;
  bool enable_dns_hostnames = false;
  bool is_default = false;
  Tags tags;
};

struct Subnet {
  std::string id;
  std::string vpc_id;
  std::string availability_zone;     // us-east-1a
  std::string availability_zone_id;  // use1-az1
  std::string cidr;
  bool map_public_ip_on_launch = false;
  Tags tags;
};

// One permission of a security group, as EC2 models it: a protocol and port range and
// the sources (ingress) or destinations (egress) it applies to.
struct SecurityGroupRule {
  std::string rule_id;   // sgr-...
  std::string protocol;  // "-1" (all), "tcp", "udp", "icmp", or a number
  int from_port = -1;    // -1 when the protocol has no ports
  int to_port = -1;
  std::string cidr_ipv4;  // exactly one of these four is set
  std::string cidr_ipv6;
  std::string group_id;
  std::string prefix_list_id;
  std::string description;
};

struct SecurityGroup {
  std::string id;
  std::string name;
  std::string description;
  std::string vpc_id;
  std::vector<SecurityGroupRule> ingress;
  std::vector<SecurityGroupRule> egress;
  Tags tags;
};

struct NetworkAclEntry {
  int rule_number = 100;  // 32767 is the default deny-all
  std::string protocol;   // "-1", or an IANA number: "6" tcp, "17" udp
  bool egress = false;
  bool allow = true;
  std::string cidr;
  std::optional<std::pair<int, int>> ports;  // from, to; none = all
};

struct NetworkAcl {
  std::string id;
  std::string vpc_id;
  bool is_default = false;
  std::vector<std::string> subnet_ids;
  std::vector<NetworkAclEntry> entries;
  Tags tags;
};

struct Route {
  std::string destination_cidr;         // or
  std::string destination_prefix_list;  // pl-... (S3 gateway endpoint routes)
  std::string target;                   // "local", igw-..., nat-..., vpce-..., pcx-..., tgw-...
  std::string state = "active";         // active | blackhole
};

struct RouteTable {
  std::string id;
  std::string vpc_id;
  bool main = false;
  std::vector<std::string> subnet_ids;
  std::vector<Route> routes;
  Tags tags;
};

struct VpcEndpoint {
  std::string id;
  std::string type;  // Interface | Gateway
  std::string vpc_id;
  std::string service_name;
  std::string state = "available";  // pending | available | deleting | deleted | failed
  std::vector<std::string> subnet_ids;
  std::vector<std::string> security_group_ids;
  std::vector<std::string> route_table_ids;
  bool private_dns_enabled = false;
  std::string policy_document;
  TimePoint created;
  Tags tags;
};

// The instance profile associated with an instance; what it holds (its role and the role's
// policies) is in the World's IAM (iam/iam_model.hpp), judged when the agent needs it.
struct InstanceProfile {
  std::string arn;
  std::string id;
};

struct SsmAgent {
  bool installed = true;
  std::string version = "3.3.1142.0";
};

struct Instance {
  std::string id;
  std::string vpc_id;
  std::string subnet_id;
  std::string private_ip;
  std::optional<std::string> public_ip;
  std::vector<std::string> security_group_ids;
  std::optional<InstanceProfile> profile;
  std::string state = "running";
  std::string platform_type = "Linux";  // Linux | Windows | MacOS
  std::string platform_name = "Amazon Linux";
  std::string platform_version = "2023";
  std::string http_tokens = "required";  // IMDSv2
  SsmAgent agent;
  // Names the instance can reach beside itself (a port session's "host" parameter), each
  // with the IPv4 address the emulator's agent dials for it.
  std::map<std::string, std::string> reachable_hosts;
  TimePoint launched;
  Tags tags;
};

// An endpoint service offered in the region (DescribeVpcEndpointServices).
struct EndpointService {
  std::string name;  // com.amazonaws.us-east-1.ssm
  std::string type;  // Interface | Gateway
  std::vector<std::string> availability_zones;
  std::string private_dns_name;  // ssm.us-east-1.amazonaws.com; empty for gateways
};

// SSM-SessionManagerRunShell: what sessions need besides ssm/ssmmessages.
struct SessionPreferences {
  std::string kms_key_id;
  std::string cloudwatch_log_group;
  std::string s3_bucket;
  bool configured = false;  // false: the account never saved preferences (no document)
};

struct AccessKey {
  std::string access_key_id;
  std::string secret_access_key;
  std::string arn;      // arn:aws:iam::123456789012:user/emulator
  std::string user_id;  // AIDA...
  // Temporary credentials (STS AssumeRole: ASIA... keys) also need their session token
  // (X-Amz-Security-Token) and stop working at their expiry; long-term keys have neither.
  std::string session_token;
  std::optional<TimePoint> expiration;
  // The user's identity policies (managed policy ARNs), for SimulatePrincipalPolicy.
  std::vector<std::string> policy_arns = {"arn:aws:iam::aws:policy/AdministratorAccess"};
};

}  // namespace ssmlink::emulator
