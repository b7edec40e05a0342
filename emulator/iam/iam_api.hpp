// IAM as doctor reads and fixes it: the query protocol (XML, namespace
// https://iam.amazonaws.com/doc/2010-05-08/), routed by the credential scope's service
// "iam" (clients sign it for us-east-1 whatever their region; IAM is global, so the
// region is not looked at). Documents come back URL-encoded (RFC 3986) as IAM sends them.
// Reads (iam_api.cpp): GetInstanceProfile, GetRole, ListAttachedRolePolicies,
// ListRolePolicies, GetRolePolicy, GetPolicy, GetPolicyVersion, ListInstanceProfiles,
// ListRoles, SimulatePrincipalPolicy. Writes (iam_write_api.cpp): AttachRolePolicy,
// DetachRolePolicy, PutRolePolicy, DeleteRolePolicy, PutRolePermissionsBoundary,
// DeleteRolePermissionsBoundary, UpdateAssumeRolePolicy, CreateRole, CreatePolicy,
// CreateInstanceProfile, AddRoleToInstanceProfile; each re-judges the instances' paths.
#pragma once
#include "emulator/api.hpp"

namespace ssmlink::emulator {

void add_iam_api(ApiTable& table);
void add_iam_write_api(ApiTable& table);

}  // namespace ssmlink::emulator
