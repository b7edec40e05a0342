#include "emulator/ec2/ec2_api.hpp"

#include <algorithm>

#include "emulator/ec2/describe_regions.hpp"
#include "emulator/ec2/ec2_filters.hpp"
#include "emulator/ec2/ec2_ids.hpp"
#include "emulator/ec2/ec2_query.hpp"
#include "emulator/ec2/ec2_resources.hpp"
#include "emulator/ec2/ec2_xml.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ssm/agent_tracking.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

// What every EC2 handler does first: let time pass (pending endpoints become available),
// refuse DryRun, and find the region.
struct Call {
  World& world;
  const ApiRequest& request;
  RegionState& region;
  Ec2View view;

  Call(World& w, const ApiRequest& r)
      : world(w), request(r), region(prepare(w, r)), view{w, region} {}

  static RegionState& prepare(World& world, const ApiRequest& request) {
    settle_world(world, request.now);
    check_dry_run(request);
    return world.region(request.region);
  }

  XmlWriter writer() const {
    XmlWriter xml(request.action + "Response", kEc2Namespace);
    xml.element("requestId", request.request_id);
    return xml;
  }

  static ApiResponse respond(XmlWriter& xml) {
    return ApiResponse{200, "text/xml;charset=UTF-8", xml.finish()};
  }
};

[[noreturn]] void fail(const Ec2Failure& failure) {
  throw ApiError(failure.status, failure.code, failure.message);
}

std::string required(const ApiRequest& request, const std::string& name,
                     const std::string& wire_name) {
  auto value = query_param(request, name);
  // "The request must contain the parameter routeTableId" (prabhatsharma/
  // kubernetes-the-hard-way-aws#5): EC2 names the parameter in lower camel case.
  if (!value || value->empty()) {
    ec2_error("MissingParameter", "The request must contain the parameter " + wire_name);
  }
  return *value;
}

// The resources a Describe call selects: those with the given IDs (each must exist, else
// EC2's NotFound), or all; then the filters. Items stay in ID order.
template <typename T>
std::vector<const T*> select(const std::map<std::string, T>& all,
                             const std::vector<std::string>& ids, const FilterSet<T>& filters,
                             const std::vector<Filter>& requested,
                             const std::function<void(const std::vector<std::string>&)>& missing) {
  filters.check(requested);
  std::vector<const T*> out;
  if (!ids.empty()) {
    std::vector<std::string> unknown;
    for (const auto& id : ids) {
      if (!all.contains(id)) unknown.push_back(id);
    }
    if (!unknown.empty()) missing(unknown);
  }
  for (const auto& [id, item] : all) {
    bool wanted = ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end();
    if (wanted && filters.matches(item, requested)) out.push_back(&item);
  }
  return out;
}

// EC2's NotFound for the first unknown ID, e.g. "The vpc ID 'vpc-x' does not exist".
std::function<void(const std::vector<std::string>&)> not_found(const std::string& code,
                                                               const std::string& noun) {
  return [code, noun](const std::vector<std::string>& unknown) {
    ec2_error(code, "The " + noun + " '" + unknown.front() + "' does not exist");
  };
}

template <typename T>
std::vector<std::string> ids_of(const std::vector<const T*>& items) {
  std::vector<std::string> ids;
  for (const auto* item : items)
    ids.push_back(item->id);
  return ids;
}

// Writes one page of items in a set element, then nextToken when there is more.
template <typename T, typename Write>
ApiResponse page_of(const Call& call, const char* set, const std::vector<const T*>& items,
                    const std::vector<std::string>& ids, const PageRules& rules, Write write) {
  Page page = paginate(call.request, ids, rules);
  XmlWriter xml = call.writer();
  xml.open(set);
  for (size_t i = page.first; i < page.first + page.count; ++i)
    write(xml, *items[i]);
  xml.close();
  if (!page.next_token.empty()) xml.element("nextToken", page.next_token);
  return Call::respond(xml);
}

ApiResponse describe_vpcs(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto items = select(call.region.vpcs, query_list(request, "VpcId"), vpc_filters(call.view),
                      query_filters(request),
                      not_found("InvalidVpcID.NotFound", "vpc ID"));  // aws-facts / ansible#7849
  return page_of(call, "vpcSet", items, ids_of(items), {},
                 [&](XmlWriter& xml, const Vpc& vpc) { write_vpc(xml, call.view, vpc); });
}

ApiResponse describe_vpc_attribute(World& world, const ApiRequest& request) {
  Call call(world, request);
  std::string vpc_id = required(request, "VpcId", "vpcId");
  std::string attribute = required(request, "Attribute", "attribute");
  auto vpc = call.region.vpcs.find(vpc_id);
  if (vpc == call.region.vpcs.end()) {
    ec2_error("InvalidVpcID.NotFound", "The vpc ID '" + vpc_id + "' does not exist");
  }
  XmlWriter xml = call.writer();
  xml.element("vpcId", vpc_id);
  bool value;
  if (attribute == "enableDnsSupport") {
    value = vpc->second.enable_dns_support;
  } else if (attribute == "enableDnsHostnames") {
    value = vpc->second.enable_dns_hostnames;
  } else if (attribute == "enableNetworkAddressUsageMetrics") {
    value = false;
  } else {
    // The model's VpcAttributeName enum; EC2's wording for other values was not found.
    ec2_error("InvalidParameterValue",
              "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
  }
  xml.open(attribute).element("value", value).close();
  return Call::respond(xml);
}

ApiResponse describe_subnets(World& world, const ApiRequest& request) {
  Call call(world, request);
  // "The subnet ID 'example' does not exist" for any unknown ID (ansible/ansible#25673).
  auto items =
      select(call.region.subnets, query_list(request, "SubnetId"), subnet_filters(call.view),
             query_filters(request), not_found("InvalidSubnetID.NotFound", "subnet ID"));
  return page_of(call, "subnetSet", items, ids_of(items), {},
                 [&](XmlWriter& xml, const Subnet& s) { write_subnet(xml, call.view, s); });
}

ApiResponse describe_security_groups(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto ids = query_list(request, "GroupId");
  for (const auto& id : ids) {
    if (!is_ec2_id(id, "sg")) ec2_error("InvalidGroupId.Malformed", malformed_group_id_message(id));
  }
  auto names = query_list(request, "GroupName");
  if (!names.empty()) {
    // Names address the default VPC's groups only: "The security group 'x' does not exist in
    // default VPC 'vpc-y'" (aws/aws-cli#612).
    const Vpc* default_vpc = nullptr;
    for (const auto& [id, vpc] : call.region.vpcs) {
      if (vpc.is_default) default_vpc = &vpc;
    }
    for (const auto& name : names) {
      const SecurityGroup* found = nullptr;
      for (const auto& [id, group] : call.region.security_groups) {
        if (default_vpc && group.vpc_id == default_vpc->id && group.name == name) found = &group;
      }
      if (!found) {
        if (!default_vpc) {  // recalled wording
          ec2_error("VPCIdNotSpecified", "No default VPC for this user");
        }
        ec2_error("InvalidGroup.NotFound", "The security group '" + name +
                                               "' does not exist in default VPC '" +
                                               default_vpc->id + "'");
      }
      ids.push_back(found->id);
    }
  }
  // "The security group 'sg-x' does not exist" (boto/boto3#701).
  auto items = select(call.region.security_groups, ids, security_group_filters(call.view),
                      query_filters(request), not_found("InvalidGroup.NotFound", "security group"));
  return page_of(
      call, "securityGroupInfo", items, ids_of(items), {},
      [&](XmlWriter& xml, const SecurityGroup& g) { write_security_group(xml, call.view, g); });
}

ApiResponse describe_security_group_rules(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto filter_set = security_group_rule_filters(call.view);
  auto filters = query_filters(request);
  filter_set.check(filters);
  auto wanted = query_list(request, "SecurityGroupRuleId");
  std::vector<RuleRef> rules;
  for (const auto& [id, group] : call.region.security_groups) {
    for (bool egress : {false, true}) {
      for (const auto& rule : egress ? group.egress : group.ingress) {
        rules.push_back({&group, &rule, egress});
      }
    }
  }
  std::sort(rules.begin(), rules.end(),
            [](const RuleRef& a, const RuleRef& b) { return a.rule->rule_id < b.rule->rule_id; });
  for (const auto& id : wanted) {
    bool known = std::any_of(rules.begin(), rules.end(),
                             [&](const RuleRef& r) { return r.rule->rule_id == id; });
    if (!known) {  // wording not found in a public source
      ec2_error("InvalidSecurityGroupRuleId.NotFound",
                "The security group rule ID '" + id + "' does not exist");
    }
  }
  std::vector<const RuleRef*> items;
  std::vector<std::string> ids;
  for (const auto& rule : rules) {
    bool selected = wanted.empty() ||
                    std::find(wanted.begin(), wanted.end(), rule.rule->rule_id) != wanted.end();
    if (selected && filter_set.matches(rule, filters)) {
      items.push_back(&rule);
      ids.push_back(rule.rule->rule_id);
    }
  }
  return page_of(call, "securityGroupRuleSet", items, ids, {},
                 [&](XmlWriter& xml, const RuleRef& r) {
                   write_security_group_rule(xml, call.view, *r.group, *r.rule, r.egress);
                 });
}

ApiResponse describe_network_acls(World& world, const ApiRequest& request) {
  Call call(world, request);
  // "The networkAcl ID 'acl-...' does not exist" (hashicorp/terraform-provider-aws#34462).
  auto items = select(call.region.network_acls, query_list(request, "NetworkAclId"),
                      network_acl_filters(call.view), query_filters(request),
                      not_found("InvalidNetworkAclID.NotFound", "networkAcl ID"));
  return page_of(
      call, "networkAclSet", items, ids_of(items), {},
      [&](XmlWriter& xml, const NetworkAcl& a) { write_network_acl(xml, call.view, a); });
}

ApiResponse describe_route_tables(World& world, const ApiRequest& request) {
  Call call(world, request);
  // "The routeTable ID 'rtb-4FC866A0' does not exist" (C2Devel/terraform-examples#8).
  auto items = select(call.region.route_tables, query_list(request, "RouteTableId"),
                      route_table_filters(call.view), query_filters(request),
                      not_found("InvalidRouteTableID.NotFound", "routeTable ID"));
  return page_of(
      call, "routeTableSet", items, ids_of(items), PageRules{5, 100, false},
      [&](XmlWriter& xml, const RouteTable& t) { write_route_table(xml, call.view, t); });
}

ApiResponse describe_vpc_endpoints(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto ids = query_list(request, "VpcEndpointId");
  for (const auto& id : ids) {
    if (!is_ec2_id(id, "vpce")) {
      ec2_error("InvalidVpcEndpointId.Malformed", malformed_id_message("Id", id, "vpce"));
    }
  }
  auto items =
      select(call.region.vpc_endpoints, ids, vpc_endpoint_filters(call.view),
             query_filters(request), not_found("InvalidVpcEndpointId.NotFound", "Vpc Endpoint Id"));
  return page_of(
      call, "vpcEndpointSet", items, ids_of(items), PageRules{1, 1000, true},
      [&](XmlWriter& xml, const VpcEndpoint& e) { write_vpc_endpoint(xml, call.view, e); });
}

ApiResponse describe_vpc_endpoint_services(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto filter_set = endpoint_service_filters(call.view);
  auto filters = query_filters(request);
  filter_set.check(filters);
  auto wanted = query_list(request, "ServiceName");
  for (const auto& name : wanted) {
    if (!find_endpoint_service(call.region, name)) {
      ec2_error("InvalidServiceName", "The Vpc Endpoint Service '" + name + "' does not exist");
    }
  }
  std::vector<const EndpointService*> items;
  for (const auto& service : call.region.endpoint_services) {
    bool selected =
        wanted.empty() || std::find(wanted.begin(), wanted.end(), service.name) != wanted.end();
    if (selected && filter_set.matches(service, filters)) items.push_back(&service);
  }
  // Sorted by name (and type, for s3 which is both), so tokens can name the last one.
  std::sort(items.begin(), items.end(), [](auto* a, auto* b) {
    return std::tie(a->name, a->type) < std::tie(b->name, b->type);
  });
  std::vector<std::string> keys;
  for (const auto* s : items)
    keys.push_back(s->name + "|" + s->type);
  Page page = paginate(request, keys, PageRules{1, 1000, true});
  XmlWriter xml = call.writer();
  xml.open("serviceNameSet");
  std::string previous;
  for (size_t i = page.first; i < page.first + page.count; ++i) {
    if (items[i]->name != previous) xml.element("item", items[i]->name);
    previous = items[i]->name;
  }
  xml.close().open("serviceDetailSet");
  for (size_t i = page.first; i < page.first + page.count; ++i) {
    write_endpoint_service(xml, call.view, *items[i]);
  }
  xml.close();
  if (!page.next_token.empty()) xml.element("nextToken", page.next_token);
  return Call::respond(xml);
}

ApiResponse describe_instances(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto ids = query_list(request, "InstanceId");
  // "The parameter instancesSet cannot be used with the parameter maxResults"
  // (yuuki/grabeni#7, getmoto/moto#6282).
  if (!ids.empty() && query_param(request, "MaxResults")) {
    ec2_error("InvalidParameterCombination",
              "The parameter instancesSet cannot be used with the parameter maxResults");
  }
  for (const auto& id : ids) {
    // "Invalid id: "ma1"" (ClusterLabs/cluster-glue#29).
    if (!is_ec2_id(id, "i")) ec2_error("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
  }
  // "The instance ID 'i-x' does not exist"; several: "The instance IDs 'i-1, i-2' do not
  // exist" (getmoto/moto tests, Eucalyptus).
  auto missing = [](const std::vector<std::string>& unknown) {
    if (unknown.size() == 1) {
      ec2_error("InvalidInstanceID.NotFound",
                "The instance ID '" + unknown[0] + "' does not exist");
    }
    ec2_error("InvalidInstanceID.NotFound",
              "The instance IDs '" + join(unknown, ", ") + "' do not exist");
  };
  auto items = select(call.region.instances, ids, instance_filters(call.view),
                      query_filters(request), missing);
  return page_of(call, "reservationSet", items, ids_of(items), {},
                 [&](XmlWriter& xml, const Instance& i) { write_reservation(xml, call.view, i); });
}

ApiResponse describe_profile_associations(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto filter_set = profile_association_filters(call.view);
  auto filters = query_filters(request);
  filter_set.check(filters);
  auto wanted = query_list(request, "AssociationId");
  std::vector<const Instance*> items;
  std::vector<std::string> keys;
  std::vector<std::string> found;
  for (const auto& [id, instance] : call.region.instances) {
    if (!instance.profile || instance.state == "terminated") continue;
    std::string association = profile_association_id(instance);
    bool selected =
        wanted.empty() || std::find(wanted.begin(), wanted.end(), association) != wanted.end();
    if (selected) found.push_back(association);
    if (selected && filter_set.matches(instance, filters)) {
      items.push_back(&instance);
      keys.push_back(id);
    }
  }
  for (const auto& id : wanted) {
    if (std::find(found.begin(), found.end(), id) == found.end()) {
      // Wording not found in a public source.
      ec2_error("InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
    }
  }
  return page_of(
      call, "iamInstanceProfileAssociationSet", items, keys, {},
      [&](XmlWriter& xml, const Instance& i) { write_profile_association(xml, call.view, i); });
}

// doctor's fix for an instance without a profile. The profile comes from the World's IAM,
// by IamInstanceProfile.Arn or .Name. The messages follow EC2's (the existing-association
// one as the AWS CLI shows it); the association is at once "associated" in Describe.
ApiResponse associate_profile_call(World& world, const ApiRequest& request) {
  Call call(world, request);
  std::string instance_id = required(request, "InstanceId", "InstanceId");
  auto arn = query_param(request, "IamInstanceProfile.Arn");
  auto name = query_param(request, "IamInstanceProfile.Name");
  if (!arn && !name) {
    ec2_error("MissingParameter", "The request must contain the parameter IamInstanceProfile");
  }
  auto instance = call.region.instances.find(instance_id);
  if (instance == call.region.instances.end() || instance->second.state == "terminated") {
    ec2_error("InvalidInstanceID.NotFound", "The instance ID '" + instance_id + "' does not exist");
  }
  const IamInstanceProfile* profile = nullptr;
  for (const auto& [profile_name, candidate] : world.iam.instance_profiles) {
    if ((arn && candidate.arn == *arn) || (!arn && name && profile_name == *name)) {
      profile = &candidate;
    }
  }
  if (!profile) {
    std::string member = arn ? "iamInstanceProfile.arn" : "iamInstanceProfile.name";
    ec2_error("InvalidParameterValue", "Value (" + (arn ? *arn : *name) + ") for parameter " +
                                           member + " is invalid. Invalid IAM Instance Profile " +
                                           (arn ? "ARN" : "name"));
  }
  if (instance->second.profile) {
    ec2_error("IncorrectState", "There is an existing association for instance " + instance_id);
  }
  instance->second.profile = InstanceProfile{profile->arn, profile->id};
  world.network_changed(request.now);
  XmlWriter xml = call.writer();
  write_profile_association(xml, call.view, instance->second);
  std::string body = xml.finish();
  // The item, renamed as AssociateIamInstanceProfile's single association.
  const std::string item = "<item>";
  auto at = body.find(item);
  body.replace(at, item.size(), "<iamInstanceProfileAssociation>");
  auto end = body.rfind("</item>");
  body.replace(end, 7, "</iamInstanceProfileAssociation>");
  return ApiResponse{200, "text/xml;charset=UTF-8", body};
}

ApiResponse create_security_group_call(World& world, const ApiRequest& request) {
  Call call(world, request);
  SecurityGroupSpec spec;
  spec.name = required(request, "GroupName", "GroupName");
  spec.description = required(request, "GroupDescription", "GroupDescription");
  auto vpc_id = query_param(request, "VpcId");
  if (!vpc_id) {
    for (const auto& [id, vpc] : call.region.vpcs) {
      if (vpc.is_default) vpc_id = id;
    }
    if (!vpc_id) ec2_error("VPCIdNotSpecified", "No default VPC for this user");  // recalled
  }
  spec.vpc_id = *vpc_id;
  spec.tags = query_tags(request, "security-group");
  auto made = create_security_group(world, call.region, spec);
  if (!made) fail(made.error());
  world.network_changed(request.now);
  const SecurityGroup& group = call.region.security_groups.at(*made);
  XmlWriter xml = call.writer();
  xml.element("return", true).element("groupId", group.id);
  write_tags(xml, group.tags);
  xml.element("securityGroupArn", security_group_arn(call.view, group));
  return Call::respond(xml);
}

ApiResponse create_vpc_endpoint_call(World& world, const ApiRequest& request) {
  Call call(world, request);
  VpcEndpointSpec spec;
  spec.vpc_id = required(request, "VpcId", "VpcId");
  spec.service_name = required(request, "ServiceName", "ServiceName");
  spec.type = query_param(request, "VpcEndpointType").value_or("Gateway");  // API default
  if (spec.type != "Interface" && spec.type != "Gateway" && spec.type != "GatewayLoadBalancer" &&
      spec.type != "Resource" && spec.type != "ServiceNetwork") {
    ec2_error("InvalidParameterValue",
              "Value (" + spec.type + ") for parameter VpcEndpointType is invalid.");
  }
  spec.subnet_ids = query_list(request, "SubnetId");
  spec.security_group_ids = query_list(request, "SecurityGroupId");
  spec.route_table_ids = query_list(request, "RouteTableId");
  if (query_param(request, "PrivateDnsEnabled")) {
    spec.private_dns_enabled = query_bool(request, "PrivateDnsEnabled", true);
  }
  spec.policy_document = query_param(request, "PolicyDocument").value_or("");
  spec.tags = query_tags(request, "vpc-endpoint");
  auto made = create_vpc_endpoint(world, call.region, spec, request.now);
  if (!made) fail(made.error());
  world.network_changed(request.now);
  XmlWriter xml = call.writer();
  write_vpc_endpoint(xml, call.view, call.region.vpc_endpoints.at(*made), "vpcEndpoint");
  if (auto token = query_param(request, "ClientToken")) xml.element("clientToken", *token);
  return Call::respond(xml);
}

ApiResponse delete_vpc_endpoints_call(World& world, const ApiRequest& request) {
  Call call(world, request);
  auto ids = query_list(request, "VpcEndpointId");
  if (ids.empty())
    ec2_error("MissingParameter", "The request must contain the parameter VpcEndpointId");
  XmlWriter xml = call.writer();
  xml.open("unsuccessful");
  // EC2 answers per endpoint: failures are items of <unsuccessful>, not an error
  // (EC2 API Reference, InvalidVpcEndpointId.NotFound: "If you are performing a bulk
  // request that is partially successful or unsuccessful, the response includes a list of
  // the unsuccessful items").
  for (const auto& id : ids) {
    auto done = delete_vpc_endpoint(call.region, id);
    if (done) continue;
    xml.open("item")
        .open("error")
        .element("code", done.error().code)
        .element("message", done.error().message)
        .close()
        .element("resourceId", id)
        .close();
  }
  xml.close();
  world.network_changed(request.now);
  return Call::respond(xml);
}

}  // namespace

void add_ec2_api(ApiTable& table) {
  auto& ec2 = table["ec2"];
  ec2["DescribeVpcs"] = describe_vpcs;
  ec2["DescribeVpcAttribute"] = describe_vpc_attribute;
  ec2["DescribeSubnets"] = describe_subnets;
  ec2["DescribeSecurityGroups"] = describe_security_groups;
  ec2["DescribeSecurityGroupRules"] = describe_security_group_rules;
  ec2["DescribeNetworkAcls"] = describe_network_acls;
  ec2["DescribeRouteTables"] = describe_route_tables;
  ec2["DescribeVpcEndpoints"] = describe_vpc_endpoints;
  ec2["DescribeVpcEndpointServices"] = describe_vpc_endpoint_services;
  ec2["DescribeInstances"] = describe_instances;
  ec2["DescribeIamInstanceProfileAssociations"] = describe_profile_associations;
  ec2["AssociateIamInstanceProfile"] = associate_profile_call;
  ec2["CreateSecurityGroup"] = create_security_group_call;
  ec2["CreateVpcEndpoint"] = create_vpc_endpoint_call;
  ec2["DeleteVpcEndpoints"] = delete_vpc_endpoints_call;
  ec2["DescribeRegions"] = describe_regions;
}

}  // namespace ssmlink::emulator
