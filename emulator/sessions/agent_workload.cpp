#include "emulator/sessions/agent_workload.hpp"

#include <charconv>

#include "emulator/sessions/agent_payloads.hpp"
#include "emulator/sessions/agent_session.hpp"
#include "emulator/sessions/command_runner.hpp"
#include "emulator/sessions/port_forward.hpp"
#include "emulator/sessions/port_mux.hpp"
#include "emulator/sessions/pty_shell.hpp"
#include "emulator/ssm/versions.hpp"

namespace ssmlink::emulator::sessions {

namespace {

std::string first_parameter(const SessionSpec& spec, const std::string& name) {
  auto found = spec.parameters.find(name);
  if (found == spec.parameters.end() || found->second.empty()) return {};
  return found->second.front();
}

// Section 11: the agent multiplexes when type is LocalPortForwarding and the client is
// at least 1.1.70; the plugin only when the agent is newer than 3.0.196.0. Both must agree.
bool multiplexed(const SessionSpec& spec, const std::string& client_version) {
  return is_local_port_forwarding(spec) && compare_versions(spec.agent_version, "3.0.196.0") > 0 &&
         !client_version.empty() && compare_versions(client_version, "1.1.70") >= 0;
}

// The address a port session dials: the scenario's mapping of `host` (SessionSpec.hosts),
// or the instance itself; any other host is unknown to the emulated instance.
std::expected<std::string, std::string> resolve_host(const SessionSpec& spec,
                                                     const std::string& host) {
  if (auto mapped = spec.hosts.find(host); !host.empty() && mapped != spec.hosts.end()) {
    return mapped->second;
  }
  if (host.empty() || host == "localhost" || host == "127.0.0.1") return "127.0.0.1";
  return std::unexpected("host " + host +
                         " is not reachable from this emulated instance (the scenario's "
                         "\"hosts\" does not name it)");
}

std::expected<std::unique_ptr<SessionWorker>, std::string> start_port(
    const SessionSpec& spec, const std::string& client_version) {
  std::string port_text = first_parameter(spec, "portNumber");
  unsigned port = 0;
  auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return std::unexpected("portNumber must be a number from 1 to 65535, not \"" + port_text +
                           "\"");
  }
  std::string host = first_parameter(spec, "host");
  std::expected<std::string, std::string> address = resolve_host(spec, host);
  if (multiplexed(spec, client_version)) {
    // Section 11: the agent disables its smux keepalive for clients newer than 1.2.331.0.
    bool keepalive = compare_versions(client_version, "1.2.331.0") <= 0;
    // An unknown host refuses each stream (ConnectToPortError), not the session.
    return std::make_unique<PortMux>(std::move(address), static_cast<uint16_t>(port), keepalive);
  }
  if (!address) return std::unexpected(address.error());
  try {
    return std::make_unique<PortForward>(*address, static_cast<uint16_t>(port),
                                         is_local_port_forwarding(spec));
  } catch (const std::exception& failure) {
    return std::unexpected(std::string(failure.what()));
  }
}

}  // namespace

bool needs_handshake(const SessionSpec& spec) {
  return spec.session_type == "NonInteractiveCommands" || spec.session_type == "Port";
}

std::string unsupported_request(const SessionSpec& spec) {
  if (!first_parameter(spec, "kmsKeyId").empty()) {
    return "KMS encryption (kmsKeyId " + first_parameter(spec, "kmsKeyId") +
           ") is not emulated: the emulator refuses the session rather than run it unencrypted";
  }
  const auto& type = spec.session_type;
  if (type != "Standard_Stream" && type != "InteractiveCommands" &&
      type != "NonInteractiveCommands" && type != "Port") {
    return "unknown session type " + type;
  }
  return {};
}

std::string customer_message(const SessionSpec& spec, const std::string& client_version) {
  if (spec.session_type == "NonInteractiveCommands" && !client_version.empty() &&
      compare_versions(client_version, "1.2.295") <= 0) {
    return "Please update session manager plugin version (minimum required version 1.2.312.0) "
           "for fully support of separate StdOut/StdErr output.\r\n";
  }
  return {};
}

std::expected<std::unique_ptr<SessionWorker>, std::string> start_worker(
    const SessionSpec& spec, const std::string& client_version) {
  if (spec.session_type == "Port") return start_port(spec, client_version);
  std::string command = first_parameter(spec, "command");
  bool runs_command = spec.session_type != "Standard_Stream";
  if (runs_command && command.empty()) {
    return std::unexpected(spec.session_type + " needs the command parameter");
  }
  try {
    if (spec.session_type == "NonInteractiveCommands") {
      return std::make_unique<CommandRunner>(spec.shell, command);
    }
    if (runs_command)
      return std::make_unique<PtyShell>(std::vector<std::string>{spec.shell, "-c", command});
    return std::make_unique<PtyShell>(std::vector<std::string>{spec.shell});
  } catch (const std::exception& failure) {
    return std::unexpected(std::string("cannot start ") + spec.shell + ": " + failure.what());
  }
}

}  // namespace ssmlink::emulator::sessions
