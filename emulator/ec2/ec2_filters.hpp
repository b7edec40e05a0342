// The filters each Describe call accepts, by the names its model documentation lists
// (reference/aws-models/ec2/2016-11-15/service-2.subset.json, Filters of each request).
// Names the emulator has no value for (block devices, Outposts, ...) are accepted and
// compare with the value EC2 would show for these simple resources, or with nothing.
#pragma once
#include "emulator/ec2/ec2_query.hpp"
#include "emulator/ec2/ec2_xml.hpp"

namespace ssmlink::emulator {

FilterSet<Vpc> vpc_filters(const Ec2View& view);
FilterSet<Subnet> subnet_filters(const Ec2View& view);
FilterSet<SecurityGroup> security_group_filters(const Ec2View& view);

// DescribeSecurityGroupRules filters rules; each carries its group.
struct RuleRef {
  const SecurityGroup* group;
  const SecurityGroupRule* rule;
  bool egress;
};
FilterSet<RuleRef> security_group_rule_filters(const Ec2View& view);

FilterSet<NetworkAcl> network_acl_filters(const Ec2View& view);
FilterSet<RouteTable> route_table_filters(const Ec2View& view);
FilterSet<VpcEndpoint> vpc_endpoint_filters(const Ec2View& view);
FilterSet<EndpointService> endpoint_service_filters(const Ec2View& view);
FilterSet<Instance> instance_filters(const Ec2View& view);
FilterSet<Instance> profile_association_filters(const Ec2View& view);

}  // namespace ssmlink::emulator
