// The schema checks in template_test are only as good as the validator: prove it fails.
#include <gtest/gtest.h>

#include "tests/support/json_schema.hpp"
#include "tests/support/paths.hpp"
#include "util/files.hpp"

namespace ssmlink::testing {
namespace {

using Json = nlohmann::json;

Json security_group_schema() {
  return Json::parse(
      read_file(source_path("reference/cfn-schemas/registry/aws-ec2-securitygroup.json")));
}

TEST(SchemaValidator, AcceptsAValidSecurityGroup) {
  Json properties = Json::parse(R"({"GroupDescription": "x", "VpcId": "vpc-12345678",
    "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                              "SourceSecurityGroupId": "sg-12345678"}],
    "Tags": [{"Key": "a", "Value": "b"}]})");
  EXPECT_TRUE(validate_against_schema(properties, security_group_schema()).empty());
}

TEST(SchemaValidator, RejectsWhatCloudFormationWould) {
  const std::vector<std::string> bad = {
      R"({"VpcId": "vpc-12345678"})",                   // GroupDescription missing
      R"({"GroupDescription": "x", "Colour": "red"})",  // unknown property
      R"({"GroupDescription": 5})",                     // wrong type
      R"({"GroupDescription": "x", "SecurityGroupIngress": [{"FromPort": 443}]})",  // no IpProtocol
      R"({"GroupDescription": "x", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": "443"}]})",
      R"({"GroupDescription": "x", "Tags": [{"Key": "a"}]})",  // tag without Value
      R"({"GroupDescription": "x", "SecurityGroupEgress": {"IpProtocol": "-1"}})",  // not a list
  };
  for (const auto& text : bad) {
    EXPECT_FALSE(validate_against_schema(Json::parse(text), security_group_schema()).empty())
        << text;
  }
}

}  // namespace
}  // namespace ssmlink::testing
