#include "session/port_mode.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

namespace ssmlink::session {

namespace {

std::optional<std::vector<uint64_t>> version_parts(std::string_view text) {
  std::vector<uint64_t> parts;
  while (true) {
    size_t dot = text.find('.');
    std::string_view part = text.substr(0, dot);
    uint64_t value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || end != part.data() + part.size())
      return std::nullopt;
    parts.push_back(value);
    if (dot == std::string_view::npos) return parts;
    text.remove_prefix(dot + 1);
  }
}

}  // namespace

std::string_view port_mode_name(PortMode mode) {
  switch (mode) {
    case PortMode::Multiplexed:
      return "multiplexed";
    case PortMode::Basic:
      return "basic";
    case PortMode::StandardStream:
      return "standard stream";
  }
  return "basic";
}

bool agent_version_above(std::string_view version, std::string_view threshold) {
  auto have = version_parts(version);
  auto need = version_parts(threshold);
  if (!have || !need || have->size() != need->size()) return false;
  return *have > *need;
}

PortMode port_mode(const SessionStarted& started) {
  auto type = started.properties.find("type");
  if (type == started.properties.end() || type->second != "LocalPortForwarding")
    return PortMode::StandardStream;
  return agent_version_above(started.agent_version, "3.0.196.0") ? PortMode::Multiplexed
                                                                 : PortMode::Basic;
}

}  // namespace ssmlink::session
