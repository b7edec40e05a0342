// Scenario files: the account the emulator starts with. JSON, camelCase names as in the
// AWS APIs; every key is checked (a typo is an error naming it; keys starting with "_" are
// annotations and ignored, which is how world_dump's extra facts read back). IDs may be
// given (prefix-<17 hex>, so tests can name them) or left out (seeded new ones).
//
// {
//   "description": "free text",
//   "account": {                       // default: 123456789012, access key test/test
//     "id": "123456789012",
//     "accessKeys": [{"accessKeyId": "test", "secretAccessKey": "test",
//                     "arn": "arn:aws:iam::123456789012:user/emulator",  // default
//                     "userId": "AIDA...",                                // default: derived
//                     "policies": ["AdministratorAccess"]}]  // the user's managed policies
//                         // (names of AWS managed ones, or ARNs/names of iam.policies), for
//                         // SimulatePrincipalPolicy; default AdministratorAccess
//   },
//   "iam": {                           // global, not per region (iam/iam_scenario.hpp)
//     "policies": [{"name": "SsmAgentBoundary", "path": "/", "description",
//                   "document": {"Version": "2012-10-17", "Statement": [...]}}],
//         // customer managed: arn:aws:iam::ACCOUNT:policy/PATHNAME
//     "roles": [{"name": "SSMInstanceRole", "path": "/", "description",
//                "trust": "ec2.amazonaws.com",  // default; a list of service principals, or
//                                               // a whole trust policy document
//                "managedPolicies": ["AmazonSSMManagedInstanceCore",
//                                    "arn:aws:iam::123456789012:policy/Mine"],
//                    // AWS managed by name (those of data/iam/aws-managed-policies.json)
//                    // or ARN; customer ones by ARN or name
//                "inlinePolicies": {"DenyMessages": {"Version": ..., "Statement": [...]}},
//                "permissionsBoundary": "arn:aws:iam::123456789012:policy/SsmAgentBoundary"}],
//     "instanceProfiles": [{"name": "SSMInstanceProfile", "path": "/", "role": "SSMInstanceRole",
//                           "id": "AIPA..."}]
//   },
//   // Documents are checked as IAM checks them (MalformedPolicyDocument's rules). A
//   // statement with a Condition never applies: the emulator has no request context.
//   "regions": {
//     "us-east-1": {
//       "defaultHostManagement": false,  // SSM Default Host Management Configuration: true
//           // names service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole (created
//           // with AmazonSSMManagedEC2InstanceDefaultPolicy, trusting ssm.amazonaws.com,
//           // unless iam.roles has it); a string names a role of iam.roles by "[path/]name"
//       "vpcs": [{"id", "cidr", "enableDnsSupport": true, "enableDnsHostnames": false,
//                 "isDefault": false, "tags": {"Name": "..."}}],
//       "subnets": [{"id", "vpc", "availabilityZone": "us-east-1a", "cidr",
//                    "mapPublicIpOnLaunch": false, "tags"}],
//       "securityGroups": [{"id", "vpc", "name", "description",
//                           "ingress": [rule], "egress": [rule], "tags"}],
//           // rule: {"id": "sgr-...", "protocol": "tcp"|"udp"|"icmp"|"-1"|"6"...,
//           //        "port": 443 | "fromPort"/"toPort", exactly one of "cidr", "cidrIpv6",
//           //        "group", "prefixList"; "description"}
//           // No "egress": EC2's allow-all egress. Every VPC gets a group named "default"
//           // (all traffic from itself in, all out) unless the file gives one.
//       "networkAcls": [{"id", "vpc", "default": false, "subnets": [...],
//                        "entries": [{"ruleNumber", "egress", "protocol": "-1"|"tcp"|"6"...,
//                                     "action": "allow"|"deny", "cidr",
//                                     "port" | "fromPort"/"toPort"}], "tags"}],
//           // The deny-all rule 32767 is added in both directions. A default ACL without
//           // "entries" allows everything (rule 100), like AWS's; every VPC gets one unless
//           // given. Subnets not listed by another ACL belong to the default ACL.
//       "routeTables": [{"id", "vpc", "main": false, "subnets": [...],
//                        "routes": [{"destination": "0.0.0.0/0" | "pl-...",
//                                    "target": "igw-..." | "nat-..." | "tgw-..." | ...,
//                                    "state": "active"}], "tags"}],
//           // The local route is added to each. Every VPC gets a main table unless
//           // given; subnets without an association use it.
//       "vpcEndpoints": [{"id", "type": "Interface"|"Gateway", "vpc",
//                         "service": "ssm" | "com.amazonaws.us-east-1.ssm",
//                         "subnets", "securityGroups", "routeTables", "privateDns": true,
//                         "state": "available"|"pending", "policy", "tags"}],
//           // Checked as CreateVpcEndpoint checks them (private DNS needs both DNS
//           // attributes, one private-DNS endpoint per service and VPC, ...).
//       "instances": [{"id", "subnet", "privateIp": default the subnet's 10th address on,
//                      "publicIp", "securityGroups": default the VPC's default group,
//                      "iamInstanceProfile": {"arn", "role", "id", "ssmCorePolicy": true}
//                                            (absent or null: none; a profile of
//                                            iam.instanceProfiles by ARN, or one that is
//                                            not there: then it and its role (default:
//                                            the profile's name) are made, trusting
//                                            ec2.amazonaws.com, with
//                                            AmazonSSMManagedInstanceCore unless
//                                            ssmCorePolicy is false),
//                      "ssmAgent": {"installed": true, "version": "3.3.1142.0"},
//                          // a version <= 3.0.196.0 makes port sessions use basic mode,
//                          // newer ones multiplexed (smux) mode (reference section 11)
//                      "hosts": {"db.internal": "127.0.0.1"},
//                          // what a port session's "host" may name (ToRemoteHost), each
//                          // with the loopback address dialled for it; other names are
//                          // refused as the agent refuses them; localhost always works
//                      "platform": {"type": "Linux"|"Windows"|"MacOS", "name", "version"},
//                      "state": "running", "httpTokens": "required",
//                      "ssmRegistered": false,  // SSM knew the agent before: listed
//                                               // (ConnectionLost) even without a path
//                      "launchTime": "2024-01-01T00:00:00Z", "tags"}],
//       "sessionPreferences": {"kmsKeyId", "cloudWatchLogGroup", "s3Bucket"}
//           // absent: the account never saved preferences (GetDocument fails)
//     }
//   }
// }
//
// An instance that has a path to SSM when the scenario loads counts as having had it for
// long: it is Online at once. emulator/scenarios/README.md lists the shipped scenarios and
// their IDs.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

// A scenario the loader refused: the message names the JSON path and the bad value, and
// the file when there is one.
struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Replaces the world's account, keys and regions with the scenario's (timings stay). All
// or nothing: on a ScenarioError the world is unchanged.
void load_scenario(World& world, const nlohmann::json& scenario, TimePoint now);
void load_scenario(World& world, const nlohmann::json& scenario);  // now = the system clock

// Reads a file, or "builtin:<name>" for a scenario compiled into the binary; an empty
// path is the seed scenario (builtin:seed), so the binary needs no files beside it.
// Throws ScenarioError (a std::runtime_error) naming the file, the JSON path and the value.
void load_scenario_file(World& world, const std::string& path);

// The shipped scenarios, compiled in (builtin_scenarios.cpp); throws ScenarioError for an
// unknown name.
const nlohmann::json& builtin_scenario(const std::string& name);
std::vector<std::string> builtin_scenario_names();
// The embedded text, byte for byte the file emulator/scenarios/<name>.json.
std::string_view builtin_scenario_text(const std::string& name);

}  // namespace ssmlink::emulator
