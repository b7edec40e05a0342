#include "cloud/ec2_requests.hpp"

#include <gtest/gtest.h>

namespace ssmlink::cloud {
namespace {

using Params = aws::QueryParams;

TEST(Ec2Requests, FiltersWithSeveralValuesAndIdLists) {
  DescribeVpcsRequest request;
  request.filters = {{"tag:Name", {"a b", "c&d=e"}}, {"state", {"available"}}};
  request.vpc_ids = {"vpc-0123456789abcdef0", "vpc-11111111"};
  EXPECT_EQ(describe_vpcs_params(request, std::nullopt),
            (Params{{"VpcId.1", "vpc-0123456789abcdef0"},
                    {"VpcId.2", "vpc-11111111"},
                    {"Filter.1.Name", "tag:Name"},
                    {"Filter.1.Value.1", "a b"},  // raw: the transport percent-encodes
                    {"Filter.1.Value.2", "c&d=e"},
                    {"Filter.2.Name", "state"},
                    {"Filter.2.Value.1", "available"}}));
}

TEST(Ec2Requests, AnEmptyRequestHasNoParameters) {
  EXPECT_TRUE(describe_vpcs_params({}, std::nullopt).empty());
  EXPECT_TRUE(describe_instances_params({}, std::nullopt).empty());
  EXPECT_TRUE(describe_vpc_endpoints_params({}, std::nullopt).empty());
}

TEST(Ec2Requests, AFilterWithoutValuesKeepsItsName) {
  DescribeSubnetsRequest request;
  request.filters = {{"default-for-az", {}}};
  EXPECT_EQ(describe_subnets_params(request, std::nullopt),
            (Params{{"Filter.1.Name", "default-for-az"}}));
}

TEST(Ec2Requests, PagingParameters) {
  DescribeInstancesRequest request;
  request.filters = {{"instance-state-name", {"running", "stopped"}}};
  request.max_results = 50;
  EXPECT_EQ(describe_instances_params(request, std::string("token/2==")),
            (Params{{"Filter.1.Name", "instance-state-name"},
                    {"Filter.1.Value.1", "running"},
                    {"Filter.1.Value.2", "stopped"},
                    {"MaxResults", "50"},
                    {"NextToken", "token/2=="}}));
}

TEST(Ec2Requests, InstanceIds) {
  DescribeInstancesRequest request;
  request.instance_ids = {"i-0abc1234def567890", "i-12345678"};
  EXPECT_EQ(describe_instances_params(request, std::nullopt),
            (Params{{"InstanceId.1", "i-0abc1234def567890"}, {"InstanceId.2", "i-12345678"}}));
}

TEST(Ec2Requests, VpcAttributeIsOneAttributePerCall) {
  EXPECT_EQ(describe_vpc_attribute_params("vpc-1a2b3c4d", VpcAttribute::EnableDnsSupport),
            (Params{{"Attribute", "enableDnsSupport"}, {"VpcId", "vpc-1a2b3c4d"}}));
  EXPECT_EQ(describe_vpc_attribute_params("vpc-1a2b3c4d", VpcAttribute::EnableDnsHostnames),
            (Params{{"Attribute", "enableDnsHostnames"}, {"VpcId", "vpc-1a2b3c4d"}}));
  EXPECT_EQ(
      describe_vpc_attribute_params("vpc-1a2b3c4d", VpcAttribute::EnableNetworkAddressUsageMetrics),
      (Params{{"Attribute", "enableNetworkAddressUsageMetrics"}, {"VpcId", "vpc-1a2b3c4d"}}));
}

TEST(Ec2Requests, SubnetIds) {
  DescribeSubnetsRequest request;
  request.subnet_ids = {"subnet-aaaaaaaa", "subnet-bbbbbbbb"};
  request.max_results = 5;
  EXPECT_EQ(describe_subnets_params(request, std::string("n")),
            (Params{{"SubnetId.1", "subnet-aaaaaaaa"},
                    {"SubnetId.2", "subnet-bbbbbbbb"},
                    {"MaxResults", "5"},
                    {"NextToken", "n"}}));
}

TEST(Ec2Requests, SecurityGroupIdsAndNames) {
  DescribeSecurityGroupsRequest request;
  request.group_ids = {"sg-11111111", "sg-22222222"};
  request.group_names = {"default"};
  request.filters = {{"vpc-id", {"vpc-1a2b3c4d"}}};
  EXPECT_EQ(describe_security_groups_params(request, std::nullopt),
            (Params{{"GroupId.1", "sg-11111111"},
                    {"GroupId.2", "sg-22222222"},
                    {"Filter.1.Name", "vpc-id"},
                    {"Filter.1.Value.1", "vpc-1a2b3c4d"},
                    {"GroupName.1", "default"}}));
}

TEST(Ec2Requests, SecurityGroupRules) {
  DescribeSecurityGroupRulesRequest request;
  request.filters = {{"group-id", {"sg-11111111"}}};
  request.security_group_rule_ids = {"sgr-0123456789abcdef0"};
  request.max_results = 1000;
  EXPECT_EQ(describe_security_group_rules_params(request, std::string("p2")),
            (Params{{"SecurityGroupRuleId.1", "sgr-0123456789abcdef0"},
                    {"Filter.1.Name", "group-id"},
                    {"Filter.1.Value.1", "sg-11111111"},
                    {"MaxResults", "1000"},
                    {"NextToken", "p2"}}));
}

TEST(Ec2Requests, NetworkAclsAndRouteTables) {
  DescribeNetworkAclsRequest acls;
  acls.network_acl_ids = {"acl-5566778a"};
  acls.filters = {{"association.subnet-id", {"subnet-aaaaaaaa"}}};
  EXPECT_EQ(describe_network_acls_params(acls, std::nullopt),
            (Params{{"NetworkAclId.1", "acl-5566778a"},
                    {"Filter.1.Name", "association.subnet-id"},
                    {"Filter.1.Value.1", "subnet-aaaaaaaa"}}));

  DescribeRouteTablesRequest tables;
  tables.route_table_ids = {"rtb-1f382e7d", "rtb-2f382e7d"};
  tables.max_results = 100;
  EXPECT_EQ(describe_route_tables_params(tables, std::string("x")),
            (Params{{"RouteTableId.1", "rtb-1f382e7d"},
                    {"RouteTableId.2", "rtb-2f382e7d"},
                    {"MaxResults", "100"},
                    {"NextToken", "x"}}));
}

TEST(Ec2Requests, VpcEndpoints) {
  DescribeVpcEndpointsRequest request;
  request.vpc_endpoint_ids = {"vpce-032a826a"};
  request.filters = {
      {"vpc-id", {"vpc-1a2b3c4d"}},
      {"service-name", {"com.amazonaws.eu-west-1.ssm", "com.amazonaws.eu-west-1.ssmmessages"}}};
  EXPECT_EQ(describe_vpc_endpoints_params(request, std::nullopt),
            (Params{{"VpcEndpointId.1", "vpce-032a826a"},
                    {"Filter.1.Name", "vpc-id"},
                    {"Filter.1.Value.1", "vpc-1a2b3c4d"},
                    {"Filter.2.Name", "service-name"},
                    {"Filter.2.Value.1", "com.amazonaws.eu-west-1.ssm"},
                    {"Filter.2.Value.2", "com.amazonaws.eu-west-1.ssmmessages"}}));
}

TEST(Ec2Requests, VpcEndpointServices) {
  DescribeVpcEndpointServicesRequest request;
  request.service_names = {"com.amazonaws.eu-west-1.ssm", "com.amazonaws.eu-west-1.ec2messages"};
  request.max_results = 20;
  EXPECT_EQ(describe_vpc_endpoint_services_params(request, std::string("next")),
            (Params{{"ServiceName.1", "com.amazonaws.eu-west-1.ssm"},
                    {"ServiceName.2", "com.amazonaws.eu-west-1.ec2messages"},
                    {"MaxResults", "20"},
                    {"NextToken", "next"}}));
}

TEST(Ec2Requests, IamInstanceProfileAssociations) {
  DescribeIamInstanceProfileAssociationsRequest request;
  request.association_ids = {"iip-assoc-08049da59357d598c"};
  request.filters = {{"instance-id", {"i-1234567890abcdef0"}}, {"state", {"associated"}}};
  EXPECT_EQ(describe_iam_instance_profile_associations_params(request, std::nullopt),
            (Params{{"AssociationId.1", "iip-assoc-08049da59357d598c"},
                    {"Filter.1.Name", "instance-id"},
                    {"Filter.1.Value.1", "i-1234567890abcdef0"},
                    {"Filter.2.Name", "state"},
                    {"Filter.2.Value.1", "associated"}}));
}

TEST(Ec2Requests, SpecialCharactersStayRaw) {
  DescribeVpcsRequest request;
  request.filters = {{"tag:owner", {"山田 🚀", "100%", "a+b", "line\nbreak"}}};
  Params params = describe_vpcs_params(request, std::nullopt);
  ASSERT_EQ(params.size(), 5u);
  EXPECT_EQ(params[1].second, "山田 🚀");
  EXPECT_EQ(params[2].second, "100%");
  EXPECT_EQ(params[3].second, "a+b");
  EXPECT_EQ(params[4].second, "line\nbreak");
}

}  // namespace
}  // namespace ssmlink::cloud
