// The JSON and small binary payloads carried inside ClientMessages (reference sections
// 4.1, 6.2, 6.3, 9.2, 9.4 and 10.4), built and parsed as values. Parsers take bytes from
// the network: they never throw, and their errors name what is wrong.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "session/result.hpp"
#include "session/uuid.hpp"

namespace ssmlink::session {

// Section 4.1: the text frame a client sends first on every WebSocket it opens (reconnects
// included, with a new request_id and the latest token).
struct OpenDataChannel {
  std::string token;           // StartSession's or the latest ResumeSession's TokenValue
  Uuid client_id;              // one per process
  std::string client_version;  // as in HandshakeResponse; > 1.2.331.0 (section 11)
  Uuid request_id;             // a new one per open
};
std::string open_data_channel_json(const OpenDataChannel& open);

// Section 6.2: the acknowledge payload. Both ends match acks by sequence number only.
struct AcknowledgeContent {
  std::string message_type;  // of the acknowledged message, e.g. output_stream_data
  std::string message_id;    // its MessageId, lower-case hyphenated
  int64_t sequence_number = 0;
};
std::string acknowledge_json(const AcknowledgeContent& ack);
Result<AcknowledgeContent> parse_acknowledge(std::string_view payload);

// Section 6.3: what the service says when it closes the channel. Every field is optional
// on the wire; output is the reason to show ("" when the session simply ended).
struct ChannelClosed {
  std::string session_id;
  std::string output;
};
Result<ChannelClosed> parse_channel_closed(std::string_view payload);

// Section 9.2: {"cols":80,"rows":24}, key order as the plugin writes it.
struct TerminalSize {
  uint32_t cols = 0;
  uint32_t rows = 0;
  friend bool operator==(const TerminalSize&, const TerminalSize&) = default;
};
// What the plugin sends when it cannot read the terminal's size (section 9.2).
inline constexpr TerminalSize kFallbackTerminalSize{300, 100};
std::string size_json(TerminalSize size);

// Section 10.4: a Flag payload is a 4-byte big-endian uint32.
enum class PortFlag : uint32_t {
  DisconnectToPort = 1,    // client: basic mode, the local TCP client went away
  TerminateSession = 2,    // client: end the session (port sessions)
  ConnectToPortError = 3,  // agent: mux, dialing the destination for a new stream failed
};
std::string flag_payload(PortFlag flag);
Result<PortFlag> parse_flag(std::string_view payload);

// Section 9.4: "EXIT_CODE: <n>" (ExitCode payload, NonInteractiveCommands).
Result<int> parse_exit_code(std::string_view payload);

}  // namespace ssmlink::session
