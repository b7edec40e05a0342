#include "emulator/cloudformation/cfn_properties.hpp"

#include <map>
#include <set>

#include "emulator/cloudformation/cfn_intrinsics.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

using Json = nlohmann::json;

// A cut-down JSON schema: the property names, types and required keys of the registry
// schemas in reference/cfn-schemas/registry (aws-ec2-securitygroup.json, ...).
enum class Kind { String, Integer, Boolean, Object, StringOrObject, Array };

struct ObjectSchema;

struct Field {
  Kind kind;
  const ObjectSchema* items = nullptr;  // Array: schema of object members; null = strings
};

struct ObjectSchema {
  std::map<std::string, Field> fields;
  std::set<std::string> required;
};

const ObjectSchema& tag_schema() {
  static const ObjectSchema schema{{{"Key", {Kind::String}}, {"Value", {Kind::String}}},
                                   {"Key", "Value"}};
  return schema;
}

std::map<std::string, Field> rule_fields(bool egress) {
  std::map<std::string, Field> fields = {
      {"CidrIp", {Kind::String}},    {"CidrIpv6", {Kind::String}}, {"Description", {Kind::String}},
      {"FromPort", {Kind::Integer}}, {"ToPort", {Kind::Integer}},  {"IpProtocol", {Kind::String}}};
  if (egress) {
    fields["DestinationSecurityGroupId"] = {Kind::String};
    fields["DestinationPrefixListId"] = {Kind::String};
  } else {
    fields["SourceSecurityGroupId"] = {Kind::String};
    fields["SourceSecurityGroupName"] = {Kind::String};
    fields["SourceSecurityGroupOwnerId"] = {Kind::String};
    fields["SourcePrefixListId"] = {Kind::String};
  }
  return fields;
}

const ObjectSchema& inline_rule_schema(bool egress) {
  static const ObjectSchema ingress{rule_fields(false), {"IpProtocol"}};
  static const ObjectSchema egress_schema{rule_fields(true), {"IpProtocol"}};
  return egress ? egress_schema : ingress;
}

const ObjectSchema* schema_of(const std::string& type) {
  static const ObjectSchema security_group{
      {{"GroupDescription", {Kind::String}},
       {"GroupName", {Kind::String}},
       {"VpcId", {Kind::String}},
       {"SecurityGroupIngress", {Kind::Array, &inline_rule_schema(false)}},
       {"SecurityGroupEgress", {Kind::Array, &inline_rule_schema(true)}},
       {"Tags", {Kind::Array, &tag_schema()}}},
      {"GroupDescription"}};
  static const ObjectSchema ingress = [] {
    ObjectSchema schema{rule_fields(false), {"IpProtocol"}};
    schema.fields["GroupId"] = {Kind::String};
    schema.fields["GroupName"] = {Kind::String};
    return schema;
  }();
  static const ObjectSchema egress = [] {
    ObjectSchema schema{rule_fields(true), {"IpProtocol", "GroupId"}};
    schema.fields["GroupId"] = {Kind::String};
    return schema;
  }();
  static const ObjectSchema endpoint{{{"PrivateDnsEnabled", {Kind::Boolean}},
                                      {"IpAddressType", {Kind::String}},
                                      {"ServiceRegion", {Kind::String}},
                                      {"DnsOptions", {Kind::Object}},
                                      {"SecurityGroupIds", {Kind::Array}},
                                      {"SubnetIds", {Kind::Array}},
                                      {"ServiceNetworkArn", {Kind::String}},
                                      {"VpcId", {Kind::String}},
                                      {"RouteTableIds", {Kind::Array}},
                                      {"ServiceName", {Kind::String}},
                                      {"PolicyDocument", {Kind::StringOrObject}},
                                      {"VpcEndpointType", {Kind::String}},
                                      {"ResourceConfigurationArn", {Kind::String}},
                                      {"Tags", {Kind::Array, &tag_schema()}}},
                                     {"VpcId"}};
  if (type == "AWS::EC2::SecurityGroup") return &security_group;
  if (type == "AWS::EC2::SecurityGroupIngress") return &ingress;
  if (type == "AWS::EC2::SecurityGroupEgress") return &egress;
  if (type == "AWS::EC2::VPCEndpoint") return &endpoint;
  return nullptr;
}

bool is_intrinsic(const Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  return key == "Ref" || key.starts_with("Fn::");
}

// The type names the registry's validator (everit) prints.
std::string found_type(const Json& value) {
  if (value.is_object()) return "JSONObject";
  if (value.is_array()) return "JSONArray";
  if (value.is_string()) return "String";
  if (value.is_boolean()) return "Boolean";
  if (value.is_number_integer() || value.is_number_unsigned()) return "Integer";
  if (value.is_number_float()) return "Number";
  return "Null";
}

bool is_integer_text(const std::string& text) {
  if (text.empty()) return false;
  size_t start = text[0] == '-' || text[0] == '+' ? 1 : 0;
  return start < text.size() && text.find_first_not_of("0123456789", start) == std::string::npos;
}

// CloudFormation converts template scalars to the schema's types before validating
// ("443" is a fine port, "true" a fine boolean), so only impossible values are reported.
std::string type_violation(Kind kind, const Json& value) {
  switch (kind) {
    case Kind::String:
      if (value.is_object() || value.is_array() || value.is_null()) return "String";
      return "";
    case Kind::Integer:
      if (value.is_number_integer() || value.is_number_unsigned()) return "";
      if (value.is_string() && is_integer_text(value.get<std::string>())) return "";
      return "Integer";
    case Kind::Boolean:
      if (value.is_boolean()) return "";
      if (value.is_string() && (value == "true" || value == "false")) return "";
      return "Boolean";
    case Kind::Object:
      return value.is_object() ? "" : "JSONObject";
    case Kind::StringOrObject:
      return value.is_object() || value.is_string() ? "" : "JSONObject";
    case Kind::Array:
      return value.is_array() ? "" : "JSONArray";
  }
  return "";
}

void check_object(const ObjectSchema& schema, const Json& object, const std::string& path,
                  std::vector<std::string>& out) {
  for (const auto& key : schema.required) {
    if (!object.contains(key)) out.push_back(path + ": required key [" + key + "] not found");
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    auto field = schema.fields.find(it.key());
    if (field == schema.fields.end()) {
      out.push_back(path + ": extraneous key [" + it.key() + "] is not permitted");
      continue;
    }
    const Json& value = it.value();
    if (is_intrinsic(value)) continue;
    std::string where = path + "/" + it.key();
    std::string expected = type_violation(field->second.kind, value);
    if (!expected.empty()) {
      out.push_back(where + ": expected type: " + expected + ", found: " + found_type(value));
      continue;
    }
    if (field->second.kind != Kind::Array) continue;
    for (size_t i = 0; i < value.size(); ++i) {
      const Json& item = value[i];
      if (is_intrinsic(item)) continue;
      std::string item_path = where + "/" + std::to_string(i);
      if (field->second.items) {
        if (!item.is_object()) {
          out.push_back(item_path + ": expected type: JSONObject, found: " + found_type(item));
        } else {
          check_object(*field->second.items, item, item_path, out);
        }
      } else if (!type_violation(Kind::String, item).empty()) {
        out.push_back(item_path + ": expected type: String, found: " + found_type(item));
      }
    }
  }
}

std::string text_of(const Json& properties, const std::string& key) {
  if (!properties.contains(key)) return "";
  return to_text(properties[key]);
}

std::vector<std::string> list_of(const Json& properties, const std::string& key) {
  std::vector<std::string> items;
  if (!properties.contains(key)) return items;
  const Json& value = properties[key];
  if (value.is_array()) {
    for (const auto& item : value)
      items.push_back(to_text(item));
  } else {
    items.push_back(to_text(value));
  }
  return items;
}

std::expected<int, std::string> port(const Json& rule, const std::string& key) {
  if (!rule.contains(key)) return -1;
  std::string text = to_text(rule[key]);
  if (!is_integer_text(text)) {
    return std::unexpected("Value (" + text + ") for parameter " + key + " is invalid. " +
                           "Expected an integer.");
  }
  return std::stoi(text);
}

// One permission as EC2 models it, from an inline rule or a standalone rule resource.
std::expected<SecurityGroupRule, std::string> rule_of(const Json& rule, bool egress) {
  SecurityGroupRule out;
  out.protocol = to_lower(text_of(rule, "IpProtocol"));
  auto from = port(rule, "FromPort");
  if (!from) return std::unexpected(from.error());
  auto to = port(rule, "ToPort");
  if (!to) return std::unexpected(to.error());
  out.from_port = *from;
  out.to_port = *to;
  out.cidr_ipv4 = text_of(rule, "CidrIp");
  out.cidr_ipv6 = text_of(rule, "CidrIpv6");
  out.description = text_of(rule, "Description");
  if (egress) {
    out.group_id = text_of(rule, "DestinationSecurityGroupId");
    out.prefix_list_id = text_of(rule, "DestinationPrefixListId");
  } else {
    out.group_id = text_of(rule, "SourceSecurityGroupId");
    out.prefix_list_id = text_of(rule, "SourcePrefixListId");
    if (out.group_id.empty() && rule.contains("SourceSecurityGroupName")) {
      // EC2-Classic style names need the default VPC's group lookup, which the emulator
      // does not do.
      return std::unexpected(
          "SourceSecurityGroupName is not supported by the emulator; use "
          "SourceSecurityGroupId");
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> property_violations(const std::string& type,
                                             const nlohmann::json& properties) {
  std::vector<std::string> violations;
  const ObjectSchema* schema = schema_of(type);
  if (!schema || is_intrinsic(properties)) return violations;
  if (!properties.is_object()) {
    violations.push_back("#: expected type: JSONObject, found: " + found_type(properties));
    return violations;
  }
  check_object(*schema, properties, "#", violations);
  return violations;
}

std::string properties_validation_message(const std::string& logical_id,
                                          const std::vector<std::string>& violations) {
  // "Properties validation failed for resource ConnectContactFlowModule1 with message:
  // [#/Content: expected type: String, found: JSONObject]" (a 2024 stack event in a public
  // repo; older events print the list without brackets).
  std::string list;
  for (const auto& violation : violations)
    list += (list.empty() ? "" : ", ") + violation;
  return "Properties validation failed for resource " + logical_id + " with message: [" + list +
         "]";
}

Tags resource_tags(const nlohmann::json& properties) {
  Tags tags;
  if (!properties.contains("Tags") || !properties["Tags"].is_array()) return tags;
  for (const auto& tag : properties["Tags"]) {
    if (tag.is_object() && tag.contains("Key")) {
      tags.emplace_back(to_text(tag["Key"]), tag.contains("Value") ? to_text(tag["Value"]) : "");
    }
  }
  return tags;
}

std::expected<SecurityGroupSpec, std::string> security_group_spec(
    const nlohmann::json& properties) {
  SecurityGroupSpec spec;
  spec.description = text_of(properties, "GroupDescription");
  spec.vpc_id = text_of(properties, "VpcId");
  spec.name = text_of(properties, "GroupName");
  if (properties.contains("SecurityGroupIngress")) {
    for (const auto& rule : properties["SecurityGroupIngress"]) {
      auto converted = rule_of(rule, false);
      if (!converted) return std::unexpected(converted.error());
      spec.ingress.push_back(*converted);
    }
  }
  if (properties.contains("SecurityGroupEgress")) {
    spec.egress.emplace();
    for (const auto& rule : properties["SecurityGroupEgress"]) {
      auto converted = rule_of(rule, true);
      if (!converted) return std::unexpected(converted.error());
      spec.egress->push_back(*converted);
    }
  }
  spec.tags = resource_tags(properties);
  return spec;
}

std::expected<SecurityGroupRuleSpec, std::string> security_group_rule_spec(
    const nlohmann::json& properties, bool egress) {
  SecurityGroupRuleSpec spec;
  spec.egress = egress;
  spec.group_id = text_of(properties, "GroupId");
  spec.group_name = text_of(properties, "GroupName");
  auto rule = rule_of(properties, egress);
  if (!rule) return std::unexpected(rule.error());
  spec.rule = *rule;
  return spec;
}

std::expected<VpcEndpointSpec, std::string> vpc_endpoint_spec(const nlohmann::json& properties) {
  VpcEndpointSpec spec;
  spec.vpc_id = text_of(properties, "VpcId");
  spec.service_name = text_of(properties, "ServiceName");
  if (properties.contains("VpcEndpointType")) spec.type = text_of(properties, "VpcEndpointType");
  spec.subnet_ids = list_of(properties, "SubnetIds");
  spec.security_group_ids = list_of(properties, "SecurityGroupIds");
  spec.route_table_ids = list_of(properties, "RouteTableIds");
  if (properties.contains("PrivateDnsEnabled")) {
    spec.private_dns_enabled = to_text(properties["PrivateDnsEnabled"]) == "true";
  }
  if (properties.contains("PolicyDocument")) {
    const Json& policy = properties["PolicyDocument"];
    spec.policy_document = policy.is_string() ? policy.get<std::string>() : policy.dump();
  }
  spec.tags = resource_tags(properties);
  return spec;
}

}  // namespace ssmlink::emulator
