#include "emulator/cloudformation/cfn_intrinsics.hpp"
#include "emulator/region_name.hpp"

#include <gtest/gtest.h>

#include "emulator/cloudformation/cfn_yaml.hpp"

namespace ssmlink::emulator {
namespace {

using Json = nlohmann::json;

const char* kTemplate = R"(
Parameters:
  VpcId: {Type: String, Default: vpc-1}
  Subnets: {Type: CommaDelimitedList, Default: 'subnet-a,subnet-b'}
  Env: {Type: String, Default: prod}
Mappings:
  Regions:
    us-east-1: {Ami: ami-east, Zones: [a, b]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsChina: !Equals [!Ref AWS::Partition, aws-cn]
  ProdNotChina: !And [!Condition IsProd, !Not [!Condition IsChina]]
  Either: !Or [!Condition IsChina, !Equals [1, '1']]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: x}
)";

class IntrinsicsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmpl = parse_template(kTemplate);
    context.tmpl = &tmpl;
    context.pseudo = {"us-east-1",
                      "123456789012",
                      "my-stack",
                      "arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/uuid",
                      {"us-east-1a", "us-east-1b", "us-east-1c"}};
    for (const auto& value : bind_parameters(tmpl, {}))
      context.parameters[value.name] = value.value;
    context.resource = [this](const std::string& id) -> const ResourceValue* {
      auto it = resources.find(id);
      return it == resources.end() ? nullptr : &it->second;
    };
    resources["Sg"] = {"sg-0123", {{"GroupId", "sg-0123"}, {"VpcId", "vpc-1"}}};
    context.conditions = evaluate_conditions(tmpl, context);
  }

  Json eval(const std::string& yaml) {
    auto document = cloudformation_yaml_to_json("V: " + yaml + "\n");
    EXPECT_TRUE(document.has_value());
    auto value = evaluate((*document)["V"], context);
    return value ? *value : Json("<NoValue>");
  }

  std::string eval_error(const std::string& yaml) {
    try {
      eval(yaml);
    } catch (const TemplateError& error) {
      return error.what();
    }
    return "(no error)";
  }

  Template tmpl;
  EvaluationContext context;
  std::map<std::string, ResourceValue> resources;
};

TEST_F(IntrinsicsTest, RefParametersResourcesAndPseudoParameters) {
  EXPECT_EQ(eval("!Ref VpcId"), Json("vpc-1"));
  EXPECT_EQ(eval("!Ref Subnets"), Json::parse(R"(["subnet-a","subnet-b"])"));
  EXPECT_EQ(eval("!Ref Sg"), Json("sg-0123"));
  EXPECT_EQ(eval("!Ref AWS::Region"), Json("us-east-1"));
  EXPECT_EQ(eval("!Ref AWS::AccountId"), Json("123456789012"));
  EXPECT_EQ(eval("!Ref AWS::StackName"), Json("my-stack"));
  EXPECT_EQ(eval("!Ref AWS::StackId"), Json(context.pseudo.stack_id));
  EXPECT_EQ(eval("!Ref AWS::Partition"), Json("aws"));
  EXPECT_EQ(eval("!Ref AWS::URLSuffix"), Json("amazonaws.com"));
  EXPECT_EQ(eval("!Ref AWS::NoValue"), Json("<NoValue>"));
}

TEST(Intrinsics, PartitionsAndUrlSuffixes) {
  EXPECT_EQ(partition_of("cn-north-1"), "aws-cn");
  EXPECT_EQ(partition_of("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(partition_of("eu-west-1"), "aws");
  EXPECT_EQ(url_suffix_of("cn-northwest-1"), "amazonaws.com.cn");
  EXPECT_EQ(url_suffix_of("us-gov-east-1"), "amazonaws.com");
}

TEST_F(IntrinsicsTest, Sub) {
  EXPECT_EQ(eval("!Sub com.amazonaws.${AWS::Region}.ssm"), Json("com.amazonaws.us-east-1.ssm"));
  EXPECT_EQ(eval("!Sub '${Sg}/${Sg.GroupId}/${VpcId}/${!Literal}/${AWS::Partition}'"),
            Json("sg-0123/sg-0123/vpc-1/${Literal}/aws"));
  EXPECT_EQ(eval("!Sub ['${Name}-${AWS::StackName}', {Name: !Ref Env}]"), Json("prod-my-stack"));
  EXPECT_EQ(eval("!Sub 'no variables'"), Json("no variables"));
}

TEST_F(IntrinsicsTest, GetAtt) {
  EXPECT_EQ(eval("!GetAtt Sg.GroupId"), Json("sg-0123"));
  EXPECT_EQ(eval("!GetAtt [Sg, VpcId]"), Json("vpc-1"));
  EXPECT_EQ(eval_error("!GetAtt Sg.Arn"),
            "Template error: resource Sg does not support attribute type Arn in Fn::GetAtt");
}

TEST_F(IntrinsicsTest, JoinSelectSplit) {
  EXPECT_EQ(eval("!Join [',', !Ref Subnets]"), Json("subnet-a,subnet-b"));
  EXPECT_EQ(eval("!Join ['', [a, 1, !Ref Env]]"), Json("a1prod"));
  EXPECT_EQ(eval("!Select [1, !Ref Subnets]"), Json("subnet-b"));
  EXPECT_EQ(eval("!Select ['0', !GetAZs '']"), Json("us-east-1a"));
  EXPECT_EQ(eval_error("!Select [3, !Ref Subnets]"),
            "Template error: Fn::Select cannot select nonexistent value at index 3");
  EXPECT_EQ(eval("!Split [',', 'a,b,,c']"), Json::parse(R"(["a","b","","c"])"));
  EXPECT_EQ(eval("!Select [2, !Split ['.', com.amazonaws.us-east-1.ssm]]"), Json("us-east-1"));
  EXPECT_TRUE(eval_error("!Join ['-', {a: b}]")
                  .starts_with("Template error: every Fn::Join object requires two parameters"));
}

TEST_F(IntrinsicsTest, ConditionsAndIf) {
  EXPECT_TRUE(context.conditions.at("IsProd"));
  EXPECT_FALSE(context.conditions.at("IsChina"));
  EXPECT_TRUE(context.conditions.at("ProdNotChina"));
  EXPECT_TRUE(context.conditions.at("Either"));  // 1 equals '1': values compare as text
  EXPECT_EQ(eval("!If [IsChina, cn.com.amazonaws, com.amazonaws]"), Json("com.amazonaws"));
  EXPECT_EQ(eval("!If [IsProd, big, small]"), Json("big"));
  EXPECT_EQ(eval("!If [IsChina, x, !Ref AWS::NoValue]"), Json("<NoValue>"));
}

TEST_F(IntrinsicsTest, NoValueRemovesPropertiesAndListItems) {
  auto document = cloudformation_yaml_to_json(R"(
A: keep
B: !If [IsChina, x, !Ref AWS::NoValue]
C: [one, !Ref AWS::NoValue, two]
)");
  auto value = evaluate(*document, context);
  EXPECT_EQ(*value, Json::parse(R"({"A":"keep","C":["one","two"]})"));
}

TEST_F(IntrinsicsTest, FindInMapGetAzsBase64) {
  EXPECT_EQ(eval("!FindInMap [Regions, !Ref AWS::Region, Ami]"), Json("ami-east"));
  EXPECT_EQ(eval("!FindInMap [Regions, us-east-1, Zones]"), Json::parse(R"(["a","b"])"));
  EXPECT_EQ(eval_error("!FindInMap [Regions, eu-west-1, Ami]"),
            "Template error: Unable to get mapping for Regions::eu-west-1::Ami");
  EXPECT_EQ(eval("!GetAZs ''"), Json::parse(R"(["us-east-1a","us-east-1b","us-east-1c"])"));
  EXPECT_EQ(eval("!GetAZs eu-west-1"), Json::parse(R"(["eu-west-1a","eu-west-1b","eu-west-1c"])"));
  EXPECT_EQ(eval("!Base64 'hello world'"), Json("aGVsbG8gd29ybGQ="));
  EXPECT_EQ(eval("!Base64 ab"), Json("YWI="));
}

TEST(Intrinsics, ChinaPartitionCondition) {
  Template tmpl = parse_template(kTemplate);
  EvaluationContext context;
  context.tmpl = &tmpl;
  context.pseudo.region = "cn-north-1";
  for (const auto& value : bind_parameters(tmpl, {}))
    context.parameters[value.name] = value.value;
  EXPECT_TRUE(evaluate_conditions(tmpl, context).at("IsChina"));
}

TEST(Intrinsics, ReferencesForDependencyOrder) {
  auto document = cloudformation_yaml_to_json(R"(
A: !Ref Sg
B: !GetAtt Endpoint.DnsEntries
C: !Sub '${Rule.Id} ${AWS::Region} ${!Skip} ${Local}'
D: !Sub ['${Local}', {Local: !Ref Param}]
E: !If [Cond, !Ref Yes, !Ref No]
F: {Condition: NotAFunctionHere}
)");
  References all;
  collect_references(*document, all);
  EXPECT_EQ(all.names, (std::set<std::string>{"Sg", "Endpoint", "Rule", "AWS::Region", "Local",
                                              "Param", "Yes", "No"}));
  EXPECT_TRUE(all.attributes.contains({"Endpoint", "DnsEntries"}));
  EXPECT_TRUE(all.attributes.contains({"Rule", "Id"}));
  EXPECT_EQ(all.conditions, (std::set<std::string>{"Cond"}));
  std::map<std::string, bool> conditions{{"Cond", false}};
  References taken;
  collect_references(*document, taken, &conditions);
  EXPECT_TRUE(taken.names.contains("No"));
  EXPECT_FALSE(taken.names.contains("Yes"));
}

TEST(Intrinsics, TextOfValues) {
  EXPECT_EQ(to_text(Json(443)), "443");
  EXPECT_EQ(to_text(Json(1.5)), "1.5");
  EXPECT_EQ(to_text(Json(2.0)), "2");
  EXPECT_EQ(to_text(Json(true)), "true");
  EXPECT_EQ(to_text(Json::parse(R"(["a","b"])")), "a,b");
}

}  // namespace
}  // namespace ssmlink::emulator
