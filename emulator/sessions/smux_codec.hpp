// The smux v1 framing (xtaci/smux, reference section 10.5) that a multiplexed port session
// carries in its Output payloads, written again here for the agent's side: frames cross
// payload boundaries freely, so the decoder takes bytes and gives whole frames.
#pragma once
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace ssmlink::emulator::sessions {

enum class SmuxCommand : uint8_t { kSyn = 0, kFin = 1, kPsh = 2, kNop = 3 };

inline constexpr uint8_t kSmuxVersion = 1;
inline constexpr size_t kSmuxHeaderSize = 8;
// smux.DefaultConfig().MaxFrameSize: the most data one PSH frame carries.
inline constexpr size_t kSmuxMaxFrame = 32768;

struct SmuxFrame {
  SmuxCommand command = SmuxCommand::kNop;
  uint32_t stream = 0;
  std::string data;  // PSH only
};

// Header (version 1, command, uint16 LE length, uint32 LE stream id) and data. `data`
// must fit a frame (at most kSmuxMaxFrame bytes).
std::string encode_smux_frame(SmuxCommand command, uint32_t stream, std::string_view data = {});

class SmuxDecoder {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next whole frame, std::nullopt when more bytes are needed, or the protocol error
  // (a version other than 1, an unknown command) that ends the smux session.
  std::expected<std::optional<SmuxFrame>, std::string> next();
  size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already decoded (erased in batches)
};

}  // namespace ssmlink::emulator::sessions
