// SSM Agent versions ("3.3.40.0"), compared numerically part by part.
#pragma once
#include <string_view>

namespace ssmlink::emulator {

// <0, 0, >0 like strcmp; missing parts count as 0, so "3.3" == "3.3.0.0".
int compare_versions(std::string_view a, std::string_view b);

// Four dot-separated decimal numbers.
bool is_agent_version(std::string_view version);

// The newest agent the emulator knows of (DescribeInstanceInformation IsLatestVersion).
inline constexpr std::string_view kLatestAgentVersion = "3.3.1142.0";

// Agents older than this still need ec2messages: from 3.3.40.0 "Update Messaging module to
// switch off ec2messages when ssmmessages connected successfully" (amazon-ssm-agent
// RELEASENOTES.md).
inline constexpr std::string_view kAgentWithoutEc2Messages = "3.3.40.0";

// Default Host Management Configuration needs agent 3.2.582.0 or later and IMDSv2
// (awsdocs managed-instances-default-host-management.md).
inline constexpr std::string_view kAgentWithDefaultHostManagement = "3.2.582.0";

}  // namespace ssmlink::emulator
