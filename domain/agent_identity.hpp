// Doctor's IAM checks for one instance: the identity its agent gets (the instance profile's
// role, else Default Host Management Configuration's), whether that role trusts the right
// service and may make the agent's calls, and kms:Decrypt when the Session Manager
// preferences name a KMS key. The agent tries the profile's role first and falls back to
// Default Host Management when it is on and applies (agent 3.2.582.0+, IMDSv2), so the
// instance is blocked only when neither works.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/findings.hpp"
#include "domain/iam_index.hpp"
#include "domain/inventory.hpp"

namespace ssmlink::domain {

// The calls the agent makes with its role: SSM registration and the Session Manager
// channels, plus ec2messages for agents older than 3.3.40.0 (agent_versions.hpp).
// The same list each time (IamIndex caches answers by its address).
const std::vector<std::string>& agent_actions(bool with_ec2messages);

inline constexpr std::string_view kAgentWithDefaultHostManagement = "3.2.582.0";
inline constexpr std::string_view kHostManagementSetting =
    "/ssm/managed-instance/default-ec2-instance-management-role";

// The ARN IAM judges a KMS key by: an ARN as given, a key ID made into the key's ARN in
// `account`; an alias ("alias/x") has none without kms:DescribeKey, so "*".
std::string kms_key_arn(const std::string& key, const std::string& region,
                        const std::string& account);
// arn:PARTITION:ec2:REGION:ACCOUNT:instance/ID, the partition from the region.
std::string instance_arn(const std::string& region, const std::string& account,
                         const std::string& instance_id);

struct IdentityCheck {
  const Inventory& inventory;
  const IamIndex& iam;
  const InventoryInstance& instance;
  const ManagedInstance* managed;  // null: SSM has no record of it
  bool keep_ok = true;
};

// Appends instance.profile and the iam.* / kms.* findings.
void check_agent_identity(const IdentityCheck& check, std::vector<Finding>& findings);

}  // namespace ssmlink::domain
