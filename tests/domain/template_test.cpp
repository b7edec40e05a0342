#include "domain/template.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <regex>
#include <set>

#include "domain/partitions.hpp"
#include "domain/yaml_writer.hpp"
#include "tests/support/cfn_yaml.hpp"
#include "tests/support/json_schema.hpp"
#include "tests/support/paths.hpp"
#include "util/files.hpp"

namespace ssmlink::domain {
namespace {

using Json = nlohmann::json;

constexpr const char* kVpc = "vpc-0f00d1e2c3b4a5968";
constexpr const char* kTemplateSubnetA = "subnet-0123456789abcdef0";
constexpr const char* kTemplateSubnetB = "subnet-0fedcba9876543210";
constexpr const char* kSg = "sg-0aa11bb22cc33dd44";

Json as_json(const Document& document) {
  return Json::parse(document.dump());
}

Plan resolved_plan() {
  Plan plan;
  plan.vpc = kVpc;
  plan.subnets = {kTemplateSubnetA};
  plan.instance_sgs = {kSg};
  plan.resolved = true;
  return plan;
}

// Plans that between them use every option of `ssmlink template`.
std::vector<std::pair<std::string, Plan>> sample_plans() {
  std::vector<std::pair<std::string, Plan>> plans;
  plans.emplace_back("default parameterised", Plan{});
  Plan with_defaults;
  with_defaults.vpc = kVpc;
  with_defaults.subnets = {kTemplateSubnetA, kTemplateSubnetB};
  with_defaults.instance_sgs = {kSg, "sg-12345678"};
  plans.emplace_back("parameterised with defaults", with_defaults);
  plans.emplace_back("resolved", resolved_plan());
  Plan resolved_region = resolved_plan();
  resolved_region.region = "eu-west-1";
  plans.emplace_back("resolved with region", resolved_region);
  Plan everything = resolved_plan();
  everything.services = *parse_services("ssm,ssmmessages,ec2messages,kms,logs,s3");
  everything.route_tables = {"rtb-12345678", "rtb-0123456789abcdef0"};
  everything.source_cidrs = {*parse_cidr("10.0.0.0/16"), *parse_cidr("2001:db8::/56")};
  everything.egress = Egress::Https;
  everything.private_dns = false;
  everything.tags = {{"team", "ops"}, {"cost-center", "42"}};
  everything.name = "bastion-free";
  plans.emplace_back("every service, resolved", everything);
  Plan everything_parameterised = everything;
  everything_parameterised.resolved = false;
  plans.emplace_back("every service, parameterised", everything_parameterised);
  Plan seed;
  seed.seed_compatible = true;
  plans.emplace_back("seed-compatible", seed);
  Plan seed_all = seed;
  seed_all.egress = Egress::All;
  seed_all.subnets = {kTemplateSubnetA, kTemplateSubnetB};
  plans.emplace_back("seed-compatible, two subnets, egress all", seed_all);
  Plan cidr_only;
  cidr_only.source_cidrs = {*parse_cidr("10.0.0.0/8")};
  cidr_only.egress = Egress::All;
  plans.emplace_back("cidr only", cidr_only);
  Plan s3_only;
  s3_only.services = {Service::S3};
  s3_only.route_tables = {"rtb-12345678"};
  plans.emplace_back("s3 only", s3_only);
  return plans;
}

Document build(const Plan& plan) {
  auto checked = check_plan(plan);
  EXPECT_TRUE(checked) << (checked ? "" : checked.error().message);
  return build_template(*checked, "9.8.7");
}

TEST(Template, YamlAndJsonParseBackToTheSameDocument) {
  for (const auto& [label, plan] : sample_plans()) {
    SCOPED_TRACE(label);
    Document document = build(plan);
    std::string yaml = render_template(document, TemplateFormat::Yaml);
    std::string json = render_template(document, TemplateFormat::Json);
    EXPECT_EQ(testing::parse_cloudformation_yaml(yaml), as_json(document)) << yaml;
    EXPECT_EQ(Json::parse(json), as_json(document));
  }
}

// Visits every value in the document.
void walk(const Json& node, const std::function<void(const Json&)>& visit) {
  visit(node);
  if (node.is_structured()) {
    for (const auto& child : node)
      walk(child, visit);
  }
}

std::set<std::string> referenced_names(const Json& document) {
  std::set<std::string> names;
  static const std::regex variable(R"(\$\{([A-Za-z0-9:]+)\})");
  walk(document, [&](const Json& node) {
    if (!node.is_object() || node.size() != 1) return;
    if (node.contains("Ref")) names.insert(node["Ref"].get<std::string>());
    if (node.contains("Fn::GetAtt")) names.insert(node["Fn::GetAtt"][0].get<std::string>());
    if (node.contains("Fn::Sub")) {
      const Json& argument = node["Fn::Sub"];
      std::string text =
          argument.is_string() ? argument.get<std::string>() : argument[0].get<std::string>();
      for (std::sregex_iterator it(text.begin(), text.end(), variable), end; it != end; ++it) {
        names.insert((*it)[1]);
      }
    }
  });
  return names;
}

TEST(Template, EveryParameterIsUsedAndEveryReferenceResolves) {
  for (const auto& [label, plan] : sample_plans()) {
    SCOPED_TRACE(label);
    Json document = as_json(build(plan));
    std::set<std::string> used = referenced_names(document);
    Json parameters = document.value("Parameters", Json::object());
    for (const auto& [name, _] : parameters.items())
      EXPECT_TRUE(used.contains(name)) << name;
    for (const std::string& name : used) {
      bool known = name.starts_with("AWS::") || parameters.contains(name) ||
                   document["Resources"].contains(name);
      EXPECT_TRUE(known) << name;
    }
    for (const auto& [_, resource] : document["Resources"].items()) {
      if (resource.contains("Condition")) {
        EXPECT_TRUE(document["Conditions"].contains(resource["Condition"]));
      }
    }
  }
}

// A value the parameter could take, for schema validation; distinct per parameter.
Json sample_value(const std::string& name, const std::string& type) {
  char digits[9];
  std::snprintf(digits, sizeof digits, "%08zx", std::hash<std::string>{}(name)&0xffffffff);
  if (type == "AWS::EC2::VPC::Id") return kVpc;
  if (type == "AWS::EC2::Subnet::Id") return "subnet-" + std::string(digits);
  if (type == "AWS::EC2::SecurityGroup::Id") return "sg-" + std::string(digits);
  if (type == "List<AWS::EC2::Subnet::Id>") return Json::array({kTemplateSubnetA});
  if (type == "CommaDelimitedList") return Json::array({"rtb-12345678"});
  return "10.0.0.0/16";
}

// Replaces intrinsic functions by values of the type they produce.
Json resolve_intrinsics(const Json& node, const Json& parameters) {
  if (node.is_object() && node.size() == 1) {
    if (node.contains("Ref")) {
      std::string name = node["Ref"];
      if (parameters.contains(name)) return sample_value(name, parameters[name]["Type"]);
      return "sg-12345678";
    }
    if (node.contains("Fn::Sub") || node.contains("Fn::GetAtt")) return "resolved-string";
    if (node.contains("Fn::If")) return resolve_intrinsics(node["Fn::If"][1], parameters);
  }
  if (node.is_array()) {
    Json list = Json::array();
    for (const auto& item : node)
      list.push_back(resolve_intrinsics(item, parameters));
    return list;
  }
  if (node.is_object()) {
    Json map = Json::object();
    for (const auto& [key, value] : node.items())
      map[key] = resolve_intrinsics(value, parameters);
    return map;
  }
  return node;
}

TEST(Template, ResourcesValidateAgainstTheRegistrySchemas) {
  std::map<std::string, Json> schemas;
  for (const char* file : {"aws-ec2-securitygroup", "aws-ec2-vpcendpoint"}) {
    Json schema = Json::parse(
        read_file(testing::source_path("reference/cfn-schemas/registry/") + file + ".json"));
    schemas[schema["typeName"]] = schema;
  }
  for (const auto& [label, plan] : sample_plans()) {
    SCOPED_TRACE(label);
    Json document = as_json(build(plan));
    Json parameters = document.value("Parameters", Json::object());
    for (const auto& [logical_id, resource] : document["Resources"].items()) {
      SCOPED_TRACE(logical_id);
      ASSERT_TRUE(schemas.contains(resource["Type"])) << resource["Type"];
      const Json& schema = schemas[resource["Type"]];
      Json properties = resolve_intrinsics(resource["Properties"], parameters);
      auto errors = testing::validate_against_schema(properties, schema);
      EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
      for (const auto& read_only : schema["readOnlyProperties"]) {
        std::string name = read_only.get<std::string>().substr(std::string("/properties/").size());
        EXPECT_FALSE(properties.contains(name)) << name << " is read-only";
      }
    }
  }
}

TEST(Template, ParameterisedFormHardCodesNoRegion) {
  Plan plan;
  plan.services = *parse_services("ssm,ssmmessages,ec2messages,kms,logs,s3");
  plan.route_tables = {"rtb-12345678"};
  for (auto format : {TemplateFormat::Yaml, TemplateFormat::Json}) {
    std::string text = render_template(build(plan), format);
    for (const auto& partition : partitions()) {
      for (const auto& region : partition.regions) {
        EXPECT_EQ(text.find(region), std::string::npos) << region;
      }
    }
    EXPECT_NE(text.find("${AWS::Region}"), std::string::npos);
  }
}

TEST(Template, ParameterisedS3NameFollowsThePartition) {
  Plan plan;
  plan.services = {Service::S3};
  plan.route_tables = {"rtb-12345678"};
  Json document = as_json(build(plan));
  EXPECT_EQ(document["Conditions"]["IsChinaPartition"],
            Json::parse(R"({"Fn::Equals": [{"Ref": "AWS::Partition"}, "aws-cn"]})"));
  EXPECT_EQ(document["Resources"]["S3VpcEndpoint"]["Properties"]["ServiceName"],
            Json::parse(R"({"Fn::If": ["IsChinaPartition",
                              {"Fn::Sub": "cn.com.amazonaws.${AWS::Region}.s3"},
                              {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}]})"));
}

TEST(Template, ResolvedWithRegionWritesLiteralNamesPerPartition) {
  std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"ap-northeast-1", {"com.amazonaws.ap-northeast-1.ssm", "com.amazonaws.ap-northeast-1.s3"}},
      {"cn-north-1", {"com.amazonaws.cn-north-1.ssm", "cn.com.amazonaws.cn-north-1.s3"}},
      {"us-gov-west-1", {"com.amazonaws.us-gov-west-1.ssm", "com.amazonaws.us-gov-west-1.s3"}},
  };
  for (const auto& [region, names] : expected) {
    Plan plan = resolved_plan();
    plan.region = region;
    plan.services = *parse_services("ssm,s3");
    plan.route_tables = {"rtb-12345678"};
    Json document = as_json(build(plan));
    EXPECT_FALSE(document.contains("Parameters"));
    EXPECT_FALSE(document.contains("Conditions"));
    EXPECT_EQ(document["Resources"]["SsmVpcEndpoint"]["Properties"]["ServiceName"], names.first);
    EXPECT_EQ(document["Resources"]["S3VpcEndpoint"]["Properties"]["ServiceName"], names.second);
  }
}

TEST(Template, TwoSubnetsBothAppear) {
  Plan plan = resolved_plan();
  plan.subnets = {kTemplateSubnetA, kTemplateSubnetB};
  Json document = as_json(build(plan));
  EXPECT_EQ(document["Resources"]["SsmVpcEndpoint"]["Properties"]["SubnetIds"],
            Json::array({kTemplateSubnetA, kTemplateSubnetB}));

  plan.resolved = false;
  document = as_json(build(plan));
  EXPECT_EQ(document["Parameters"]["SubnetIds"]["Default"],
            std::string(kTemplateSubnetA) + "," + kTemplateSubnetB);
  EXPECT_EQ(document["Parameters"]["SubnetIds"]["Type"], "List<AWS::EC2::Subnet::Id>");

  plan.seed_compatible = true;
  document = as_json(build(plan));
  EXPECT_EQ(document["Parameters"]["SubnetId"]["Default"], kTemplateSubnetA);
  EXPECT_EQ(document["Parameters"]["SubnetId2"]["Default"], kTemplateSubnetB);
  EXPECT_EQ(document["Resources"]["SsmVpcEndpoint"]["Properties"]["SubnetIds"],
            Json::parse(R"([{"Ref": "SubnetId"}, {"Ref": "SubnetId2"}])"));
}

TEST(Template, CommandLineValuesBecomeParameterDefaults) {
  Plan plan;
  plan.vpc = kVpc;
  plan.instance_sgs = {kSg};
  Json document = as_json(build(plan));
  EXPECT_EQ(document["Parameters"]["VpcId"]["Default"], kVpc);
  EXPECT_EQ(document["Parameters"]["InstanceSecurityGroupId"]["Default"], kSg);
  EXPECT_FALSE(document["Parameters"]["SubnetIds"].contains("Default"));
}

TEST(Template, EveryResourceCarriesOwnershipAndUserTags) {
  Plan plan = resolved_plan();
  plan.services = *parse_services("ssm,ssmmessages,ec2messages,kms,logs,s3");
  plan.route_tables = {"rtb-12345678"};
  plan.tags = {{"team", "ops"}};
  plan.name = "jump";
  Json document = as_json(build(plan));
  for (const auto& [logical_id, resource] : document["Resources"].items()) {
    SCOPED_TRACE(logical_id);
    const Json& tags = resource["Properties"]["Tags"];
    EXPECT_NE(std::ranges::find(tags, Json{{"Key", "ssmlink:managed"}, {"Value", "true"}}),
              tags.end());
    EXPECT_NE(std::ranges::find(tags, Json{{"Key", "ssmlink:version"}, {"Value", "9.8.7"}}),
              tags.end());
    EXPECT_NE(std::ranges::find(tags, Json{{"Key", "team"}, {"Value", "ops"}}), tags.end());
    EXPECT_EQ(tags[0]["Key"], "Name");
    EXPECT_TRUE(tags[0]["Value"].get<std::string>().starts_with("jump-"));
  }
  EXPECT_NE(document["Description"].get<std::string>().find("ssmlink 9.8.7"), std::string::npos);
}

TEST(Template, OutputsNameTheSecurityGroupAndEveryEndpoint) {
  Plan plan = resolved_plan();
  plan.services = *parse_services("ssm,ssmmessages,s3");
  plan.route_tables = {"rtb-12345678"};
  Json outputs = as_json(build(plan))["Outputs"];
  EXPECT_EQ(outputs["VpcEndpointSecurityGroupId"]["Value"],
            Json::parse(R"({"Fn::GetAtt": ["VpcEndpointSecurityGroup", "GroupId"]})"));
  for (const char* id : {"SsmVpcEndpoint", "SsmMessagesVpcEndpoint", "S3VpcEndpoint"}) {
    Json expected = {{"Ref", id}};
    EXPECT_EQ(outputs[std::string(id) + "Id"]["Value"], expected);
  }
  EXPECT_EQ(outputs.size(), 4u);
}

TEST(Template, SecurityGroupRulesAreLeastPrivilegeAndDescribed) {
  auto group = [](Egress egress) {
    Plan plan = resolved_plan();
    plan.egress = egress;
    plan.source_cidrs = {*parse_cidr("10.1.0.0/16")};
    return as_json(build(plan))["Resources"]["VpcEndpointSecurityGroup"]["Properties"];
  };
  Json none = group(Egress::None);
  ASSERT_EQ(none["SecurityGroupIngress"].size(), 2u);
  for (const auto& rule : none["SecurityGroupIngress"]) {
    EXPECT_EQ(rule["IpProtocol"], "tcp");
    EXPECT_EQ(rule["FromPort"], 443);
    EXPECT_EQ(rule["ToPort"], 443);
    EXPECT_FALSE(rule["Description"].get<std::string>().empty());
  }
  EXPECT_EQ(none["SecurityGroupIngress"][0]["SourceSecurityGroupId"], kSg);
  EXPECT_EQ(none["SecurityGroupIngress"][1]["CidrIp"], "10.1.0.0/16");
  // "none": a single rule that matches no traffic, so CloudFormation adds no allow-all.
  ASSERT_EQ(none["SecurityGroupEgress"].size(), 1u);
  EXPECT_EQ(none["SecurityGroupEgress"][0]["CidrIp"], "255.255.255.255/32");
  EXPECT_EQ(none["SecurityGroupEgress"][0]["IpProtocol"], "icmp");
  Json https = group(Egress::Https)["SecurityGroupEgress"];
  ASSERT_EQ(https.size(), 1u);
  EXPECT_EQ(https[0]["FromPort"], 443);
  EXPECT_EQ(https[0]["IpProtocol"], "tcp");
  Json all = group(Egress::All)["SecurityGroupEgress"];
  EXPECT_EQ(all[0]["IpProtocol"], "-1");
  for (const Json& rules : {https, all})
    EXPECT_FALSE(rules[0]["Description"].get<std::string>().empty());
}

TEST(Template, PrivateDnsCanBeTurnedOff) {
  Plan plan = resolved_plan();
  EXPECT_EQ(as_json(build(plan))["Resources"]["SsmVpcEndpoint"]["Properties"]["PrivateDnsEnabled"],
            true);
  plan.private_dns = false;
  EXPECT_EQ(as_json(build(plan))["Resources"]["SsmVpcEndpoint"]["Properties"]["PrivateDnsEnabled"],
            false);
}

// Strings that YAML or JSON would mangle if written carelessly.
const std::vector<std::string>& awkward_strings() {
  static const std::vector<std::string> strings = {"a: b",
                                                   "# not a comment",
                                                   "x #y",
                                                   "\"double\"",
                                                   "'single'",
                                                   "line1\nline2",
                                                   "tab\there",
                                                   "trailing ",
                                                   " leading",
                                                   "- dash",
                                                   "[list]",
                                                   "{map}",
                                                   "&anchor",
                                                   "*alias",
                                                   "!tag",
                                                   "%percent",
                                                   "@at",
                                                   "`tick`",
                                                   "|pipe",
                                                   ">fold",
                                                   "?q",
                                                   "true",
                                                   "no",
                                                   "null",
                                                   "~",
                                                   "0x1F",
                                                   "1e3",
                                                   "012",
                                                   ".5",
                                                   "2010-09-09",
                                                   "",
                                                   "日本語 テキスト",
                                                   "emoji 🚀",
                                                   "back\\slash",
                                                   "cr\rhere",
                                                   "nel\xc2\x85",
                                                   "ls\xe2\x80\xa8"
                                                   "ps\xe2\x80\xa9",
                                                   "bom\xef\xbb\xbf",
                                                   "bell\x07",
                                                   "del\x7f",
                                                   "a:b:c",
                                                   "${AWS::Region}",
                                                   "ends with colon:",
                                                   "=",
                                                   "key=value",
                                                   "-",
                                                   "---",
                                                   "...",
                                                   "<<"};
  return strings;
}

TEST(Template, AwkwardTagValuesRoundTripExactly) {
  for (const std::string& value : awkward_strings()) {
    SCOPED_TRACE(::testing::PrintToString(value));
    Plan plan = resolved_plan();
    plan.tags = {{"k:" + value.substr(0, 10) + "#", value}};
    if (plan.tags[0].key.find('\0') != std::string::npos) continue;
    Document document = build(plan);
    std::string yaml = render_template(document, TemplateFormat::Yaml);
    Json parsed = testing::parse_cloudformation_yaml(yaml);
    const Json& tags = parsed["Resources"]["SsmVpcEndpoint"]["Properties"]["Tags"];
    EXPECT_EQ(tags.back()["Value"], value) << yaml;
    EXPECT_EQ(tags.back()["Key"], plan.tags[0].key);
    Json from_json = Json::parse(render_template(document, TemplateFormat::Json));
    EXPECT_EQ(from_json["Resources"]["SsmVpcEndpoint"]["Properties"]["Tags"].back()["Value"],
              value);
  }
}

TEST(Template, AwkwardStringsAreNeverWrittenPlain) {
  for (const std::string& text : awkward_strings()) {
    if (text == "a:b:c" || text == "${AWS::Region}" || text == "key=value" || text == "=") {
      continue;  // these are safe plain
    }
    EXPECT_FALSE(is_plain_yaml_safe(text)) << ::testing::PrintToString(text);
  }
  EXPECT_TRUE(is_plain_yaml_safe("com.amazonaws.${AWS::Region}.ssm"));
  EXPECT_TRUE(is_plain_yaml_safe("AWS::EC2::VPCEndpoint"));
}

// The seed's template, with its region fixed: what --seed-compatible must reproduce.
Json seed_template() {
  return testing::parse_cloudformation_yaml(
      read_file(testing::source_path("tests/data/seed/vpc-endpoints-for-session-managers.yml")));
}

Json without(Json object, const std::vector<std::string>& keys) {
  for (const auto& key : keys)
    object.erase(key);
  return object;
}

TEST(Template, SeedCompatibleMatchesTheSeed) {
  Plan plan;
  plan.seed_compatible = true;
  plan.egress = Egress::All;
  Json ours = as_json(build(plan));
  Json seed = seed_template();

  // Parameters: the seed's, minus its unused AvailabilityZone and placeholder defaults.
  Json seed_parameters = seed["Parameters"];
  seed_parameters.erase("AvailabilityZone");
  ASSERT_EQ(ours["Parameters"].size(), seed_parameters.size());
  for (const auto& [name, parameter] : seed_parameters.items()) {
    ASSERT_TRUE(ours["Parameters"].contains(name)) << name;
    EXPECT_EQ(ours["Parameters"][name]["Type"], parameter["Type"]);
    EXPECT_EQ(ours["Parameters"][name]["Description"], parameter["Description"]);
  }

  // Resources: property for property, apart from the region in ServiceName, the tags
  // ssmlink adds for ownership and the rule description.
  ASSERT_EQ(ours["Resources"].size(), seed["Resources"].size());
  for (const auto& [logical_id, resource] : seed["Resources"].items()) {
    SCOPED_TRACE(logical_id);
    ASSERT_TRUE(ours["Resources"].contains(logical_id));
    const Json& mine = ours["Resources"][logical_id];
    EXPECT_EQ(mine["Type"], resource["Type"]);
    Json expected = resource["Properties"];
    Json actual = mine["Properties"];
    if (expected.contains("ServiceName")) {
      std::string literal = expected["ServiceName"];
      std::string service = literal.substr(literal.rfind('.') + 1);
      Json expected_name = {{"Fn::Sub", "com.amazonaws.${AWS::Region}." + service}};
      EXPECT_EQ(actual["ServiceName"], expected_name);
      expected.erase("ServiceName");
      actual.erase("ServiceName");
    }
    Json expected_tags = expected.value("Tags", Json::array());
    Json actual_tags = actual.value("Tags", Json::array());
    for (const auto& tag : expected_tags) {
      EXPECT_NE(std::ranges::find(actual_tags, tag), actual_tags.end()) << tag;
    }
    for (const auto& tag : actual_tags) {
      bool from_seed = std::ranges::find(expected_tags, tag) != expected_tags.end();
      EXPECT_TRUE(from_seed || tag["Key"].get<std::string>().starts_with("ssmlink:")) << tag;
    }
    if (actual.contains("SecurityGroupIngress")) {
      for (auto& rule : actual["SecurityGroupIngress"])
        rule.erase("Description");
    }
    EXPECT_EQ(without(actual, {"Tags"}), without(expected, {"Tags"}));
  }
}

TEST(Template, SeedCompatibleResolvedForTokyoIsTheSeedItself) {
  Plan plan;
  plan.seed_compatible = true;
  plan.egress = Egress::All;
  plan.region = "ap-northeast-1";
  Json ours = as_json(build(plan));
  Json seed = seed_template();
  for (const char* id : {"SsmVpcEndpoint", "SsmMessagesVpcEndpoint", "Ec2MessagesVpcEndpoint"}) {
    EXPECT_EQ(ours["Resources"][id]["Properties"]["ServiceName"],
              seed["Resources"][id]["Properties"]["ServiceName"]);
  }
}

}  // namespace
}  // namespace ssmlink::domain
