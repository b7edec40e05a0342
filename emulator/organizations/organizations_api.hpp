// AWS Organizations' read API, JSON 1.1 (X-Amz-Target AWSOrganizationsV20161128.<Op>; a
// global service signed for us-east-1, so the region is not looked at): DescribeOrganization,
// ListRoots, ListAccounts, ListAccountsForParent, ListOrganizationalUnitsForParent, with
// MaxResults (1-20) and NextToken paging. Shapes and errors from botocore's model
// (awscli/botocore/data/organizations/2016-11-28/service-2.json).
#pragma once
#include "emulator/api.hpp"

namespace ssmlink::emulator {

void add_organizations_api(ApiTable& table);

}  // namespace ssmlink::emulator
