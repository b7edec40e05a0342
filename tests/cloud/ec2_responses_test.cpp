// EC2 parsers against responses written after the EC2 API Reference examples (element
// names from reference/aws-models/ec2/2016-11-15), and against malformed ones.
#include "cloud/ec2_responses.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using testing::utc;
using testing::XmlText;

std::string ec2(const std::string& operation, const std::string& body) {
  return "<" + operation + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">" +
         "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>" + body + "</" + operation +
         "Response>";
}

// --- DescribeInstances ---

constexpr const char* kInstances = R"(
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
  <reservationSet>
    <item>
      <reservationId>r-1234567890abcdef0</reservationId>
      <ownerId>123456789012</ownerId>
      <groupSet/>
      <instancesSet>
        <item>
          <instanceId>i-1234567890abcdef0</instanceId>
          <imageId>ami-bff32ccc</imageId>
          <instanceState><code>16</code><name>running</name></instanceState>
          <privateDnsName>ip-192-168-1-88.eu-west-1.compute.internal</privateDnsName>
          <dnsName>ec2-54-194-252-215.eu-west-1.compute.amazonaws.com</dnsName>
          <reason/>
          <amiLaunchIndex>0</amiLaunchIndex>
          <productCodes/>
          <instanceType>t3.micro</instanceType>
          <launchTime>2018-05-08T16:46:19.000Z</launchTime>
          <placement>
            <availabilityZone>eu-west-1c</availabilityZone>
            <groupName/>
            <tenancy>default</tenancy>
          </placement>
          <monitoring><state>disabled</state></monitoring>
          <subnetId>subnet-56f5f633</subnetId>
          <vpcId>vpc-11112222</vpcId>
          <privateIpAddress>192.168.1.88</privateIpAddress>
          <ipAddress>54.194.252.215</ipAddress>
          <sourceDestCheck>true</sourceDestCheck>
          <groupSet>
            <item><groupId>sg-e4076980</groupId><groupName>SecurityGroup1</groupName></item>
            <item><groupId>sg-0bb1c2d3e4f5a6b7c</groupId><groupName>web</groupName></item>
          </groupSet>
          <architecture>x86_64</architecture>
          <rootDeviceType>ebs</rootDeviceType>
          <rootDeviceName>/dev/xvda</rootDeviceName>
          <blockDeviceMapping>
            <item>
              <deviceName>/dev/xvda</deviceName>
              <ebs>
                <volumeId>vol-1234567890abcdef0</volumeId>
                <status>attached</status>
                <attachTime>2018-05-08T16:46:20.000Z</attachTime>
                <deleteOnTermination>true</deleteOnTermination>
              </ebs>
            </item>
          </blockDeviceMapping>
          <virtualizationType>hvm</virtualizationType>
          <clientToken/>
          <tagSet>
            <item><key>Name</key><value>Server_1</value></item>
            <item><key>team</key><value/></item>
          </tagSet>
          <hypervisor>xen</hypervisor>
          <networkInterfaceSet>
            <item>
              <networkInterfaceId>eni-551ba033</networkInterfaceId>
              <subnetId>subnet-56f5f633</subnetId>
              <groupSet>
                <item><groupId>sg-e4076980</groupId><groupName>SecurityGroup1</groupName></item>
              </groupSet>
              <privateIpAddress>192.168.1.88</privateIpAddress>
            </item>
          </networkInterfaceSet>
          <iamInstanceProfile>
            <arn>arn:aws:iam::123456789012:instance-profile/AmazonSSMRoleForInstancesQuickSetup</arn>
            <id>AIPAJQ5B2H3EXAMPLE</id>
          </iamInstanceProfile>
          <ebsOptimized>false</ebsOptimized>
          <platformDetails>Linux/UNIX</platformDetails>
          <metadataOptions>
            <state>applied</state>
            <httpTokens>required</httpTokens>
            <httpPutResponseHopLimit>2</httpPutResponseHopLimit>
            <httpEndpoint>enabled</httpEndpoint>
          </metadataOptions>
        </item>
      </instancesSet>
    </item>
    <item>
      <reservationId>r-0987654321fedcba0</reservationId>
      <ownerId>123456789012</ownerId>
      <groupSet/>
      <instancesSet>
        <item>
          <instanceId>i-0aaaaaaaaaaaaaaaa</instanceId>
          <instanceState><code>80</code><name>stopped</name></instanceState>
          <instanceType>m5.large</instanceType>
          <placement><availabilityZone>eu-west-1a</availabilityZone></placement>
          <subnetId>subnet-aaaaaaaa</subnetId>
          <vpcId>vpc-11112222</vpcId>
          <privateIpAddress>10.0.1.5</privateIpAddress>
          <groupSet/>
          <tagSet/>
          <platform>windows</platform>
          <platformDetails>Windows</platformDetails>
          <metadataOptions><httpTokens>optional</httpTokens></metadataOptions>
        </item>
        <item>
          <instanceId>i-0bbbbbbbbbbbbbbbb</instanceId>
          <instanceState><code>0</code><name>pending</name></instanceState>
        </item>
      </instancesSet>
    </item>
  </reservationSet>
  <nextToken>eyJ2IjoiMiIsImMiOiJ</nextToken>
</DescribeInstancesResponse>)";

TEST(Ec2DescribeInstances, FlattensReservations) {
  XmlText text(kInstances);
  Page<Instance> page = parse_describe_instances(text.root());
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].instance_id, "i-1234567890abcdef0");
  EXPECT_EQ(page.items[1].instance_id, "i-0aaaaaaaaaaaaaaaa");
  EXPECT_EQ(page.items[2].instance_id, "i-0bbbbbbbbbbbbbbbb");
  EXPECT_EQ(page.next_token, "eyJ2IjoiMiIsImMiOiJ");
}

TEST(Ec2DescribeInstances, ReadsEveryField) {
  XmlText text(kInstances);
  const Instance instance = parse_describe_instances(text.root()).items[0];
  EXPECT_EQ(instance.state, "running");
  EXPECT_EQ(instance.instance_type, "t3.micro");
  EXPECT_EQ(instance.image_id, "ami-bff32ccc");
  EXPECT_EQ(instance.vpc_id, "vpc-11112222");
  EXPECT_EQ(instance.subnet_id, "subnet-56f5f633");
  EXPECT_EQ(instance.private_ip_address, "192.168.1.88");
  EXPECT_EQ(instance.public_ip_address, "54.194.252.215");
  // The instance's own groupSet, not the network interface's.
  ASSERT_EQ(instance.security_groups.size(), 2u);
  EXPECT_EQ(instance.security_groups[1].group_id, "sg-0bb1c2d3e4f5a6b7c");
  EXPECT_EQ(instance.security_groups[1].group_name, "web");
  ASSERT_TRUE(instance.iam_instance_profile);
  EXPECT_EQ(instance.iam_instance_profile->arn,
            "arn:aws:iam::123456789012:instance-profile/AmazonSSMRoleForInstancesQuickSetup");
  EXPECT_EQ(instance.iam_instance_profile->id, "AIPAJQ5B2H3EXAMPLE");
  EXPECT_EQ(instance.platform, std::nullopt);
  EXPECT_EQ(instance.platform_details, "Linux/UNIX");
  EXPECT_EQ(instance.availability_zone, "eu-west-1c");
  EXPECT_EQ(instance.http_tokens, "required");
  EXPECT_EQ(instance.launch_time, utc(2018, 5, 8, 16, 46, 19));
  EXPECT_THAT(instance.tags, ElementsAre(Tag{"Name", "Server_1"}, Tag{"team", ""}));
  EXPECT_EQ(find_tag(instance.tags, "Name"), "Server_1");
  EXPECT_EQ(find_tag(instance.tags, "name"), std::nullopt);
}

TEST(Ec2DescribeInstances, OptionalFieldsMayBeAbsent) {
  XmlText text(kInstances);
  Page<Instance> page = parse_describe_instances(text.root());
  const Instance& windows = page.items[1];
  EXPECT_EQ(windows.state, "stopped");
  EXPECT_EQ(windows.platform, "windows");
  EXPECT_EQ(windows.public_ip_address, std::nullopt);
  EXPECT_EQ(windows.iam_instance_profile, std::nullopt);
  EXPECT_TRUE(windows.security_groups.empty());
  EXPECT_EQ(windows.http_tokens, "optional");

  const Instance& bare = page.items[2];
  EXPECT_EQ(bare.state, "pending");
  EXPECT_EQ(bare.vpc_id, std::nullopt);
  EXPECT_EQ(bare.availability_zone, std::nullopt);
  EXPECT_EQ(bare.http_tokens, std::nullopt);
  EXPECT_EQ(bare.launch_time, std::nullopt);
  EXPECT_TRUE(bare.tags.empty());
}

TEST(Ec2DescribeInstances, EmptyReservationsAndNoToken) {
  XmlText text(ec2("DescribeInstances", "<reservationSet/>"));
  Page<Instance> page = parse_describe_instances(text.root());
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.next_token, std::nullopt);
}

TEST(Ec2DescribeInstances, MissingIdOrStateIsAnError) {
  XmlText no_id(ec2("DescribeInstances", R"(<reservationSet><item><instancesSet>
      <item><instanceState><name>running</name></instanceState></item>
    </instancesSet></item></reservationSet>)"));
  EXPECT_THAT([&] { parse_describe_instances(no_id.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeInstances response: "
                  "reservationSet/item[1]/instancesSet/item[1]/instanceId is missing"));
  XmlText no_state(ec2("DescribeInstances", R"(<reservationSet><item><instancesSet>
      <item><instanceId>i-1</instanceId></item></instancesSet></item></reservationSet>)"));
  EXPECT_THAT([&] { parse_describe_instances(no_state.root()); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("instancesSet/item[1]/instanceState is missing")));
}

TEST(Ec2DescribeInstances, BadLaunchTimeIsAnError) {
  XmlText text(ec2("DescribeInstances", R"(<reservationSet><item><instancesSet><item>
      <instanceId>i-1</instanceId><instanceState><name>running</name></instanceState>
      <launchTime>last Tuesday</launchTime></item></instancesSet></item></reservationSet>)"));
  EXPECT_THAT([&] { parse_describe_instances(text.root()); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("instancesSet/item[1]/launchTime is \"last Tuesday\", not an ISO 8601 "
                            "timestamp")));
}

TEST(Ec2DescribeInstances, WrongRootIsAnError) {
  XmlText text(ec2("DescribeVpcs", "<vpcSet/>"));
  EXPECT_THAT([&] { parse_describe_instances(text.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeInstances response: the result is <DescribeVpcsResponse>, expected "
                  "<DescribeInstancesResponse>"));
}

// --- DescribeVpcs ---

constexpr const char* kVpcs = R"(
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
  <vpcSet>
    <item>
      <vpcId>vpc-1a2b3c4d</vpcId>
      <ownerId>123456789012</ownerId>
      <state>available</state>
      <cidrBlock>10.0.0.0/16</cidrBlock>
      <cidrBlockAssociationSet>
        <item>
          <cidrBlock>10.0.0.0/16</cidrBlock>
          <associationId>vpc-cidr-assoc-1a2b3c4d</associationId>
          <cidrBlockState><state>associated</state></cidrBlockState>
        </item>
        <item>
          <cidrBlock>10.1.0.0/16</cidrBlock>
          <associationId>vpc-cidr-assoc-2a2b3c4d</associationId>
          <cidrBlockState><state>associated</state></cidrBlockState>
        </item>
      </cidrBlockAssociationSet>
      <ipv6CidrBlockAssociationSet>
        <item>
          <ipv6CidrBlock>2001:db8:1234:1a00::/56</ipv6CidrBlock>
          <associationId>vpc-cidr-assoc-3a2b3c4d</associationId>
          <ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState>
        </item>
      </ipv6CidrBlockAssociationSet>
      <dhcpOptionsId>dopt-1a2b3c4d2</dhcpOptionsId>
      <instanceTenancy>default</instanceTenancy>
      <isDefault>false</isDefault>
      <tagSet>
        <item><key>Name</key><value>prod &lt;private&gt;</value></item>
      </tagSet>
    </item>
    <item>
      <vpcId>vpc-0d1e2f3a</vpcId>
      <state>pending</state>
      <cidrBlock>172.31.0.0/16</cidrBlock>
      <isDefault>true</isDefault>
    </item>
  </vpcSet>
</DescribeVpcsResponse>)";

TEST(Ec2DescribeVpcs, ReadsVpcs) {
  XmlText text(kVpcs);
  Page<Vpc> page = parse_describe_vpcs(text.root());
  ASSERT_EQ(page.items.size(), 2u);
  const Vpc& vpc = page.items[0];
  EXPECT_EQ(vpc.vpc_id, "vpc-1a2b3c4d");
  EXPECT_EQ(vpc.cidr_block, "10.0.0.0/16");
  EXPECT_THAT(vpc.cidr_blocks, ElementsAre("10.0.0.0/16", "10.1.0.0/16"));
  EXPECT_THAT(vpc.ipv6_cidr_blocks, ElementsAre("2001:db8:1234:1a00::/56"));
  EXPECT_EQ(vpc.state, "available");
  EXPECT_FALSE(vpc.is_default);
  EXPECT_EQ(vpc.owner_id, "123456789012");
  EXPECT_EQ(vpc.dhcp_options_id, "dopt-1a2b3c4d2");
  EXPECT_THAT(vpc.tags, ElementsAre(Tag{"Name", "prod <private>"}));

  const Vpc& default_vpc = page.items[1];
  EXPECT_TRUE(default_vpc.is_default);
  EXPECT_EQ(default_vpc.state, "pending");
  EXPECT_TRUE(default_vpc.cidr_blocks.empty());
  EXPECT_TRUE(default_vpc.tags.empty());
  EXPECT_EQ(page.next_token, std::nullopt);
}

TEST(Ec2DescribeVpcs, EmptySet) {
  XmlText text(ec2("DescribeVpcs", "<vpcSet/><nextToken/>"));
  Page<Vpc> page = parse_describe_vpcs(text.root());
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.next_token, "");  // an empty token ends paging too
}

TEST(Ec2DescribeVpcs, MalformedVpcs) {
  XmlText no_id(ec2("DescribeVpcs", "<vpcSet><item><vpcId/></item></vpcSet>"));
  EXPECT_THAT([&] { parse_describe_vpcs(no_id.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeVpcs response: vpcSet/item[1]/vpcId is empty"));
  XmlText bad_flag(
      ec2("DescribeVpcs",
          "<vpcSet><item><vpcId>vpc-1</vpcId><isDefault>no</isDefault></item></vpcSet>"));
  EXPECT_THAT([&] { parse_describe_vpcs(bad_flag.root()); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("vpcSet/item[1]/isDefault is \"no\"")));
  XmlText tag_without_key(ec2("DescribeVpcs",
                              "<vpcSet><item><vpcId>vpc-1</vpcId><tagSet><item><value>x</value></"
                              "item></tagSet></item></vpcSet>"));
  EXPECT_THAT(
      [&] { parse_describe_vpcs(tag_without_key.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("vpcSet/item[1]/tagSet/item[1]/key is missing")));
}

// --- DescribeRegions ---

// The EC2 API Reference's example, with the opt-in status the 2016-11-15 model adds.
TEST(Ec2DescribeRegions, ReadsTheRegionNamesInOrder) {
  XmlText regions(ec2("DescribeRegions", R"(<regionInfo>
      <item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>
        <optInStatus>opt-in-not-required</optInStatus></item>
      <item><regionName>af-south-1</regionName><regionEndpoint>ec2.af-south-1.amazonaws.com</regionEndpoint>
        <optInStatus>opted-in</optInStatus></item>
    </regionInfo>)"));
  EXPECT_EQ(parse_describe_regions(regions.root()),
            (std::vector<std::string>{"us-east-1", "af-south-1"}));
  XmlText nameless(
      ec2("DescribeRegions",
          "<regionInfo><item><optInStatus>opted-in</optInStatus></item></regionInfo>"));
  EXPECT_THAT([&] { parse_describe_regions(nameless.root()); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("regionName is missing")));
}

// --- DescribeVpcAttribute ---

TEST(Ec2DescribeVpcAttribute, ReadsTheAskedAttribute) {
  XmlText support(ec2("DescribeVpcAttribute", R"(<vpcId>vpc-a01106c2</vpcId>
      <enableDnsSupport><value>true</value></enableDnsSupport>)"));
  EXPECT_TRUE(parse_describe_vpc_attribute(support.root(), VpcAttribute::EnableDnsSupport));
  XmlText hostnames(ec2("DescribeVpcAttribute", R"(<vpcId>vpc-a01106c2</vpcId>
      <enableDnsHostnames><value>false</value></enableDnsHostnames>)"));
  EXPECT_FALSE(parse_describe_vpc_attribute(hostnames.root(), VpcAttribute::EnableDnsHostnames));
}

TEST(Ec2DescribeVpcAttribute, AnotherAttributeOrNoValueIsAnError) {
  XmlText support(
      ec2("DescribeVpcAttribute",
          "<vpcId>vpc-1</vpcId><enableDnsSupport><value>true</value></enableDnsSupport>"));
  EXPECT_THAT(
      [&] { parse_describe_vpc_attribute(support.root(), VpcAttribute::EnableDnsHostnames); },
      ThrowsMessage<aws::ResponseError>(
          "EC2 DescribeVpcAttribute response: enableDnsHostnames is missing"));
  XmlText no_value(ec2("DescribeVpcAttribute", "<enableDnsSupport/>"));
  EXPECT_THAT(
      [&] { parse_describe_vpc_attribute(no_value.root(), VpcAttribute::EnableDnsSupport); },
      ThrowsMessage<aws::ResponseError>(
          "EC2 DescribeVpcAttribute response: enableDnsSupport/value is missing"));
}

// --- DescribeSubnets ---

constexpr const char* kSubnets = R"(
<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
  <subnetSet>
    <item>
      <subnetId>subnet-9d4a7b6c</subnetId>
      <subnetArn>arn:aws:ec2:us-east-1:123456789012:subnet/subnet-9d4a7b6c</subnetArn>
      <state>available</state>
      <ownerId>123456789012</ownerId>
      <vpcId>vpc-1a2b3c4d</vpcId>
      <cidrBlock>10.0.1.0/24</cidrBlock>
      <ipv6CidrBlockAssociationSet/>
      <availableIpAddressCount>251</availableIpAddressCount>
      <availabilityZone>us-east-1a</availabilityZone>
      <availabilityZoneId>use1-az2</availabilityZoneId>
      <defaultForAz>false</defaultForAz>
      <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>
      <assignIpv6AddressOnCreation>false</assignIpv6AddressOnCreation>
      <tagSet><item><key>Name</key><value>private-a</value></item></tagSet>
    </item>
    <item>
      <subnetId>subnet-6e7f829e</subnetId>
      <state>available</state>
      <vpcId>vpc-1a2b3c4d</vpcId>
      <cidrBlock>10.0.0.0/24</cidrBlock>
      <availableIpAddressCount>250</availableIpAddressCount>
      <availabilityZone>us-east-1b</availabilityZone>
      <availabilityZoneId>use1-az4</availabilityZoneId>
      <defaultForAz>true</defaultForAz>
      <mapPublicIpOnLaunch>true</mapPublicIpOnLaunch>
    </item>
  </subnetSet>
  <nextToken>subnets-page-2</nextToken>
</DescribeSubnetsResponse>)";

TEST(Ec2DescribeSubnets, ReadsSubnets) {
  XmlText text(kSubnets);
  Page<Subnet> page = parse_describe_subnets(text.root());
  ASSERT_EQ(page.items.size(), 2u);
  const Subnet& subnet = page.items[0];
  EXPECT_EQ(subnet.subnet_id, "subnet-9d4a7b6c");
  EXPECT_EQ(subnet.vpc_id, "vpc-1a2b3c4d");
  EXPECT_EQ(subnet.availability_zone, "us-east-1a");
  EXPECT_EQ(subnet.availability_zone_id, "use1-az2");
  EXPECT_EQ(subnet.cidr_block, "10.0.1.0/24");
  EXPECT_EQ(subnet.state, "available");
  EXPECT_EQ(subnet.available_ip_address_count, 251);
  EXPECT_FALSE(subnet.map_public_ip_on_launch);
  EXPECT_FALSE(subnet.default_for_az);
  EXPECT_THAT(subnet.tags, ElementsAre(Tag{"Name", "private-a"}));
  EXPECT_TRUE(page.items[1].map_public_ip_on_launch);
  EXPECT_TRUE(page.items[1].default_for_az);
  EXPECT_EQ(page.next_token, "subnets-page-2");
}

TEST(Ec2DescribeSubnets, MalformedSubnets) {
  XmlText bad_count(ec2("DescribeSubnets", R"(<subnetSet>
      <item><subnetId>subnet-1</subnetId></item>
      <item><subnetId>subnet-2</subnetId><availableIpAddressCount>many</availableIpAddressCount></item>
    </subnetSet>)"));
  EXPECT_THAT([&] { parse_describe_subnets(bad_count.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeSubnets response: subnetSet/item[2]/availableIpAddressCount is "
                  "\"many\", not an integer"));
  XmlText no_id(ec2("DescribeSubnets", "<subnetSet><item><vpcId>vpc-1</vpcId></item></subnetSet>"));
  EXPECT_THAT(
      [&] { parse_describe_subnets(no_id.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("subnetSet/item[1]/subnetId is missing")));
}

// --- DescribeSecurityGroups ---

constexpr const char* kSecurityGroups = R"(
<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  <securityGroupInfo>
    <item>
      <ownerId>123456789012</ownerId>
      <groupId>sg-1a2b3c4d</groupId>
      <groupName>WebServers</groupName>
      <groupDescription>Web Servers</groupDescription>
      <vpcId>vpc-614cc409</vpcId>
      <ipPermissions>
        <item>
          <ipProtocol>tcp</ipProtocol>
          <fromPort>443</fromPort>
          <toPort>443</toPort>
          <groups>
            <item>
              <userId>123456789012</userId>
              <groupId>sg-0aaaaaaaaaaaaaaaa</groupId>
              <description>from the instances</description>
            </item>
          </groups>
          <ipRanges>
            <item><cidrIp>10.0.0.0/16</cidrIp><description>the VPC</description></item>
            <item><cidrIp>192.168.0.0/24</cidrIp></item>
          </ipRanges>
          <ipv6Ranges>
            <item><cidrIpv6>2001:db8::/32</cidrIpv6></item>
          </ipv6Ranges>
          <prefixListIds/>
        </item>
        <item>
          <ipProtocol>icmp</ipProtocol>
          <fromPort>-1</fromPort>
          <toPort>-1</toPort>
          <groups/>
          <ipRanges/>
        </item>
      </ipPermissions>
      <ipPermissionsEgress>
        <item>
          <ipProtocol>-1</ipProtocol>
          <groups/>
          <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>
          <ipv6Ranges/>
          <prefixListIds>
            <item><prefixListId>pl-6da54004</prefixListId><description>S3</description></item>
          </prefixListIds>
        </item>
      </ipPermissionsEgress>
      <tagSet><item><key>ssmlink:managed</key><value>true</value></item></tagSet>
    </item>
    <item>
      <groupId>sg-2b3c4d5e</groupId>
      <groupName>empty</groupName>
      <ipPermissions/>
      <ipPermissionsEgress/>
    </item>
  </securityGroupInfo>
</DescribeSecurityGroupsResponse>)";

TEST(Ec2DescribeSecurityGroups, ReadsIngressAndEgress) {
  XmlText text(kSecurityGroups);
  Page<SecurityGroup> page = parse_describe_security_groups(text.root());
  ASSERT_EQ(page.items.size(), 2u);
  const SecurityGroup& group = page.items[0];
  EXPECT_EQ(group.group_id, "sg-1a2b3c4d");
  EXPECT_EQ(group.group_name, "WebServers");
  EXPECT_EQ(group.description, "Web Servers");
  EXPECT_EQ(group.vpc_id, "vpc-614cc409");
  EXPECT_EQ(group.owner_id, "123456789012");
  EXPECT_THAT(group.tags, ElementsAre(Tag{"ssmlink:managed", "true"}));

  ASSERT_EQ(group.ip_permissions.size(), 2u);
  const IpPermission& https = group.ip_permissions[0];
  EXPECT_EQ(https.ip_protocol, "tcp");
  EXPECT_EQ(https.from_port, 443);
  EXPECT_EQ(https.to_port, 443);
  ASSERT_EQ(https.user_id_group_pairs.size(), 1u);
  EXPECT_EQ(https.user_id_group_pairs[0].group_id, "sg-0aaaaaaaaaaaaaaaa");
  EXPECT_EQ(https.user_id_group_pairs[0].user_id, "123456789012");
  EXPECT_EQ(https.user_id_group_pairs[0].description, "from the instances");
  ASSERT_EQ(https.ipv4_ranges.size(), 2u);
  EXPECT_EQ(https.ipv4_ranges[0].cidr, "10.0.0.0/16");
  EXPECT_EQ(https.ipv4_ranges[0].description, "the VPC");
  EXPECT_EQ(https.ipv4_ranges[1].description, std::nullopt);
  ASSERT_EQ(https.ipv6_ranges.size(), 1u);
  EXPECT_EQ(https.ipv6_ranges[0].cidr, "2001:db8::/32");
  EXPECT_TRUE(https.prefix_list_ids.empty());

  const IpPermission& icmp = group.ip_permissions[1];
  EXPECT_EQ(icmp.from_port, -1);
  EXPECT_TRUE(icmp.ipv4_ranges.empty());

  ASSERT_EQ(group.ip_permissions_egress.size(), 1u);
  const IpPermission& all = group.ip_permissions_egress[0];
  EXPECT_EQ(all.ip_protocol, "-1");
  EXPECT_EQ(all.from_port, std::nullopt);
  EXPECT_EQ(all.to_port, std::nullopt);
  ASSERT_EQ(all.prefix_list_ids.size(), 1u);
  EXPECT_EQ(all.prefix_list_ids[0].prefix_list_id, "pl-6da54004");
  EXPECT_EQ(all.prefix_list_ids[0].description, "S3");

  EXPECT_TRUE(page.items[1].ip_permissions.empty());
  EXPECT_TRUE(page.items[1].ip_permissions_egress.empty());
  EXPECT_EQ(page.items[1].vpc_id, std::nullopt);
}

TEST(Ec2DescribeSecurityGroups, NonNumberPortIsAnError) {
  XmlText text(ec2("DescribeSecurityGroups", R"(<securityGroupInfo><item>
      <groupId>sg-1</groupId>
      <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>https</fromPort></item></ipPermissions>
    </item></securityGroupInfo>)"));
  EXPECT_THAT([&] { parse_describe_security_groups(text.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeSecurityGroups response: "
                  "securityGroupInfo/item[1]/ipPermissions/item[1]/fromPort is \"https\", not an "
                  "integer"));
}

TEST(Ec2DescribeSecurityGroups, MissingIdOrProtocolIsAnError) {
  XmlText no_id(
      ec2("DescribeSecurityGroups",
          "<securityGroupInfo><item><groupName>x</groupName></item></securityGroupInfo>"));
  EXPECT_THAT(
      [&] { parse_describe_security_groups(no_id.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("securityGroupInfo/item[1]/groupId is missing")));
  XmlText no_protocol(ec2("DescribeSecurityGroups", R"(<securityGroupInfo><item>
      <groupId>sg-1</groupId><ipPermissionsEgress><item><fromPort>1</fromPort></item></ipPermissionsEgress>
    </item></securityGroupInfo>)"));
  EXPECT_THAT([&] { parse_describe_security_groups(no_protocol.root()); },
              ThrowsMessage<aws::ResponseError>(HasSubstr(
                  "securityGroupInfo/item[1]/ipPermissionsEgress/item[1]/ipProtocol is missing")));
}

// --- DescribeSecurityGroupRules ---

constexpr const char* kSecurityGroupRules = R"(
<DescribeSecurityGroupRulesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>e7cdb3b6-1f7d-4f7a-9b0d-EXAMPLE</requestId>
  <securityGroupRuleSet>
    <item>
      <securityGroupRuleId>sgr-0a1b2c3d4e5f6a7b8</securityGroupRuleId>
      <groupId>sg-1a2b3c4d</groupId>
      <groupOwnerId>123456789012</groupOwnerId>
      <isEgress>false</isEgress>
      <ipProtocol>tcp</ipProtocol>
      <fromPort>443</fromPort>
      <toPort>443</toPort>
      <referencedGroupInfo>
        <groupId>sg-0aaaaaaaaaaaaaaaa</groupId>
        <userId>123456789012</userId>
      </referencedGroupInfo>
      <description>HTTPS from the instance security group</description>
      <tagSet/>
    </item>
    <item>
      <securityGroupRuleId>sgr-1b2c3d4e5f6a7b8c9</securityGroupRuleId>
      <groupId>sg-1a2b3c4d</groupId>
      <isEgress>true</isEgress>
      <ipProtocol>-1</ipProtocol>
      <fromPort>-1</fromPort>
      <toPort>-1</toPort>
      <cidrIpv4>0.0.0.0/0</cidrIpv4>
      <tagSet><item><key>Name</key><value>all-out</value></item></tagSet>
    </item>
    <item>
      <securityGroupRuleId>sgr-2c3d4e5f6a7b8c9d0</securityGroupRuleId>
      <groupId>sg-1a2b3c4d</groupId>
      <isEgress>true</isEgress>
      <ipProtocol>tcp</ipProtocol>
      <fromPort>443</fromPort>
      <toPort>443</toPort>
      <cidrIpv6>::/0</cidrIpv6>
    </item>
    <item>
      <securityGroupRuleId>sgr-3d4e5f6a7b8c9d0e1</securityGroupRuleId>
      <groupId>sg-1a2b3c4d</groupId>
      <isEgress>true</isEgress>
      <ipProtocol>tcp</ipProtocol>
      <fromPort>443</fromPort>
      <toPort>443</toPort>
      <prefixListId>pl-6da54004</prefixListId>
    </item>
  </securityGroupRuleSet>
  <nextToken>rules-2</nextToken>
</DescribeSecurityGroupRulesResponse>)";

TEST(Ec2DescribeSecurityGroupRules, ReadsRules) {
  XmlText text(kSecurityGroupRules);
  Page<SecurityGroupRule> page = parse_describe_security_group_rules(text.root());
  ASSERT_EQ(page.items.size(), 4u);
  const SecurityGroupRule& in = page.items[0];
  EXPECT_EQ(in.security_group_rule_id, "sgr-0a1b2c3d4e5f6a7b8");
  EXPECT_EQ(in.group_id, "sg-1a2b3c4d");
  EXPECT_FALSE(in.is_egress);
  EXPECT_EQ(in.ip_protocol, "tcp");
  EXPECT_EQ(in.from_port, 443);
  EXPECT_EQ(in.to_port, 443);
  EXPECT_EQ(in.referenced_group_id, "sg-0aaaaaaaaaaaaaaaa");
  EXPECT_EQ(in.cidr_ipv4, std::nullopt);
  EXPECT_EQ(in.description, "HTTPS from the instance security group");

  const SecurityGroupRule& out = page.items[1];
  EXPECT_TRUE(out.is_egress);
  EXPECT_EQ(out.ip_protocol, "-1");
  EXPECT_EQ(out.from_port, -1);
  EXPECT_EQ(out.cidr_ipv4, "0.0.0.0/0");
  EXPECT_EQ(out.referenced_group_id, std::nullopt);
  EXPECT_THAT(out.tags, ElementsAre(Tag{"Name", "all-out"}));
  EXPECT_EQ(page.items[2].cidr_ipv6, "::/0");
  EXPECT_EQ(page.items[3].prefix_list_id, "pl-6da54004");
  EXPECT_EQ(page.next_token, "rules-2");
}

TEST(Ec2DescribeSecurityGroupRules, MalformedRules) {
  XmlText no_id(ec2(
      "DescribeSecurityGroupRules",
      "<securityGroupRuleSet><item><ipProtocol>tcp</ipProtocol></item></securityGroupRuleSet>"));
  EXPECT_THAT([&] { parse_describe_security_group_rules(no_id.root()); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("securityGroupRuleSet/item[1]/securityGroupRuleId is missing")));
  XmlText bad_port(ec2("DescribeSecurityGroupRules", R"(<securityGroupRuleSet><item>
      <securityGroupRuleId>sgr-1</securityGroupRuleId><ipProtocol>tcp</ipProtocol>
      <toPort>65536000000</toPort></item></securityGroupRuleSet>)"));
  EXPECT_THAT(
      [&] { parse_describe_security_group_rules(bad_port.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("toPort is \"65536000000\", not an integer")));
}

// --- DescribeNetworkAcls ---

constexpr const char* kNetworkAcls = R"(
<DescribeNetworkAclsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  <networkAclSet>
    <item>
      <networkAclId>acl-5566778a</networkAclId>
      <vpcId>vpc-5266953b</vpcId>
      <default>false</default>
      <entrySet>
        <item>
          <ruleNumber>110</ruleNumber>
          <protocol>6</protocol>
          <ruleAction>allow</ruleAction>
          <egress>true</egress>
          <cidrBlock>0.0.0.0/0</cidrBlock>
          <portRange><from>49152</from><to>65535</to></portRange>
        </item>
        <item>
          <ruleNumber>32767</ruleNumber>
          <protocol>-1</protocol>
          <ruleAction>deny</ruleAction>
          <egress>true</egress>
          <cidrBlock>0.0.0.0/0</cidrBlock>
        </item>
        <item>
          <ruleNumber>100</ruleNumber>
          <protocol>6</protocol>
          <ruleAction>allow</ruleAction>
          <egress>false</egress>
          <ipv6CidrBlock>::/0</ipv6CidrBlock>
          <portRange><from>443</from><to>443</to></portRange>
        </item>
      </entrySet>
      <associationSet>
        <item>
          <networkAclAssociationId>aclassoc-5c659635</networkAclAssociationId>
          <networkAclId>acl-5566778a</networkAclId>
          <subnetId>subnet-ff669596</subnetId>
        </item>
        <item>
          <networkAclAssociationId>aclassoc-c26596ab</networkAclAssociationId>
          <networkAclId>acl-5566778a</networkAclId>
          <subnetId>subnet-f0669599</subnetId>
        </item>
      </associationSet>
      <tagSet/>
    </item>
    <item>
      <networkAclId>acl-5d659634</networkAclId>
      <vpcId>vpc-5266953b</vpcId>
      <default>true</default>
      <entrySet/>
      <associationSet/>
    </item>
  </networkAclSet>
</DescribeNetworkAclsResponse>)";

TEST(Ec2DescribeNetworkAcls, ReadsEntriesAndAssociations) {
  XmlText text(kNetworkAcls);
  Page<NetworkAcl> page = parse_describe_network_acls(text.root());
  ASSERT_EQ(page.items.size(), 2u);
  const NetworkAcl& acl = page.items[0];
  EXPECT_EQ(acl.network_acl_id, "acl-5566778a");
  EXPECT_EQ(acl.vpc_id, "vpc-5266953b");
  EXPECT_FALSE(acl.is_default);
  ASSERT_EQ(acl.associations.size(), 2u);
  EXPECT_EQ(acl.associations[0].subnet_id, "subnet-ff669596");
  EXPECT_EQ(acl.associations[1].network_acl_association_id, "aclassoc-c26596ab");

  ASSERT_EQ(acl.entries.size(), 3u);
  const NetworkAclEntry& ephemeral = acl.entries[0];
  EXPECT_EQ(ephemeral.rule_number, 110);
  EXPECT_EQ(ephemeral.protocol, "6");
  EXPECT_EQ(ephemeral.rule_action, RuleAction::Allow);
  EXPECT_TRUE(ephemeral.egress);
  EXPECT_EQ(ephemeral.cidr_block, "0.0.0.0/0");
  ASSERT_TRUE(ephemeral.port_range);
  EXPECT_EQ(ephemeral.port_range->from, 49152);
  EXPECT_EQ(ephemeral.port_range->to, 65535);

  const NetworkAclEntry& deny_all = acl.entries[1];
  EXPECT_EQ(deny_all.rule_number, 32767);
  EXPECT_EQ(deny_all.rule_action, RuleAction::Deny);
  EXPECT_EQ(deny_all.port_range, std::nullopt);

  EXPECT_FALSE(acl.entries[2].egress);
  EXPECT_EQ(acl.entries[2].ipv6_cidr_block, "::/0");
  EXPECT_EQ(acl.entries[2].cidr_block, std::nullopt);

  EXPECT_TRUE(page.items[1].is_default);
  EXPECT_TRUE(page.items[1].entries.empty());
}

TEST(Ec2DescribeNetworkAcls, MalformedEntries) {
  auto acl_with_entry = [](const std::string& entry) {
    return ec2("DescribeNetworkAcls",
               "<networkAclSet><item><networkAclId>acl-1</networkAclId>"
               "<entrySet><item>" +
                   entry + "</item></entrySet></item></networkAclSet>");
  };
  XmlText bad_action(
      acl_with_entry("<ruleNumber>1</ruleNumber><protocol>6</protocol><ruleAction>maybe</"
                     "ruleAction><egress>false</egress>"));
  EXPECT_THAT([&] { parse_describe_network_acls(bad_action.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeNetworkAcls response: networkAclSet/item[1]/entrySet/item[1]/"
                  "ruleAction is \"maybe\", not allow or deny"));
  XmlText bad_port(acl_with_entry(
      "<ruleNumber>1</ruleNumber><protocol>6</protocol><ruleAction>allow</ruleAction>"
      "<egress>false</egress><portRange><from>a</from><to>2</to></portRange>"));
  EXPECT_THAT(
      [&] { parse_describe_network_acls(bad_port.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("entrySet/item[1]/portRange/from is \"a\"")));
  XmlText no_rule_number(
      acl_with_entry("<protocol>6</protocol><ruleAction>allow</ruleAction><egress>false</egress>"));
  EXPECT_THAT(
      [&] { parse_describe_network_acls(no_rule_number.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("entrySet/item[1]/ruleNumber is missing")));
}

// --- DescribeRouteTables ---

constexpr const char* kRouteTables = R"(
<DescribeRouteTablesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>6f570b0b-9c18-4b07-bdec-73740dcf861aEXAMPLE</requestId>
  <routeTableSet>
    <item>
      <routeTableId>rtb-1f382e7d</routeTableId>
      <vpcId>vpc-88888888</vpcId>
      <ownerId>123456789012</ownerId>
      <routeSet>
        <item>
          <destinationCidrBlock>10.0.0.0/16</destinationCidrBlock>
          <gatewayId>local</gatewayId>
          <state>active</state>
          <origin>CreateRouteTable</origin>
        </item>
        <item>
          <destinationCidrBlock>0.0.0.0/0</destinationCidrBlock>
          <natGatewayId>nat-0a1b2c3d4e5f6a7b8</natGatewayId>
          <state>blackhole</state>
          <origin>CreateRoute</origin>
        </item>
        <item>
          <destinationPrefixListId>pl-6da54004</destinationPrefixListId>
          <gatewayId>vpce-0a1b2c3d4e5f6a7b8</gatewayId>
          <state>active</state>
          <origin>CreateRoute</origin>
        </item>
        <item>
          <destinationCidrBlock>172.16.0.0/12</destinationCidrBlock>
          <transitGatewayId>tgw-0a1b2c3d4e5f6a7b8</transitGatewayId>
          <state>active</state>
        </item>
        <item>
          <destinationCidrBlock>192.168.0.0/16</destinationCidrBlock>
          <vpcPeeringConnectionId>pcx-0a1b2c3d</vpcPeeringConnectionId>
          <state>active</state>
        </item>
        <item>
          <destinationCidrBlock>100.64.0.0/10</destinationCidrBlock>
          <networkInterfaceId>eni-0a1b2c3d</networkInterfaceId>
          <instanceId>i-0a1b2c3d4e5f6a7b8</instanceId>
          <instanceOwnerId>123456789012</instanceOwnerId>
          <state>active</state>
        </item>
        <item>
          <destinationIpv6CidrBlock>::/0</destinationIpv6CidrBlock>
          <egressOnlyInternetGatewayId>eigw-0a1b2c3d</egressOnlyInternetGatewayId>
          <state>active</state>
        </item>
      </routeSet>
      <associationSet>
        <item>
          <routeTableAssociationId>rtbassoc-faad4893</routeTableAssociationId>
          <routeTableId>rtb-1f382e7d</routeTableId>
          <main>true</main>
          <associationState><state>associated</state></associationState>
        </item>
        <item>
          <routeTableAssociationId>rtbassoc-0b1c2d3e</routeTableAssociationId>
          <routeTableId>rtb-1f382e7d</routeTableId>
          <subnetId>subnet-15ad487c</subnetId>
          <main>false</main>
        </item>
      </associationSet>
      <propagatingVgwSet/>
      <tagSet><item><key>Name</key><value>private</value></item></tagSet>
    </item>
    <item>
      <routeTableId>rtb-2e382e7d</routeTableId>
      <vpcId>vpc-88888888</vpcId>
      <routeSet>
        <item>
          <destinationCidrBlock>0.0.0.0/0</destinationCidrBlock>
          <gatewayId>igw-0a1b2c3d</gatewayId>
          <state>active</state>
        </item>
      </routeSet>
      <associationSet/>
    </item>
  </routeTableSet>
</DescribeRouteTablesResponse>)";

TEST(Ec2DescribeRouteTables, ReadsRoutesAndAssociations) {
  XmlText text(kRouteTables);
  Page<RouteTable> page = parse_describe_route_tables(text.root());
  ASSERT_EQ(page.items.size(), 2u);
  const RouteTable& table = page.items[0];
  EXPECT_EQ(table.route_table_id, "rtb-1f382e7d");
  EXPECT_EQ(table.vpc_id, "vpc-88888888");
  ASSERT_EQ(table.associations.size(), 2u);
  EXPECT_TRUE(table.associations[0].main);
  EXPECT_EQ(table.associations[0].subnet_id, std::nullopt);
  EXPECT_FALSE(table.associations[1].main);
  EXPECT_EQ(table.associations[1].subnet_id, "subnet-15ad487c");
  EXPECT_THAT(table.tags, ElementsAre(Tag{"Name", "private"}));

  ASSERT_EQ(table.routes.size(), 7u);
  EXPECT_EQ(table.routes[0].destination_cidr_block, "10.0.0.0/16");
  EXPECT_EQ(table.routes[0].gateway_id, "local");
  EXPECT_EQ(table.routes[0].origin, "CreateRouteTable");
  EXPECT_EQ(table.routes[1].nat_gateway_id, "nat-0a1b2c3d4e5f6a7b8");
  EXPECT_EQ(table.routes[1].state, "blackhole");
  EXPECT_EQ(table.routes[1].gateway_id, std::nullopt);
  EXPECT_EQ(table.routes[2].destination_prefix_list_id, "pl-6da54004");
  EXPECT_EQ(table.routes[2].destination_cidr_block, std::nullopt);
  EXPECT_EQ(table.routes[2].gateway_id, "vpce-0a1b2c3d4e5f6a7b8");
  EXPECT_EQ(table.routes[3].transit_gateway_id, "tgw-0a1b2c3d4e5f6a7b8");
  EXPECT_EQ(table.routes[4].vpc_peering_connection_id, "pcx-0a1b2c3d");
  EXPECT_EQ(table.routes[5].network_interface_id, "eni-0a1b2c3d");
  EXPECT_EQ(table.routes[5].instance_id, "i-0a1b2c3d4e5f6a7b8");
  EXPECT_EQ(table.routes[5].origin, std::nullopt);
  EXPECT_EQ(table.routes[6].destination_ipv6_cidr_block, "::/0");
  EXPECT_EQ(table.routes[6].egress_only_internet_gateway_id, "eigw-0a1b2c3d");

  EXPECT_EQ(page.items[1].routes[0].gateway_id, "igw-0a1b2c3d");
  EXPECT_TRUE(page.items[1].associations.empty());
}

TEST(Ec2DescribeRouteTables, MalformedTables) {
  XmlText no_id(ec2("DescribeRouteTables",
                    "<routeTableSet><item><vpcId>vpc-1</vpcId></item></routeTableSet>"));
  EXPECT_THAT([&] { parse_describe_route_tables(no_id.root()); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("routeTableSet/item[1]/routeTableId is missing")));
  XmlText bad_main(
      ec2("DescribeRouteTables", R"(<routeTableSet><item><routeTableId>rtb-1</routeTableId>
      <associationSet><item><main>TRUE</main></item></associationSet></item></routeTableSet>)"));
  EXPECT_THAT(
      [&] { parse_describe_route_tables(bad_main.root()); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("associationSet/item[1]/main is \"TRUE\"")));
}

// --- DescribeVpcEndpoints ---

constexpr const char* kVpcEndpoints = R"(
<DescribeVpcEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>19a9ff46-7df6-49b8-9726-3df27527089d</requestId>
  <vpcEndpointSet>
    <item>
      <vpcEndpointId>vpce-0d7e2f0c2a1e4f5b6</vpcEndpointId>
      <vpcEndpointType>Interface</vpcEndpointType>
      <vpcId>vpc-1a2b3c4d</vpcId>
      <serviceName>com.amazonaws.eu-west-1.ssm</serviceName>
      <state>available</state>
      <policyDocument>{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}</policyDocument>
      <routeTableIdSet/>
      <subnetIdSet>
        <item>subnet-9d4a7b6c</item>
        <item>subnet-6e7f829e</item>
      </subnetIdSet>
      <groupSet>
        <item><groupId>sg-0c1d2e3f4a5b6c7d8</groupId><groupName>ssmlink-sg</groupName></item>
      </groupSet>
      <ipAddressType>ipv4</ipAddressType>
      <dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType></dnsOptions>
      <privateDnsEnabled>true</privateDnsEnabled>
      <requesterManaged>false</requesterManaged>
      <networkInterfaceIdSet>
        <item>eni-0a1b2c3d4e5f6a7b8</item>
        <item>eni-1a1b2c3d4e5f6a7b8</item>
      </networkInterfaceIdSet>
      <dnsEntrySet>
        <item>
          <dnsName>vpce-0d7e2f0c2a1e4f5b6-abcdefgh.ssm.eu-west-1.vpce.amazonaws.com</dnsName>
          <hostedZoneId>Z24R2SEXAMPLE</hostedZoneId>
        </item>
        <item>
          <dnsName>ssm.eu-west-1.amazonaws.com</dnsName>
          <hostedZoneId>ZONEIDPENDING</hostedZoneId>
        </item>
      </dnsEntrySet>
      <creationTimestamp>2026-11-28T07:39:02.000Z</creationTimestamp>
      <tagSet>
        <item><key>ssmlink:managed</key><value>true</value></item>
        <item><key>Name</key><value>ssmlink-ssm</value></item>
      </tagSet>
      <ownerId>123456789012</ownerId>
    </item>
    <item>
      <vpcEndpointId>vpce-032a826a</vpcEndpointId>
      <vpcEndpointType>Gateway</vpcEndpointType>
      <vpcId>vpc-1a2b3c4d</vpcId>
      <serviceName>com.amazonaws.eu-west-1.s3</serviceName>
      <state>Pending</state>
      <routeTableIdSet><item>rtb-1f382e7d</item></routeTableIdSet>
      <subnetIdSet/>
      <groupSet/>
      <privateDnsEnabled>false</privateDnsEnabled>
      <networkInterfaceIdSet/>
      <dnsEntrySet/>
    </item>
    <item>
      <vpcEndpointId>vpce-0f0f0f0f0f0f0f0f0</vpcEndpointId>
      <vpcEndpointType>Interface</vpcEndpointType>
      <serviceName>com.amazonaws.eu-west-1.ec2messages</serviceName>
      <state>failed</state>
      <lastError>
        <message>The VPC endpoint service com.amazonaws.eu-west-1.ec2messages does not support the availability zone of the subnet: subnet-aaa95e696bd9df088.</message>
        <code>InvalidParameter</code>
      </lastError>
    </item>
    <item>
      <vpcEndpointId>vpce-0e0e0e0e0e0e0e0e0</vpcEndpointId>
      <state>pendingAcceptance</state>
    </item>
    <item>
      <vpcEndpointId>vpce-0d0d0d0d0d0d0d0d0</vpcEndpointId>
      <state>hibernating</state>
    </item>
  </vpcEndpointSet>
  <nextToken>endpoints-2</nextToken>
</DescribeVpcEndpointsResponse>)";

TEST(Ec2DescribeVpcEndpoints, ReadsAnInterfaceEndpoint) {
  XmlText text(kVpcEndpoints);
  Page<VpcEndpoint> page = parse_describe_vpc_endpoints(text.root());
  ASSERT_EQ(page.items.size(), 5u);
  const VpcEndpoint& ssm = page.items[0];
  EXPECT_EQ(ssm.vpc_endpoint_id, "vpce-0d7e2f0c2a1e4f5b6");
  EXPECT_EQ(ssm.vpc_endpoint_type, "Interface");
  EXPECT_EQ(ssm.vpc_id, "vpc-1a2b3c4d");
  EXPECT_EQ(ssm.service_name, "com.amazonaws.eu-west-1.ssm");
  EXPECT_EQ(ssm.state, VpcEndpointState::Available);
  EXPECT_EQ(ssm.state_text, "available");
  EXPECT_THAT(ssm.subnet_ids, ElementsAre("subnet-9d4a7b6c", "subnet-6e7f829e"));
  EXPECT_TRUE(ssm.route_table_ids.empty());
  ASSERT_EQ(ssm.groups.size(), 1u);
  EXPECT_EQ(ssm.groups[0].group_id, "sg-0c1d2e3f4a5b6c7d8");
  EXPECT_EQ(ssm.groups[0].group_name, "ssmlink-sg");
  EXPECT_THAT(ssm.network_interface_ids,
              ElementsAre("eni-0a1b2c3d4e5f6a7b8", "eni-1a1b2c3d4e5f6a7b8"));
  EXPECT_TRUE(ssm.private_dns_enabled);
  EXPECT_FALSE(ssm.requester_managed);
  ASSERT_EQ(ssm.dns_entries.size(), 2u);
  EXPECT_EQ(ssm.dns_entries[1].dns_name, "ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(ssm.dns_entries[0].hosted_zone_id, "Z24R2SEXAMPLE");
  EXPECT_EQ(ssm.policy_document,
            R"({"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]})");
  EXPECT_EQ(ssm.creation_timestamp, utc(2026, 11, 28, 7, 39, 2));
  EXPECT_EQ(ssm.owner_id, "123456789012");
  EXPECT_EQ(ssm.last_error, std::nullopt);
  EXPECT_EQ(find_tag(ssm.tags, "Name"), "ssmlink-ssm");
  EXPECT_EQ(page.next_token, "endpoints-2");
}

TEST(Ec2DescribeVpcEndpoints, GatewayEndpointAndLastError) {
  XmlText text(kVpcEndpoints);
  Page<VpcEndpoint> page = parse_describe_vpc_endpoints(text.root());
  const VpcEndpoint& s3 = page.items[1];
  EXPECT_EQ(s3.vpc_endpoint_type, "Gateway");
  EXPECT_THAT(s3.route_table_ids, ElementsAre("rtb-1f382e7d"));
  EXPECT_TRUE(s3.subnet_ids.empty());
  EXPECT_FALSE(s3.private_dns_enabled);
  EXPECT_EQ(s3.creation_timestamp, std::nullopt);

  const VpcEndpoint& failed = page.items[2];
  EXPECT_EQ(failed.state, VpcEndpointState::Failed);
  ASSERT_TRUE(failed.last_error);
  EXPECT_EQ(failed.last_error->code, "InvalidParameter");
  EXPECT_THAT(*failed.last_error->message, HasSubstr("does not support the availability zone"));
}

TEST(Ec2DescribeVpcEndpoints, StatesReadCaseInsensitively) {
  XmlText text(kVpcEndpoints);
  Page<VpcEndpoint> page = parse_describe_vpc_endpoints(text.root());
  EXPECT_EQ(page.items[1].state, VpcEndpointState::Pending);  // "Pending", as in the model
  EXPECT_EQ(page.items[1].state_text, "Pending");
  EXPECT_EQ(page.items[3].state, VpcEndpointState::PendingAcceptance);
  EXPECT_EQ(page.items[4].state, VpcEndpointState::Unknown);  // a state AWS may add
  EXPECT_EQ(page.items[4].state_text, "hibernating");
}

TEST(Ec2DescribeVpcEndpoints, EveryStateName) {
  EXPECT_EQ(parse_vpc_endpoint_state("PendingAcceptance"), VpcEndpointState::PendingAcceptance);
  EXPECT_EQ(parse_vpc_endpoint_state("pending"), VpcEndpointState::Pending);
  EXPECT_EQ(parse_vpc_endpoint_state("AVAILABLE"), VpcEndpointState::Available);
  EXPECT_EQ(parse_vpc_endpoint_state("deleting"), VpcEndpointState::Deleting);
  EXPECT_EQ(parse_vpc_endpoint_state("Deleted"), VpcEndpointState::Deleted);
  EXPECT_EQ(parse_vpc_endpoint_state("rejected"), VpcEndpointState::Rejected);
  EXPECT_EQ(parse_vpc_endpoint_state("Failed"), VpcEndpointState::Failed);
  EXPECT_EQ(parse_vpc_endpoint_state("expired"), VpcEndpointState::Expired);
  EXPECT_EQ(parse_vpc_endpoint_state("partial"), VpcEndpointState::Partial);
  EXPECT_EQ(parse_vpc_endpoint_state(""), VpcEndpointState::Unknown);
}

TEST(Ec2DescribeVpcEndpoints, MalformedEndpoints) {
  XmlText no_id(ec2("DescribeVpcEndpoints",
                    "<vpcEndpointSet><item><state>available</state></item></vpcEndpointSet>"));
  EXPECT_THAT([&] { parse_describe_vpc_endpoints(no_id.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeVpcEndpoints response: vpcEndpointSet/item[1]/vpcEndpointId is "
                  "missing"));
  XmlText bad_time(ec2("DescribeVpcEndpoints", R"(<vpcEndpointSet><item>
      <vpcEndpointId>vpce-1</vpcEndpointId><creationTimestamp>2026-02-30T25:00:00Z</creationTimestamp>
    </item></vpcEndpointSet>)"));
  EXPECT_THAT([&] { parse_describe_vpc_endpoints(bad_time.root()); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("creationTimestamp is \"2026-02-30T25:00:00Z\"")));
  XmlText bad_flag(ec2("DescribeVpcEndpoints", R"(<vpcEndpointSet><item>
      <vpcEndpointId>vpce-1</vpcEndpointId><privateDnsEnabled>1</privateDnsEnabled>
    </item></vpcEndpointSet>)"));
  EXPECT_THROW(parse_describe_vpc_endpoints(bad_flag.root()), aws::ResponseError);
}

// --- DescribeVpcEndpointServices ---

constexpr const char* kVpcEndpointServices = R"(
<DescribeVpcEndpointServicesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>3f2a4c1e-2b6a-4b8e-9c1f-EXAMPLE</requestId>
  <serviceNameSet>
    <item>com.amazonaws.eu-west-1.ec2messages</item>
    <item>com.amazonaws.eu-west-1.ssm</item>
  </serviceNameSet>
  <serviceDetailSet>
    <item>
      <serviceName>com.amazonaws.eu-west-1.ec2messages</serviceName>
      <serviceId>vpce-svc-0a1b2c3d4e5f6a7b8</serviceId>
      <serviceType><item><serviceType>Interface</serviceType></item></serviceType>
      <availabilityZoneSet>
        <item>eu-west-1a</item>
        <item>eu-west-1b</item>
      </availabilityZoneSet>
      <availabilityZoneIdSet>
        <item>euw1-az1</item>
        <item>euw1-az2</item>
      </availabilityZoneIdSet>
      <owner>amazon</owner>
      <baseEndpointDnsNameSet><item>ec2messages.eu-west-1.vpce.amazonaws.com</item></baseEndpointDnsNameSet>
      <privateDnsName>ec2messages.eu-west-1.amazonaws.com</privateDnsName>
      <privateDnsNameSet>
        <item><privateDnsName>ec2messages.eu-west-1.amazonaws.com</privateDnsName></item>
      </privateDnsNameSet>
      <vpcEndpointPolicySupported>true</vpcEndpointPolicySupported>
      <acceptanceRequired>false</acceptanceRequired>
      <managesVpcEndpoints>false</managesVpcEndpoints>
      <tagSet/>
      <privateDnsNameVerificationState>verified</privateDnsNameVerificationState>
    </item>
    <item>
      <serviceName>com.amazonaws.eu-west-1.ssm</serviceName>
      <serviceType><item><serviceType>Interface</serviceType></item></serviceType>
      <availabilityZoneSet><item>eu-west-1a</item><item>eu-west-1b</item><item>eu-west-1c</item></availabilityZoneSet>
      <owner>amazon</owner>
    </item>
  </serviceDetailSet>
  <nextToken>services-2</nextToken>
</DescribeVpcEndpointServicesResponse>)";

TEST(Ec2DescribeVpcEndpointServices, ReadsNamesAndDetails) {
  XmlText text(kVpcEndpointServices);
  VpcEndpointServicesPage page = parse_describe_vpc_endpoint_services(text.root());
  EXPECT_THAT(page.services.service_names,
              ElementsAre("com.amazonaws.eu-west-1.ec2messages", "com.amazonaws.eu-west-1.ssm"));
  ASSERT_EQ(page.services.service_details.size(), 2u);
  const ServiceDetail& detail = page.services.service_details[0];
  EXPECT_EQ(detail.service_name, "com.amazonaws.eu-west-1.ec2messages");
  EXPECT_EQ(detail.service_id, "vpce-svc-0a1b2c3d4e5f6a7b8");
  EXPECT_THAT(detail.service_types, ElementsAre("Interface"));
  EXPECT_THAT(detail.availability_zones, ElementsAre("eu-west-1a", "eu-west-1b"));
  EXPECT_THAT(detail.availability_zone_ids, ElementsAre("euw1-az1", "euw1-az2"));
  EXPECT_EQ(detail.owner, "amazon");
  EXPECT_THAT(detail.base_endpoint_dns_names,
              ElementsAre("ec2messages.eu-west-1.vpce.amazonaws.com"));
  EXPECT_EQ(detail.private_dns_name, "ec2messages.eu-west-1.amazonaws.com");
  EXPECT_THAT(detail.private_dns_names, ElementsAre("ec2messages.eu-west-1.amazonaws.com"));
  EXPECT_TRUE(detail.vpc_endpoint_policy_supported);
  EXPECT_FALSE(detail.acceptance_required);
  EXPECT_FALSE(detail.manages_vpc_endpoints);

  const ServiceDetail& ssm = page.services.service_details[1];
  EXPECT_EQ(ssm.availability_zones.size(), 3u);
  EXPECT_EQ(ssm.private_dns_name, std::nullopt);
  EXPECT_TRUE(ssm.private_dns_names.empty());
  EXPECT_FALSE(ssm.vpc_endpoint_policy_supported);
  EXPECT_EQ(page.next_token, "services-2");
}

TEST(Ec2DescribeVpcEndpointServices, MissingServiceNameIsAnError) {
  XmlText text(ec2(
      "DescribeVpcEndpointServices",
      "<serviceNameSet/><serviceDetailSet><item><owner>amazon</owner></item></serviceDetailSet>"));
  EXPECT_THAT([&] { parse_describe_vpc_endpoint_services(text.root()); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeVpcEndpointServices response: serviceDetailSet/item[1]/serviceName "
                  "is missing"));
}

// --- DescribeIamInstanceProfileAssociations ---

constexpr const char* kIamInstanceProfileAssociations = R"(
<DescribeIamInstanceProfileAssociationsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>84c2d2a6-12dc-491f-a9ee-example</requestId>
  <iamInstanceProfileAssociationSet>
    <item>
      <associationId>iip-assoc-0db249b1f25fa24b8</associationId>
      <iamInstanceProfile>
        <arn>arn:aws:iam::123456789012:instance-profile/admin-role</arn>
        <id>AIPAJVQN4F5WVLGCJDRGM</id>
      </iamInstanceProfile>
      <instanceId>i-09eb09efa73ec1dee</instanceId>
      <state>associated</state>
      <timestamp>2026-11-28T07:39:02.000Z</timestamp>
    </item>
    <item>
      <associationId>iip-assoc-1db249b1f25fa24b8</associationId>
      <instanceId>i-19eb09efa73ec1dee</instanceId>
      <state>disassociating</state>
    </item>
  </iamInstanceProfileAssociationSet>
</DescribeIamInstanceProfileAssociationsResponse>)";

TEST(Ec2DescribeIamInstanceProfileAssociations, ReadsAssociations) {
  XmlText text(kIamInstanceProfileAssociations);
  Page<IamInstanceProfileAssociation> page =
      parse_describe_iam_instance_profile_associations(text.root());
  ASSERT_EQ(page.items.size(), 2u);
  const IamInstanceProfileAssociation& association = page.items[0];
  EXPECT_EQ(association.association_id, "iip-assoc-0db249b1f25fa24b8");
  EXPECT_EQ(association.instance_id, "i-09eb09efa73ec1dee");
  ASSERT_TRUE(association.iam_instance_profile);
  EXPECT_EQ(association.iam_instance_profile->arn,
            "arn:aws:iam::123456789012:instance-profile/admin-role");
  EXPECT_EQ(association.iam_instance_profile->id, "AIPAJVQN4F5WVLGCJDRGM");
  EXPECT_EQ(association.state, "associated");
  EXPECT_EQ(association.timestamp, utc(2026, 11, 28, 7, 39, 2));
  EXPECT_EQ(page.items[1].iam_instance_profile, std::nullopt);
  EXPECT_EQ(page.items[1].timestamp, std::nullopt);
  EXPECT_EQ(page.next_token, std::nullopt);
}

TEST(Ec2DescribeIamInstanceProfileAssociations, MalformedAssociations) {
  XmlText no_id(ec2("DescribeIamInstanceProfileAssociations",
                    "<iamInstanceProfileAssociationSet><item><state>associated</state></item>"
                    "</iamInstanceProfileAssociationSet>"));
  EXPECT_THAT([&] { parse_describe_iam_instance_profile_associations(no_id.root()); },
              ThrowsMessage<aws::ResponseError>(
                  HasSubstr("iamInstanceProfileAssociationSet/item[1]/associationId is missing")));
  XmlText bad_time(
      ec2("DescribeIamInstanceProfileAssociations",
          "<iamInstanceProfileAssociationSet><item><associationId>a</associationId>"
          "<timestamp>1764315542</timestamp></item></iamInstanceProfileAssociationSet>"));
  EXPECT_THROW(parse_describe_iam_instance_profile_associations(bad_time.root()),
               aws::ResponseError);
}

}  // namespace
}  // namespace ssmlink::cloud
