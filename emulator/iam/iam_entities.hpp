// New IAM entities with their ARNs and unique IDs, as CreateRole, CreateInstanceProfile
// and CreatePolicy make them; shared by the IAM API and the scenario loader.
#pragma once
#include <string>
#include <vector>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

// {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service":
// [services]}, "Action": "sts:AssumeRole"}]}
std::string service_trust_policy(const std::vector<std::string>& services);

IamRole new_role(const World& world, const std::string& name, const std::string& path,
                 const std::string& trust_policy, TimePoint now);
IamInstanceProfile new_instance_profile(const World& world, const std::string& name,
                                        const std::string& path, TimePoint now);
IamPolicy new_policy(const World& world, const std::string& name, const std::string& path,
                     const std::string& document, TimePoint now);

// IAM names: [\w+=,.@-]+ up to 64 (roles) or 128 (policies, profiles) characters; paths:
// "/" or "/a/b/".
bool is_iam_name(const std::string& name, size_t max_length);
bool is_iam_path(const std::string& path);

// The role Default Host Management Configuration's quick setup creates, with the path the
// service setting names it by (awsdocs managed-instances-default-host-management.md).
inline constexpr const char* kDefaultHostManagementRole =
    "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole";

// That role as the console creates it: trusts ssm.amazonaws.com, has
// AmazonSSMManagedEC2InstanceDefaultPolicy. Added unless a role of that name exists.
void ensure_default_host_management_role(World& world, TimePoint now);

}  // namespace ssmlink::emulator
