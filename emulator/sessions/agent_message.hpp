// The data channel's binary message (reference/ssm-session-protocol.md section 5), as the
// SSM Agent writes and reads it: a 116-byte header, the payload length, the payload.
// Written from the reference alone, independently of the client's codec.
#pragma once
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace ssmlink::emulator::sessions {

namespace message_type {
inline constexpr std::string_view kInputStreamData = "input_stream_data";
inline constexpr std::string_view kOutputStreamData = "output_stream_data";
inline constexpr std::string_view kAcknowledge = "acknowledge";
inline constexpr std::string_view kChannelClosed = "channel_closed";
inline constexpr std::string_view kStartPublication = "start_publication";
inline constexpr std::string_view kPausePublication = "pause_publication";
}  // namespace message_type

// Section 5.4.
enum class PayloadType : uint32_t {
  kNone = 0,
  kOutput = 1,
  kError = 2,
  kSize = 3,
  kParameter = 4,
  kHandshakeRequest = 5,
  kHandshakeResponse = 6,
  kHandshakeComplete = 7,
  kEncChallengeRequest = 8,
  kEncChallengeResponse = 9,
  kFlag = 10,
  kStdErr = 11,
  kExitCode = 12,
};

// Section 5.3: SYN on the first output message, SYN|FIN on acknowledgements.
inline constexpr uint64_t kFlagSyn = 1;
inline constexpr uint64_t kFlagFin = 2;

struct AgentMessage {
  std::string message_type;
  uint32_t schema_version = 1;
  uint64_t created_date_ms = 0;
  int64_t sequence_number = 0;
  uint64_t flags = 0;
  std::string message_id;  // canonical lower-case UUID string
  PayloadType payload_type = PayloadType::kNone;
  std::string payload;
};

inline constexpr size_t kHeaderLength = 116;
inline constexpr size_t kMinimumFrame = kHeaderLength + 4;

// The frame for `message`, with the payload digest computed here. A message_id that is
// not a UUID string is a programming error (std::invalid_argument).
std::string encode_agent_message(const AgentMessage& message);
// The message in `frame`, or why it cannot be used (for the log). Checks what section 5.1
// says either end checks, plus the digest and that PayloadLength matches the frame.
std::expected<AgentMessage, std::string> decode_agent_message(std::string_view frame);

// 16 canonical bytes <-> "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (section 5.2).
std::expected<std::string, std::string> uuid_bytes(std::string_view text);
std::string uuid_text(std::string_view bytes);
// A fresh random version-4 UUID string.
std::string new_uuid();

}  // namespace ssmlink::emulator::sessions
