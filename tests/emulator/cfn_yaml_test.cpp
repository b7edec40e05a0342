#include "emulator/cloudformation/cfn_yaml.hpp"

#include <gtest/gtest.h>

#include "tests/emulator/cfn_test_support.hpp"

namespace ssmlink::emulator {
namespace {

using Json = nlohmann::json;

Json yaml(const std::string& text) {
  auto document = cloudformation_yaml_to_json(text);
  EXPECT_TRUE(document.has_value()) << (document ? "" : document.error());
  return document ? *document : Json();
}

Json value_of(const std::string& short_form) {
  return yaml("V: " + short_form + "\n")["V"];
}

TEST(CfnYaml, ShortFormsBecomeLongForms) {
  struct Case {
    const char* yaml;
    const char* json;
  };
  const Case cases[] = {
      {"!Ref VpcId", R"({"Ref":"VpcId"})"},
      {"!Ref AWS::Region", R"({"Ref":"AWS::Region"})"},
      {"!Sub com.amazonaws.${AWS::Region}.ssm",
       R"({"Fn::Sub":"com.amazonaws.${AWS::Region}.ssm"})"},
      {"!Sub ['${A}-x', {A: !Ref B}]", R"({"Fn::Sub":["${A}-x",{"A":{"Ref":"B"}}]})"},
      {"!GetAtt Sg.GroupId", R"({"Fn::GetAtt":["Sg","GroupId"]})"},
      {"!GetAtt [Sg, GroupId]", R"({"Fn::GetAtt":["Sg","GroupId"]})"},
      {"!GetAtt Stack.Outputs.Name", R"({"Fn::GetAtt":["Stack","Outputs.Name"]})"},
      {"!Join ['-', [a, !Ref B]]", R"({"Fn::Join":["-",["a",{"Ref":"B"}]]})"},
      {"!Select [0, !GetAZs '']", R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})"},
      {"!If [IsChina, a, !Ref AWS::NoValue]",
       R"({"Fn::If":["IsChina","a",{"Ref":"AWS::NoValue"}]})"},
      {"!Equals [!Ref AWS::Partition, aws-cn]",
       R"({"Fn::Equals":[{"Ref":"AWS::Partition"},"aws-cn"]})"},
      {"!Not [!Condition A]", R"({"Fn::Not":[{"Condition":"A"}]})"},
      {"!And [!Condition A, !Condition B]", R"({"Fn::And":[{"Condition":"A"},{"Condition":"B"}]})"},
      {"!Or [!Condition A, !Equals [x, y]]",
       R"({"Fn::Or":[{"Condition":"A"},{"Fn::Equals":["x","y"]}]})"},
      {"!FindInMap [Map, !Ref AWS::Region, Key]",
       R"({"Fn::FindInMap":["Map",{"Ref":"AWS::Region"},"Key"]})"},
      {"!Split [',', 'a,b']", R"({"Fn::Split":[",","a,b"]})"},
      {"!Base64 hello", R"({"Fn::Base64":"hello"})"},
      {"!GetAZs us-west-2", R"({"Fn::GetAZs":"us-west-2"})"},
      {"!Condition IsChina", R"({"Condition":"IsChina"})"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(value_of(c.yaml), Json::parse(c.json)) << c.yaml;
  }
}

TEST(CfnYaml, BlockStyleShortForms) {
  Json document = yaml(R"(V: !Join
  - ''
  - - !Ref Prefix
    - !Select
      - 1
      - !Split [',', !Ref List]
)");
  EXPECT_EQ(document["V"], Json::parse(R"({"Fn::Join":["",[{"Ref":"Prefix"},
      {"Fn::Select":[1,{"Fn::Split":[",",{"Ref":"List"}]}]}]]})"));
}

TEST(CfnYaml, ScalarsResolveLikeCloudFormation) {
  Json document = yaml(R"(
port: 443
quoted: "443"
single: '443'
real: 1.5
yes: true
no: false
quoted_bool: "true"
version: 2010-09-09
quoted_version: "2010-09-09"
empty:
tilde: ~
word: hello
negative: -1
)");
  EXPECT_EQ(document["port"], Json(443));
  EXPECT_EQ(document["quoted"], Json("443"));
  EXPECT_EQ(document["single"], Json("443"));
  EXPECT_EQ(document["real"], Json(1.5));
  EXPECT_EQ(document["yes"], Json(true));
  EXPECT_EQ(document["no"], Json(false));
  EXPECT_EQ(document["quoted_bool"], Json("true"));
  EXPECT_EQ(document["version"], Json("2010-09-09"));
  EXPECT_EQ(document["quoted_version"], Json("2010-09-09"));
  EXPECT_TRUE(document["empty"].is_null());
  EXPECT_TRUE(document["tilde"].is_null());
  EXPECT_EQ(document["word"], Json("hello"));
  EXPECT_EQ(document["negative"], Json(-1));
}

TEST(CfnYaml, ShortFormScalarArgumentsAreStrings) {
  EXPECT_EQ(value_of("!Ref 443"), Json::parse(R"({"Ref":"443"})"));
  EXPECT_EQ(value_of("!Base64 true"), Json::parse(R"({"Fn::Base64":"true"})"));
}

TEST(CfnYaml, MalformedYamlGivesCloudFormationsMessageWithPosition) {
  auto bad_indent =
      cloudformation_yaml_to_json("Resources:\n  B:\n    Type: X\n   Properties: {}\n");
  ASSERT_FALSE(bad_indent.has_value());
  EXPECT_TRUE(bad_indent.error().starts_with("Template format error: YAML not well-formed. (line "))
      << bad_indent.error();
  auto unclosed = cloudformation_yaml_to_json("Resources: [a, b\n");
  ASSERT_FALSE(unclosed.has_value());
  EXPECT_TRUE(unclosed.error().starts_with("Template format error: YAML not well-formed."));
}

TEST(CfnYaml, UnknownShortFormIsNotWellFormed) {
  auto document = cloudformation_yaml_to_json(
      "Resources:\n  B:\n    Type: X\n    Properties:\n      A: !GetAttr B.Arn\n");
  ASSERT_FALSE(document.has_value());
  EXPECT_EQ(document.error(), "Template format error: YAML not well-formed. (line 5, column 10)");
}

TEST(CfnYaml, SeedTemplateReads) {
  Json document =
      yaml(testing::read_file("tests/data/seed/vpc-endpoints-for-session-managers.yml"));
  EXPECT_EQ(document["AWSTemplateFormatVersion"], Json("2010-09-09"));
  EXPECT_EQ(document["Resources"]["SsmVpcEndpoint"]["Properties"]["VpcId"],
            Json::parse(R"({"Ref":"VpcId"})"));
  EXPECT_EQ(document["Resources"]["VpcEndpointSecurityGroup"]["Properties"]["SecurityGroupIngress"]
                    [0]["FromPort"],
            Json(443));
  EXPECT_EQ(document["Resources"]["SsmVpcEndpoint"]["Properties"]["PrivateDnsEnabled"], Json(true));
}

// `ssmlink template` and `ssmlink template --format json` print the same template: read as
// CloudFormation reads them, they are the same document.
TEST(CfnYaml, SsmlinkYamlAndJsonOutputAreTheSameTemplate) {
  Json from_yaml = yaml(testing::read_file("tests/data/emulator/ssmlink-template.yaml"));
  Json from_json = Json::parse(testing::read_file("tests/data/emulator/ssmlink-template.json"));
  EXPECT_EQ(from_yaml, from_json);
}

}  // namespace
}  // namespace ssmlink::emulator
