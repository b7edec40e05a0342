// The Ec2 service class over a fake transport: every page is asked for with the previous
// page's token, and the pages are merged.
#include "cloud/ec2.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::ElementsAre;
using testing::FakeQueryService;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

std::string vpcs_page(const std::vector<std::string>& ids, const std::string& next_token) {
  std::string xml = "<DescribeVpcsResponse><requestId>r</requestId><vpcSet>";
  for (const std::string& id : ids)
    xml += "<item><vpcId>" + id + "</vpcId></item>";
  xml += "</vpcSet>";
  if (!next_token.empty()) xml += "<nextToken>" + next_token + "</nextToken>";
  return xml + "</DescribeVpcsResponse>";
}

std::vector<std::string> vpc_ids(const std::vector<Vpc>& vpcs) {
  std::vector<std::string> ids;
  for (const Vpc& vpc : vpcs)
    ids.push_back(vpc.vpc_id);
  return ids;
}

TEST(Ec2Service, MergesEveryPageAndPassesTheTokens) {
  FakeQueryService aws;
  aws.respond(vpcs_page({"vpc-1", "vpc-2"}, "token-2"));
  aws.respond(vpcs_page({}, "token-3"));
  aws.respond(vpcs_page({"vpc-3"}, ""));
  Ec2 ec2(aws.call());

  DescribeVpcsRequest request;
  request.filters = {{"tag:ssmlink:managed", {"true"}}};
  request.max_results = 5;
  EXPECT_THAT(vpc_ids(ec2.describe_vpcs(request)), ElementsAre("vpc-1", "vpc-2", "vpc-3"));

  ASSERT_EQ(aws.calls().size(), 3u);
  EXPECT_EQ(aws.calls()[0].action, "DescribeVpcs");
  EXPECT_EQ(aws.calls()[0].params, (aws::QueryParams{{"Filter.1.Name", "tag:ssmlink:managed"},
                                                     {"Filter.1.Value.1", "true"},
                                                     {"MaxResults", "5"}}));
  EXPECT_EQ(aws.calls()[1].params, (aws::QueryParams{{"Filter.1.Name", "tag:ssmlink:managed"},
                                                     {"Filter.1.Value.1", "true"},
                                                     {"MaxResults", "5"},
                                                     {"NextToken", "token-2"}}));
  EXPECT_EQ(aws.calls()[2].params.back(),
            (std::pair<std::string, std::string>{"NextToken", "token-3"}));
}

TEST(Ec2Service, ARepeatedTokenStopsWithAnError) {
  FakeQueryService aws;
  aws.respond(vpcs_page({"vpc-1"}, "same"));
  aws.respond(vpcs_page({"vpc-2"}, "same"));
  Ec2 ec2(aws.call());
  EXPECT_THAT([&] { ec2.describe_vpcs({}); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("EC2 DescribeVpcs")));
}

TEST(Ec2Service, AMalformedPageIsAnError) {
  FakeQueryService aws;
  aws.respond(vpcs_page({"vpc-1"}, "token-2"));
  aws.respond(
      "<DescribeVpcsResponse><vpcSet><item><state>available</state></item></vpcSet>"
      "</DescribeVpcsResponse>");
  Ec2 ec2(aws.call());
  EXPECT_THAT([&] { ec2.describe_vpcs({}); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeVpcs response: vpcSet/item[1]/vpcId is missing"));
}

TEST(Ec2Service, InstancesAcrossPagesAndReservations) {
  FakeQueryService aws;
  aws.respond(R"(<DescribeInstancesResponse><reservationSet>
      <item><instancesSet><item><instanceId>i-1</instanceId><instanceState><name>running</name></instanceState></item></instancesSet></item>
      <item><instancesSet><item><instanceId>i-2</instanceId><instanceState><name>stopped</name></instanceState></item></instancesSet></item>
    </reservationSet><nextToken>n</nextToken></DescribeInstancesResponse>)");
  aws.respond(R"(<DescribeInstancesResponse><reservationSet>
      <item><instancesSet><item><instanceId>i-3</instanceId><instanceState><name>pending</name></instanceState></item></instancesSet></item>
    </reservationSet></DescribeInstancesResponse>)");
  Ec2 ec2(aws.call());
  DescribeInstancesRequest request;
  request.instance_ids = {"i-1", "i-2", "i-3"};
  std::vector<Instance> instances = ec2.describe_instances(request);
  ASSERT_EQ(instances.size(), 3u);
  EXPECT_EQ(instances[2].instance_id, "i-3");
  EXPECT_EQ(instances[1].state, "stopped");
  EXPECT_EQ(aws.calls()[1].params.back(), (std::pair<std::string, std::string>{"NextToken", "n"}));
}

TEST(Ec2Service, VpcAttribute) {
  FakeQueryService aws;
  aws.respond(R"(<DescribeVpcAttributeResponse><vpcId>vpc-1</vpcId>
      <enableDnsHostnames><value>false</value></enableDnsHostnames></DescribeVpcAttributeResponse>)");
  Ec2 ec2(aws.call());
  EXPECT_FALSE(ec2.describe_vpc_attribute("vpc-1", VpcAttribute::EnableDnsHostnames));
  ASSERT_EQ(aws.calls().size(), 1u);
  EXPECT_EQ(aws.calls()[0].action, "DescribeVpcAttribute");
  EXPECT_EQ(aws.calls()[0].params,
            (aws::QueryParams{{"Attribute", "enableDnsHostnames"}, {"VpcId", "vpc-1"}}));
}

TEST(Ec2Service, VpcEndpointServicesMergeBothLists) {
  FakeQueryService aws;
  aws.respond(R"(<DescribeVpcEndpointServicesResponse>
      <serviceNameSet><item>com.amazonaws.eu-west-1.ssm</item></serviceNameSet>
      <serviceDetailSet><item><serviceName>com.amazonaws.eu-west-1.ssm</serviceName></item></serviceDetailSet>
      <nextToken>p2</nextToken></DescribeVpcEndpointServicesResponse>)");
  aws.respond(R"(<DescribeVpcEndpointServicesResponse>
      <serviceNameSet><item>com.amazonaws.eu-west-1.ssmmessages</item></serviceNameSet>
      <serviceDetailSet><item><serviceName>com.amazonaws.eu-west-1.ssmmessages</serviceName></item></serviceDetailSet>
    </DescribeVpcEndpointServicesResponse>)");
  Ec2 ec2(aws.call());
  VpcEndpointServices services = ec2.describe_vpc_endpoint_services({});
  EXPECT_THAT(services.service_names,
              ElementsAre("com.amazonaws.eu-west-1.ssm", "com.amazonaws.eu-west-1.ssmmessages"));
  ASSERT_EQ(services.service_details.size(), 2u);
  EXPECT_EQ(services.service_details[1].service_name, "com.amazonaws.eu-west-1.ssmmessages");
  EXPECT_EQ(aws.calls()[1].params, (aws::QueryParams{{"NextToken", "p2"}}));
}

// Each remaining Describe* reaches its own action and parser.
TEST(Ec2Service, EveryDescribeCallsItsAction) {
  FakeQueryService aws;
  aws.respond(
      "<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-1</subnetId></item></subnetSet></"
      "DescribeSubnetsResponse>");
  aws.respond(
      "<DescribeSecurityGroupsResponse><securityGroupInfo><item><groupId>sg-1</groupId></item></"
      "securityGroupInfo></DescribeSecurityGroupsResponse>");
  aws.respond(
      "<DescribeSecurityGroupRulesResponse><securityGroupRuleSet><item><securityGroupRuleId>sgr-1</"
      "securityGroupRuleId><ipProtocol>tcp</ipProtocol></item></securityGroupRuleSet></"
      "DescribeSecurityGroupRulesResponse>");
  aws.respond(
      "<DescribeNetworkAclsResponse><networkAclSet><item><networkAclId>acl-1</networkAclId></"
      "item></networkAclSet></DescribeNetworkAclsResponse>");
  aws.respond(
      "<DescribeRouteTablesResponse><routeTableSet><item><routeTableId>rtb-1</routeTableId></"
      "item></routeTableSet></DescribeRouteTablesResponse>");
  aws.respond(
      "<DescribeVpcEndpointsResponse><vpcEndpointSet><item><vpcEndpointId>vpce-1</vpcEndpointId></"
      "item></vpcEndpointSet></DescribeVpcEndpointsResponse>");
  aws.respond(
      "<DescribeIamInstanceProfileAssociationsResponse><iamInstanceProfileAssociationSet><item><"
      "associationId>iip-assoc-1</associationId></item></iamInstanceProfileAssociationSet></"
      "DescribeIamInstanceProfileAssociationsResponse>");
  Ec2 ec2(aws.call());
  EXPECT_EQ(ec2.describe_subnets({}).at(0).subnet_id, "subnet-1");
  EXPECT_EQ(ec2.describe_security_groups({}).at(0).group_id, "sg-1");
  EXPECT_EQ(ec2.describe_security_group_rules({}).at(0).security_group_rule_id, "sgr-1");
  EXPECT_EQ(ec2.describe_network_acls({}).at(0).network_acl_id, "acl-1");
  EXPECT_EQ(ec2.describe_route_tables({}).at(0).route_table_id, "rtb-1");
  EXPECT_EQ(ec2.describe_vpc_endpoints({}).at(0).vpc_endpoint_id, "vpce-1");
  EXPECT_EQ(ec2.describe_iam_instance_profile_associations({}).at(0).association_id, "iip-assoc-1");
  std::vector<std::string> actions;
  for (const auto& call : aws.calls())
    actions.push_back(call.action);
  EXPECT_THAT(actions,
              ElementsAre("DescribeSubnets", "DescribeSecurityGroups", "DescribeSecurityGroupRules",
                          "DescribeNetworkAcls", "DescribeRouteTables", "DescribeVpcEndpoints",
                          "DescribeIamInstanceProfileAssociations"));
}

}  // namespace
}  // namespace ssmlink::cloud
