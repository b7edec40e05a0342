#include "domain/agent_versions.hpp"

#include <charconv>

namespace ssmlink::domain {

int compare_versions(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    auto next = [](std::string_view& text) {
      size_t dot = text.find('.');
      std::string_view part = text.substr(0, dot);
      text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
      long value = 0;
      std::from_chars(part.data(), part.data() + part.size(), value);
      return value;
    };
    long x = next(a);
    long y = next(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

bool agent_needs_ec2messages(std::string_view agent_version) {
  return agent_version.empty() || compare_versions(agent_version, kAgentWithoutEc2Messages) < 0;
}

AgentPreinstalled agent_preinstalled(std::string_view platform) {
  if (platform.find("Red Hat") != std::string_view::npos) return AgentPreinstalled::No;
  if (platform.find("Windows") != std::string_view::npos ||
      platform.find("SUSE") != std::string_view::npos ||
      platform.find("Ubuntu") != std::string_view::npos) {
    return AgentPreinstalled::Yes;
  }
  return AgentPreinstalled::Unknown;
}

}  // namespace ssmlink::domain
