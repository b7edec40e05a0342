#include "emulator/sessions/smux_codec.hpp"

namespace ssmlink::emulator::sessions {

std::string encode_smux_frame(SmuxCommand command, uint32_t stream, std::string_view data) {
  std::string frame;
  frame.reserve(kSmuxHeaderSize + data.size());
  frame += static_cast<char>(kSmuxVersion);
  frame += static_cast<char>(command);
  frame += static_cast<char>(data.size() & 0xff);
  frame += static_cast<char>((data.size() >> 8) & 0xff);
  for (int shift = 0; shift < 32; shift += 8)
    frame += static_cast<char>((stream >> shift) & 0xff);
  frame += data;
  return frame;
}

std::expected<std::optional<SmuxFrame>, std::string> SmuxDecoder::next() {
  if (buffered() < kSmuxHeaderSize) return std::nullopt;
  auto byte = [&](size_t i) { return static_cast<uint8_t>(buffer_[consumed_ + i]); };
  if (byte(0) != kSmuxVersion) {
    return std::unexpected("smux frame of version " + std::to_string(byte(0)) +
                           " (only version 1 is spoken)");
  }
  if (byte(1) > static_cast<uint8_t>(SmuxCommand::kNop)) {
    return std::unexpected("smux frame with unknown command " + std::to_string(byte(1)));
  }
  size_t length = byte(2) | (size_t{byte(3)} << 8);
  uint32_t stream = 0;
  for (size_t i = 0; i < 4; ++i)
    stream |= uint32_t{byte(4 + i)} << (8 * i);
  if (buffered() < kSmuxHeaderSize + length) return std::nullopt;
  SmuxFrame frame;
  frame.command = static_cast<SmuxCommand>(byte(1));
  frame.stream = stream;
  frame.data = buffer_.substr(consumed_ + kSmuxHeaderSize, length);
  consumed_ += kSmuxHeaderSize + length;
  if (consumed_ == buffer_.size() || consumed_ > 65536) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return frame;
}

}  // namespace ssmlink::emulator::sessions
