#include "domain/diagnosis.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "domain/agent_identity.hpp"
#include "domain/caller_check.hpp"
#include "domain/agent_versions.hpp"
#include "domain/network_rules.hpp"
#include "domain/path_reasoning.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

std::string key(Service service) {
  return std::string(info(service).key);
}

std::string modify_vpc_attribute(const std::string& vpc, const char* attribute) {
  return "aws ec2 modify-vpc-attribute --vpc-id " + vpc + " --" + attribute +
         " \"{\\\"Value\\\":true}\"";
}

// The fix for a call whose answer doctor could not use, by what went wrong: a denial
// wants a permission, a call the endpoint does not know wants the right endpoint, and
// anything else (5xx after retries, an HTML page, a cut-off answer, the network) another run.
std::string fix_for_unreadable(const Unreadable& failure) {
  static const std::set<std::string_view> denied = {
      "UnauthorizedOperation", "AccessDenied",         "AccessDeniedException",
      "OptInRequired",         "InvalidClientTokenId", "UnrecognizedClientException"};
  static const std::set<std::string_view> unknown_call = {
      "InvalidAction", "UnknownOperationException", "UnsupportedOperation", "NotImplemented",
      "HTTP 501"};
  std::string_view code = std::string_view(failure.error).substr(0, failure.error.find(':'));
  if (denied.contains(code)) {
    return "allow " + failure.call +
           " to the caller (ssmlink whoami shows who that is), then run doctor again";
  }
  if (unknown_call.contains(code)) {
    return "the endpoint does not implement " + failure.call +
           ": check --endpoint-url / AWS_ENDPOINT_URL, or verify this check by hand";
  }
  return "run doctor again (--debug shows the exchange); if " + failure.call +
         " keeps failing, check the network, proxy and endpoint, or verify this check by hand";
}

// A service's verdict: reachable or not, how, and what stands in the way.
struct ServiceVerdict {
  bool reachable = false;
  std::string via;  // vpce-..., "the endpoint up creates", nat-..., igw-...
  bool via_internet = false;
  std::vector<Blocker> blockers;
};

class DoctorRun {
 public:
  DoctorRun(const InventoryIndex& index, const DoctorTarget& target)
      : index_(index), target_(target), inventory_(index.inventory()) {}

  Result<Diagnosis> run() {
    if (auto error = resolve_target()) return fail(*error);
    std::vector<Service> wanted = target_.services;
    plan_ = plan_endpoints(index_, vpc_->id, wanted, endpoint_subnets_);
    check_instance_state();
    check_dns();
    check_endpoint_services();
    check_endpoints();
    check_paths();
    if (instance_) {
      check_profile();
      check_agent();
    }
    check_preferences();
    check_s3_gateway();
    check_caller_permissions();
    // Moved, not copied: run() is the last use, and a copy of every finding per instance
    // showed in doctor --all's profile.
    diagnosis_.plan = std::move(plan_);
    return std::move(diagnosis_);
  }

 private:
  std::optional<std::string> resolve_target() {
    if (target_.instance_id) {
      instance_ = index_.instance(*target_.instance_id);
      if (!instance_) return "instance " + *target_.instance_id + " is not in the inventory";
      side_.instance_id = instance_->id;
      side_.address = instance_->private_ip;
      side_.subnet_id = instance_->subnet_id;
      side_.group_ids = target_.instance_group_ids.empty() ? instance_->security_group_ids
                                                           : target_.instance_group_ids;
      side_.platform = instance_->platform_details;
      vpc_ = index_.vpc(instance_->vpc_id);
      if (!vpc_)
        return "the VPC " + instance_->vpc_id + " of " + instance_->id + " is not in the inventory";
      endpoint_subnets_ =
          target_.subnet_ids.empty() ? std::vector{instance_->subnet_id} : target_.subnet_ids;
    } else {
      vpc_ = index_.vpc(target_.vpc_id);
      if (!vpc_) return "VPC " + target_.vpc_id + " is not in the inventory";
      endpoint_subnets_ = target_.subnet_ids;
      if (endpoint_subnets_.empty()) {
        for (const auto& subnet : inventory_.subnets) {
          if (subnet.vpc_id == vpc_->id) {
            endpoint_subnets_.push_back(subnet.id);
            break;
          }
        }
      }
      side_.subnet_id = endpoint_subnets_.empty() ? "" : endpoint_subnets_.front();
      side_.group_ids = target_.instance_group_ids;
    }
    for (const auto& subnet : endpoint_subnets_) {
      const InventorySubnet* found = index_.subnet(subnet);
      if (!found) return "subnet " + subnet + " is not in the inventory";
      if (found->vpc_id != vpc_->id) return "subnet " + subnet + " is not in " + vpc_->id;
    }
    side_.vpc = vpc_;
    diagnosis_.instance_id = side_.instance_id;
    diagnosis_.vpc_id = vpc_->id;
    diagnosis_.subnet_id = side_.subnet_id;
    if (const InventorySubnet* subnet = index_.subnet(side_.subnet_id)) {
      diagnosis_.availability_zone = subnet->availability_zone;
    }
    if (instance_) managed_ = index_.managed(instance_->id);
    return std::nullopt;
  }

  void add(Finding finding) { diagnosis_.findings.push_back(std::move(finding)); }

  // Whether ok findings are wanted; checked before one is built, so that doctor --all
  // (which shows only problems) never pays for their text.
  bool keeps_ok() const { return target_.keep_ok; }

  void unreadable(const std::string& id, const std::string& title, const Unreadable& failure,
                  std::vector<std::string> resources) {
    add({id, Severity::Warning, title,
         "ssmlink could not read this (" + failure.call + ": " + failure.error +
             "), so the check did not run; the others did.",
         std::move(resources), fix_for_unreadable(failure)});
  }

  // --- the services the agent needs, and what reaches them ---

  std::vector<Service> agent_services() const {
    std::vector<Service> services = {Service::Ssm, Service::SsmMessages};
    std::string version = managed_ ? managed_->agent_version : "";
    if (agent_needs_ec2messages(version)) services.push_back(Service::Ec2Messages);
    return services;
  }

  EndpointView view_of(const InventoryEndpoint& endpoint) const {
    EndpointView view{endpoint.id, endpoint.subnet_ids, {}, endpoint.private_dns, false};
    for (const auto& id : endpoint.security_group_ids) {
      if (const InventorySecurityGroup* group = index_.group(id)) view.groups.push_back(group);
    }
    return view;
  }

  // The group up creates: TCP 443 in from each instance group (as the template says).
  EndpointView planned_view() {
    if (planned_group_.id.empty()) {
      planned_group_ = {"(the group up creates)", vpc_->id, "ssmlink", {}, {}};
      for (const auto& id : side_.group_ids) {
        planned_group_.ingress.push_back({"tcp", 443, 443, "", id, ""});
      }
      if (side_.group_ids.empty()) {
        planned_group_.ingress.push_back({"tcp", 443, 443, vpc_->cidr, "", ""});
      }
    }
    return {
        "the endpoint up creates", endpoint_subnets_, {&planned_group_}, target_.private_dns, true};
  }

  std::vector<Blocker> dns_blockers() const {
    std::vector<Blocker> blockers;
    if (vpc_->dns_support == false) {
      blockers.push_back(
          {"vpc.dns-support", "enableDnsSupport is false in " + vpc_->id, {vpc_->id}, ""});
    }
    if (vpc_->dns_hostnames == false) {
      blockers.push_back(
          {"vpc.dns-hostnames", "enableDnsHostnames is false in " + vpc_->id, {vpc_->id}, ""});
    }
    return blockers;
  }

  ServiceVerdict through_endpoint(const EndpointView& view, bool still_pending = false) const {
    ServiceVerdict verdict;
    verdict.via = view.label;
    verdict.blockers = dns_blockers();
    if (still_pending) {
      verdict.blockers.push_back({"endpoint.pending", view.label + " is still pending", {}, ""});
    }
    if (!view.private_dns) {
      verdict.blockers.push_back(
          {"endpoint.private-dns", view.label + " has private DNS off", {}, ""});
    }
    for (auto& blocker : endpoint_blockers(index_, side_, view))
      verdict.blockers.push_back(std::move(blocker));
    verdict.reachable = verdict.blockers.empty();
    return verdict;
  }

  ServiceVerdict through_internet() const {
    ServiceVerdict verdict;
    verdict.via_internet = true;
    bool public_ip = instance_ && instance_->public_ip.has_value();
    auto route = internet_route(index_, side_, public_ip);
    if (!route) {
      verdict.blockers.push_back(
          {"path.none",
           "no endpoint with private DNS and no route to the internet (a NAT gateway, or an "
           "internet gateway and a public IP) from " +
               side_.subnet_id,
           {side_.subnet_id},
           ""});
      return verdict;
    }
    verdict.via = route->target;
    if (vpc_->dns_support == false) {
      verdict.blockers.push_back(
          {"vpc.dns-support", "enableDnsSupport is false in " + vpc_->id, {vpc_->id}, ""});
    }
    for (auto& blocker : internet_blockers(index_, side_))
      verdict.blockers.push_back(std::move(blocker));
    verdict.reachable = verdict.blockers.empty();
    return verdict;
  }

  // Now, or once up has created its endpoints; judged once per service and moment.
  const ServiceVerdict& judge(Service service, bool after_up) {
    auto key = std::pair(service, after_up);
    for (const auto& [judged, verdict] : verdicts_) {
      if (judged == key) return *verdict;
    }
    return *verdicts_.emplace_back(key, &judge_afresh(service, after_up)).second;
  }

  // An existing endpoint's verdict, made once per run: the endpoint checks and the path
  // checks ask for the same one.
  const ServiceVerdict& endpoint_verdict(const InventoryEndpoint& endpoint, bool pending) {
    auto key = std::pair(&endpoint, pending);
    auto found = endpoint_verdicts_.find(key);
    if (found == endpoint_verdicts_.end())
      found = endpoint_verdicts_.emplace(key, through_endpoint(view_of(endpoint), pending)).first;
    return found->second;
  }

  // A private-DNS endpoint owns the service's name in the VPC, so when one exists (or
  // will) the traffic goes there, not out.
  const ServiceVerdict& judge_afresh(Service service, bool after_up) {
    if (const InventoryEndpoint* existing = reusable_endpoint(index_, vpc_->id, service)) {
      // A pending endpoint is not usable yet, but will be once up (or AWS) is done.
      return endpoint_verdict(*existing, !after_up && to_lower(existing->state) != "available");
    }
    bool created = after_up && target_.private_dns &&
                   std::ranges::find(plan_.create, service) != plan_.create.end();
    // The endpoint up creates and the route out are the same path for every service:
    // each is judged once, not once per service.
    if (created) {
      if (!planned_verdict_) planned_verdict_ = through_endpoint(planned_view());
      return *planned_verdict_;
    }
    if (!internet_verdict_) internet_verdict_ = through_internet();
    return *internet_verdict_;
  }

  bool reachable_now(Service service) { return judge(service, false).reachable; }

  // --- the checks ---

  void check_instance_state() {
    if (!instance_) return;
    if (instance_->state == "running") return;
    add({"instance.state",
         Severity::Error,
         instance_->id + " is " + instance_->state,
         "Session Manager reaches only running instances.",
         {instance_->id},
         "aws ec2 start-instances --instance-ids " + instance_->id});
  }

  bool private_dns_in_play() const {
    bool planned = target_.private_dns && std::ranges::any_of(plan_.create, [](Service s) {
                     return info(s).type == EndpointType::Interface;
                   });
    bool present = std::ranges::any_of(
        index_.endpoints_in_vpc(vpc_->id),
        [](const InventoryEndpoint* e) { return e->type == "Interface" && e->private_dns; });
    return planned || present;
  }

  void check_dns() {
    const std::string& vpc = vpc_->id;
    if (const Unreadable* failure = inventory_.failed("ec2:DescribeVpcAttribute")) {
      unreadable("vpc.dns-support", "the DNS attributes of " + vpc + " could not be read", *failure,
                 {vpc});
      return;
    }
    if (vpc_->dns_support == false) {
      add({"vpc.dns-support",
           Severity::Error,
           "enableDnsSupport is false: names do not resolve in " + vpc,
           "Without the Amazon DNS server the agent resolves neither the endpoints' private names "
           "nor the public ones.",
           {vpc},
           modify_vpc_attribute(vpc, "enable-dns-support")});
    } else if (keeps_ok()) {
      add({"vpc.dns-support", Severity::Ok, "enableDnsSupport is true", "", {vpc}, ""});
    }
    bool needed = private_dns_in_play();
    if (vpc_->dns_hostnames == false) {
      add({"vpc.dns-hostnames",
           needed ? Severity::Error : Severity::Info,
           needed ? "enableDnsHostnames is false: private DNS endpoints cannot be created"
                  : "enableDnsHostnames is false (no private DNS endpoint needs it here)",
           "Private DNS for an interface endpoint needs both enableDnsSupport and "
           "enableDnsHostnames; with either off, CloudFormation fails with \"Enabling private DNS "
           "requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for " +
               vpc + "\".",
           {vpc},
           needed ? modify_vpc_attribute(vpc, "enable-dns-hostnames") : ""});
    } else if (keeps_ok()) {
      add({"vpc.dns-hostnames", Severity::Ok, "enableDnsHostnames is true", "", {vpc}, ""});
    }
  }

  void check_endpoint_services() {
    std::vector<Service> to_create;
    for (Service service : plan_.create) {
      if (info(service).type == EndpointType::Interface) to_create.push_back(service);
    }
    if (to_create.empty()) return;
    if (const Unreadable* failure = inventory_.failed("ec2:DescribeVpcEndpointServices")) {
      unreadable("endpoint-service.availability",
                 "which AZs offer the endpoint services is unknown", *failure, endpoint_subnets_);
      return;
    }
    std::vector<std::string> problems;
    std::string fix;
    for (Service service : to_create) {
      const std::string& name = index_.service_name(service);
      const InventoryEndpointService* offered = index_.endpoint_service(name);
      if (!offered) {
        problems.push_back(name + " is not offered in " + inventory_.region);
        fix = "choose --services without " + key(service) + ", or another region";
        continue;
      }
      for (const auto& subnet_id : endpoint_subnets_) {
        const InventorySubnet* subnet = index_.subnet(subnet_id);
        if (subnet && std::ranges::find(offered->availability_zones, subnet->availability_zone) ==
                          offered->availability_zones.end()) {
          problems.push_back(name + " is not offered in " + subnet->availability_zone + " (" +
                             subnet_id + "); it is in " + join(offered->availability_zones, ", "));
          fix = "give --subnet a subnet in one of " + join(offered->availability_zones, ", ");
        }
      }
    }
    if (problems.empty()) {
      if (!keeps_ok()) return;
      std::vector<std::string> keys;
      for (Service service : to_create)
        keys.push_back(key(service));
      std::string zones;
      for (const auto& subnet_id : endpoint_subnets_) {
        if (const InventorySubnet* subnet = index_.subnet(subnet_id)) {
          zones += (zones.empty() ? "" : ", ") + subnet->availability_zone;
        }
      }
      add({"endpoint-service.availability", Severity::Ok, join(keys, ", ") + " offered in " + zones,
           "", endpoint_subnets_, ""});
      return;
    }
    add({"endpoint-service.availability", Severity::Error, problems.front(),
         join(problems, "; ") + ". EC2 refuses an endpoint in an Availability Zone its service "
                                "does not support.",
         endpoint_subnets_, fix});
  }

  void check_endpoints() {
    if (const Unreadable* failure = inventory_.failed("ec2:DescribeVpcEndpoints")) {
      unreadable("endpoint.existing", "the VPC's endpoints could not be read", *failure,
                 {vpc_->id});
      return;
    }
    std::vector<Service> services = target_.services;
    for (Service service : agent_services()) {
      if (std::ranges::find(services, service) == services.end()) services.push_back(service);
    }
    std::ranges::sort(services);
    std::string version = managed_ ? managed_->agent_version : "";
    for (Service service : services) {
      std::string id = "endpoint." + key(service);
      const std::string& name = index_.service_name(service);
      bool wanted = std::ranges::find(target_.services, service) != target_.services.end();
      if (const InventoryEndpoint* existing = reusable_endpoint(index_, vpc_->id, service)) {
        check_reused_endpoint(id, service, *existing);
        continue;
      }
      const InventoryEndpoint* without_dns = nullptr;
      for (const InventoryEndpoint* endpoint : index_.endpoints_in_vpc(vpc_->id)) {
        if (endpoint->service_name == name && endpoint->type == "Interface") without_dns = endpoint;
      }
      if (without_dns) {
        add({id,
             Severity::Warning,
             without_dns->id + " serves " + key(service) + " with private DNS off",
             "The agent calls " + private_dns_name(service, inventory_.region) +
                 ", which resolves to this endpoint only with private DNS on" +
                 std::string(wanted ? "; up creates one with private DNS beside it." : "."),
             {without_dns->id},
             "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + without_dns->id +
                 " --private-dns-enabled"});
        continue;
      }
      if (service == Service::Ec2Messages && !agent_needs_ec2messages(version)) {
        add({id,
             Severity::Info,
             "no ec2messages endpoint; agent " + version + " does not need one",
             "From SSM Agent 3.3.40.0 the agent uses ssmmessages once it connects" +
                 std::string(wanted ? "; up still creates it unless --services leaves it out."
                                    : "."),
             {vpc_->id},
             ""});
        continue;
      }
      if (wanted) {
        add({id,
             Severity::Info,
             "no " + key(service) + " endpoint: up creates it in " + join(endpoint_subnets_, ", "),
             "",
             {vpc_->id},
             ""});
      } else {
        add({id,
             Severity::Info,
             "no " + key(service) + " endpoint, and --services does not ask for one",
             "",
             {vpc_->id},
             ""});
      }
    }
  }

  void check_reused_endpoint(const std::string& id, Service service,
                             const InventoryEndpoint& endpoint) {
    std::vector<std::string> resources = {endpoint.id};
    const ServiceVerdict& verdict = endpoint_verdict(endpoint, false);
    if (!verdict.reachable) {
      add({id, Severity::Warning,
           endpoint.id + " owns " + private_dns_name(service, inventory_.region) + " in " +
               vpc_->id + " but does not serve " + (instance_ ? instance_->id : "these instances"),
           "A second private DNS endpoint for " + key(service) +
               " would fail (\"conflicting DNS domain\"), so up reuses this one: fix what the "
               "other findings name.",
           resources, ""});
      return;
    }
    std::set<std::string> zones;
    for (const auto& subnet_id : endpoint.subnet_ids) {
      if (const InventorySubnet* subnet = index_.subnet(subnet_id))
        zones.insert(subnet->availability_zone);
    }
    if (instance_ && !diagnosis_.availability_zone.empty() &&
        !zones.contains(diagnosis_.availability_zone)) {
      add({id, Severity::Warning,
           endpoint.id + " serves " + key(service) + " from another AZ (" +
               join(std::vector<std::string>(zones.begin(), zones.end()), ", ") + ")",
           "It works, but traffic crosses Availability Zones (billed per GB each way).", resources,
           "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + endpoint.id + " --add-subnet-ids " +
               instance_->subnet_id});
      return;
    }
    if (keeps_ok()) {
      add({id, Severity::Ok,
           endpoint.id + " (private DNS) serves " + key(service) + "; up reuses it", "", resources,
           ""});
    }
  }

  // The blockers of each check, pointing into the verdicts (which live as long as the run).
  using BlockersByCheck = std::map<std::string_view, std::vector<const Blocker*>>;

  // Security groups, ACLs and the path itself, judged as they will be after up.
  void check_paths() {
    BlockersByCheck after_up;
    bool all_after = true;
    bool all_now = true;
    std::vector<std::string> missing_now;
    std::string via_now;
    bool internet_now = true;
    for (Service service : agent_services()) {
      const ServiceVerdict& later = judge(service, true);
      all_after = all_after && later.reachable;
      for (const auto& blocker : later.blockers)
        after_up[blocker.check_id].push_back(&blocker);
      const ServiceVerdict& now = judge(service, false);
      if (!now.reachable) {
        all_now = false;
        missing_now.push_back(key(service));
      } else {
        via_now = now.via;
        internet_now = internet_now && now.via_internet;
      }
    }
    report_rules(after_up);
    std::vector<std::string> resources = {side_.subnet_id};
    if (instance_) resources.insert(resources.begin(), instance_->id);
    if (all_now && internet_now) {
      add({"path.internet", Severity::Info,
           "reaches Systems Manager through " + via_now + ": endpoints are optional here",
           "Endpoints keep the traffic private and may cost less or more than the NAT gateway: "
           "ssmlink cost compares them.",
           resources, ""});
    } else if (all_now) {
      if (keeps_ok()) {
        add({"path.endpoints", Severity::Ok,
             "a working path to ssm and ssmmessages through the endpoints", "", resources, ""});
      }
    } else {
      std::string fix =
          "ssmlink up" + (instance_ ? " --instance " + instance_->id : " --vpc " + vpc_->id);
      // Without the routes a NAT gateway cannot be ruled out: say what is known, not more.
      const Unreadable* routes_unread = inventory_.failed("ec2:DescribeRouteTables");
      if (routes_unread) {
        unreadable("path.internet-route",
                   "whether a route to the internet exists could not be read", *routes_unread,
                   resources);
      }
      std::string title = routes_unread ? "no usable endpoint for " + join(missing_now, ", ") +
                                              "; a route to the internet could not be checked"
                                        : "no working path to " + join(missing_now, ", ") +
                                              ": no usable endpoint and no route to the internet";
      add({"path.none", routes_unread ? Severity::Warning : Severity::Error, std::move(title),
           all_after ? "Creating the endpoints (up) makes the path."
                     : "Creating the endpoints alone is not enough: fix the other errors first.",
           resources, fix, all_after});
    }
    // Anything still in the way after up that no finding above names.
    std::vector<std::string> unexplained;
    for (const auto& [id, blockers] : after_up) {
      if (id == "path.none") {
        for (const Blocker* blocker : blockers)
          unexplained.push_back(blocker->text);
      }
    }
    if (!all_after && !unexplained.empty()) {
      add({"path.after-up", Severity::Error, unexplained.front(),
           "Even with up's endpoints some services stay out of reach: " + join(unexplained, "; "),
           resources,
           "include every needed service in --services (ssm, ssmmessages, ec2messages)"});
    }
  }

  // What a rule check says when nothing blocks; made only when ok findings are kept.
  std::string rule_ok_text(std::string_view id) const {
    if (id == "instance.sg-egress") {
      std::string groups =
          side_.group_ids.empty() ? "the instances' groups" : join(side_.group_ids, ", ");
      return groups + " allow TCP 443 out to the endpoints";
    }
    if (id == "endpoint.sg-ingress") return "the endpoints' groups allow TCP 443 in";
    if (id == "nacl.instance-subnet")
      return "the network ACL of " + side_.subnet_id + " lets HTTPS out and the replies in";
    return "the endpoint subnets' network ACLs let HTTPS in and the replies out";
  }

  void report_rules(const BlockersByCheck& blockers) {
    struct Rule {
      const char* id;
      const char* unread_call;
    };
    static constexpr Rule kRules[] = {
        {"instance.sg-egress", "ec2:DescribeSecurityGroups"},
        {"endpoint.sg-ingress", "ec2:DescribeSecurityGroups"},
        {"nacl.instance-subnet", "ec2:DescribeNetworkAcls"},
        {"nacl.endpoint-subnet", "ec2:DescribeNetworkAcls"},
    };
    for (const Rule& rule : kRules) {
      if (const Unreadable* failure = inventory_.failed(rule.unread_call)) {
        unreadable(rule.id, std::string(rule.id) + " could not be checked", *failure,
                   {side_.subnet_id});
        continue;
      }
      auto found = blockers.find(rule.id);
      if (found == blockers.end()) {
        if (keeps_ok()) add({rule.id, Severity::Ok, rule_ok_text(rule.id), "", {}, ""});
        continue;
      }
      add(finding_from(rule.id, found->second));
    }
    for (const char* id : {"endpoint.subnets", "endpoint.private-dns"}) {
      auto found = blockers.find(id);
      if (found != blockers.end()) add(finding_from(id, found->second));
    }
  }

  static Finding finding_from(std::string_view id, const std::vector<const Blocker*>& blockers) {
    std::vector<std::string> texts;
    std::vector<std::string> resources;
    std::vector<std::string> fixes;
    for (const Blocker* blocker : blockers) {
      if (std::ranges::find(texts, blocker->text) == texts.end()) texts.push_back(blocker->text);
      for (const auto& resource : blocker->resources) {
        if (std::ranges::find(resources, resource) == resources.end())
          resources.push_back(resource);
      }
      if (!blocker->fix.empty() && std::ranges::find(fixes, blocker->fix) == fixes.end())
        fixes.push_back(blocker->fix);
    }
    return {std::string(id),
            Severity::Error,
            texts.front(),
            join(texts, "; ") +
                ". The agent connects out on TCP 443 and the replies come back on its "
                "ephemeral ports: every hop must allow both.",
            resources,
            join(fixes, "\n")};
  }

  void check_profile() {
    if (const Unreadable* failure = inventory_.failed("ec2:DescribeInstances")) {
      unreadable("instance.profile", "the instance's profile could not be read", *failure,
                 {instance_->id});
      return;
    }
    check_agent_identity({inventory_, index_.iam(), *instance_, managed_, keeps_ok()},
                         diagnosis_.findings);
  }

  void check_caller_permissions() {
    if (inventory_.caller) check_caller(*inventory_.caller, keeps_ok(), diagnosis_.findings);
  }

  void check_agent() {
    if (const Unreadable* failure = inventory_.failed("ssm:DescribeInstanceInformation")) {
      unreadable("agent.status", "what SSM knows of the agent could not be read", *failure,
                 {instance_->id});
      return;
    }
    const std::string& id = instance_->id;
    if (managed_) {
      auto title = [&] {
        std::string platform = trim(managed_->platform_name + " " + managed_->platform_version);
        return managed_->ping_status + " (agent " + managed_->agent_version +
               (platform.empty() ? "" : ", " + platform) + ")";
      };
      if (managed_->ping_status == "Online") {
        if (keeps_ok()) add({"agent.status", Severity::Ok, title(), "", {id}, ""});
      } else {
        add({"agent.status",
             Severity::Warning,
             title(),
             "SSM has heard from this agent before but not lately: the path or the agent went "
             "away.",
             {id},
             ""});
      }
      report_ec2messages();
      return;
    }
    bool path_now =
        std::ranges::all_of(agent_services(), [&](Service s) { return reachable_now(s); });
    if (path_now) {
      add({"agent.status",
           Severity::Error,
           "SSM has never heard from " + id + " although it has a path",
           "The agent is not installed, not running, or has no credentials (a profile attached "
           "after it started needs an agent restart).",
           {id},
           "on the instance: sudo systemctl restart amazon-ssm-agent (install it if missing)"});
      return;
    }
    if (agent_preinstalled(instance_->platform_details) == AgentPreinstalled::No) {
      add({"agent.status",
           Severity::Error,
           "SSM Agent does not come with " + instance_->platform_details +
               " AMIs, and SSM has never heard from " + id,
           "Install SSM Agent on it; if it is installed already, up --force goes ahead anyway.",
           {id},
           "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
           "manually-install-ssm-agent-linux.html"});
      return;
    }
    add({"agent.status",
         Severity::Warning,
         "SSM Agent not registered yet (expected before the endpoints)",
         "SSM has never heard from " + id + "; its agent registers once it can reach ssm.",
         {id},
         ""});
  }

  void report_ec2messages() {
    const std::string& version = managed_->agent_version;
    if (agent_needs_ec2messages(version)) {
      add({"agent.ec2messages",
           Severity::Info,
           "agent " + version + " still needs ec2messages",
           "Agents before 3.3.40.0 take their commands from ec2messages.",
           {instance_->id},
           ""});
    } else {
      add({"agent.ec2messages",
           Severity::Info,
           "agent " + version + " does not need ec2messages",
           "From 3.3.40.0 the agent uses ssmmessages once it connects; --services "
           "ssm,ssmmessages saves one endpoint per AZ.",
           {instance_->id},
           ""});
    }
  }

  // Whether the instance (or the VPC's subnets) can reach `service` once up has run.
  bool reachable_after_up(Service service) { return judge(service, true).reachable; }

  void check_preferences() {
    if (const Unreadable* failure = inventory_.failed("ssm:GetDocument")) {
      unreadable("preferences", "the Session Manager preferences could not be read", *failure, {});
      return;
    }
    if (!inventory_.session_preferences) {
      if (!keeps_ok()) return;
      add({"preferences",
           Severity::Ok,
           "no Session Manager preferences saved",
           "Sessions use the defaults: no KMS encryption, no logging.",
           {},
           ""});
      return;
    }
    const SessionPreferences& prefs = *inventory_.session_preferences;
    struct Need {
      const char* id;
      std::string setting;
      Service service;
      std::string why;
    };
    std::vector<Need> needs;
    if (!prefs.kms_key_id.empty()) {
      needs.push_back({"preferences.kms", "KMS key " + prefs.kms_key_id, Service::Kms, "kms"});
    }
    if (!prefs.cloudwatch_log_group.empty()) {
      needs.push_back({"preferences.logs", "CloudWatch Logs group " + prefs.cloudwatch_log_group,
                       Service::Logs, "logs"});
    }
    if (!prefs.s3_bucket.empty()) {
      needs.push_back({"preferences.s3", "S3 bucket " + prefs.s3_bucket, Service::S3, "s3"});
    }
    if (needs.empty() && keeps_ok()) {
      add({"preferences",
           Severity::Ok,
           "Session Manager preferences need no other endpoint",
           "",
           {},
           ""});
    }
    for (const Need& need : needs) {
      bool ok = need.service == Service::S3 ? s3_reachable() : reachable_after_up(need.service);
      if (ok) {
        if (!keeps_ok()) continue;
        add({need.id,
             Severity::Ok,
             "sessions use " + need.setting + ", and " + need.why + " is reachable",
             "",
             {},
             ""});
      } else {
        add({need.id,
             Severity::Warning,
             "sessions use " + need.setting + " but nothing reaches " + need.why,
             "The instance comes Online, but sessions fail to start (or to log) without it.",
             {},
             need.service == Service::S3
                 ? "add s3 to --services with --route-table (the instance subnet's route table)"
                 : "add " + need.why +
                       " to --services (ssmlink up --services ssm,ssmmessages,ec2messages," +
                       need.why + ")"});
      }
    }
  }

  bool s3_reachable() const {
    if (const InventoryRouteTable* table = index_.route_table_for_subnet(side_.subnet_id)) {
      for (const auto& route : table->routes) {
        if (route.target.starts_with("vpce-") && route.active) return true;
      }
    }
    if (std::ranges::find(target_.services, Service::S3) != target_.services.end()) return true;
    bool public_ip = instance_ && instance_->public_ip.has_value();
    return internet_route(index_, side_, public_ip).has_value() &&
           internet_blockers(index_, side_).empty();
  }

  void check_s3_gateway() {
    if (s3_reachable()) {
      if (!keeps_ok()) return;
      add({"endpoint.s3-gateway",
           Severity::Ok,
           "S3 is reachable (agent updates, S3 logging)",
           "",
           {},
           ""});
      return;
    }
    const InventoryRouteTable* table = index_.route_table_for_subnet(side_.subnet_id);
    std::string rtb = table ? table->id : "rtb-...";
    add({"endpoint.s3-gateway", Severity::Info,
         "no S3 gateway endpoint: SSM Agent cannot update itself",
         "Agent updates and patching download from S3. A gateway endpoint costs nothing.",
         table ? std::vector<std::string>{rtb} : std::vector<std::string>{},
         "ssmlink up --services ssm,ssmmessages,ec2messages,s3 --route-table " + rtb});
  }

  const InventoryIndex& index_;
  const DoctorTarget& target_;
  const Inventory& inventory_;
  const InventoryInstance* instance_ = nullptr;
  const InventoryVpc* vpc_ = nullptr;
  const ManagedInstance* managed_ = nullptr;
  InstanceSide side_;
  std::vector<std::string> endpoint_subnets_;
  EndpointPlan plan_;
  Diagnosis diagnosis_;
  InventorySecurityGroup planned_group_;
  // Verdicts by what they judge: a service at a moment points at the path's verdict.
  std::vector<std::pair<std::pair<Service, bool>, const ServiceVerdict*>> verdicts_;
  std::map<std::pair<const InventoryEndpoint*, bool>, ServiceVerdict> endpoint_verdicts_;
  std::optional<ServiceVerdict> planned_verdict_;
  std::optional<ServiceVerdict> internet_verdict_;
};

}  // namespace

Result<Diagnosis> diagnose(const InventoryIndex& index, const DoctorTarget& target) {
  return DoctorRun(index, target).run();
}

std::vector<Service> services_for_preferences(const Inventory& inventory,
                                              std::vector<Service> requested) {
  if (!inventory.session_preferences) return requested;
  auto add = [&](Service service) {
    if (std::ranges::find(requested, service) == requested.end()) requested.push_back(service);
  };
  if (!inventory.session_preferences->kms_key_id.empty()) add(Service::Kms);
  if (!inventory.session_preferences->cloudwatch_log_group.empty()) add(Service::Logs);
  std::ranges::sort(requested);
  return requested;
}

}  // namespace ssmlink::domain
