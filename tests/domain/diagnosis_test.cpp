// doctor's checks, each in isolation: start from a seed-like inventory, change one thing,
// and look at the finding it produces (and whether it blocks now, or after up).
#include "domain/diagnosis.hpp"

#include <gtest/gtest.h>

#include "domain/network_rules.hpp"
#include "domain/stackset_targets.hpp"
#include "domain/template.hpp"

namespace ssmlink::domain {
namespace {

constexpr const char* kVpc = "vpc-0f00d1e2c3b4a5968";
constexpr const char* kSubnetA = "subnet-0123456789abcdef0";
constexpr const char* kSubnetB = "subnet-0fedcba9876543210";
constexpr const char* kInstance = "i-0a1b2c3d4e5f67890";
constexpr const char* kInstanceSg = "sg-0aa11bb22cc33dd44";
constexpr const char* kEndpointSg = "sg-0e1d2c3b4a5968701";
constexpr const char* kAcl = "acl-0a1b2c3d4e5f6a7b8";
constexpr const char* kTable = "rtb-0a1b2c3d4e5f6a7b8";

// The seed's account: a private subnet, DNS on, no endpoints, no internet.
Inventory seed() {
  Inventory inventory;
  inventory.region = "us-east-1";
  inventory.vpcs = {{kVpc, "10.0.0.0/16", true, true}};
  inventory.subnets = {{kSubnetA, kVpc, "us-east-1a", "10.0.1.0/24"},
                       {kSubnetB, kVpc, "us-east-1b", "10.0.2.0/24"}};
  inventory.security_groups = {
      {kInstanceSg, kVpc, "instance", {}, {{"tcp", 443, 443, "0.0.0.0/0", "", ""}}},
      {kEndpointSg, kVpc, "endpoints", {{"tcp", 443, 443, "10.0.0.0/16", "", ""}}, {}}};
  inventory.network_acls = {{kAcl,
                             kVpc,
                             true,
                             {},
                             {{100, "-1", false, true, "0.0.0.0/0", {}, {}},
                              {100, "-1", true, true, "0.0.0.0/0", {}, {}}}}};
  inventory.route_tables = {{kTable, kVpc, true, {}, {{"10.0.0.0/16", "local", true}}}};
  for (const char* name : {"ssm", "ssmmessages", "ec2messages", "kms", "logs"}) {
    inventory.endpoint_services.push_back({std::string("com.amazonaws.us-east-1.") + name,
                                           "Interface",
                                           {"us-east-1a", "us-east-1b", "us-east-1c"}});
  }
  inventory.instances = {{kInstance,
                          "running",
                          kVpc,
                          kSubnetA,
                          "10.0.1.10",
                          std::nullopt,
                          {kInstanceSg},
                          "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
                          "Linux/UNIX",
                          "required"}};
  return inventory;
}

void add_endpoint(Inventory& inventory, const std::string& service, const std::string& id,
                  const std::string& subnet = kSubnetA, bool private_dns = true) {
  inventory.endpoints.push_back({id,
                                 "Interface",
                                 kVpc,
                                 "com.amazonaws.us-east-1." + service,
                                 "available",
                                 private_dns,
                                 {subnet},
                                 {kEndpointSg},
                                 {}});
}

void add_working_endpoints(Inventory& inventory, const std::string& subnet = kSubnetA) {
  add_endpoint(inventory, "ssm", "vpce-0aaaaaaaaaaaaaaa1", subnet);
  add_endpoint(inventory, "ssmmessages", "vpce-0aaaaaaaaaaaaaaa2", subnet);
  add_endpoint(inventory, "ec2messages", "vpce-0aaaaaaaaaaaaaaa3", subnet);
}

// With a path, SSM knows the agent.
void register_agent(Inventory& inventory, const std::string& status = "Online") {
  inventory.managed_instances = {
      {kInstance, status, "3.3.1142.0", "Linux", "Amazon Linux", "2023"}};
}

Diagnosis run(const Inventory& inventory, DoctorTarget target = {}) {
  if (!target.instance_id && target.vpc_id.empty()) target.instance_id = kInstance;
  InventoryIndex index(inventory);
  auto diagnosis = diagnose(index, target);
  EXPECT_TRUE(diagnosis) << (diagnosis ? "" : diagnosis.error().message);
  return diagnosis ? *diagnosis : Diagnosis{};
}

const Finding* find(const Diagnosis& diagnosis, const std::string& id) {
  for (const auto& finding : diagnosis.findings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

Severity severity(const Diagnosis& diagnosis, const std::string& id) {
  const Finding* finding = find(diagnosis, id);
  EXPECT_NE(finding, nullptr) << id;
  return finding ? finding->severity : Severity::Ok;
}

std::string listing(const Diagnosis& diagnosis) {
  std::string out;
  for (const auto& f : diagnosis.findings) {
    out += std::string(severity_name(f.severity)) + " " + f.id + ": " + f.title + "\n";
  }
  return out;
}

TEST(Doctor, TheSeedIsWhatUpSolves) {
  Diagnosis d = run(seed());
  EXPECT_EQ(severity(d, "path.none"), Severity::Error) << listing(d);
  EXPECT_TRUE(find(d, "path.none")->fixed_by_up);
  EXPECT_EQ(find(d, "path.none")->fix, std::string("ssmlink up --instance ") + kInstance);
  EXPECT_TRUE(any_error(d.findings));
  EXPECT_FALSE(any_blocking_after_up(d.findings)) << listing(d);
  EXPECT_EQ(d.plan.create, default_services());
  EXPECT_EQ(severity(d, "endpoint.ssm"), Severity::Info);
  EXPECT_EQ(severity(d, "agent.status"), Severity::Warning);
  EXPECT_EQ(severity(d, "instance.sg-egress"), Severity::Ok);
  EXPECT_EQ(severity(d, "endpoint-service.availability"), Severity::Ok);
  EXPECT_EQ(d.availability_zone, "us-east-1a");
}

TEST(Doctor, DnsHostnamesOffBlocksEvenAfterUp) {
  Inventory inventory = seed();
  inventory.vpcs[0].dns_hostnames = false;
  Diagnosis d = run(inventory);
  const Finding* f = find(d, "vpc.dns-hostnames");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_FALSE(f->fixed_by_up);
  EXPECT_EQ(f->fix, std::string("aws ec2 modify-vpc-attribute --vpc-id ") + kVpc +
                        " --enable-dns-hostnames \"{\\\"Value\\\":true}\"");
  EXPECT_TRUE(any_blocking_after_up(d.findings));
  EXPECT_NE(find(d, "path.none")->detail.find("fix the other errors first"), std::string::npos);
}

TEST(Doctor, DnsSupportOffIsAlwaysAnError) {
  Inventory inventory = seed();
  inventory.vpcs[0].dns_support = false;
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "vpc.dns-support"), Severity::Error);
  EXPECT_TRUE(any_blocking_after_up(d.findings));
}

TEST(Doctor, InstanceGroupWithoutHttpsOut) {
  Inventory inventory = seed();
  inventory.security_groups[0].egress = {{"tcp", 80, 80, "0.0.0.0/0", "", ""}};
  Diagnosis d = run(inventory);
  const Finding* f = find(d, "instance.sg-egress");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error) << listing(d);
  EXPECT_NE(f->fix.find("authorize-security-group-egress --group-id sg-0aa11bb22cc33dd44"),
            std::string::npos);
  EXPECT_NE(f->fix.find("CidrIp=10.0.0.0/16"), std::string::npos);
  EXPECT_TRUE(any_blocking_after_up(d.findings));
}

TEST(Doctor, EgressByGroupReferenceOrVpcCidrIsEnough) {
  Inventory inventory = seed();
  inventory.security_groups[0].egress = {{"tcp", 443, 443, "10.0.0.0/16", "", ""}};
  EXPECT_FALSE(any_blocking_after_up(run(inventory).findings));
  // A reference to the endpoint group works for existing endpoints.
  add_working_endpoints(inventory);
  register_agent(inventory);
  inventory.security_groups[0].egress = {{"tcp", 443, 443, "", kEndpointSg, ""}};
  Diagnosis d = run(inventory);
  EXPECT_FALSE(any_error(d.findings)) << listing(d);
  EXPECT_EQ(severity(d, "path.endpoints"), Severity::Ok);
}

TEST(Doctor, WorkingEndpointsAreReusedNotDuplicated) {
  Inventory inventory = seed();
  add_working_endpoints(inventory);
  register_agent(inventory);
  Diagnosis d = run(inventory);
  EXPECT_FALSE(any_error(d.findings)) << listing(d);
  EXPECT_TRUE(d.plan.nothing_to_create());
  EXPECT_EQ(d.plan.reuse.size(), 3u);
  EXPECT_EQ(severity(d, "endpoint.ssm"), Severity::Ok);
}

TEST(Doctor, ABlockedPrivateDnsEndpointCannotBeReplaced) {
  Inventory inventory = seed();
  add_working_endpoints(inventory);
  inventory.security_groups[1].ingress = {{"tcp", 443, 443, "192.168.0.0/16", "", ""}};
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "endpoint.sg-ingress"), Severity::Error) << listing(d);
  EXPECT_NE(
      find(d, "endpoint.sg-ingress")
          ->fix.find(std::string("authorize-security-group-ingress --group-id ") + kEndpointSg +
                     " --protocol tcp --port 443 --source-group " + kInstanceSg),
      std::string::npos);
  EXPECT_EQ(severity(d, "endpoint.ssm"), Severity::Warning);
  EXPECT_TRUE(d.plan.nothing_to_create());  // a second one would clash on private DNS
  EXPECT_TRUE(any_blocking_after_up(d.findings));
}

TEST(Doctor, EndpointsWithoutPrivateDnsDoNotCount) {
  Inventory inventory = seed();
  add_endpoint(inventory, "ssm", "vpce-0aaaaaaaaaaaaaaa1", kSubnetA, false);
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "endpoint.ssm"), Severity::Warning);
  EXPECT_NE(find(d, "endpoint.ssm")->fix.find("--private-dns-enabled"), std::string::npos);
  EXPECT_EQ(d.plan.create, default_services());
  EXPECT_FALSE(any_blocking_after_up(d.findings)) << listing(d);
}

TEST(Doctor, EndpointsInAnotherAzWorkButCostMore) {
  Inventory inventory = seed();
  add_working_endpoints(inventory, kSubnetB);
  register_agent(inventory);
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "endpoint.ssm"), Severity::Warning) << listing(d);
  EXPECT_NE(find(d, "endpoint.ssm")->title.find("another AZ"), std::string::npos);
  EXPECT_FALSE(any_error(d.findings)) << listing(d);
}

TEST(Doctor, NetworkAclsOnBothSubnetsAndTheReturnPorts) {
  Inventory inventory = seed();
  add_working_endpoints(inventory, kSubnetB);
  // Only 1024-32000 back in: Linux's ephemeral ports (32768-61000) are dropped.
  inventory.network_acls[0].entries = {{90, "6", false, true, "0.0.0.0/0", 1024, 32000},
                                       {100, "6", false, true, "0.0.0.0/0", 443, 443},
                                       {100, "-1", true, true, "0.0.0.0/0", {}, {}}};
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "nacl.instance-subnet"), Severity::Error) << listing(d);
  EXPECT_NE(find(d, "nacl.instance-subnet")->title.find("32768-61000"), std::string::npos);
  EXPECT_TRUE(any_blocking_after_up(d.findings));
  // Within one subnet ACLs do not apply.
  inventory.endpoints.clear();
  add_working_endpoints(inventory, kSubnetA);
  register_agent(inventory);
  EXPECT_FALSE(any_error(run(inventory).findings)) << listing(run(inventory));
}

TEST(Doctor, AnInternetPathMakesEndpointsOptional) {
  Inventory inventory = seed();
  inventory.route_tables[0].routes.push_back({"0.0.0.0/0", "nat-0123456789abcdef0", true});
  register_agent(inventory);
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "path.internet"), Severity::Info) << listing(d);
  EXPECT_FALSE(any_error(d.findings)) << listing(d);
  // An internet gateway needs a public IP.
  inventory = seed();
  inventory.route_tables[0].routes.push_back({"0.0.0.0/0", "igw-0b1c2d3e4f5a6b7c8", true});
  register_agent(inventory, "ConnectionLost");
  EXPECT_EQ(severity(run(inventory), "path.none"), Severity::Error);
  inventory.instances[0].public_ip = "203.0.113.10";
  EXPECT_EQ(severity(run(inventory), "path.internet"), Severity::Info);
}

TEST(Doctor, NoInstanceProfileBlocks) {
  Inventory inventory = seed();
  inventory.instances[0].instance_profile_arn.reset();
  Diagnosis d = run(inventory);
  const Finding* f = find(d, "instance.profile");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_NE(f->detail.find("Default Host Management Configuration"), std::string::npos);
  EXPECT_NE(f->fix.find("associate-iam-instance-profile --instance-id i-0a1b2c3d4e5f67890"),
            std::string::npos);
  EXPECT_TRUE(any_blocking_after_up(d.findings));
}

TEST(Doctor, AgentStatus) {
  Inventory inventory = seed();
  inventory.instances[0].platform_details = "Red Hat Enterprise Linux";
  Diagnosis rhel = run(inventory);
  EXPECT_EQ(severity(rhel, "agent.status"), Severity::Error);
  EXPECT_TRUE(any_blocking_after_up(rhel.findings));

  inventory = seed();
  add_working_endpoints(inventory);
  inventory.managed_instances = {
      {kInstance, "Online", "3.3.1142.0", "Linux", "Amazon Linux", "2023"}};
  Diagnosis online = run(inventory);
  EXPECT_EQ(severity(online, "agent.status"), Severity::Ok);
  EXPECT_EQ(find(online, "agent.status")->title, "Online (agent 3.3.1142.0, Amazon Linux 2023)");
  EXPECT_EQ(severity(online, "agent.ec2messages"), Severity::Info);
  EXPECT_NE(find(online, "agent.ec2messages")->title.find("does not need"), std::string::npos);

  // A path but no word from SSM: the agent itself is the problem.
  inventory.managed_instances.clear();
  Diagnosis silent = run(inventory);
  EXPECT_EQ(severity(silent, "agent.status"), Severity::Error);
}

TEST(Doctor, NewAgentsDoNotNeedEc2Messages) {
  Inventory inventory = seed();
  add_endpoint(inventory, "ssm", "vpce-0aaaaaaaaaaaaaaa1");
  add_endpoint(inventory, "ssmmessages", "vpce-0aaaaaaaaaaaaaaa2");
  inventory.managed_instances = {
      {kInstance, "Online", "3.3.1142.0", "Linux", "Amazon Linux", "2023"}};
  Diagnosis d = run(inventory);
  EXPECT_FALSE(any_error(d.findings)) << listing(d);
  inventory.managed_instances[0].agent_version = "3.2.582.0";
  EXPECT_EQ(severity(run(inventory), "path.none"), Severity::Error);
}

TEST(Doctor, SessionPreferencesNeedTheirEndpoints) {
  Inventory inventory = seed();
  inventory.session_preferences = SessionPreferences{"alias/sessions", "", ""};
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "preferences.kms"), Severity::Warning);
  DoctorTarget with_kms;
  with_kms.services = services_for_preferences(inventory, default_services());
  EXPECT_EQ(with_kms.services.back(), Service::Kms);
  Diagnosis fixed = run(inventory, with_kms);
  EXPECT_EQ(severity(fixed, "preferences.kms"), Severity::Ok) << listing(fixed);
}

TEST(Doctor, UnreadableCallsBecomeWarningsAndTheRestRuns) {
  Inventory inventory = seed();
  inventory.network_acls.clear();
  inventory.unreadable = {{"ec2:DescribeNetworkAcls", "UnauthorizedOperation: no"}};
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "nacl.instance-subnet"), Severity::Warning) << listing(d);
  EXPECT_NE(find(d, "nacl.instance-subnet")->detail.find("UnauthorizedOperation"),
            std::string::npos);
  EXPECT_EQ(severity(d, "vpc.dns-support"), Severity::Ok);
}

TEST(Doctor, EndpointServiceMissingInTheSubnetsZone) {
  Inventory inventory = seed();
  inventory.endpoint_services[1].availability_zones = {"us-east-1b"};
  Diagnosis d = run(inventory);
  EXPECT_EQ(severity(d, "endpoint-service.availability"), Severity::Error);
  EXPECT_NE(find(d, "endpoint-service.availability")
                ->title.find("ssmmessages is not offered in us-east-1a"),
            std::string::npos);
}

TEST(Doctor, StoppedInstancesAndUnknownTargets) {
  Inventory inventory = seed();
  inventory.instances[0].state = "stopped";
  EXPECT_EQ(severity(run(inventory), "instance.state"), Severity::Error);
  InventoryIndex index(inventory);
  DoctorTarget unknown;
  unknown.instance_id = "i-0123456789abcdef0";
  EXPECT_FALSE(diagnose(index, unknown));
  DoctorTarget vpc;
  vpc.vpc_id = kVpc;
  vpc.instance_group_ids = {kInstanceSg};
  auto by_vpc = diagnose(index, vpc);
  ASSERT_TRUE(by_vpc);
  EXPECT_EQ(find(*by_vpc, "agent.status"), nullptr);
}

TEST(NetworkRules, AddressesBlocksAndAcls) {
  EXPECT_TRUE(cidr_contains_address("10.0.0.0/16", "10.0.1.10"));
  EXPECT_FALSE(cidr_contains_address("10.0.0.0/24", "10.0.1.10"));
  EXPECT_TRUE(cidr_contains_address("0.0.0.0/0", "203.0.113.1"));
  EXPECT_TRUE(cidr_contains_block("10.0.0.0/16", "10.0.2.0/24"));
  EXPECT_FALSE(cidr_contains_block("10.0.2.0/24", "10.0.0.0/16"));
  EXPECT_FALSE(cidr_contains_address("2001:db8::/32", "10.0.0.1"));
  EXPECT_FALSE(cidr_contains_address("garbage", "10.0.0.1"));

  InventoryNetworkAcl acl{"acl-1",
                          kVpc,
                          false,
                          {},
                          {{200, "-1", true, true, "0.0.0.0/0", {}, {}},
                           {100, "6", true, false, "10.0.2.0/24", 443, 443}}};
  Peer subnet_b{"", "10.0.2.0/24", {}};
  EXPECT_FALSE(acl_allows_tcp(acl, true, {443, 443}, subnet_b));  // rule 100 denies first
  EXPECT_TRUE(acl_allows_tcp(acl, true, {444, 60000}, subnet_b));
  EXPECT_FALSE(acl_allows_tcp(acl, false, {443, 443}, subnet_b));  // nothing inbound: deny
  EXPECT_EQ(ephemeral_ports("Windows").from, 49152);
  EXPECT_EQ(ephemeral_ports("Linux/UNIX").to, 61000);
}

// up --stackset's targets: which VPCs the endpoints alone fix, and what each instance gets.
std::vector<VpcDeployment> deployments_of(const Inventory& inventory) {
  InventoryIndex index(inventory);
  DeploymentCollector collector(index, default_services());
  DoctorTarget target;
  target.instance_id = kInstance;
  auto diagnosis = diagnose(index, target);
  EXPECT_TRUE(diagnosis);
  if (diagnosis) collector.add(*diagnosis);
  return collector.take();
}

TEST(StackSetTargets, TheSeedIsATargetWithItsVpcCidrAndSubnet) {
  auto deployments = deployments_of(seed());
  ASSERT_EQ(deployments.size(), 1u);
  EXPECT_EQ(deployments[0].vpc_id, kVpc);
  EXPECT_EQ(deployments[0].vpc_cidr, "10.0.0.0/16");
  EXPECT_EQ(deployments[0].subnet_ids, std::vector<std::string>{kSubnetA});
  EXPECT_EQ(deployments[0].instance_ids, std::vector<std::string>{kInstance});
  EXPECT_EQ(deployments[0].instance_group, kInstanceSg);
  auto overrides = stackset_overrides(deployments[0]);
  using Override = std::pair<std::string, std::string>;
  EXPECT_EQ(overrides, (std::vector<Override>{{"VpcId", kVpc},
                                              {"SubnetIds", kSubnetA},
                                              {"InstanceSecurityGroupId", kInstanceSg},
                                              {"SourceCidr", "10.0.0.0/16"}}));
}

TEST(StackSetTargets, InstancesWithoutACommonGroupAreReachedFromTheVpcCidr) {
  Inventory inventory = seed();
  InventoryInstance second = inventory.instances[0];
  second.id = "i-0b1b2c3d4e5f67890";
  second.security_group_ids = {"sg-0bb11bb22cc33dd44"};  // nothing in common with the first
  inventory.instances.push_back(second);
  inventory.security_groups.push_back(
      {"sg-0bb11bb22cc33dd44", kVpc, "other", {}, {{"tcp", 443, 443, "0.0.0.0/0", "", ""}}});
  InventoryIndex index(inventory);
  DeploymentCollector collector(index, default_services());
  for (const char* id : {kInstance, "i-0b1b2c3d4e5f67890"}) {
    DoctorTarget target;
    target.instance_id = id;
    auto diagnosis = diagnose(index, target);
    ASSERT_TRUE(diagnosis);
    collector.add(*diagnosis);
  }
  auto deployments = collector.take();
  ASSERT_EQ(deployments.size(), 1u);
  EXPECT_EQ(deployments[0].instance_ids.size(), 2u);
  EXPECT_EQ(deployments[0].instance_group, "");
  EXPECT_EQ(stackset_overrides(deployments[0])[2].second, "");  // so SourceCidr applies
}

TEST(StackSetTargets, WorkingEndpointsAndPartialSetsAreNotTargets) {
  Inventory working = seed();
  add_working_endpoints(working);
  register_agent(working);
  EXPECT_TRUE(deployments_of(working).empty());
  Inventory partial = seed();
  add_endpoint(partial, "ssm", "vpce-0aaaaaaaaaaaaaaa1");
  EXPECT_TRUE(deployments_of(partial).empty()) << "the StackSet would create a second ssm";
}

TEST(StackSetTargets, ProblemsTheEndpointsDoNotFixAreNotTargets) {
  Inventory no_profile = seed();
  no_profile.instances[0].instance_profile_arn.reset();
  EXPECT_TRUE(deployments_of(no_profile).empty());
}

TEST(StackSetTargets, TheTemplateAsksEveryInstanceForItsValues) {
  Document document = build_template(stackset_plan(default_services()), "test");
  std::string yaml = render_template(document, TemplateFormat::Yaml);
  for (const char* parameter :
       {"VpcId:", "SubnetIds:", "InstanceSecurityGroupId:", "SourceCidr:",
        "FromInstanceSecurityGroup:", "- !If\n          - FromInstanceSecurityGroup",
        "SourceSecurityGroupId: !Ref InstanceSecurityGroupId", "CidrIp: !Ref SourceCidr"})
    EXPECT_NE(yaml.find(parameter), std::string::npos) << parameter << "\n" << yaml;
  EXPECT_EQ(yaml.find("Default:"), std::string::npos) << yaml;
}

}  // namespace
}  // namespace ssmlink::domain
