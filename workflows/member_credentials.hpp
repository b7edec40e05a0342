// Credentials in another account of the organization: a role assumed there (the
// management account's own credentials for itself), for doctor --org and the StackSet
// commands alike.
#pragma once
#include <memory>
#include <string>

#include "aws/credentials.hpp"
#include "aws/session.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::workflows {

struct MemberRole {
  std::string role_name = "OrganizationAccountAccessRole";
  std::string role_session_name = "ssmlink-audit";
};

// Throws aws errors when AssumeRole is refused (after patience for passing failures).
std::shared_ptr<aws::CredentialsProvider> member_credentials(aws::Session& session,
                                                             const std::string& account_id,
                                                             const std::string& own_account_id,
                                                             const MemberRole& role,
                                                             Patience& patience);

}  // namespace ssmlink::workflows
