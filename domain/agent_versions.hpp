// SSM Agent versions and what they imply (amazon-ssm-agent RELEASENOTES.md).
#pragma once
#include <string_view>

namespace ssmlink::domain {

// Numeric, part by part: "3.3.1142.0" > "3.3.40.0". Malformed parts count as 0.
int compare_versions(std::string_view a, std::string_view b);

// From 3.3.40.0 the agent switches off ec2messages once ssmmessages connects.
inline constexpr std::string_view kAgentWithoutEc2Messages = "3.3.40.0";
bool agent_needs_ec2messages(std::string_view agent_version);

// Whether AMIs of this EC2 platform (DescribeInstances platformDetails) come with SSM
// Agent: Amazon Linux, Ubuntu, Windows and SUSE images ship it; Red Hat's do not
// (docs.aws.amazon.com/systems-manager/latest/userguide/ami-preinstalled-agent.html).
// "Linux/UNIX" covers both kinds, so it answers "unknown".
enum class AgentPreinstalled { Yes, No, Unknown };
AgentPreinstalled agent_preinstalled(std::string_view platform_details);

}  // namespace ssmlink::domain
