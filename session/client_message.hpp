// The binary ClientMessage of the Session Manager data channel (reference section 5):
// a 116-byte header, a 4-byte payload length and the payload, one per WebSocket frame.
// Both ends use the same layout; this is the client's codec.
//
//   ClientMessage m{.message_type = std::string(kInputStreamData), .created_date_ms = now_ms,
//                   .sequence_number = 0, .message_id = id, .payload_type = PayloadType::Size,
//                   .payload = R"({"cols":80,"rows":24})"};
//   std::string frame = encode(m);                  // digest and lengths filled in
//   Result<ClientMessage> back = decode(frame);     // every field checked
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "session/result.hpp"
#include "session/uuid.hpp"

namespace ssmlink::session {

// MessageType values (section 6). The header carries them space-padded to 32 bytes.
inline constexpr std::string_view kInputStreamData = "input_stream_data";
inline constexpr std::string_view kOutputStreamData = "output_stream_data";
inline constexpr std::string_view kAcknowledge = "acknowledge";
inline constexpr std::string_view kChannelClosed = "channel_closed";
inline constexpr std::string_view kStartPublication = "start_publication";
inline constexpr std::string_view kPausePublication = "pause_publication";
inline constexpr std::string_view kAgentSessionState = "agent_session_state";

// PayloadType values (section 5.4). None is what acknowledgements and control messages carry.
enum class PayloadType : uint32_t {
  None = 0,
  Output = 1,
  Error = 2,
  Size = 3,
  Parameter = 4,
  HandshakeRequest = 5,
  HandshakeResponse = 6,
  HandshakeComplete = 7,
  EncChallengeRequest = 8,
  EncChallengeResponse = 9,
  Flag = 10,
  StdErr = 11,
  ExitCode = 12,
};
std::string_view payload_type_name(PayloadType type);

// Header flags (section 5.3): agents set SYN on stream data seq 0, both ends SYN|FIN on
// acknowledgements; neither end reads them.
inline constexpr uint64_t kFlagSyn = 1;
inline constexpr uint64_t kFlagFin = 2;

inline constexpr size_t kHeaderLength = 116;  // the HeaderLength field's value (section 5.1)
inline constexpr size_t kPayloadOffset = kHeaderLength + 4;

struct ClientMessage {
  std::string message_type;      // one of the k* names above
  uint32_t schema_version = 1;   // always 1
  uint64_t created_date_ms = 0;  // milliseconds since the Unix epoch; never 0 on the wire
  int64_t sequence_number = 0;   // stream data only; 0 for control messages
  uint64_t flags = 0;
  Uuid message_id;
  PayloadType payload_type = PayloadType::None;
  std::string payload;  // raw bytes (JSON or data)
};

// The frame: header, SHA-256 of the payload, PayloadLength and payload.
std::string encode(const ClientMessage& message);

// Reads a frame from the network, which may be anything. Checks, in order: the frame holds
// a whole header; HeaderLength is 116; MessageType is one of the known names; CreatedDate is
// not 0; PayloadLength equals the bytes after the header; PayloadType is known; and the
// digest matches the payload. start_publication/pause_publication skip the last four, as
// the plugin does (section 4.3: their header is not defined). The error names the field
// and the value found.
Result<ClientMessage> decode(std::string_view frame);

}  // namespace ssmlink::session
