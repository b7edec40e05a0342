// Which way a port session carries TCP (reference sections 10.1 and 11), decided from what
// the handshake said, as AWS's plugin decides it.
#pragma once
#include <string_view>

#include "session/events.hpp"

namespace ssmlink::session {

enum class PortMode {
  Multiplexed,     // smux: any number of TCP connections at once
  Basic,           // one TCP connection at a time
  StandardStream,  // no listener: stdin/stdout (AWS-StartSSHSession)
};
std::string_view port_mode_name(PortMode mode);  // "multiplexed", "basic", "standard stream"

// Section 11: the plugin's check. True when `version` is strictly greater than `threshold`,
// both split on '.' into the same number of numeric components; anything else (an empty
// version, another component count, a non-number) counts as unsupported.
bool agent_version_above(std::string_view version, std::string_view threshold);

// Mux when Properties type is LocalPortForwarding and the agent is above 3.0.196.0; basic
// for LocalPortForwarding on older agents; standard stream otherwise.
PortMode port_mode(const SessionStarted& started);

}  // namespace ssmlink::session
