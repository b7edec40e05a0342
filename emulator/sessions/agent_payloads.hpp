// The JSON payloads the agent writes and reads (reference/ssm-session-protocol.md
// sections 6.2, 6.3, 8.2-8.4 and 9.2).
#pragma once
#include <chrono>
#include <cstdint>
#include <expected>
#include <string>

#include "emulator/sessions/agent_message.hpp"

namespace ssmlink::emulator::sessions {

struct SessionSpec;

// Section 8.2: AgentVersion and the SessionType action with its Properties.
std::string handshake_request_json(const SessionSpec& spec);
// Section 8.4.
std::string handshake_complete_json(std::chrono::nanoseconds took,
                                    const std::string& customer_message);

// Section 8.3, what the agent takes from the client's HandshakeResponse.
struct HandshakeResponse {
  std::string client_version;
  std::string failure;  // non-empty: an action was not processed with ActionStatus 1
};
std::expected<HandshakeResponse, std::string> parse_handshake_response(const std::string& json);

// Section 6.2: the ack of `acked`, and the sequence number an incoming ack acknowledges.
std::string acknowledge_json(const AgentMessage& acked);
std::expected<int64_t, std::string> acknowledged_sequence(const std::string& json);

// Section 6.3.
std::string channel_closed_json(const SessionSpec& spec, const std::string& message_id,
                                uint64_t created_ms, const std::string& output);

// Section 9.2: {"cols":..,"rows":..}.
struct TerminalSize {
  uint16_t cols = 0, rows = 0;
};
std::expected<TerminalSize, std::string> parse_terminal_size(const std::string& json);

// The session type's Properties for the handshake (null except for Port, section 2.4).
bool is_local_port_forwarding(const SessionSpec& spec);

}  // namespace ssmlink::emulator::sessions
