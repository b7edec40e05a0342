// Writes a realistic snapshot of a large region for doctor's scaling benchmark
// (bench/doctor_scaling.sh): N instances, one VPC per 50 of them, each VPC with 2 or 3
// subnets, a default and sometimes a custom network ACL, a main route table (NAT, IGW or
// private), a pool of security groups the instances draw 1 to 3 from, Session Manager
// endpoints in some VPCs (working or broken in the ways doctor reports), SSM's records for
// about 60% of the instances, and the region's endpoint services. The same N and seed give
// the same bytes.
//
//   make_snapshot INSTANCES [--seed N] [--unreadable] [-o FILE]
//
// --unreadable adds the failures of a caller without some permissions
// (ec2:DescribeVpcAttribute, ssm:GetDocument, ec2:DescribeVpcEndpointServices), with the
// data they would have given left out.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/inventory.hpp"
#include "domain/snapshot.hpp"
#include "util/files.hpp"

using namespace ssmlink;
using namespace ssmlink::domain;

namespace {

constexpr int kInstancesPerVpc = 50;
const std::string kRegion = "us-east-1";
const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b", "us-east-1c",
                                         "us-east-1d", "us-east-1e", "us-east-1f"};

// splitmix64: small, fast, and the same on every platform (std::uniform_*_distribution
// is not), so a seed names one snapshot everywhere.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class Random {
 public:
  explicit Random(uint64_t seed) : state_(mix(seed)) {}
  uint64_t next() { return mix(state_++); }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  bool percent(int chance) { return below(100) < static_cast<size_t>(chance); }
  template <typename T>
  const T& pick(const std::vector<T>& from) {
    return from[below(from.size())];
  }

 private:
  uint64_t state_;
};

// AWS-shaped IDs (prefix, dash, 17 hex digits), unique per kind: mix() is a bijection, so
// distinct serial numbers never collide.
class Ids {
 public:
  explicit Ids(uint64_t seed) : salt_(mix(seed) << 8) {}
  std::string next(const std::string& prefix) {
    uint64_t serial = serials_[prefix]++;
    uint64_t kind = 0;
    for (char c : prefix)
      kind = kind * 131 + static_cast<unsigned char>(c);
    char hex[32];
    std::snprintf(hex, sizeof hex, "0%016llx",
                  static_cast<unsigned long long>(mix(salt_ ^ mix(kind) ^ serial)));
    return prefix + "-" + hex;
  }

 private:
  uint64_t salt_;
  std::map<std::string, uint64_t> serials_;
};

std::string ipv4(int a, int b, int c, int d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
         std::to_string(d);
}

PermissionRule tcp(int from, int to, std::string cidr, std::string group = "",
                   std::string prefix_list = "") {
  return {"tcp", from, to, std::move(cidr), std::move(group), std::move(prefix_list)};
}
PermissionRule all_traffic_to(std::string cidr) {
  return {"-1", {}, {}, std::move(cidr), "", ""};
}

enum class InternetPath { None, Nat, Igw };
enum class EndpointState { Absent, Working, NoPrivateDns, Pending, ClosedGroup, SsmOnly };

struct VpcPlan {
  std::string id;
  int number;
  std::vector<std::string> subnets;
  std::vector<std::string> groups;  // the pool instances draw from
  InternetPath path;
};

class SnapshotMaker {
 public:
  SnapshotMaker(uint64_t seed, bool unreadable)
      : random_(seed), ids_(seed), unreadable_(unreadable) {
    inventory_.region = kRegion;
  }

  Inventory make(int instances) {
    if (unreadable_) {
      inventory_.unreadable.push_back(
          {"ec2:DescribeVpcAttribute",
           "UnauthorizedOperation: You are not authorized to perform this operation."});
    }
    add_endpoint_services();
    int vpcs = std::max(1, (instances + kInstancesPerVpc - 1) / kInstancesPerVpc);
    for (int v = 0; v < vpcs; ++v) {
      VpcPlan vpc = add_vpc(v);
      int count = std::min(kInstancesPerVpc, instances - v * kInstancesPerVpc);
      for (int i = 0; i < count; ++i)
        add_instance(vpc, i);
    }
    add_preferences();
    add_iam();
    return std::move(inventory_);
  }

 private:
  // The two profiles the instances use: one whose role has the SSM core policy, one whose
  // role has only read access (its instances get an iam.permissions error), and Default
  // Host Management on, for the instances without a profile.
  void add_iam() {
    const std::string trust =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
    const std::string core = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
    const std::string read_only = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const std::string dhmc = "arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy";
    inventory_.iam_read = true;
    inventory_.instance_profiles = {
        {"arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile", {"SSMInstanceRole"}, {}},
        {"arn:aws:iam::123456789012:instance-profile/app-server", {"app-server"}, {}}};
    inventory_.roles = {
        {"SSMInstanceRole",
         "arn:aws:iam::123456789012:role/SSMInstanceRole",
         trust,
         {core},
         {},
         std::nullopt,
         std::nullopt},
        {"app-server",
         "arn:aws:iam::123456789012:role/app-server",
         trust,
         {read_only},
         {},
         std::nullopt,
         std::nullopt},
        {"AWSSystemsManagerDefaultEC2InstanceManagementRole",
         "arn:aws:iam::123456789012:role/service-role/"
         "AWSSystemsManagerDefaultEC2InstanceManagementRole",
         R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
         {dhmc},
         {},
         std::nullopt,
         std::nullopt}};
    const std::string agent =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:UpdateInstanceInformation","ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"},{"Effect":"Allow","Action":["ec2messages:AcknowledgeMessage","ec2messages:DeleteMessage","ec2messages:FailMessage","ec2messages:GetEndpoint","ec2messages:GetMessages","ec2messages:SendReply"],"Resource":"*"}]})";
    inventory_.managed_policies = {
        {core, "v2", agent, std::nullopt},
        {read_only, "v1",
         R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*","ec2:Describe*"],"Resource":"*"}]})",
         std::nullopt},
        {dhmc, "v1", agent, std::nullopt}};
    inventory_.host_management_role =
        "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole";
  }

  void add_endpoint_services() {
    if (unreadable_) {
      inventory_.unreadable.push_back(
          {"ec2:DescribeVpcEndpointServices",
           "UnauthorizedOperation: You are not authorized to perform this operation."});
      return;
    }
    std::vector<std::string> five(kZones.begin(), kZones.begin() + 5);
    for (const char* name : {"ec2", "ec2messages", "kms", "logs", "ssm", "ssmmessages", "sts"}) {
      inventory_.endpoint_services.push_back({"com.amazonaws." + kRegion + "." + name, "Interface",
                                              std::string(name) == "ec2messages" ? five : kZones});
    }
    for (const char* name : {"dynamodb", "s3"}) {
      for (const char* type : {"Gateway", "Interface"}) {
        inventory_.endpoint_services.push_back(
            {"com.amazonaws." + kRegion + "." + name, type, kZones});
      }
    }
  }

  VpcPlan add_vpc(int number) {
    VpcPlan vpc{ids_.next("vpc"), number, {}, {}, InternetPath::None};
    // 4096 distinct /20s in 10/8; real accounts reuse ranges too.
    int a = (number / 16) % 256;
    int b = (number % 16) * 16;
    std::string cidr = ipv4(10, a, b, 0) + "/20";
    std::optional<bool> dns_support = true;
    std::optional<bool> dns_hostnames = !random_.percent(10);
    if (unreadable_) dns_support = dns_hostnames = std::nullopt;
    inventory_.vpcs.push_back({vpc.id, cidr, dns_support, dns_hostnames});

    int subnets = 2 + static_cast<int>(random_.below(2));
    size_t first_zone = random_.below(kZones.size());
    for (int s = 0; s < subnets; ++s) {
      vpc.subnets.push_back(ids_.next("subnet"));
      inventory_.subnets.push_back({vpc.subnets.back(), vpc.id,
                                    kZones[(first_zone + s) % kZones.size()],
                                    ipv4(10, a, b + s, 0) + "/24"});
    }
    int path = static_cast<int>(random_.below(10));
    vpc.path = path < 4 ? InternetPath::Nat : path < 6 ? InternetPath::Igw : InternetPath::None;

    add_network_acls(vpc, cidr);
    add_route_tables(vpc, cidr);
    add_security_groups(vpc, cidr);
    add_endpoints(vpc, cidr);
    return vpc;
  }

  void add_network_acls(const VpcPlan& vpc, const std::string& cidr) {
    // The default ACL: everything in and out, then the implicit deny (IPv4 and IPv6).
    inventory_.network_acls.push_back({ids_.next("acl"),
                                       vpc.id,
                                       true,
                                       {},
                                       {{100, "-1", false, true, "0.0.0.0/0", {}, {}},
                                        {101, "-1", false, true, "::/0", {}, {}},
                                        {32767, "-1", false, false, "0.0.0.0/0", {}, {}},
                                        {32767, "-1", false, false, "::/0", {}, {}},
                                        {100, "-1", true, true, "0.0.0.0/0", {}, {}},
                                        {101, "-1", true, true, "::/0", {}, {}},
                                        {32767, "-1", true, false, "0.0.0.0/0", {}, {}},
                                        {32767, "-1", true, false, "::/0", {}, {}}}});
    if (!random_.percent(30)) return;
    // A hand-made ACL on the first subnet: HTTPS out, SSH from the VPC, return traffic in;
    // one in four forgets the ephemeral ports, which breaks every HTTPS reply.
    std::vector<AclEntry> entries = {
        {100, "6", true, true, "0.0.0.0/0", 443, 443},
        {110, "6", true, true, cidr, 1024, 65535},
        {100, "6", false, true, cidr, 22, 22},
        {32767, "-1", true, false, "0.0.0.0/0", {}, {}},
        {32767, "-1", false, false, "0.0.0.0/0", {}, {}},
    };
    if (!random_.percent(25)) entries.push_back({110, "6", false, true, "0.0.0.0/0", 1024, 65535});
    if (random_.percent(20)) entries.push_back({90, "17", true, true, "0.0.0.0/0", 53, 53});
    inventory_.network_acls.push_back(
        {ids_.next("acl"), vpc.id, false, {vpc.subnets[0]}, std::move(entries)});
  }

  void add_route_tables(const VpcPlan& vpc, const std::string& cidr) {
    std::vector<InventoryRoute> routes = {{cidr, "local", true}};
    if (vpc.path == InternetPath::Nat) routes.push_back({"0.0.0.0/0", ids_.next("nat"), true});
    if (vpc.path == InternetPath::Igw) routes.push_back({"0.0.0.0/0", ids_.next("igw"), true});
    if (random_.percent(15)) routes.push_back({"172.16.0.0/12", ids_.next("tgw"), true});
    inventory_.route_tables.push_back({ids_.next("rtb"), vpc.id, true, {}, std::move(routes)});
    if (!random_.percent(40)) return;
    // A private table for the last subnet, sometimes with a NAT gateway long deleted.
    std::vector<InventoryRoute> private_routes = {{cidr, "local", true}};
    if (random_.percent(25)) private_routes.push_back({"0.0.0.0/0", ids_.next("nat"), false});
    inventory_.route_tables.push_back(
        {ids_.next("rtb"), vpc.id, false, {vpc.subnets.back()}, std::move(private_routes)});
  }

  void add_security_groups(VpcPlan& vpc, const std::string& cidr) {
    auto add = [&](std::string name, std::vector<PermissionRule> ingress,
                   std::vector<PermissionRule> egress) -> const std::string& {
      inventory_.security_groups.push_back(
          {ids_.next("sg"), vpc.id, std::move(name), std::move(ingress), std::move(egress)});
      vpc.groups.push_back(inventory_.security_groups.back().id);
      return vpc.groups.back();
    };
    std::string self = ids_.next("sg");
    inventory_.security_groups.push_back({self,
                                          vpc.id,
                                          "default",
                                          {{"-1", {}, {}, "", self, ""}},
                                          {all_traffic_to("0.0.0.0/0"), all_traffic_to("::/0")}});
    vpc.groups.push_back(self);
    std::string web = add("web", {tcp(443, 443, "0.0.0.0/0"), tcp(80, 80, "0.0.0.0/0")},
                          {all_traffic_to("0.0.0.0/0")});
    std::string app = add("app", {tcp(8080, 8080, "", web)}, {tcp(443, 443, "0.0.0.0/0")});
    add("db", {tcp(5432, 5432, "", app)}, {});
    if (random_.percent(50)) {
      add("bastion", {tcp(22, 22, "198.51.100.0/24"), {"icmp", 8, -1, "198.51.100.0/24", "", ""}},
          {tcp(22, 22, cidr)});
    }
    if (random_.percent(30)) {
      // Egress only to the S3 prefix list: no path to SSM at all.
      add("locked-down", {}, {tcp(443, 443, "", "", "pl-63a5400a")});
    }
  }

  void add_endpoints(const VpcPlan& vpc, const std::string& cidr) {
    int roll = static_cast<int>(random_.below(100));
    EndpointState state = roll < 70   ? EndpointState::Absent
                          : roll < 85 ? EndpointState::Working
                          : roll < 89 ? EndpointState::NoPrivateDns
                          : roll < 92 ? EndpointState::Pending
                          : roll < 96 ? EndpointState::ClosedGroup
                                      : EndpointState::SsmOnly;
    if (random_.percent(25)) {
      std::string table = inventory_.route_tables.back().id;
      inventory_.endpoints.push_back({ids_.next("vpce"),
                                      "Gateway",
                                      vpc.id,
                                      "com.amazonaws." + kRegion + ".s3",
                                      "available",
                                      false,
                                      {},
                                      {},
                                      {table}});
    }
    if (state == EndpointState::Absent) return;
    std::string group = ids_.next("sg");
    std::vector<PermissionRule> ingress;
    if (state != EndpointState::ClosedGroup) ingress.push_back(tcp(443, 443, cidr));
    inventory_.security_groups.push_back({group, vpc.id, "ssm-endpoints", std::move(ingress), {}});
    std::vector<std::string> services = {"ssm", "ssmmessages", "ec2messages"};
    if (state == EndpointState::SsmOnly) services = {"ssm"};
    for (const auto& service : services) {
      inventory_.endpoints.push_back(
          {ids_.next("vpce"),
           "Interface",
           vpc.id,
           "com.amazonaws." + kRegion + "." + service,
           state == EndpointState::Pending ? "pending" : "available",
           state != EndpointState::NoPrivateDns,
           std::vector<std::string>(vpc.subnets.begin(), vpc.subnets.begin() + 2),
           {group},
           {}});
    }
  }

  void add_instance(const VpcPlan& vpc, int number) {
    size_t subnet = random_.below(vpc.subnets.size());
    int a = (vpc.number / 16) % 256;
    int b = (vpc.number % 16) * 16 + static_cast<int>(subnet);
    InventoryInstance instance;
    instance.id = ids_.next("i");
    int state = static_cast<int>(random_.below(100));
    instance.state = state < 90 ? "running" : state < 98 ? "stopped" : "pending";
    instance.vpc_id = vpc.id;
    instance.subnet_id = vpc.subnets[subnet];
    instance.private_ip = ipv4(10, a, b, 4 + number);
    if (vpc.path == InternetPath::Igw && random_.percent(50)) {
      instance.public_ip = ipv4(203, 0, 113, static_cast<int>(random_.below(254)) + 1);
    }
    size_t groups = 1 + random_.below(3);
    for (size_t g = 0; g < groups; ++g) {
      const std::string& id = random_.pick(vpc.groups);
      bool repeated = false;
      for (const auto& have : instance.security_group_ids)
        repeated = repeated || have == id;
      if (!repeated) instance.security_group_ids.push_back(id);
    }
    int profile = static_cast<int>(random_.below(10));
    if (profile < 7) {
      instance.instance_profile_arn =
          "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile";
    } else if (profile < 8) {
      instance.instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/app-server";
    }
    int platform = static_cast<int>(random_.below(10));
    instance.platform_details = platform < 8   ? "Linux/UNIX"
                                : platform < 9 ? "Windows"
                                               : "Red Hat Enterprise Linux";
    instance.http_tokens = random_.percent(60) ? "required" : "optional";
    if (random_.percent(60)) add_managed(instance);
    inventory_.instances.push_back(std::move(instance));
  }

  void add_managed(const InventoryInstance& instance) {
    static const std::vector<std::string> kAgents = {"3.3.40.0", "3.3.1142.0", "3.2.582.0",
                                                     "2.3.1319.0"};
    bool windows = instance.platform_details == "Windows";
    bool rhel = instance.platform_details.find("Red Hat") != std::string::npos;
    inventory_.managed_instances.push_back({instance.id,
                                            random_.percent(80) ? "Online" : "ConnectionLost",
                                            random_.pick(kAgents), windows ? "Windows" : "Linux",
                                            windows ? "Microsoft Windows Server 2022 Datacenter"
                                            : rhel  ? "Red Hat Enterprise Linux"
                                                    : "Amazon Linux",
                                            windows ? "10.0.20348"
                                            : rhel  ? "9.4"
                                                    : "2023"});
  }

  void add_preferences() {
    if (unreadable_) {
      inventory_.unreadable.push_back(
          {"ssm:GetDocument",
           "AccessDeniedException: User is not authorized to perform: ssm:GetDocument"});
      return;
    }
    switch (random_.below(3)) {
      case 0:
        return;  // never saved: the defaults
      case 1:
        inventory_.session_preferences = SessionPreferences{
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "", ""};
        return;
      default:
        inventory_.session_preferences = SessionPreferences{
            "alias/session-manager", "/aws/ssm/sessions", "session-logs-123456789012"};
    }
  }

  Random random_;
  Ids ids_;
  bool unreadable_;
  Inventory inventory_;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "make_snapshot: " << problem
            << "\nusage: make_snapshot INSTANCES [--seed N] [--unreadable] [-o FILE]\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  long instances = -1;
  uint64_t seed = 1;
  bool unreadable = false;
  std::string output;
  try {
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--seed" && i + 1 < args.size()) {
        seed = std::stoull(args[++i]);
      } else if (args[i] == "-o" && i + 1 < args.size()) {
        output = args[++i];
      } else if (args[i] == "--unreadable") {
        unreadable = true;
      } else if (instances < 0 && !args[i].empty() && args[i][0] != '-') {
        instances = std::stol(args[i]);
      } else {
        usage("unexpected argument " + args[i]);
      }
    }
  } catch (const std::logic_error&) {
    usage("INSTANCES and --seed take whole numbers");
  }
  if (instances < 0 || instances > 10'000'000) usage("INSTANCES (0 to 10,000,000) is required");

  Inventory inventory = SnapshotMaker(seed, unreadable).make(static_cast<int>(instances));
  SnapshotInfo info{"bench", "2026-01-01T00:00:00Z",
                    "region " + kRegion + " (make_snapshot " + std::to_string(instances) +
                        " --seed " + std::to_string(seed) + (unreadable ? " --unreadable" : "") +
                        ")"};
  std::string text = to_snapshot_json(inventory, info);
  if (output.empty()) {
    std::cout << text;
  } else {
    try {
      write_file_atomically(output, text);
    } catch (const FileError& error) {
      std::cerr << "make_snapshot: " << error.what() << "\n";
      return 1;
    }
  }
  return 0;
}
