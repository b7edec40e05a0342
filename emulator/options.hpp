// ssmlink-emulator's command line. Every value is checked here, so that a bad one is one
// line naming it (exit 2) and the rest of the program sees only valid ones.
#pragma once
#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/faults.hpp"
#include "emulator/sessions/agent_session.hpp"

namespace ssmlink::emulator {

struct EmulatorOptions {
  std::string host = "127.0.0.1";
  int port = 0;               // 0: a free port
  std::string scenario_path;  // empty: the default scenario (emulator/scenarios/seed.json)
  uint64_t seed = 1;          // IDs, faults and request IDs
  std::optional<std::chrono::milliseconds> provision;     // per CloudFormation resource
  std::optional<std::chrono::milliseconds> online_delay;  // path appears -> SSM Online
  FaultSettings faults;
  sessions::DataChannelFaults session_faults;  // --fault-session-*; seeded by --seed
  std::string session_shell = "/bin/sh";       // --session-shell
  std::optional<int> accounts;  // --accounts: an organization of that many member accounts
  bool allow_remote = false;
  bool help = false;
};

// The arguments after the program name; --flag value and --flag=value alike.
std::expected<EmulatorOptions, std::string> parse_options(const std::vector<std::string>& args);

// 127.0.0.0/8, ::1 and localhost: the addresses only this machine reaches.
bool is_loopback_host(std::string_view host);

// Nullopt when the options may be served; else why not, in one line.
std::optional<std::string> refuse_host(const EmulatorOptions& options);

std::string usage();

}  // namespace ssmlink::emulator
