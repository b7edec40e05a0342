#include "domain/template.hpp"

#include "domain/yaml_writer.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

Document cfn_ref(std::string_view name) {
  return Document{{"Ref", name}};
}
Document sub(std::string_view text) {
  return Document{{"Fn::Sub", text}};
}
Document get_att(std::string_view resource, std::string_view attribute) {
  return Document{{"Fn::GetAtt", Document::array({resource, attribute})}};
}

// "Name", "Name2", "Name3", ...: one parameter per value the template needs.
std::string numbered(std::string_view base, size_t index) {
  return index == 0 ? std::string(base) : std::string(base) + std::to_string(index + 1);
}

constexpr std::string_view kChinaCondition = "IsChinaPartition";
constexpr std::string_view kFromGroupCondition = "FromInstanceSecurityGroup";

// Where each ID in the template comes from: a literal (--resolved) or a Parameter the
// user fills in (defaulting to what was given on the command line).
class TemplateBuilder {
 public:
  TemplateBuilder(const Plan& plan, std::string_view version) : plan_(plan), version_(version) {}

  Document build() {
    Document doc;
    doc["AWSTemplateFormatVersion"] = "2010-09-09";
    doc["Description"] = description();
    declare_parameters();
    if (!parameters_.empty()) doc["Parameters"] = parameters_;
    Document conditions = Document::object();
    if (plan_.has(Service::S3) && !plan_.region) {
      conditions[kChinaCondition] =
          Document{{"Fn::Equals", Document::array({cfn_ref("AWS::Partition"), "aws-cn"})}};
    }
    if (plan_.source_per_instance) {
      Document is_empty{{"Fn::Equals", Document::array({cfn_ref("InstanceSecurityGroupId"), ""})}};
      conditions[kFromGroupCondition] = Document{{"Fn::Not", Document::array({is_empty})}};
    }
    if (!conditions.empty()) doc["Conditions"] = conditions;
    Document resources = Document::object();
    if (!plan_.interface_services().empty()) {
      resources[kSecurityGroupLogicalId] = security_group();
    }
    for (Service service : plan_.services) {
      resources[info(service).logical_id] = endpoint(service);
    }
    doc["Resources"] = resources;
    doc["Outputs"] = outputs();
    return doc;
  }

 private:
  bool seed() const { return plan_.seed_compatible; }

  std::string description() const {
    std::vector<std::string> keys;
    for (Service service : plan_.services)
      keys.emplace_back(info(service).key);
    return "VPC endpoints for Session Manager (" + join(keys, ", ") + "), made by ssmlink " +
           std::string(version_);
  }

  void add_parameter(const std::string& name, std::string_view type, std::string_view text,
                     const std::optional<std::string>& default_value) {
    Document parameter{{"Type", type}, {"Description", text}};
    if (default_value && plan_.parameter_defaults) parameter["Default"] = *default_value;
    parameters_[name] = parameter;
  }

  static std::optional<std::string> at(const std::vector<std::string>& values, size_t i) {
    return i < values.size() ? std::optional(values[i]) : std::nullopt;
  }

  void declare_parameters() {
    if (plan_.resolved) return;
    add_parameter("VpcId", "AWS::EC2::VPC::Id",
                  seed() ? "Select the VPC to create the VPC endpoints in."
                         : "The VPC to create the endpoints in.",
                  plan_.vpc);
    if (!plan_.interface_services().empty()) declare_interface_parameters();
    if (plan_.has(Service::S3)) {
      std::optional<std::string> tables;
      if (!plan_.route_tables.empty()) tables = join(plan_.route_tables, ",");
      add_parameter("RouteTableIds", "CommaDelimitedList",
                    "Route tables that get the S3 gateway route: those of the instances' "
                    "subnets.",
                    tables);
    }
  }

  void declare_interface_parameters() {
    if (seed()) {
      for (size_t i = 0; i < std::max<size_t>(1, plan_.subnets.size()); ++i) {
        add_parameter(numbered("SubnetId", i), "AWS::EC2::Subnet::Id",
                      "Select the Subnet to create the VPC endpoints in.", at(plan_.subnets, i));
      }
    } else {
      std::optional<std::string> subnets;
      if (!plan_.subnets.empty()) subnets = join(plan_.subnets, ",");
      add_parameter("SubnetIds", "List<AWS::EC2::Subnet::Id>",
                    "Subnets for the endpoints' network interfaces, at most one per "
                    "Availability Zone (the instance's subnet is a good choice).",
                    subnets);
    }
    if (plan_.source_per_instance) {
      add_parameter("InstanceSecurityGroupId", "String",
                    "A security group the instances share: HTTPS (443) from it may reach the "
                    "endpoints. Empty: SourceCidr instead.",
                    std::nullopt);
      add_parameter("SourceCidr", "String",
                    "Used when InstanceSecurityGroupId is empty: a CIDR block (the VPC's) that "
                    "may reach the endpoints on HTTPS (443).",
                    std::nullopt);
      return;
    }
    size_t groups = plan_.instance_sgs.size();
    if (groups == 0 && plan_.source_cidrs.empty()) groups = 1;  // like the seed
    for (size_t i = 0; i < groups; ++i) {
      add_parameter(numbered(seed() ? "Ec2InstanceSg" : "InstanceSecurityGroupId", i),
                    "AWS::EC2::SecurityGroup::Id",
                    seed() ? "Select the security group assigned to the EC2 instance."
                           : "A security group of the instance: it may reach the endpoints "
                             "on HTTPS (443).",
                    at(plan_.instance_sgs, i));
    }
    for (size_t i = 0; i < plan_.source_cidrs.size(); ++i) {
      add_parameter(numbered("SourceCidr", i), "String",
                    "A CIDR block that may reach the endpoints on HTTPS (443).",
                    plan_.source_cidrs[i].text);
    }
  }

  Document vpc() const { return plan_.resolved ? Document(*plan_.vpc) : cfn_ref("VpcId"); }

  Document subnet_ids() const {
    if (plan_.resolved) return Document(plan_.subnets);
    if (!seed()) return cfn_ref("SubnetIds");
    Document list = Document::array();
    for (size_t i = 0; i < std::max<size_t>(1, plan_.subnets.size()); ++i) {
      list.push_back(cfn_ref(numbered("SubnetId", i)));
    }
    return list;
  }

  Document route_table_ids() const {
    return plan_.resolved ? Document(plan_.route_tables) : cfn_ref("RouteTableIds");
  }

  std::vector<Document> instance_groups() const {
    std::vector<Document> groups;
    if (plan_.resolved) {
      for (const auto& group : plan_.instance_sgs)
        groups.emplace_back(group);
      return groups;
    }
    size_t count = plan_.instance_sgs.size();
    if (count == 0 && plan_.source_cidrs.empty()) count = 1;
    for (size_t i = 0; i < count; ++i) {
      groups.push_back(cfn_ref(numbered(seed() ? "Ec2InstanceSg" : "InstanceSecurityGroupId", i)));
    }
    return groups;
  }

  Document tags(const std::optional<std::string>& name) const {
    Document list = Document::array();
    auto add = [&](std::string_view key, std::string_view value) {
      list.push_back(Document{{"Key", key}, {"Value", value}});
    };
    if (name) add("Name", *name);
    for (const Tag& tag : ownership_tags(version_))
      add(tag.key, tag.value);
    for (const Tag& tag : plan_.tags)
      add(tag.key, tag.value);
    return list;
  }

  Document ingress_rules() const {
    Document rules = Document::array();
    if (plan_.source_per_instance) {
      Document from_group{{"SourceSecurityGroupId", cfn_ref("InstanceSecurityGroupId")},
                          {"IpProtocol", "tcp"},
                          {"FromPort", 443},
                          {"ToPort", 443},
                          {"Description", "HTTPS from the instance security group"}};
      Document from_cidr{{"CidrIp", cfn_ref("SourceCidr")},
                         {"IpProtocol", "tcp"},
                         {"FromPort", 443},
                         {"ToPort", 443},
                         {"Description", "HTTPS from the VPC's CIDR block"}};
      rules.push_back(Document{
          {"Fn::If", Document::array({std::string(kFromGroupCondition), from_group, from_cidr})}});
      return rules;
    }
    for (const Document& group : instance_groups()) {
      rules.push_back(Document{{"SourceSecurityGroupId", group},
                               {"IpProtocol", "tcp"},
                               {"FromPort", 443},
                               {"ToPort", 443},
                               {"Description", "HTTPS from the instance security group"}});
    }
    for (size_t i = 0; i < plan_.source_cidrs.size(); ++i) {
      const Cidr& cidr = plan_.source_cidrs[i];
      Document source = plan_.resolved ? Document(cidr.text) : cfn_ref(numbered("SourceCidr", i));
      rules.push_back(Document{{cidr.version == IpVersion::V4 ? "CidrIp" : "CidrIpv6", source},
                               {"IpProtocol", "tcp"},
                               {"FromPort", 443},
                               {"ToPort", 443},
                               {"Description", "HTTPS from a permitted CIDR block"}});
    }
    return rules;
  }

  // Without SecurityGroupEgress CloudFormation adds allow-all egress, so "none" needs a
  // rule that matches no traffic; this is the one aws-cdk uses (security-group.ts,
  // MATCH_NO_TRAFFIC: ICMP type 252 code 86 to 255.255.255.255/32).
  std::optional<Document> egress_rules() const {
    switch (plan_.egress) {
      case Egress::None:
        return Document::array({Document{{"IpProtocol", "icmp"},
                                         {"FromPort", 252},
                                         {"ToPort", 86},
                                         {"CidrIp", "255.255.255.255/32"},
                                         {"Description",
                                          "No egress: endpoints never open connections "
                                          "(a rule that matches no traffic)"}}});
      case Egress::Https:
        return Document::array({Document{{"IpProtocol", "tcp"},
                                         {"FromPort", 443},
                                         {"ToPort", 443},
                                         {"CidrIp", "0.0.0.0/0"},
                                         {"Description", "HTTPS out (--egress https)"}}});
      case Egress::All:
        if (seed()) return std::nullopt;  // the seed leaves CloudFormation's default
        return Document::array({Document{{"IpProtocol", "-1"},
                                         {"CidrIp", "0.0.0.0/0"},
                                         {"Description", "All traffic out (--egress all)"}}});
    }
    return std::nullopt;
  }

  Document security_group() const {
    Document properties;
    properties["GroupDescription"] =
        seed() ? "Security group for VPC endpoints"
               : "Session Manager VPC endpoints: HTTPS in from the instances (ssmlink)";
    properties["VpcId"] = vpc();
    properties["Tags"] = tags(seed() ? std::string("vpcep-sg") : plan_.name_or_default() + "-sg");
    properties["SecurityGroupIngress"] = ingress_rules();
    if (auto egress = egress_rules()) properties["SecurityGroupEgress"] = *egress;
    return Document{{"Type", "AWS::EC2::SecurityGroup"}, {"Properties", properties}};
  }

  Document service_name(Service service) const {
    if (plan_.region) return domain::service_name(service, *plan_.region);
    std::string key(info(service).key);
    if (service != Service::S3) return sub("com.amazonaws.${AWS::Region}." + key);
    return Document{
        {"Fn::If", Document::array({kChinaCondition, sub("cn.com.amazonaws.${AWS::Region}.s3"),
                                    sub("com.amazonaws.${AWS::Region}.s3")})}};
  }

  Document endpoint(Service service) const {
    std::optional<std::string> name;
    if (!seed()) name = plan_.name_or_default() + "-" + std::string(info(service).key);
    Document properties;
    if (info(service).type == EndpointType::Gateway) {
      properties["RouteTableIds"] = route_table_ids();
      properties["ServiceName"] = service_name(service);
      properties["VpcEndpointType"] = "Gateway";
      properties["VpcId"] = vpc();
    } else {
      properties["PrivateDnsEnabled"] = plan_.private_dns;
      properties["SecurityGroupIds"] = Document::array({cfn_ref(kSecurityGroupLogicalId)});
      properties["ServiceName"] = service_name(service);
      properties["SubnetIds"] = subnet_ids();
      properties["VpcEndpointType"] = "Interface";
      properties["VpcId"] = vpc();
    }
    properties["Tags"] = tags(name);
    return Document{{"Type", "AWS::EC2::VPCEndpoint"}, {"Properties", properties}};
  }

  Document outputs() const {
    Document result = Document::object();
    if (!plan_.interface_services().empty()) {
      result[std::string(kSecurityGroupLogicalId) + "Id"] =
          Document{{"Description", "The endpoints' security group"},
                   {"Value", get_att(kSecurityGroupLogicalId, "GroupId")}};
    }
    for (Service service : plan_.services) {
      std::string logical_id(info(service).logical_id);
      result[logical_id + "Id"] =
          Document{{"Description", "The " + std::string(info(service).key) + " endpoint"},
                   {"Value", cfn_ref(logical_id)}};
    }
    return result;
  }

  const Plan& plan_;
  std::string_view version_;
  Document parameters_ = Document::object();
};

}  // namespace

Document build_template(const Plan& plan, std::string_view version) {
  return TemplateBuilder(plan, version).build();
}

Result<TemplateFormat> parse_template_format(std::string_view text) {
  if (text == "yaml" || text == "yml") return TemplateFormat::Yaml;
  if (text == "json") return TemplateFormat::Json;
  return fail("\"" + printable(text) + "\" is not a template format (expected yaml or json)");
}

std::string render_template(const Document& document, TemplateFormat format) {
  if (format == TemplateFormat::Json) return document.dump(2) + "\n";
  return to_cloudformation_yaml(document);
}

}  // namespace ssmlink::domain
