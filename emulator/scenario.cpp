#include "emulator/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <set>
#include <sstream>

#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/ec2_resources.hpp"
#include "emulator/ec2/ipv4.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ec2/sg_rules.hpp"
#include "emulator/iam/iam_scenario.hpp"
#include "emulator/region_name.hpp"
#include "emulator/scenario_fields.hpp"
#include "emulator/ssm/agent_tracking.hpp"
#include "emulator/ssm/versions.hpp"
#include "util/clock.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;

using scenario_fields::fail;
using scenario_fields::Fields;
using scenario_fields::pointer_key;
using scenario_fields::shown;
using scenario_fields::upper_digest;

// An ID given in the file (checked for shape and uniqueness) or a new seeded one.
template <typename Map>
std::string resource_id(World& staged, const Fields& fields, const std::string& prefix,
                        const Map& existing) {
  std::string id = fields.has("id") ? fields.string("id") : staged.new_id(prefix);
  if (!is_ec2_id(id, prefix)) {
    fail(fields.at("id"), "\"" + id + "\" is not a " + prefix + "- ID (" + prefix +
                              "- and 8 or 17 lower-case hex digits)");
  }
  if (existing.contains(id)) fail(fields.at("id"), "\"" + id + "\" is used twice");
  return id;
}

// A reference to something defined earlier in the file.
template <typename Map>
const typename Map::mapped_type& reference(const Map& map, const std::string& id,
                                           const std::string& path, const std::string& what) {
  auto it = map.find(id);
  if (it == map.end()) fail(path, "no " + what + " \"" + id + "\" in this region");
  return it->second;
}

Cidr cidr_field(const Fields& fields, const char* key) {
  std::string text = fields.string(key);
  auto cidr = parse_cidr(text);
  if (!cidr) fail(fields.at(key), "\"" + text + "\" is not an IPv4 CIDR block");
  return *cidr;
}

class RegionLoader {
 public:
  RegionLoader(World& staged, RegionState& region, std::string path, TimePoint now)
      : staged_(staged), region_(region), path_(std::move(path)), now_(now) {}

  void load(const json& body) {
    Fields fields(body, path_,
                  {"defaultHostManagement", "vpcs", "subnets", "securityGroups", "networkAcls",
                   "routeTables", "vpcEndpoints", "instances", "sessionPreferences"});
    if (fields.has("defaultHostManagement")) {
      region_.default_host_management_role = default_host_management_setting(
          staged_, fields.raw("defaultHostManagement"), fields.at("defaultHostManagement"), now_);
    }
    for (const auto& [item, path] : fields.array("vpcs"))
      load_vpc(*item, path);
    for (const auto& [item, path] : fields.array("subnets"))
      load_subnet(*item, path);
    load_security_groups(fields);
    for (const auto& [item, path] : fields.array("networkAcls"))
      load_network_acl(*item, path);
    for (const auto& [item, path] : fields.array("routeTables"))
      load_route_table(*item, path);
    add_vpc_defaults();
    for (const auto& [item, path] : fields.array("vpcEndpoints"))
      load_endpoint(*item, path);
    for (const auto& [item, path] : fields.array("instances"))
      load_instance(*item, path);
    if (fields.has("sessionPreferences")) {
      Fields prefs(fields.raw("sessionPreferences"), fields.at("sessionPreferences"),
                   {"kmsKeyId", "cloudWatchLogGroup", "s3Bucket"});
      region_.session_preferences = {prefs.string("kmsKeyId", ""),
                                     prefs.string("cloudWatchLogGroup", ""),
                                     prefs.string("s3Bucket", ""), true};
    }
  }

  std::vector<std::string> registered_instances() const { return registered_; }

 private:
  void load_vpc(const json& body, const std::string& path) {
    Fields f(body, path,
             {"id", "cidr", "enableDnsSupport", "enableDnsHostnames", "isDefault", "tags"});
    Vpc vpc;
    vpc.id = resource_id(staged_, f, "vpc", region_.vpcs);
    Cidr cidr = cidr_field(f, "cidr");
    // "The allowed block size is between a /16 netmask and /28 netmask." (VPC User Guide)
    if (cidr.prefix < 16 || cidr.prefix > 28 || cidr.base != cidr.network()) {
      fail(f.at("cidr"),
           "\"" + f.string("cidr") + "\" is not a VPC block (a network address, /16 to /28)");
    }
    vpc.cidr = f.string("cidr");
    vpc.enable_dns_support = f.boolean("enableDnsSupport", true);
    vpc.enable_dns_hostnames = f.boolean("enableDnsHostnames", false);
    vpc.is_default = f.boolean("isDefault", false);
    vpc.tags = f.tags();
    region_.vpcs.emplace(vpc.id, vpc);
  }

  void load_subnet(const json& body, const std::string& path) {
    Fields f(body, path, {"id", "vpc", "availabilityZone", "cidr", "mapPublicIpOnLaunch", "tags"});
    Subnet subnet;
    subnet.id = resource_id(staged_, f, "subnet", region_.subnets);
    const Vpc& vpc = reference(region_.vpcs, f.string("vpc"), f.at("vpc"), "VPC");
    subnet.vpc_id = vpc.id;
    subnet.availability_zone = f.string("availabilityZone", region_.availability_zones.front());
    const auto& zones = region_.availability_zones;
    if (std::find(zones.begin(), zones.end(), subnet.availability_zone) == zones.end()) {
      fail(f.at("availabilityZone"), "\"" + subnet.availability_zone + "\" is not a zone of " +
                                         region_.name + " (" + join(zones, ", ") + ")");
    }
    subnet.availability_zone_id = availability_zone_id(region_.name, subnet.availability_zone);
    Cidr cidr = cidr_field(f, "cidr");
    if (cidr.base != cidr.network() || cidr.prefix > 28 || !parse_cidr(vpc.cidr)->contains(cidr)) {
      fail(f.at("cidr"), "\"" + f.string("cidr") + "\" is not a network of /28 or larger inside " +
                             vpc.id + " (" + vpc.cidr + ")");
    }
    for (const auto& [id, other] : region_.subnets) {
      auto o = parse_cidr(other.cidr);
      if (other.vpc_id == vpc.id && (o->contains(cidr) || cidr.contains(*o))) {
        fail(f.at("cidr"), "\"" + f.string("cidr") + "\" overlaps " + id + " (" + other.cidr + ")");
      }
    }
    subnet.cidr = f.string("cidr");
    subnet.map_public_ip_on_launch = f.boolean("mapPublicIpOnLaunch", false);
    subnet.tags = f.tags();
    region_.subnets.emplace(subnet.id, subnet);
  }

  // Groups first, then their rules: a rule may refer to any group of the file.
  void load_security_groups(const Fields& fields) {
    static constexpr std::initializer_list<const char*> keys = {
        "id", "vpc", "name", "description", "ingress", "egress", "tags"};
    std::vector<std::string> ids;
    for (const auto& [item, path] : fields.array("securityGroups")) {
      Fields f(*item, path, keys);
      SecurityGroup group;
      group.id = resource_id(staged_, f, "sg", region_.security_groups);
      group.vpc_id = reference(region_.vpcs, f.string("vpc"), f.at("vpc"), "VPC").id;
      group.name = f.string("name");
      group.description = f.string(
          "description", group.name == "default" ? "default VPC security group" : group.name);
      for (const auto& [id, other] : region_.security_groups) {
        if (other.vpc_id == group.vpc_id && other.name == group.name) {
          fail(f.at("name"), "\"" + group.name + "\" is used twice in " + group.vpc_id);
        }
      }
      group.tags = f.tags();
      region_.security_groups.emplace(group.id, group);
      ids.push_back(group.id);
    }
    size_t index = 0;
    for (const auto& [item, path] : fields.array("securityGroups")) {
      Fields f(*item, path, keys);
      SecurityGroup& group = region_.security_groups.at(ids[index++]);
      std::optional<std::string> self;
      if (group.name == "default") self = group.id;
      load_rules(f, "ingress", group, false, self);
      load_rules(f, "egress", group, true, std::string("0.0.0.0/0"));
    }
  }

  // Absent "ingress"/"egress": AWS's defaults (the default group lets its own members in;
  // every group lets everything out).
  void load_rules(const Fields& f, const char* key, SecurityGroup& group, bool egress,
                  const std::optional<std::string>& default_peer) {
    auto& rules = egress ? group.egress : group.ingress;
    if (!f.has(key)) {
      if (!default_peer) return;
      SecurityGroupRule rule;
      rule.protocol = "-1";
      (default_peer->starts_with("sg-") ? rule.group_id : rule.cidr_ipv4) = *default_peer;
      rule.rule_id = derived_id("sgr", group.id + (egress ? "|egress" : "|ingress"));
      rules.push_back(rule);
      return;
    }
    for (const auto& [item, path] : f.array(key)) {
      Fields r(*item, path,
               {"id", "protocol", "port", "fromPort", "toPort", "cidr", "cidrIpv6", "group",
                "prefixList", "description"});
      SecurityGroupRule rule;
      rule.protocol = r.string("protocol");
      auto ports = port_fields(r);
      rule.from_port = ports.first;
      rule.to_port = ports.second;
      rule.cidr_ipv4 = r.string("cidr", "");
      rule.cidr_ipv6 = r.string("cidrIpv6", "");
      rule.group_id = r.string("group", "");
      rule.prefix_list_id = r.string("prefixList", "");
      rule.description = r.string("description", "");
      auto valid = validated_rule(region_, rule);
      if (!valid) fail(path, valid.error().message);
      if (!rule.group_id.empty() &&
          region_.security_groups.at(rule.group_id).vpc_id != group.vpc_id) {
        fail(r.at("group"), "\"" + rule.group_id + "\" is in another VPC");
      }
      for (const auto& existing : rules) {
        if (same_permission(existing, *valid)) fail(path, duplicate_rule_message(*valid));
      }
      valid->rule_id = r.has("id") ? r.string("id") : staged_.new_id("sgr");
      if (!is_ec2_id(valid->rule_id, "sgr")) fail(r.at("id"), "not an sgr- ID");
      rules.push_back(*valid);
    }
  }

  static std::pair<int, int> port_fields(const Fields& f) {
    auto port = f.integer("port");
    auto from = f.integer("fromPort");
    auto to = f.integer("toPort");
    if (port && (from || to))
      fail(f.at("port"), "give \"port\" or \"fromPort\"/\"toPort\", not both");
    if (port) return {static_cast<int>(*port), static_cast<int>(*port)};
    if (from.has_value() != to.has_value()) {
      fail(f.at(from ? "toPort" : "fromPort"), "missing (\"fromPort\" and \"toPort\" go together)");
    }
    return {from ? static_cast<int>(*from) : -1, to ? static_cast<int>(*to) : -1};
  }

  void load_network_acl(const json& body, const std::string& path) {
    Fields f(body, path, {"id", "vpc", "default", "subnets", "entries", "tags"});
    NetworkAcl acl;
    acl.id = resource_id(staged_, f, "acl", region_.network_acls);
    acl.vpc_id = reference(region_.vpcs, f.string("vpc"), f.at("vpc"), "VPC").id;
    acl.is_default = f.boolean("default", false);
    if (acl.is_default && default_network_acl(region_, acl.vpc_id)) {
      fail(f.at("default"), acl.vpc_id + " already has a default network ACL");
    }
    acl.tags = f.tags();
    if (acl.is_default && !f.has("entries")) allow_everything(acl);
    for (const auto& [item, entry_path] : f.array("entries")) {
      acl.entries.push_back(acl_entry(*item, entry_path, acl));
    }
    deny_the_rest(acl);
    for (const auto& [subnet_id, subnet_path] : indexed(f, "subnets")) {
      const Subnet& subnet = reference(region_.subnets, subnet_id, subnet_path, "subnet");
      if (subnet.vpc_id != acl.vpc_id) fail(subnet_path, subnet_id + " is in another VPC");
      for (const auto& [id, other] : region_.network_acls) {
        if (!other.is_default &&
            std::count(other.subnet_ids.begin(), other.subnet_ids.end(), subnet_id)) {
          fail(subnet_path, subnet_id + " is already associated with " + id);
        }
      }
      acl.subnet_ids.push_back(subnet_id);
    }
    region_.network_acls.emplace(acl.id, acl);
  }

  // AWS's default network ACL: rule 100 allows all traffic, in and out.
  static void allow_everything(NetworkAcl& acl) {
    for (bool egress : {false, true}) {
      acl.entries.push_back({100, "-1", egress, true, "0.0.0.0/0", std::nullopt});
    }
  }

  // The rule "*" (32767) every ACL ends with, both ways.
  static void deny_the_rest(NetworkAcl& acl) {
    for (bool egress : {false, true}) {
      acl.entries.push_back({32767, "-1", egress, false, "0.0.0.0/0", std::nullopt});
    }
  }

  NetworkAclEntry acl_entry(const json& body, const std::string& path, const NetworkAcl& acl) {
    Fields f(body, path,
             {"ruleNumber", "egress", "protocol", "action", "cidr", "port", "fromPort", "toPort"});
    NetworkAclEntry entry;
    auto number = f.integer("ruleNumber");
    if (!number || *number < 1 || *number > 32766) {
      fail(f.at("ruleNumber"), "expected a rule number from 1 to 32766");
    }
    entry.rule_number = static_cast<int>(*number);
    if (!f.has("egress")) fail(f.at("egress"), "missing (true for outbound, false for inbound)");
    entry.egress = f.boolean("egress", false);
    for (const auto& other : acl.entries) {
      if (other.egress == entry.egress && other.rule_number == entry.rule_number) {
        fail(f.at("ruleNumber"), std::to_string(entry.rule_number) + " is used twice for " +
                                     (entry.egress ? "outbound" : "inbound") + " rules");
      }
    }
    auto protocol = normalize_protocol(f.string("protocol"));
    if (!protocol) fail(f.at("protocol"), protocol.error().message);
    static const std::map<std::string, std::string> numbers = {
        {"tcp", "6"}, {"udp", "17"}, {"icmp", "1"}, {"icmpv6", "58"}};
    entry.protocol = numbers.contains(*protocol) ? numbers.at(*protocol) : *protocol;
    std::string action = f.string("action");
    if (action != "allow" && action != "deny") {
      fail(f.at("action"), "\"" + action + "\" is not allow or deny");
    }
    entry.allow = action == "allow";
    cidr_field(f, "cidr");
    entry.cidr = f.string("cidr");
    auto ports = port_fields(f);
    if (entry.protocol == "6" || entry.protocol == "17") {
      if (ports.first < 0 || ports.second > 65535 || ports.first > ports.second) {
        fail(path, "TCP and UDP entries need a port range within 0-65535");
      }
      entry.ports = ports;
    }
    return entry;
  }

  void load_route_table(const json& body, const std::string& path) {
    Fields f(body, path, {"id", "vpc", "main", "subnets", "routes", "tags"});
    RouteTable table;
    table.id = resource_id(staged_, f, "rtb", region_.route_tables);
    const Vpc& vpc = reference(region_.vpcs, f.string("vpc"), f.at("vpc"), "VPC");
    table.vpc_id = vpc.id;
    table.main = f.boolean("main", false);
    if (table.main && main_route_table(region_, vpc.id)) {
      fail(f.at("main"), vpc.id + " already has a main route table");
    }
    table.tags = f.tags();
    table.routes.push_back(Route{vpc.cidr, "", "local", "active"});
    static const std::vector<std::string> targets = {"igw", "nat", "tgw",  "pcx", "eni",
                                                     "i",   "vgw", "eigw", "lgw", "cagw"};
    for (const auto& [item, route_path] : f.array("routes")) {
      Fields r(*item, route_path, {"destination", "target", "state"});
      Route route;
      std::string destination = r.string("destination");
      if (destination.starts_with("pl-")) {
        route.destination_prefix_list = destination;
      } else if (parse_cidr(destination)) {
        route.destination_cidr = destination;
      } else {
        fail(r.at("destination"), "\"" + destination + "\" is not a CIDR block or a pl- ID");
      }
      route.target = r.string("target");
      std::string prefix = route.target.substr(0, route.target.find('-'));
      if (std::find(targets.begin(), targets.end(), prefix) == targets.end() ||
          !is_ec2_id(route.target, prefix)) {
        fail(r.at("target"), "\"" + route.target +
                                 "\" is not a gateway, NAT gateway, peering, interface or "
                                 "instance ID (igw-, nat-, tgw-, pcx-, eni-, i-, vgw-, ...)");
      }
      route.state = r.string("state", "active");
      if (route.state != "active" && route.state != "blackhole") {
        fail(r.at("state"), "\"" + route.state + "\" is not active or blackhole");
      }
      for (const auto& other : table.routes) {
        if (other.destination_cidr == route.destination_cidr &&
            other.destination_prefix_list == route.destination_prefix_list) {
          fail(r.at("destination"), "\"" + destination + "\" is routed twice");
        }
      }
      table.routes.push_back(route);
    }
    for (const auto& [subnet_id, subnet_path] : indexed(f, "subnets")) {
      const Subnet& subnet = reference(region_.subnets, subnet_id, subnet_path, "subnet");
      if (subnet.vpc_id != vpc.id) fail(subnet_path, subnet_id + " is in another VPC");
      for (const auto& [id, other] : region_.route_tables) {
        if (std::count(other.subnet_ids.begin(), other.subnet_ids.end(), subnet_id)) {
          fail(subnet_path, subnet_id + " is already associated with " + id);
        }
      }
      table.subnet_ids.push_back(subnet_id);
    }
    region_.route_tables.emplace(table.id, table);
  }

  // What AWS makes with every VPC: the default security group, the default network ACL
  // (holding every subnet no other ACL holds) and the main route table.
  void add_vpc_defaults() {
    for (const auto& [vpc_id, vpc] : region_.vpcs) {
      if (!default_security_group(region_, vpc_id)) {
        SecurityGroup group;
        group.id = staged_.new_id("sg");
        group.vpc_id = vpc_id;
        group.name = "default";
        group.description = "default VPC security group";
        SecurityGroupRule self, out;
        self.protocol = out.protocol = "-1";
        self.group_id = group.id;
        out.cidr_ipv4 = "0.0.0.0/0";
        self.rule_id = derived_id("sgr", group.id + "|ingress");
        out.rule_id = derived_id("sgr", group.id + "|egress");
        group.ingress.push_back(self);
        group.egress.push_back(out);
        region_.security_groups.emplace(group.id, group);
      }
      if (!default_network_acl(region_, vpc_id)) {
        NetworkAcl acl;
        acl.id = staged_.new_id("acl");
        acl.vpc_id = vpc_id;
        acl.is_default = true;
        allow_everything(acl);
        deny_the_rest(acl);
        region_.network_acls.emplace(acl.id, acl);
      }
      if (!main_route_table(region_, vpc_id)) {
        RouteTable table;
        table.id = staged_.new_id("rtb");
        table.vpc_id = vpc_id;
        table.main = true;
        table.routes.push_back(Route{vpc.cidr, "", "local", "active"});
        region_.route_tables.emplace(table.id, table);
      }
      std::vector<std::string> elsewhere;
      for (const auto& [id, acl] : region_.network_acls) {
        if (acl.vpc_id == vpc_id && !acl.is_default) {
          elsewhere.insert(elsewhere.end(), acl.subnet_ids.begin(), acl.subnet_ids.end());
        }
      }
      auto& default_acl = region_.network_acls.at(default_network_acl(region_, vpc_id)->id);
      default_acl.subnet_ids.clear();
      for (const auto& [subnet_id, subnet] : region_.subnets) {
        if (subnet.vpc_id == vpc_id &&
            std::find(elsewhere.begin(), elsewhere.end(), subnet_id) == elsewhere.end()) {
          default_acl.subnet_ids.push_back(subnet_id);
        }
      }
    }
  }

  void load_endpoint(const json& body, const std::string& path) {
    Fields f(body, path,
             {"id", "type", "vpc", "service", "subnets", "securityGroups", "routeTables",
              "privateDns", "state", "policy", "tags"});
    std::string id = resource_id(staged_, f, "vpce", region_.vpc_endpoints);
    VpcEndpointSpec spec;
    spec.type = f.string("type", "Interface");
    if (spec.type != "Interface" && spec.type != "Gateway") {
      fail(f.at("type"), "\"" + spec.type + "\" is not Interface or Gateway");
    }
    spec.vpc_id = f.string("vpc");
    spec.service_name = f.string("service");
    if (spec.service_name.find('.') == std::string::npos) {
      spec.service_name = spec.type == "Interface"
                              ? interface_service_name(region_, spec.service_name)
                              : "com.amazonaws." + region_.name + "." + spec.service_name;
    }
    spec.subnet_ids = f.strings("subnets");
    spec.security_group_ids = f.strings("securityGroups");
    spec.route_table_ids = f.strings("routeTables");
    if (f.has("privateDns")) spec.private_dns_enabled = f.boolean("privateDns", true);
    spec.policy_document = f.string("policy", "");
    spec.tags = f.tags();
    std::string state = f.string("state", "available");
    if (state != "available" && state != "pending") {
      fail(f.at("state"), "\"" + state + "\" is not available or pending");
    }
    // Checked as EC2 checks CreateVpcEndpoint, then given the file's ID.
    TimePoint created = state == "pending" ? now_ : now_ - std::chrono::hours(24);
    auto made = create_vpc_endpoint(staged_, region_, spec, created);
    if (!made) fail(path, made.error().code + ": " + made.error().message);
    auto node = region_.vpc_endpoints.extract(*made);
    node.key() = id;
    node.mapped().id = id;
    node.mapped().state = state;
    region_.vpc_endpoints.insert(std::move(node));
    for (auto& [table_id, table] : region_.route_tables) {
      for (auto& route : table.routes) {
        if (route.target == *made) route.target = id;
      }
    }
  }

  void load_instance(const json& body, const std::string& path) {
    Fields f(body, path,
             {"id", "subnet", "privateIp", "publicIp", "securityGroups", "iamInstanceProfile",
              "ssmAgent", "platform", "state", "httpTokens", "ssmRegistered", "launchTime", "tags",
              "hosts"});
    Instance instance;
    instance.id = resource_id(staged_, f, "i", region_.instances);
    const Subnet& subnet = reference(region_.subnets, f.string("subnet"), f.at("subnet"), "subnet");
    instance.subnet_id = subnet.id;
    instance.vpc_id = subnet.vpc_id;
    instance.private_ip = private_ip(f, subnet);
    if (f.has("publicIp")) {
      instance.public_ip = f.string("publicIp");
      if (!parse_ipv4(*instance.public_ip)) {
        fail(f.at("publicIp"), "\"" + *instance.public_ip + "\" is not an IPv4 address");
      }
    }
    instance.security_group_ids = f.strings("securityGroups");
    if (!f.has("securityGroups")) {
      instance.security_group_ids.push_back(default_security_group(region_, subnet.vpc_id)->id);
    }
    for (const auto& [group_id, group_path] : indexed(f, "securityGroups")) {
      const auto& group =
          reference(region_.security_groups, group_id, group_path, "security group");
      if (group.vpc_id != subnet.vpc_id) fail(group_path, group_id + " is in another VPC");
    }
    if (f.has("iamInstanceProfile")) {
      instance.profile = instance_profile_reference(staged_, f.raw("iamInstanceProfile"),
                                                    f.at("iamInstanceProfile"), now_);
    }
    load_agent(f, instance);
    load_hosts(f, instance);
    load_platform(f, instance);
    instance.state = f.string("state", "running");
    static const std::set<std::string> states = {"pending",    "running",  "shutting-down",
                                                 "terminated", "stopping", "stopped"};
    if (!states.contains(instance.state)) {
      fail(f.at("state"), "\"" + instance.state + "\" is not an instance state (" +
                              "pending, running, shutting-down, terminated, stopping, stopped)");
    }
    instance.http_tokens = f.string("httpTokens", "required");
    if (instance.http_tokens != "required" && instance.http_tokens != "optional") {
      fail(f.at("httpTokens"), "\"" + instance.http_tokens + "\" is not required or optional");
    }
    instance.launched = now_ - std::chrono::hours(24);
    if (f.has("launchTime") && !parse_iso8601(f.string("launchTime"), instance.launched)) {
      fail(f.at("launchTime"), "\"" + f.string("launchTime") + "\" is not an ISO 8601 time");
    }
    instance.tags = f.tags();
    if (f.boolean("ssmRegistered", false)) registered_.push_back(instance.id);
    region_.instances.emplace(instance.id, instance);
  }

  std::string private_ip(const Fields& f, const Subnet& subnet) {
    Cidr cidr = *parse_cidr(subnet.cidr);
    auto taken = [&](uint32_t address) {
      for (const auto& [id, other] : region_.instances) {
        if (parse_ipv4(other.private_ip) == address) return true;
      }
      return false;
    };
    if (!f.has("privateIp")) {
      for (uint32_t address = cidr.network() + 10; address < cidr.network() + cidr.size() - 1;
           ++address) {
        if (!taken(address)) return format_ipv4(address);
      }
      fail(f.path(), "no free address left in " + subnet.id);
    }
    std::string text = f.string("privateIp");
    auto address = parse_ipv4(text);
    if (!address || !cidr.contains(*address) || *address - cidr.network() < 4 ||
        *address == cidr.network() + cidr.size() - 1) {
      fail(f.at("privateIp"),
           "\"" + text + "\" is not a usable address of " + subnet.id + " (" + subnet.cidr + ")");
    }
    if (taken(*address)) fail(f.at("privateIp"), "\"" + text + "\" is used twice");
    return text;
  }

  void load_agent(const Fields& f, Instance& instance) {
    if (!f.has("ssmAgent")) return;
    Fields a(f.raw("ssmAgent"), f.at("ssmAgent"), {"installed", "version"});
    instance.agent.installed = a.boolean("installed", true);
    instance.agent.version = a.string("version", instance.agent.version);
    if (!is_agent_version(instance.agent.version)) {
      fail(a.at("version"), "\"" + instance.agent.version +
                                "\" is not an agent version (four numbers, e.g. 3.3.1142.0)");
    }
  }

  // "hosts": {"db.internal": "127.0.0.1"}: what AWS-StartPortForwardingSessionToRemoteHost's
  // host may name; the emulator dials the address instead, so it must be IPv4, and the
  // loopback keeps a test's connections on the machine.
  void load_hosts(const Fields& f, Instance& instance) {
    if (!f.has("hosts")) return;
    const json& hosts = f.raw("hosts");
    if (!hosts.is_object()) {
      fail(f.at("hosts"),
           "expected an object of host names and IPv4 addresses, got " + shown(hosts));
    }
    for (const auto& [name, address] : hosts.items()) {
      std::string path = f.at("hosts") + "/" + pointer_key(name);
      bool valid = !name.empty() && name.size() <= 253 &&
                   std::isalnum(static_cast<unsigned char>(name[0])) &&
                   std::all_of(name.begin(), name.end(), [](char c) {
                     return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
                   });
      if (!valid) {
        fail(path, "\"" + name + "\" is not a host name (letters, digits, dots and hyphens)");
      }
      if (!address.is_string() || !parse_ipv4(address.get<std::string>())) {
        fail(path, "expected an IPv4 address such as \"127.0.0.1\", got " + shown(address));
      }
      std::string text = address.get<std::string>();
      if (!text.starts_with("127.")) {
        fail(path, "\"" + text +
                       "\" is not a loopback address (127.x.x.x): the emulator dials it from "
                       "this machine");
      }
      instance.reachable_hosts.emplace(name, text);
    }
  }

  void load_platform(const Fields& f, Instance& instance) {
    if (!f.has("platform")) return;
    Fields p(f.raw("platform"), f.at("platform"), {"type", "name", "version"});
    instance.platform_type = p.string("type", "Linux");
    if (instance.platform_type == "Windows") {
      instance.platform_name = "Microsoft Windows Server 2022 Datacenter";
      instance.platform_version = "10.0.20348";
    } else if (instance.platform_type == "MacOS") {
      instance.platform_name = "macOS";
      instance.platform_version = "14.0";
    } else if (instance.platform_type != "Linux") {
      fail(p.at("type"), "\"" + instance.platform_type + "\" is not Linux, Windows or MacOS");
    }
    instance.platform_name = p.string("name", instance.platform_name);
    instance.platform_version = p.string("version", instance.platform_version);
  }

  static std::vector<std::pair<std::string, std::string>> indexed(const Fields& f,
                                                                  const char* key) {
    std::vector<std::pair<std::string, std::string>> out;
    auto values = f.strings(key);
    for (size_t i = 0; i < values.size(); ++i) {
      out.emplace_back(values[i], f.at(key) + "/" + std::to_string(i));
    }
    return out;
  }

  World& staged_;
  RegionState& region_;
  std::string path_;
  TimePoint now_;
  std::vector<std::string> registered_;
};

void load_account(World& staged, const json& scenario, TimePoint now) {
  Fields top(scenario, "", {"description", "account", "iam", "regions", "organization"});
  staged.account_id = "123456789012";
  std::vector<std::pair<const json*, std::string>> keys;
  json defaults = json::array({{{"accessKeyId", "test"}, {"secretAccessKey", "test"}}});
  if (top.has("account")) {
    Fields account(top.raw("account"), "/account", {"id", "accessKeys"});
    staged.account_id = account.string("id", staged.account_id);
    if (staged.account_id.size() != 12 ||
        staged.account_id.find_first_not_of("0123456789") != std::string::npos) {
      fail("/account/id", "\"" + staged.account_id + "\" is not a 12-digit account ID");
    }
    keys = account.array("accessKeys");
  }
  if (keys.empty()) keys = {{&defaults[0], "/account/accessKeys/0"}};
  if (top.has("iam")) load_iam(staged, top.raw("iam"), now);
  if (top.has("organization")) {
    // {"accounts": N, "organizationalUnits": ["Production", ...]}: N member accounts.
    Fields organization(top.raw("organization"), "/organization",
                        {"accounts", "organizationalUnits", "memberRegions"});
    long long members = organization.integer("accounts").value_or(0);
    if (members < 0 || members > kMaxMemberAccounts) {
      fail(organization.at("accounts"),
           std::to_string(members) + " is not from 0 to " + std::to_string(kMaxMemberAccounts));
    }
    std::vector<std::string> units = organization.strings("organizationalUnits");
    staged.organization = generate_organization(staged.account_id, static_cast<int>(members), units,
                                                staged.random, now);
    if (organization.has("memberRegions")) {
      std::vector<std::string> regions = organization.strings("memberRegions");
      for (const auto& region : regions) {
        if (!is_region_name(region))
          fail(organization.at("memberRegions"), "\"" + region + "\" is not a region name");
      }
      staged.organization->member_regions = regions;
    }
  }
  for (const auto& [item, path] : keys) {
    Fields f(*item, path, {"accessKeyId", "secretAccessKey", "arn", "userId", "policies"});
    AccessKey key;
    key.access_key_id = f.string("accessKeyId");
    key.secret_access_key = f.string("secretAccessKey");
    key.arn = f.string("arn", "arn:aws:iam::" + staged.account_id + ":user/emulator");
    key.user_id = f.string("userId", "AIDA" + upper_digest(key.access_key_id));
    if (f.has("policies")) {
      key.policy_arns.clear();
      for (const auto& [policy, policy_path] : f.array("policies"))
        key.policy_arns.push_back(policy_reference(staged, *policy, policy_path));
    }
    if (staged.find_key(key.access_key_id)) {
      fail(f.at("accessKeyId"), "\"" + key.access_key_id + "\" is used twice");
    }
    staged.access_keys.push_back(key);
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError("cannot read scenario file " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

void load_scenario(World& world, const nlohmann::json& scenario, TimePoint now) {
  World staged;
  staged.random = world.random;
  load_account(staged, scenario, now);
  std::vector<std::pair<std::string, std::string>> registered;  // region, instance
  if (scenario.contains("regions")) {
    const json& regions = scenario["regions"];
    if (!regions.is_object()) fail("/regions", "expected an object keyed by region name");
    for (const auto& [name, body] : regions.items()) {
      std::string path = "/regions/" + pointer_key(name);
      if (!is_region_name(name)) fail(path, "\"" + name + "\" is not a region name (us-east-1)");
      RegionLoader loader(staged, staged.region(name), path, now);
      loader.load(body);
      for (const auto& id : loader.registered_instances())
        registered.emplace_back(name, id);
    }
  }
  world.account_id = staged.account_id;
  world.access_keys = std::move(staged.access_keys);
  world.iam = std::move(staged.iam);
  world.organization = std::move(staged.organization);
  world.members.clear();  // made again, from the new organization, when reached
  world.regions = std::move(staged.regions);
  world.random = staged.random;
  start_agent_tracking(world, now);
  for (const auto& [region, id] : registered)
    world.regions.at(region).agents[id].ever_online = true;
}

void load_scenario(World& world, const nlohmann::json& scenario) {
  load_scenario(world, scenario, std::chrono::system_clock::now());
}

void load_scenario_file(World& world, const std::string& given_path) {
  const std::string builtin = "builtin:";
  const std::string path = given_path.empty() ? builtin + "seed" : given_path;
  try {
    if (path.starts_with(builtin)) {
      load_scenario(world, builtin_scenario(path.substr(builtin.size())));
      return;
    }
    std::string text = read_file(path);
    json scenario;
    try {
      scenario = json::parse(text);
    } catch (const json::parse_error& error) {
      throw ScenarioError("not valid JSON: " + std::string(error.what()));
    }
    load_scenario(world, scenario);
  } catch (const ScenarioError& error) {
    std::string message = error.what();
    if (message.starts_with("cannot read scenario file")) throw;
    throw ScenarioError("scenario " + path + ": " + message);
  }
}

}  // namespace ssmlink::emulator
