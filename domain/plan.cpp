#include "domain/plan.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {
template <typename T, typename Key>
void remove_duplicates(std::vector<T>& items, Key key) {
  std::set<std::string> seen;
  std::erase_if(items, [&](const T& item) { return !seen.insert(key(item)).second; });
}
}  // namespace

Result<Egress> parse_egress(std::string_view text) {
  if (text == "none") return Egress::None;
  if (text == "https") return Egress::Https;
  if (text == "all") return Egress::All;
  return fail("\"" + printable(text) + "\" is not an egress mode (expected none, https or all)");
}

bool Plan::has(Service service) const {
  return std::ranges::find(services, service) != services.end();
}

std::vector<Service> Plan::interface_services() const {
  std::vector<Service> result;
  for (Service service : services) {
    if (info(service).type == EndpointType::Interface) result.push_back(service);
  }
  return result;
}

Result<std::string> parse_name(std::string_view text) {
  bool ok = !text.empty() && text.size() <= 64 && std::isalnum(static_cast<unsigned char>(text[0]));
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      ok = false;
  }
  if (ok) return std::string(text);
  return fail("\"" + printable(text) +
              "\" is not a usable name (expected 1-64 letters, digits, '-', '_' or '.', "
              "starting with a letter or digit)");
}

Result<Plan> check_plan(Plan plan) {
  auto same = [](const std::string& s) { return s; };
  remove_duplicates(plan.subnets, same);
  remove_duplicates(plan.instance_sgs, same);
  remove_duplicates(plan.route_tables, same);
  remove_duplicates(plan.source_cidrs, [](const Cidr& c) { return c.text; });

  if (plan.services.empty()) return fail("--services: choose at least one service");
  const bool interfaces = !plan.interface_services().empty();
  if (plan.has(Service::S3) && plan.route_tables.empty()) {
    return fail(
        "--services s3 needs --route-table (the route tables of the instances' subnets; "
        "S3 is a gateway endpoint)");
  }
  if (!plan.has(Service::S3) && !plan.route_tables.empty()) {
    return fail("--route-table is only used by the s3 gateway endpoint: add s3 to --services");
  }
  if (plan.seed_compatible && !plan.source_cidrs.empty()) {
    return fail(
        "--seed-compatible cannot be combined with --source-cidr (the seed allows "
        "HTTPS from one instance security group)");
  }
  if (plan.seed_compatible && plan.name) {
    return fail(
        "--seed-compatible cannot be combined with --name (the seed's Name tag is "
        "vpcep-sg)");
  }
  if (plan.resolved) {
    if (!plan.vpc) return fail("--resolved needs --vpc (the IDs are written into the template)");
    if (interfaces && plan.subnets.empty()) return fail("--resolved needs at least one --subnet");
    if (interfaces && plan.instance_sgs.empty() && plan.source_cidrs.empty()) {
      return fail("--resolved needs --instance-sg or --source-cidr (who may reach the endpoints)");
    }
  }
  std::set<std::string> keys;
  for (const Tag& tag : plan.tags) {
    if (!keys.insert(tag.key).second) {
      return fail("--tag: the key \"" + printable(tag.key) + "\" is given twice");
    }
  }
  return plan;
}

}  // namespace ssmlink::domain
