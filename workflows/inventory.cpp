#include "workflows/inventory.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "aws/errors.hpp"
#include "cloud/ec2.hpp"
#include "cloud/ssm.hpp"
#include "domain/services.hpp"
#include "domain/session_preferences.hpp"
#include "util/strings.hpp"
#include "workflows/errors.hpp"
#include "workflows/iam_inventory.hpp"
#include "workflows/patience.hpp"
#include "workflows/side_calls.hpp"

namespace ssmlink::workflows {

namespace {

using domain::Inventory;

void add_permissions(const std::vector<cloud::IpPermission>& permissions,
                     std::vector<domain::PermissionRule>& rules) {
  for (const auto& permission : permissions) {
    domain::PermissionRule base{
        permission.ip_protocol, permission.from_port, permission.to_port, "", "", ""};
    for (const auto& range : permission.ipv4_ranges) {
      auto rule = base;
      rule.cidr = range.cidr;
      rules.push_back(rule);
    }
    for (const auto& range : permission.ipv6_ranges) {
      auto rule = base;
      rule.cidr = range.cidr;
      rules.push_back(rule);
    }
    for (const auto& pair : permission.user_id_group_pairs) {
      if (!pair.group_id) continue;
      auto rule = base;
      rule.group_id = *pair.group_id;
      rules.push_back(rule);
    }
    for (const auto& list : permission.prefix_list_ids) {
      auto rule = base;
      rule.prefix_list_id = list.prefix_list_id;
      rules.push_back(rule);
    }
  }
}

domain::InventoryInstance to_inventory(const cloud::Instance& instance) {
  domain::InventoryInstance result;
  result.id = instance.instance_id;
  result.state = instance.state;
  result.vpc_id = instance.vpc_id.value_or("");
  result.subnet_id = instance.subnet_id.value_or("");
  result.private_ip = instance.private_ip_address.value_or("");
  result.public_ip = instance.public_ip_address;
  for (const auto& group : instance.security_groups)
    result.security_group_ids.push_back(group.group_id);
  if (instance.iam_instance_profile && instance.iam_instance_profile->arn) {
    result.instance_profile_arn = instance.iam_instance_profile->arn;
  }
  result.platform_details =
      instance.platform_details.value_or(instance.platform == "windows" ? "Windows" : "Linux/UNIX");
  result.http_tokens = instance.http_tokens.value_or("");
  return result;
}

// One region's gathering, for the instances and VPCs given.
class Gatherer {
 public:
  Gatherer(aws::Session& session, Inventory& inventory, const GatherOptions& options)
      : options_(options),
        ec2_client_(session.client(aws::ec2_service())),
        ssm_client_(session.client(aws::ssm_service())),
        ec2_(ec2_client_),
        ssm_(ssm_client_),
        inventory_(inventory) {
    inventory_.region = session.region().region;
  }

  std::vector<cloud::Instance> instances(const std::vector<std::string>& ids) {
    cloud::DescribeInstancesRequest request;
    request.instance_ids = ids;
    if (ids.empty()) {
      request.filters = {{"instance-state-name", {"pending", "running", "stopping", "stopped"}}};
    }
    try {
      return essential(options_.patience, "ec2:DescribeInstances",
                       [&] { return ec2_.describe_instances(request); });
    } catch (const aws::ServiceError& error) {
      if (error.code == "InvalidInstanceID.NotFound" ||
          error.code == "InvalidInstanceID.Malformed") {
        throw UsageError(error.message + " in " + inventory_.region +
                         " (check --instance and --region)");
      }
      throw;
    }
  }

  // The VPCs' networks; with no IDs, every VPC of the region (each call unfiltered, so a
  // region with thousands of VPCs still takes one paginated call per kind).
  void networks(const std::vector<std::string>& vpc_ids) {
    std::vector<cloud::Filter> in_vpcs;
    if (!vpc_ids.empty()) in_vpcs = {{"vpc-id", vpc_ids}};
    try {
      auto vpcs = essential(options_.patience, "ec2:DescribeVpcs", [&] {
        return ec2_.describe_vpcs({{}, vpc_ids, std::nullopt});
      });
      for (const auto& vpc : vpcs) {
        inventory_.vpcs.push_back(
            {vpc.vpc_id, vpc.cidr_block.value_or(""), std::nullopt, std::nullopt});
      }
    } catch (const aws::ServiceError& error) {
      if (error.code == "InvalidVpcID.NotFound" || error.code == "InvalidVpcID.Malformed") {
        throw UsageError(error.message + " in " + inventory_.region +
                         " (check --vpc and --region)");
      }
      throw;
    }
    attempt(inventory_, options_, "ec2:DescribeVpcAttribute", [&] {
      for (auto& vpc : inventory_.vpcs) {
        vpc.dns_support =
            ec2_.describe_vpc_attribute(vpc.id, cloud::VpcAttribute::EnableDnsSupport);
        vpc.dns_hostnames =
            ec2_.describe_vpc_attribute(vpc.id, cloud::VpcAttribute::EnableDnsHostnames);
      }
    });
    // The target's subnets are part of the target: without their zone and CIDR block no
    // path can be judged, so this call is essential too.
    {
      auto subnets = essential(options_.patience, "ec2:DescribeSubnets", [&] {
        return ec2_.describe_subnets({in_vpcs, {}, std::nullopt});
      });
      for (const auto& subnet : subnets) {
        inventory_.subnets.push_back({subnet.subnet_id, subnet.vpc_id.value_or(""),
                                      subnet.availability_zone.value_or(""),
                                      subnet.cidr_block.value_or("")});
      }
    }
    attempt(inventory_, options_, "ec2:DescribeSecurityGroups", [&] {
      for (const auto& group : ec2_.describe_security_groups({{}, {}, in_vpcs, std::nullopt})) {
        domain::InventorySecurityGroup result{
            group.group_id, group.vpc_id.value_or(""), group.group_name.value_or(""), {}, {}};
        add_permissions(group.ip_permissions, result.ingress);
        add_permissions(group.ip_permissions_egress, result.egress);
        inventory_.security_groups.push_back(std::move(result));
      }
    });
    attempt(inventory_, options_, "ec2:DescribeNetworkAcls", [&] { network_acls(in_vpcs); });
    attempt(inventory_, options_, "ec2:DescribeRouteTables", [&] { route_tables(in_vpcs); });
    attempt(inventory_, options_, "ec2:DescribeVpcEndpoints", [&] { endpoints(in_vpcs); });
    attempt(inventory_, options_, "ec2:DescribeVpcEndpointServices", [&] { endpoint_services(); });
  }

  // What SSM knows: of these instances (none: of every instance), and the preferences.
  void ssm(const std::optional<std::vector<std::string>>& instance_ids) {
    if (instance_ids) managed_instances(*instance_ids);
    preferences();
  }

 private:
  void managed_instances(const std::vector<std::string>& instance_ids) {
    attempt(inventory_, options_, "ssm:DescribeInstanceInformation", [&] {
      cloud::DescribeInstanceInformationRequest request;
      if (!instance_ids.empty()) request.filters = {{"InstanceIds", instance_ids}};
      request.max_results = 50;
      for (const auto& info : ssm_.describe_instance_information(request)) {
        inventory_.managed_instances.push_back(
            {info.instance_id, info.ping_status.value_or(""), info.agent_version.value_or(""),
             info.platform_type.value_or(""), info.platform_name.value_or(""),
             info.platform_version.value_or("")});
      }
    });
  }

  void network_acls(const std::vector<cloud::Filter>& in_vpcs) {
    for (const auto& acl : ec2_.describe_network_acls({{}, in_vpcs, std::nullopt})) {
      domain::InventoryNetworkAcl result{
          acl.network_acl_id, acl.vpc_id.value_or(""), acl.is_default, {}, {}};
      for (const auto& association : acl.associations) {
        if (association.subnet_id) result.subnet_ids.push_back(*association.subnet_id);
      }
      for (const auto& entry : acl.entries) {
        domain::AclEntry converted{entry.rule_number,
                                   entry.protocol,
                                   entry.egress,
                                   entry.rule_action == cloud::RuleAction::Allow,
                                   entry.cidr_block.value_or(entry.ipv6_cidr_block.value_or("")),
                                   std::nullopt,
                                   std::nullopt};
        if (entry.port_range) {
          converted.from_port = entry.port_range->from;
          converted.to_port = entry.port_range->to;
        }
        result.entries.push_back(converted);
      }
      inventory_.network_acls.push_back(std::move(result));
    }
  }

  void route_tables(const std::vector<cloud::Filter>& in_vpcs) {
    for (const auto& table : ec2_.describe_route_tables({{}, in_vpcs, std::nullopt})) {
      domain::InventoryRouteTable result{
          table.route_table_id, table.vpc_id.value_or(""), false, {}, {}};
      for (const auto& association : table.associations) {
        result.main = result.main || association.main;
        if (association.subnet_id) result.subnet_ids.push_back(*association.subnet_id);
      }
      for (const auto& route : table.routes) {
        std::string destination =
            route.destination_cidr_block.value_or(route.destination_prefix_list_id.value_or(
                route.destination_ipv6_cidr_block.value_or("")));
        std::string target;
        for (const auto* candidate :
             {&route.nat_gateway_id, &route.gateway_id, &route.transit_gateway_id,
              &route.vpc_peering_connection_id, &route.network_interface_id, &route.instance_id,
              &route.egress_only_internet_gateway_id}) {
          if (*candidate) {
            target = **candidate;
            break;
          }
        }
        result.routes.push_back({destination, target, route.state.value_or("active") == "active"});
      }
      inventory_.route_tables.push_back(std::move(result));
    }
  }

  void endpoints(const std::vector<cloud::Filter>& in_vpcs) {
    for (const auto& endpoint : ec2_.describe_vpc_endpoints({{}, in_vpcs, std::nullopt})) {
      domain::InventoryEndpoint result;
      result.id = endpoint.vpc_endpoint_id;
      result.type = endpoint.vpc_endpoint_type.value_or("");
      result.vpc_id = endpoint.vpc_id.value_or("");
      result.service_name = endpoint.service_name.value_or("");
      result.state = to_lower(endpoint.state_text);
      result.private_dns = endpoint.private_dns_enabled;
      result.subnet_ids = endpoint.subnet_ids;
      for (const auto& group : endpoint.groups)
        result.security_group_ids.push_back(group.group_id);
      result.route_table_ids = endpoint.route_table_ids;
      inventory_.endpoints.push_back(std::move(result));
    }
  }

  void endpoint_services() {
    cloud::DescribeVpcEndpointServicesRequest request;
    for (const auto& entry : domain::service_catalogue()) {
      request.service_names.push_back(domain::service_name(entry.service, inventory_.region));
    }
    for (const auto& detail : ec2_.describe_vpc_endpoint_services(request).service_details) {
      for (const auto& type : detail.service_types) {
        inventory_.endpoint_services.push_back(
            {detail.service_name, type, detail.availability_zones});
      }
    }
  }

  void preferences() {
    std::optional<std::string> content;
    attempt(inventory_, options_, "ssm:GetDocument", [&] {
      try {
        content = ssm_.get_document({"SSM-SessionManagerRunShell", {}, {}, {}}).content;
      } catch (const aws::ServiceError& error) {
        // Never saved: sessions use the defaults.
        if (error.code != "InvalidDocument") throw;
      }
    });
    if (!content) return;
    // Read once: asking again would not change a document that cannot be understood.
    auto parsed = domain::parse_session_preferences(*content);
    if (!parsed) {
      inventory_.unreadable.push_back({"ssm:GetDocument", parsed.error().message});
      return;
    }
    inventory_.session_preferences = *parsed;
  }

  const GatherOptions& options_;
  aws::AwsClient ec2_client_;
  aws::AwsClient ssm_client_;
  cloud::Ec2 ec2_;
  cloud::Ssm ssm_;
  Inventory& inventory_;
};

std::vector<std::string> unique(std::vector<std::string> values) {
  std::ranges::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::erase(values, "");
  return values;
}

}  // namespace

domain::Inventory gather_inventory(aws::Session& session, const InventoryRequest& request,
                                   const GatherOptions& options) {
  Inventory inventory;
  Gatherer gatherer(session, inventory, options);
  if (request.all) {
    for (const auto& instance : gatherer.instances({}))
      inventory.instances.push_back(to_inventory(instance));
    gatherer.networks({});
    gatherer.ssm(std::vector<std::string>{});
    gather_iam(session, inventory, options);
    return inventory;
  }
  std::vector<std::string> vpc_ids;
  if (request.instance_id) {
    for (const auto& instance : gatherer.instances({*request.instance_id})) {
      inventory.instances.push_back(to_inventory(instance));
      vpc_ids.push_back(inventory.instances.back().vpc_id);
    }
    if (inventory.instances.empty()) {
      throw UsageError("instance " + *request.instance_id + " was not found in " +
                       inventory.region);
    }
  }
  if (request.vpc_id) vpc_ids.push_back(*request.vpc_id);
  vpc_ids = unique(vpc_ids);
  if (!vpc_ids.empty()) gatherer.networks(vpc_ids);
  if (request.instance_id) {
    gatherer.ssm(std::vector<std::string>{*request.instance_id});
  } else {
    gatherer.ssm(std::nullopt);
  }
  gather_iam(session, inventory, options);
  return inventory;
}

}  // namespace ssmlink::workflows
