#include "domain/snapshot.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

namespace ssmlink::domain {

// Equality field by field. The structured bindings name every member, so a field added to
// the Inventory stops this file compiling until it is compared here, and the round trip
// then fails until snapshot_fields writes and reads it.
auto members(const InventoryVpc& v) {
  const auto& [id, cidr, dns_support, dns_hostnames] = v;
  return std::tie(id, cidr, dns_support, dns_hostnames);
}
auto members(const InventorySubnet& s) {
  const auto& [id, vpc_id, availability_zone, cidr] = s;
  return std::tie(id, vpc_id, availability_zone, cidr);
}
auto members(const PermissionRule& r) {
  const auto& [protocol, from_port, to_port, cidr, group_id, prefix_list_id] = r;
  return std::tie(protocol, from_port, to_port, cidr, group_id, prefix_list_id);
}
auto members(const InventorySecurityGroup& g) {
  const auto& [id, vpc_id, name, ingress, egress] = g;
  return std::tie(id, vpc_id, name, ingress, egress);
}
auto members(const AclEntry& e) {
  const auto& [rule_number, protocol, egress, allow, cidr, from_port, to_port] = e;
  return std::tie(rule_number, protocol, egress, allow, cidr, from_port, to_port);
}
auto members(const InventoryNetworkAcl& a) {
  const auto& [id, vpc_id, is_default, subnet_ids, entries] = a;
  return std::tie(id, vpc_id, is_default, subnet_ids, entries);
}
auto members(const InventoryRoute& r) {
  const auto& [destination, target, active] = r;
  return std::tie(destination, target, active);
}
auto members(const InventoryRouteTable& t) {
  const auto& [id, vpc_id, main, subnet_ids, routes] = t;
  return std::tie(id, vpc_id, main, subnet_ids, routes);
}
auto members(const InventoryEndpoint& e) {
  const auto& [id, type, vpc_id, service_name, state, private_dns, subnet_ids, security_group_ids,
               route_table_ids] = e;
  return std::tie(id, type, vpc_id, service_name, state, private_dns, subnet_ids,
                  security_group_ids, route_table_ids);
}
auto members(const InventoryEndpointService& s) {
  const auto& [name, type, availability_zones] = s;
  return std::tie(name, type, availability_zones);
}
auto members(const InventoryInstance& i) {
  const auto& [id, state, vpc_id, subnet_id, private_ip, public_ip, security_group_ids,
               instance_profile_arn, platform_details, http_tokens] = i;
  return std::tie(id, state, vpc_id, subnet_id, private_ip, public_ip, security_group_ids,
                  instance_profile_arn, platform_details, http_tokens);
}
auto members(const ManagedInstance& m) {
  const auto& [instance_id, ping_status, agent_version, platform_type, platform_name,
               platform_version] = m;
  return std::tie(instance_id, ping_status, agent_version, platform_type, platform_name,
                  platform_version);
}
auto members(const SessionPreferences& p) {
  const auto& [kms_key_id, cloudwatch_log_group, s3_bucket] = p;
  return std::tie(kms_key_id, cloudwatch_log_group, s3_bucket);
}
auto members(const Unreadable& u) {
  const auto& [call, error] = u;
  return std::tie(call, error);
}
auto members(const InventoryInstanceProfile& p) {
  const auto& [arn, role_names, error] = p;
  return std::tie(arn, role_names, error);
}
auto members(const InlinePolicy& p) {
  const auto& [name, document] = p;
  return std::tie(name, document);
}
auto members(const InventoryRole& r) {
  const auto& [name, arn, trust_policy, attached_policy_arns, inline_policies,
               permissions_boundary_arn, error] = r;
  return std::tie(name, arn, trust_policy, attached_policy_arns, inline_policies,
                  permissions_boundary_arn, error);
}
auto members(const InventoryManagedPolicy& p) {
  const auto& [arn, version_id, document, error] = p;
  return std::tie(arn, version_id, document, error);
}
auto members(const CallerPermission& p) {
  const auto& [action, resource, decision, denying_policies] = p;
  return std::tie(action, resource, decision, denying_policies);
}
auto members(const CallerCheck& c) {
  const auto& [principal_arn, error, permissions] = c;
  return std::tie(principal_arn, error, permissions);
}
auto members(const Inventory& i) {
  const auto& [region, vpcs, subnets, security_groups, network_acls, route_tables, endpoints,
               endpoint_services, instances, managed_instances, session_preferences, unreadable,
               iam_read, instance_profiles, roles, managed_policies, host_management_role, caller] =
      i;
  return std::tie(region, vpcs, subnets, security_groups, network_acls, route_tables, endpoints,
                  endpoint_services, instances, managed_instances, session_preferences, unreadable,
                  iam_read, instance_profiles, roles, managed_policies, host_management_role,
                  caller);
}
auto members(const SnapshotInfo& i) {
  const auto& [ssmlink_version, taken_at, target] = i;
  return std::tie(ssmlink_version, taken_at, target);
}

// In ssmlink::domain, where std::vector's and std::optional's == find them.
template <typename T>
requires requires(const T& value) {
  members(value);
}
bool operator==(const T& a, const T& b) {
  return members(a) == members(b);
}

namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr const char* kVpcA = "vpc-0a1b2c3d4e5f60001";
constexpr const char* kVpcB = "vpc-0a1b2c3d4e5f60002";
constexpr const char* kSubnetA = "subnet-0a1b2c3d4e5f60001";
constexpr const char* kSubnetB = "subnet-0a1b2c3d4e5f60002";
constexpr const char* kInstanceSg = "sg-0a1b2c3d4e5f60001";
constexpr const char* kEndpointSg = "sg-0a1b2c3d4e5f60002";
// Quotes, a backslash, control characters, DEL, and text outside ASCII and the BMP.
constexpr const char* kAwkwardName =
    "web \"front\\end\"\n\t\x01\x7f caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x94\x92";

SnapshotInfo info() {
  return {"0.1.0", "2026-11-29T01:02:03Z", "instance i-0a1b2c3d4e5f60001"};
}

// Every struct, every field, both values of every flag and both states of every option.
Inventory full_inventory() {
  Inventory inventory;
  inventory.region = "ap-northeast-1";
  inventory.vpcs = {{kVpcA, "10.0.0.0/16", true, false}, {kVpcB, "10.1.0.0/16", {}, {}}};
  inventory.subnets = {{kSubnetA, kVpcA, "ap-northeast-1a", "10.0.1.0/24"},
                       {kSubnetB, kVpcB, "ap-northeast-1c", "10.1.2.0/24"}};
  inventory.security_groups = {
      {kInstanceSg,
       kVpcA,
       kAwkwardName,
       {{"tcp", 22, 22, "192.0.2.0/24", "", ""}, {"-1", {}, {}, "", kInstanceSg, ""}},
       {{"-1", {}, {}, "0.0.0.0/0", "", ""},
        {"tcp", 443, 443, "", "", "pl-61a54008"},
        {"icmpv6", -1, -1, "::/0", "", ""}}},
      {kEndpointSg, kVpcA, "", {{"6", 443, 443, "", kInstanceSg, ""}}, {}}};
  inventory.network_acls = {
      {"acl-0a1b2c3d4e5f60001",
       kVpcA,
       true,
       {},
       {{100, "-1", false, true, "0.0.0.0/0", {}, {}}, {32767, "-1", true, false, "::/0", {}, {}}}},
      {"acl-0a1b2c3d4e5f60002",
       kVpcA,
       false,
       {kSubnetA},
       {{1, "6", true, true, "10.0.0.0/16", 443, 443},
        {110, "6", false, true, "10.0.0.0/16", 1024, 65535}}}};
  inventory.route_tables = {
      {"rtb-0a1b2c3d4e5f60001",
       kVpcA,
       true,
       {},
       {{"10.0.0.0/16", "local", true}, {"0.0.0.0/0", "nat-0a1b2c3d4e5f60001", false}}},
      {"rtb-0a1b2c3d4e5f60002",
       kVpcA,
       false,
       {kSubnetA, kSubnetB},
       {{"pl-61a54008", "vpce-0a1b2c3d4e5f60002", true}}}};
  inventory.endpoints = {{"vpce-0a1b2c3d4e5f60001",
                          "Interface",
                          kVpcA,
                          "com.amazonaws.ap-northeast-1.ssm",
                          "available",
                          true,
                          {kSubnetA},
                          {kEndpointSg},
                          {}},
                         {"vpce-0a1b2c3d4e5f60002",
                          "Gateway",
                          kVpcA,
                          "com.amazonaws.ap-northeast-1.s3",
                          "pending",
                          false,
                          {},
                          {},
                          {"rtb-0a1b2c3d4e5f60002"}}};
  inventory.endpoint_services = {
      {"com.amazonaws.ap-northeast-1.s3", "Gateway", {"ap-northeast-1a", "ap-northeast-1c"}},
      {"com.amazonaws.ap-northeast-1.s3", "Interface", {"ap-northeast-1a"}},
      {"com.amazonaws.ap-northeast-1.ssm", "Interface", {}}};
  inventory.instances = {
      {"i-0a1b2c3d4e5f60001",
       "running",
       kVpcA,
       kSubnetA,
       "10.0.1.10",
       "203.0.113.7",
       {kInstanceSg, kEndpointSg},
       "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
       "Linux/UNIX",
       "required"},
      {"i-0a1b2c3d4e5f60002",
       "stopped",
       kVpcB,
       kSubnetB,
       "10.1.2.20",
       {},
       {},
       {},
       "Windows",
       "optional"},
      // Terminated: no VPC or subnet any more.
      {"i-0a1b2c3d4e5f60003", "terminated", "", "", "", {}, {}, {}, "Linux/UNIX", ""}};
  inventory.managed_instances = {
      {"i-0a1b2c3d4e5f60001", "Online", "3.3.40.0", "Linux", "Amazon Linux", "2023"},
      {"mi-0a1b2c3d4e5f60001", "ConnectionLost", "2.3.1319.0", "Windows",
       "Microsoft Windows Server 2019 Datacenter", "10.0.17763"}};
  inventory.session_preferences = SessionPreferences{
      "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "/ssm/sessions", "session-logs-123456789012"};
  inventory.unreadable = {
      {"ssm:GetDocument", "AccessDeniedException: not authorized to perform ssm:GetDocument"},
      {"ec2:DescribeVpcAttribute", "UnauthorizedOperation: \"You are not authorized\""}};
  inventory.iam_read = true;
  inventory.instance_profiles = {
      {"arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile", {"SSMInstanceRole"}, {}},
      {"arn:aws:iam::123456789012:instance-profile/gone", {}, "NoSuchEntity: not found"}};
  inventory.roles = {
      {"SSMInstanceRole",
       "arn:aws:iam::123456789012:role/SSMInstanceRole",
       R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
       {"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"},
       {{"deny \"x\"", R"({"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}})"}},
       "arn:aws:iam::123456789012:policy/boundary",
       std::nullopt}};
  inventory.managed_policies = {
      {"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "v2", "{}", std::nullopt},
      {"arn:aws:iam::123456789012:policy/boundary", "", "", "AccessDenied: no"}};
  inventory.host_management_role = "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole";
  inventory.caller = CallerCheck{"arn:aws:iam::123456789012:user/dev",
                                 std::nullopt,
                                 {{"ec2:CreateVpcEndpoint", "*", "explicitDeny", {"deny-all"}}}};
  return inventory;
}

// The smallest valid snapshot with one of each thing the malformed cases break.
Inventory small_inventory() {
  Inventory inventory;
  inventory.region = "us-east-1";
  inventory.vpcs = {{kVpcA, "10.0.0.0/16", true, true}};
  inventory.subnets = {{kSubnetA, kVpcA, "us-east-1a", "10.0.1.0/24"}};
  inventory.security_groups = {
      {kInstanceSg, kVpcA, "default", {}, {{"tcp", 443, 443, "0.0.0.0/0", "", ""}}}};
  inventory.network_acls = {{"acl-0a1b2c3d4e5f60001",
                             kVpcA,
                             true,
                             {kSubnetA},
                             {{100, "-1", true, true, "0.0.0.0/0", {}, {}}}}};
  inventory.instances = {{"i-0a1b2c3d4e5f60001",
                          "running",
                          kVpcA,
                          kSubnetA,
                          "10.0.1.10",
                          {},
                          {kInstanceSg},
                          {},
                          "Linux/UNIX",
                          "required"},
                         {"i-0a1b2c3d4e5f60002",
                          "running",
                          kVpcA,
                          kSubnetA,
                          "10.0.1.11",
                          {},
                          {kInstanceSg},
                          {},
                          "Linux/UNIX",
                          "required"}};
  return inventory;
}

OrderedJson small_json() {
  return OrderedJson::parse(to_snapshot_json(small_inventory(), info()));
}

// parse_snapshot's message for text that must be refused.
std::string error_for_text(std::string_view text) {
  auto parsed = parse_snapshot(text);
  if (parsed) {
    ADD_FAILURE() << "accepted: " << text.substr(0, 200);
    return "";
  }
  return parsed.error().message;
}
std::string error_for(const OrderedJson& document) {
  return error_for_text(document.dump(2));
}

// The message for the small snapshot with the value at `pointer` (a JSON pointer such as
// /instances/1/private_ip) replaced, or removed.
std::string error_with(const std::string& pointer, const OrderedJson& value) {
  OrderedJson document = small_json();
  document[OrderedJson::json_pointer(pointer)] = value;
  return error_for(document);
}
std::string error_without(const std::string& pointer) {
  OrderedJson document = small_json();
  OrderedJson::json_pointer where(pointer);
  document[where.parent_pointer()].erase(where.back());
  return error_for(document);
}

TEST(Snapshot, RoundTripKeepsEveryField) {
  Inventory original = full_inventory();
  auto parsed = parse_snapshot(to_snapshot_json(original, info()));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->info == info());
  const Inventory& read = parsed->inventory;
  EXPECT_EQ(read.region, original.region);
  EXPECT_TRUE(read.vpcs == original.vpcs);
  EXPECT_TRUE(read.subnets == original.subnets);
  EXPECT_TRUE(read.security_groups == original.security_groups);
  EXPECT_EQ(read.security_groups[0].name, kAwkwardName);
  EXPECT_TRUE(read.network_acls == original.network_acls);
  EXPECT_TRUE(read.route_tables == original.route_tables);
  EXPECT_TRUE(read.endpoints == original.endpoints);
  EXPECT_TRUE(read.endpoint_services == original.endpoint_services);
  EXPECT_TRUE(read.instances == original.instances);
  EXPECT_TRUE(read.managed_instances == original.managed_instances);
  EXPECT_TRUE(read.session_preferences == original.session_preferences);
  EXPECT_TRUE(read.unreadable == original.unreadable);
  EXPECT_TRUE(read == original);
}

TEST(Snapshot, RoundTripKeepsAbsentPreferencesAndEmptyLists) {
  Inventory empty;
  empty.region = "us-gov-west-1";
  auto parsed = parse_snapshot(to_snapshot_json(empty, {}));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->inventory == empty);
  EXPECT_FALSE(parsed->inventory.session_preferences);
}

TEST(Snapshot, OutputIsStableAndWhatJqWouldPrint) {
  std::string text = to_snapshot_json(full_inventory(), info());
  EXPECT_EQ(to_snapshot_json(full_inventory(), info()), text);
  // Read and written again: the same bytes.
  auto parsed = parse_snapshot(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(to_snapshot_json(parsed->inventory, parsed->info), text);
  // Byte for byte nlohmann's 2-space pretty print (as jq's), in the struct's key order.
  EXPECT_EQ(OrderedJson::parse(text).dump(2) + "\n", text);
}

TEST(Snapshot, FormatIsVersionedPrettyAndUsesNullForAbsentValues) {
  Inventory inventory;
  inventory.region = "us-east-1";
  inventory.vpcs = {{kVpcA, "10.0.0.0/16", true, {}}};
  inventory.subnets = {{kSubnetA, kVpcA, "us-east-1a", "10.0.1.0/24"}};
  EXPECT_EQ(to_snapshot_json(inventory, info()), R"({
  "format": "ssmlink-snapshot",
  "version": 2,
  "ssmlink_version": "0.1.0",
  "taken_at": "2026-11-29T01:02:03Z",
  "target": "instance i-0a1b2c3d4e5f60001",
  "region": "us-east-1",
  "vpcs": [
    {
      "id": "vpc-0a1b2c3d4e5f60001",
      "cidr": "10.0.0.0/16",
      "dns_support": true,
      "dns_hostnames": null
    }
  ],
  "subnets": [
    {
      "id": "subnet-0a1b2c3d4e5f60001",
      "vpc_id": "vpc-0a1b2c3d4e5f60001",
      "availability_zone": "us-east-1a",
      "cidr": "10.0.1.0/24"
    }
  ],
  "security_groups": [],
  "network_acls": [],
  "route_tables": [],
  "endpoints": [],
  "endpoint_services": [],
  "instances": [],
  "managed_instances": [],
  "session_preferences": null,
  "unreadable": [],
  "iam_read": false,
  "instance_profiles": [],
  "roles": [],
  "managed_policies": [],
  "host_management_role": null,
  "caller": null
}
)");
}

TEST(Snapshot, Version1FromBeforeIamIsStillRead) {
  OrderedJson old = small_json();
  old["version"] = 1;
  for (const char* key : {"iam_read", "instance_profiles", "roles", "managed_policies",
                          "host_management_role", "caller"}) {
    old.erase(key);
  }
  auto parsed = parse_snapshot(old.dump(2));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->inventory.iam_read);
  EXPECT_TRUE(parsed->inventory.instances == small_inventory().instances);
  // Version 2 needs them.
  old["version"] = 2;
  EXPECT_EQ(error_for(old), "iam_read: missing (expected true or false)");
}

TEST(Snapshot, TextThatIsNotUtf8IsWrittenAsReplacementCharacters) {
  Inventory inventory;
  inventory.region = "us-east-1";
  inventory.unreadable = {{"ec2:DescribeVpcs", "bad \xFF\xC3 bytes"}};
  std::string text = to_snapshot_json(inventory, info());
  auto parsed = parse_snapshot(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->inventory.unreadable[0].error, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
}

TEST(Snapshot, CommentKeysAreIgnoredAnywhere) {
  OrderedJson document = small_json();
  document["_comment"] = {{"why", "sent by a user"}, {"list", {1, 2, {{"x", nullptr}}}}};
  document["instances"][0]["_note"] = "looked at this one";
  auto parsed = parse_snapshot(document.dump());
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->inventory == small_inventory());
}

TEST(Snapshot, KeysMayComeInAnyOrder) {
  // jq -S sorts them; the header still decides, wherever it is.
  auto sorted = nlohmann::json::parse(to_snapshot_json(full_inventory(), info()));
  auto parsed = parse_snapshot(sorted.dump(1));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->inventory == full_inventory());
}

TEST(SnapshotErrors, NotJsonOrTruncatedSaysWhere) {
  EXPECT_EQ(error_for_text("not json"),
            "the snapshot is truncated or not JSON: at byte 2, line 1, column 2: syntax error "
            "while parsing value - invalid literal; last read: 'no'");
  EXPECT_EQ(error_for_text(""),
            "the snapshot is truncated or not JSON: at byte 1, line 1, column 1: syntax error "
            "while parsing value - unexpected end of input; expected '[', '{', or a literal");
  EXPECT_EQ(error_for_text("{\"format\": \"ssmlink-snapshot\", \"version\": 1"),
            "the snapshot is truncated or not JSON: at byte 44, line 1, column 44: syntax error "
            "while parsing object - unexpected end of input; expected '}'");
  // Trailing text too; nlohmann's "last read" can be long, so the message is cut.
  std::string text = small_json().dump(2);
  EXPECT_EQ(error_for_text(text + " x"),
            "the snapshot is truncated or not JSON: at byte " + std::to_string(text.size() + 2) +
                ", line 105, column 3: syntax error while parsing value - invalid literal; last "
                "read: '\"caller\": null<U+000A>} x'; expected end of input");
  // nlohmann would stop at a NUL byte and accept; a snapshot must not hide text.
  EXPECT_EQ(error_for_text(text + std::string("\0{", 2)),
            "the snapshot is truncated or not JSON: at byte " + std::to_string(text.size() + 1) +
                ", unexpected text after the value");
  std::string unterminated = "{\"format\": \"" + std::string(1000, 's');
  std::string cut = error_for_text(unterminated);
  EXPECT_LT(cut.size(), 300u);
  EXPECT_TRUE(cut.ends_with("...")) << cut;
}

TEST(SnapshotErrors, SomethingElseIsNotASnapshot) {
  EXPECT_EQ(error_for_text("[]"),
            "not an ssmlink snapshot: the file holds an array, not an object with \"format\": "
            "\"ssmlink-snapshot\"");
  EXPECT_EQ(error_for_text("42"),
            "not an ssmlink snapshot: the file holds 42, not an object with \"format\": "
            "\"ssmlink-snapshot\"");
  EXPECT_EQ(error_for_text(R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}})"),
            "not an ssmlink snapshot: no \"format\" (expected \"format\": \"ssmlink-snapshot\")");
  EXPECT_EQ(error_with("/format", "ssmlink-snapshop"),
            "format: \"ssmlink-snapshop\" is not an ssmlink snapshot (expected "
            "\"ssmlink-snapshot\")");
  EXPECT_EQ(error_with("/format", OrderedJson::array()),
            "format: an array is not an ssmlink snapshot (expected \"ssmlink-snapshot\")");
}

TEST(SnapshotErrors, UnsupportedVersionSaysWhichAreSupported) {
  EXPECT_EQ(error_with("/version", 3),
            "version: 3 is not supported (this ssmlink reads snapshot versions 1 to 2)");
  EXPECT_EQ(error_with("/version", 0),
            "version: 0 is not supported (this ssmlink reads snapshot versions 1 to 2)");
  EXPECT_EQ(error_with("/version", "1"), "version: expected an integer, found \"1\"");
  EXPECT_EQ(error_without("/version"), "version: missing (expected 1 to 2)");
  // A newer version's new and missing keys do not hide that it is newer.
  OrderedJson newer = small_json();
  newer["version"] = 3;
  newer["instances"][0]["ipv6_address"] = "2001:db8::1";
  newer.erase("subnets");
  EXPECT_EQ(error_for(newer),
            "version: 3 is not supported (this ssmlink reads snapshot versions 1 to 2)");
}

TEST(SnapshotErrors, MissingKeysAreNamed) {
  EXPECT_EQ(error_without("/instances/1/subnet_id"),
            "instances[1].subnet_id: missing (expected a string)");
  EXPECT_EQ(error_without("/vpcs/0/dns_hostnames"),
            "vpcs[0].dns_hostnames: missing (expected true, false or null)");
  EXPECT_EQ(error_without("/session_preferences"),
            "session_preferences: missing (expected an object or null)");
  EXPECT_EQ(error_without("/security_groups/0/egress/0/to_port"),
            "security_groups[0].egress[0].to_port: missing (expected a port from -1 to 65535, or "
            "null)");
  EXPECT_EQ(error_with("/session_preferences", {{"kms_key_id", ""}, {"cloudwatch_log_group", ""}}),
            "session_preferences.s3_bucket: missing (expected a string)");
}

TEST(SnapshotErrors, UnknownAndRepeatedKeysAreRefused) {
  EXPECT_EQ(error_with("/instances/0/subnet", "typo"),
            "instances[0]: unknown key \"subnet\" (expected id, state, vpc_id, subnet_id, "
            "private_ip, public_ip, security_group_ids, instance_profile_arn, platform_details, "
            "http_tokens; or a comment: a key starting with \"_\")");
  EXPECT_EQ(error_with("/instance", OrderedJson::array()).substr(0, 37),
            "the top level: unknown key \"instance\"");
  // Repeated keys cannot be built with nlohmann's DOM: edit the text.
  auto repeated = [](const std::string& line, const std::string& with) {
    std::string text = small_json().dump(2);
    text.replace(text.find(line), line.size(), line + " " + with);
    return error_for_text(text);
  };
  EXPECT_EQ(repeated("\"region\": \"us-east-1\",", "\"region\": \"us-east-1\","),
            "region: appears twice (expected each key once)");
  EXPECT_EQ(repeated("\"version\": 2,", "\"format\": \"ssmlink-snapshot\","),
            "format: appears twice (expected each key once)");
}

TEST(SnapshotErrors, WrongTypesNameTheValue) {
  EXPECT_EQ(error_with("/instances/1/private_ip", 42),
            "instances[1].private_ip: expected a string, found 42");
  EXPECT_EQ(error_with("/instances/0/public_ip", false),
            "instances[0].public_ip: expected a string or null, found false");
  EXPECT_EQ(error_with("/vpcs/0/dns_support", "yes"),
            "vpcs[0].dns_support: expected true, false or null, found \"yes\"");
  EXPECT_EQ(error_with("/network_acls/0/is_default", nullptr),
            "network_acls[0].is_default: expected true or false, found null");
  EXPECT_EQ(error_with("/instances/0/security_group_ids/1", 7),
            "instances[0].security_group_ids[1]: expected a string, found 7");
  EXPECT_EQ(error_with("/instances/0/security_group_ids", "sg-0a1b2c3d4e5f60001"),
            "instances[0].security_group_ids: expected an array of strings, found "
            "\"sg-0a1b2c3d4e5f60001\"");
  EXPECT_EQ(error_with("/subnets", OrderedJson::object()),
            "subnets: expected an array of objects, found an object");
  EXPECT_EQ(error_with("/subnets/1", "subnet-0a1b2c3d4e5f60009"),
            "subnets[1]: expected an object, found \"subnet-0a1b2c3d4e5f60009\"");
  EXPECT_EQ(error_with("/session_preferences", OrderedJson::array()),
            "session_preferences: expected an object or null, found an array");
}

TEST(SnapshotErrors, LongAndOddValuesAreEscapedAndCut) {
  EXPECT_EQ(error_with("/instances/0/vpc_id", "vpc-\"\n\x01" + std::string(100, 'x')),
            "instances[0].vpc_id: \"vpc-\\\"\\n\\u0001" + std::string(73, 'x') +
                "...\" is not in \"vpcs\" (expected the ID of one of the snapshot's vpcs)");
  EXPECT_EQ(error_with("/vpcs/0/dns_support", "\xE6\x97\xA5" + std::string(100, 'y')),
            "vpcs[0].dns_support: expected true, false or null, found \"\xE6\x97\xA5" +
                std::string(79, 'y') + "...\"");
}

TEST(SnapshotErrors, NumbersOutOfRangeSayTheRange) {
  const std::string port = "/security_groups/0/egress/0/from_port";
  EXPECT_EQ(error_with(port, 65536),
            "security_groups[0].egress[0].from_port: 65536 is out of range (expected a port from "
            "-1 to 65535, or null)");
  EXPECT_EQ(error_with(port, -2),
            "security_groups[0].egress[0].from_port: -2 is out of range (expected a port from -1 "
            "to 65535, or null)");
  EXPECT_EQ(error_with(port, 18446744073709551615u),
            "security_groups[0].egress[0].from_port: 18446744073709551615 is out of range "
            "(expected a port from -1 to 65535, or null)");
  EXPECT_EQ(error_with(port, 443.5),
            "security_groups[0].egress[0].from_port: expected a port from -1 to 65535, or null, "
            "found 443.5");
  const std::string rule_number = "/network_acls/0/entries/0/rule_number";
  EXPECT_EQ(error_with(rule_number, 0),
            "network_acls[0].entries[0].rule_number: 0 is out of range (expected a rule number "
            "from 1 to 32767)");
  EXPECT_EQ(error_with(rule_number, 32768),
            "network_acls[0].entries[0].rule_number: 32768 is out of range (expected a rule "
            "number from 1 to 32767)");
  EXPECT_EQ(error_with(rule_number, nullptr),
            "network_acls[0].entries[0].rule_number: expected a rule number from 1 to 32767, "
            "found null");
}

TEST(SnapshotErrors, IdsAreUniqueInEachList) {
  EXPECT_EQ(error_with("/instances/1/id", "i-0a1b2c3d4e5f60001"),
            "instances[1].id: \"i-0a1b2c3d4e5f60001\" is also instances[0].id (expected each ID "
            "once)");
  EXPECT_EQ(error_with("/vpcs/1", small_json()["vpcs"][0]),
            "vpcs[1].id: \"vpc-0a1b2c3d4e5f60001\" is also vpcs[0].id (expected each ID once)");
  EXPECT_EQ(error_with("/security_groups/0/id", ""),
            "security_groups[0].id: \"\" is empty (expected an ID)");
  OrderedJson s3 = {
      {"name", "s3"}, {"type", "Gateway"}, {"availability_zones", OrderedJson::array()}};
  EXPECT_EQ(error_with("/endpoint_services", {s3, s3}),
            "endpoint_services[1].name: \"s3\" (\"Gateway\") is also endpoint_services[0].name "
            "(expected each service and type once)");
}

TEST(SnapshotErrors, ReferencesMustResolve) {
  EXPECT_EQ(error_with("/instances/1/subnet_id", "subnet-0a1b2c3d4e5f6ffff"),
            "instances[1].subnet_id: \"subnet-0a1b2c3d4e5f6ffff\" is not in \"subnets\" (expected "
            "the ID of one of the snapshot's subnets)");
  EXPECT_EQ(error_with("/instances/0/vpc_id", "vpc-0a1b2c3d4e5f6ffff"),
            "instances[0].vpc_id: \"vpc-0a1b2c3d4e5f6ffff\" is not in \"vpcs\" (expected the ID "
            "of one of the snapshot's vpcs)");
  EXPECT_EQ(error_with("/vpcs", OrderedJson::array()),
            "subnets[0].vpc_id: \"vpc-0a1b2c3d4e5f60001\" is not in \"vpcs\" (expected the ID of "
            "one of the snapshot's vpcs)");
}

TEST(SnapshotErrors, ReferencesMayDangleWhenTheirListCouldNotBeRead) {
  // Live, a failed DescribeSubnets leaves the instances' subnets out just the same: the
  // snapshot must still give doctor what it would have seen.
  OrderedJson document = small_json();
  document["subnets"] = OrderedJson::array();
  document["unreadable"] = {{{"call", "ec2:DescribeSubnets"}, {"error", "UnauthorizedOperation"}}};
  auto parsed = parse_snapshot(document.dump());
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->inventory.subnets.empty());
}

TEST(SnapshotErrors, SyntaxErrorsWinOverContentErrors) {
  OrderedJson document = small_json();
  document["instances"][0]["subnet"] = "typo";
  std::string text = document.dump(2);
  EXPECT_EQ(error_for_text(text.substr(0, text.size() - 10)).substr(0, 39),
            "the snapshot is truncated or not JSON: ");
}

TEST(SnapshotErrors, EveryTruncationIsAnErrorNeverACrash) {
  std::string text = to_snapshot_json(full_inventory(), info());
  size_t end_of_json = text.rfind('}') + 1;
  for (size_t length = 0; length < end_of_json; length += 97) {
    auto parsed = parse_snapshot(std::string_view(text).substr(0, length));
    ASSERT_FALSE(parsed) << "accepted the first " << length << " bytes";
    EXPECT_EQ(parsed.error().message.rfind("the snapshot is truncated or not JSON: at byte ", 0),
              0u)
        << parsed.error().message;
  }
}

}  // namespace
}  // namespace ssmlink::domain
