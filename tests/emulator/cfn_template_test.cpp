#include "emulator/cloudformation/cfn_template.hpp"

#include <gtest/gtest.h>

#include "tests/emulator/cfn_test_support.hpp"

namespace ssmlink::emulator {
namespace {

using Json = nlohmann::json;

std::string error_of(const std::string& body) {
  try {
    parse_template(body);
  } catch (const TemplateError& error) {
    return error.what();
  }
  return "(no error)";
}

std::string binding_error(const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& given) {
  try {
    bind_parameters(parse_template(body), given);
  } catch (const TemplateError& error) {
    return error.what();
  }
  return "(no error)";
}

const char* kGroup = R"(
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
)";

std::string with_resources(const std::string& extra) {
  return "Resources:" + std::string(kGroup) + extra;
}

TEST(CfnTemplate, ReadsTheSeedTemplate) {
  Template tmpl =
      parse_template(testing::read_file("tests/data/seed/vpc-endpoints-for-session-managers.yml"));
  EXPECT_EQ(tmpl.format_version, "2010-09-09");
  EXPECT_EQ(tmpl.description, "VPC endpoints for session manager");  // YAML drops the trailing tab
  ASSERT_EQ(tmpl.parameters.size(), 4u);
  EXPECT_EQ(tmpl.parameters[0].name, "AvailabilityZone");
  EXPECT_EQ(tmpl.parameters[0].type, "AWS::EC2::AvailabilityZone::Name");
  EXPECT_EQ(tmpl.parameters[0].default_value, "ap-northeast-1a");
  EXPECT_EQ(tmpl.parameter("Ec2InstanceSg")->aws_type(), "AWS::EC2::SecurityGroup::Id");
  EXPECT_FALSE(tmpl.parameter("Ec2InstanceSg")->default_value.has_value());
  EXPECT_EQ(tmpl.resources.size(), 4u);
  EXPECT_EQ(tmpl.resource("SsmVpcEndpoint")->type, "AWS::EC2::VPCEndpoint");
}

TEST(CfnTemplate, ReadsSsmlinksTemplatesInBothFormats) {
  for (const char* file :
       {"tests/data/emulator/ssmlink-template.yaml", "tests/data/emulator/ssmlink-template.json",
        "tests/data/emulator/ssmlink-template-all-services.yaml",
        "tests/data/emulator/ssmlink-template-seed-compatible.yaml",
        "tests/data/emulator/ssmlink-template-resolved.json"}) {
    EXPECT_NO_THROW(parse_template(testing::read_file(file))) << file;
  }
  Template tmpl = parse_template(testing::read_file("tests/data/emulator/ssmlink-template.yaml"));
  EXPECT_EQ(tmpl.parameter("SubnetIds")->type, "List<AWS::EC2::Subnet::Id>");
  EXPECT_TRUE(tmpl.parameter("SubnetIds")->is_list());
  EXPECT_EQ(tmpl.outputs.size(), 4u);
}

TEST(CfnTemplate, MalformedBodies) {
  EXPECT_EQ(error_of("{\n  \"Resources\": {,\n}"),
            "Template format error: JSON not well-formed. (line 2, column 17)");
  EXPECT_TRUE(
      error_of("Resources: [a\n").starts_with("Template format error: YAML not well-formed."));
  EXPECT_EQ(error_of("- a\n- b\n"),
            "Template format error: Template must be a JSON or YAML object");
}

TEST(CfnTemplate, SectionErrors) {
  EXPECT_EQ(error_of("Description: x\n"),
            "Template format error: At least one Resources member must be defined.");
  EXPECT_EQ(error_of("Resources: {}\n"),
            "Template format error: At least one Resources member must be defined.");
  EXPECT_EQ(error_of(with_resources("") + "Bogus: 1\nOther: 2\n"),
            "Template format error: Invalid template property or properties [Bogus, Other]");
  EXPECT_EQ(error_of("Resources:\n  B:\n    Properties: {}\n"),
            "Template format error: [/Resources/B] Every Resources object must contain a Type "
            "member.");
  EXPECT_EQ(error_of("AWSTemplateFormatVersion: 2010-09-10\n" + with_resources("")),
            "Template format error: Unsupported template format version 2010-09-10");
  EXPECT_EQ(error_of(with_resources("") + "Outputs:\n  O:\n    Description: x\n"),
            "Template format error: Every Outputs member must contain a Value object");
}

// The emulator knows four resource types; every other type, real or not, fails as
// CloudFormation fails a type it does not recognise.
TEST(CfnTemplate, UnrecognizedResourceTypes) {
  EXPECT_EQ(error_of(with_resources("  I:\n    Type: AWS::EC2::Instance\n"
                                    "  B:\n    Type: AWS::S3::Bucket\n"
                                    "  F:\n    Type: AWS::Foo::Bar\n")),
            "Template format error: Unrecognized resource types: [AWS::S3::Bucket, "
            "AWS::Foo::Bar, AWS::EC2::Instance]");
  EXPECT_EQ(error_of("Resources:\n  F:\n    Type: AWS::Foo::Bar\n"),
            "Template format error: Unrecognized resource types: [AWS::Foo::Bar]");
}

TEST(CfnTemplate, UnresolvedReferences) {
  EXPECT_EQ(error_of(with_resources("  R:\n    Type: AWS::EC2::SecurityGroupIngress\n"
                                    "    Properties:\n      GroupId: !Ref Missing\n"
                                    "      IpProtocol: tcp\n      CidrIp: !Sub '${Other}'\n")),
            "Template format error: Unresolved resource dependencies [Missing, Other] in the "
            "Resources block of the template");
  EXPECT_EQ(error_of(with_resources("") + "Outputs:\n  O:\n    Value: !GetAtt Nope.GroupId\n"),
            "Template format error: Unresolved resource dependencies [Nope] in the Outputs block "
            "of the template");
  EXPECT_EQ(error_of(with_resources("  R:\n    Type: AWS::EC2::SecurityGroup\n"
                                    "    DependsOn: [Sg, Ghost]\n"
                                    "    Properties: {GroupDescription: x}\n")),
            "Template format error: Unresolved resource dependencies [Ghost] in the Resources "
            "block of the template");
  // Pseudo parameters, parameters and ${!Literal} are not dependencies.
  EXPECT_EQ(error_of("Parameters:\n  P: {Type: String}\n" +
                     with_resources("  R:\n    Type: AWS::EC2::SecurityGroup\n"
                                    "    Properties:\n      GroupDescription: !Sub "
                                    "'${P} ${AWS::Region} ${!Literal} ${Sg.GroupId}'\n")),
            "(no error)");
}

TEST(CfnTemplate, UnsupportedAttribute) {
  EXPECT_EQ(error_of(with_resources("") + "Outputs:\n  O:\n    Value: !GetAtt Sg.Arn\n"),
            "Template error: resource Sg does not support attribute type Arn in Fn::GetAtt");
}

TEST(CfnTemplate, CircularDependencies) {
  EXPECT_EQ(error_of(R"(Resources:
  A:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !GetAtt B.GroupId
  B:
    Type: AWS::EC2::SecurityGroup
    DependsOn: A
    Properties:
      GroupDescription: b
  C:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Ref A
  D:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: d
)"),
            "Circular dependency between resources: [A, B, C]");
}

TEST(CfnTemplate, ParameterDeclarationErrors) {
  EXPECT_EQ(error_of("Parameters:\n  P: {Type: Strin}\n" + with_resources("")),
            "Template format error: Unrecognized parameter type: Strin");
  EXPECT_EQ(
      error_of("Parameters:\n  P: {Type: String, Default: a, Allowed: [a]}\n" + with_resources("")),
      "Template format error: Invalid template parameter property 'Allowed'");
  EXPECT_EQ(error_of("Parameters:\n  P: {Default: a}\n" + with_resources("")),
            "Template format error: Every Parameters object must contain a Type member.");
  EXPECT_EQ(error_of("Parameters:\n  P: {Type: 'List<AWS::EC2::VPC::Id>'}\n" + with_resources("")),
            "(no error)");
}

TEST(CfnTemplate, UnknownFunction) {
  EXPECT_EQ(error_of(with_resources("") + "Outputs:\n  O:\n    Value: {'Fn::Nope': x}\n"),
            "Template format error: Encountered unsupported function: Fn::Nope");
}

const char* kParameters = R"(
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
  Name:
    Type: String
    AllowedPattern: '[a-z]+'
    MaxLength: 5
    Default: abc
  Described:
    Type: String
    AllowedPattern: 'vpc-[0-9a-f]+'
    ConstraintDescription: must be a VPC ID
    Default: vpc-0a
  Count:
    Type: Number
    Default: 3
  Subnets:
    Type: 'List<AWS::EC2::Subnet::Id>'
    Default: 'subnet-a, subnet-b'
  Secret:
    Type: String
    NoEcho: true
    Default: hunter2
)";

TEST(CfnTemplate, ParameterValues) {
  std::string body = std::string(kParameters) + with_resources("");
  auto values = bind_parameters(parse_template(body), {{"Env", "prod"}});
  ASSERT_EQ(values.size(), 6u);
  std::map<std::string, ParameterValue> by_name;
  for (const auto& value : values)
    by_name[value.name] = value;
  EXPECT_EQ(by_name["Env"].value, Json("prod"));
  EXPECT_EQ(by_name["Count"].value, Json("3"));  // a YAML number default; Ref gives text
  EXPECT_EQ(by_name["Subnets"].value, Json::parse(R"(["subnet-a","subnet-b"])"));
  EXPECT_EQ(by_name["Subnets"].text, "subnet-a, subnet-b");
  EXPECT_TRUE(by_name["Secret"].no_echo);
}

TEST(CfnTemplate, ParameterValueErrors) {
  std::string body = std::string(kParameters) + with_resources("");
  EXPECT_EQ(binding_error(body, {}), "Parameters: [Env] must have values");
  EXPECT_EQ(binding_error(body, {{"Env", "dev"}, {"Nope", "x"}, {"Other", "y"}}),
            "Parameters: [Nope, Other] do not exist in the template");
  EXPECT_EQ(binding_error(body, {{"Env", "test"}}), "Parameter 'Env' must be one of AllowedValues");
  EXPECT_EQ(binding_error(body, {{"Env", "dev"}, {"Name", "ab1"}}),
            "Parameter 'Name' must match pattern [a-z]+");
  EXPECT_EQ(binding_error(body, {{"Env", "dev"}, {"Name", "abcdef"}}),
            "Parameter 'Name' must contain at most 5 characters");
  EXPECT_EQ(binding_error(body, {{"Env", "dev"}, {"Described", "sg-1"}}),
            "Parameter Described failed to satisfy constraint: must be a VPC ID");
  EXPECT_EQ(binding_error(body, {{"Env", "dev"}, {"Count", "three"}}),
            "Parameter 'Count' must be a number");
  EXPECT_EQ(binding_error(body, {{"Env", "dev"}, {"Name", ""}}),
            "Parameter 'Name' must match pattern [a-z]+");
}

TEST(CfnTemplate, ListParametersAreTrimmed) {
  EXPECT_EQ(split_list_parameter("a, b ,c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_list_parameter(""), (std::vector<std::string>{""}));
}

}  // namespace
}  // namespace ssmlink::emulator
