// The EC2 query API of the emulator: the Describe calls ssmlink and doctor make, and the
// three changes the model lists (CreateSecurityGroup, CreateVpcEndpoint,
// DeleteVpcEndpoints), each answering as EC2 does (XML per the 2016-11-15 model, EC2's
// error codes and messages).
#pragma once
#include "emulator/api.hpp"

namespace ssmlink::emulator {

// Adds table["ec2"][Action] for: DescribeVpcs, DescribeVpcAttribute, DescribeSubnets,
// DescribeSecurityGroups, DescribeSecurityGroupRules, DescribeNetworkAcls,
// DescribeRouteTables, DescribeVpcEndpoints, DescribeVpcEndpointServices,
// DescribeInstances, DescribeIamInstanceProfileAssociations, AssociateIamInstanceProfile
// (a profile of the World's IAM), CreateSecurityGroup, CreateVpcEndpoint,
// DeleteVpcEndpoints.
void add_ec2_api(ApiTable& table);

}  // namespace ssmlink::emulator
