#include "session/smux.hpp"

namespace ssmlink::session::smux {

namespace {

void put_le(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

uint32_t get_le(std::string_view in, size_t offset, int bytes) {
  uint32_t value = 0;
  for (int i = 0; i < bytes; ++i)
    value |= static_cast<uint32_t>(static_cast<uint8_t>(in[offset + i])) << (8 * i);
  return value;
}

}  // namespace

std::string encode(const Frame& frame) {
  std::string out;
  out.reserve(kHeaderSize + frame.data.size());
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(frame.command));
  put_le(out, frame.data.size(), 2);
  put_le(out, frame.stream_id, 4);
  out += frame.data;
  return out;
}

Result<std::vector<Frame>> Decoder::feed(std::string_view bytes) {
  if (!broken_.empty()) return fail(broken_);
  pending_.append(bytes);
  std::vector<Frame> frames;
  size_t at = 0;
  while (pending_.size() - at >= kHeaderSize) {
    auto version = static_cast<uint8_t>(pending_[at]);
    auto command = static_cast<uint8_t>(pending_[at + 1]);
    uint32_t length = get_le(pending_, at + 2, 2);
    if (version != kVersion) {
      broken_ = "smux frame of version " + std::to_string(version) + " (expected 1)";
    } else if (command > static_cast<uint8_t>(Command::Nop)) {
      broken_ = "smux frame with unknown command " + std::to_string(command);
    } else if (length > kMaxFrameData) {
      broken_ = "smux frame of " + std::to_string(length) + " bytes (at most 32768)";
    }
    if (!broken_.empty()) {
      pending_.clear();
      return fail(broken_);
    }
    if (pending_.size() - at < kHeaderSize + length) break;
    frames.push_back({static_cast<Command>(command), get_le(pending_, at + 4, 4),
                      pending_.substr(at + kHeaderSize, length)});
    at += kHeaderSize + length;
  }
  pending_.erase(0, at);
  return frames;
}

uint32_t Client::open(std::string& out) {
  next_id_ += 2;
  streams_[next_id_] = {};
  out += encode({Command::Syn, next_id_, {}});
  return next_id_;
}

void Client::write(uint32_t stream_id, std::string_view data, std::string& out) {
  auto stream = streams_.find(stream_id);
  if (stream == streams_.end() || stream->second.local_closed) return;
  while (!data.empty()) {
    std::string_view piece = data.substr(0, kMaxFrameData);
    out += encode({Command::Psh, stream_id, std::string(piece)});
    data.remove_prefix(piece.size());
  }
}

void Client::close(uint32_t stream_id, std::string& out) {
  auto stream = streams_.find(stream_id);
  if (stream == streams_.end() || stream->second.local_closed) return;
  stream->second.local_closed = true;
  out += encode({Command::Fin, stream_id, {}});
  forget_if_done(stream_id);
}

Result<std::vector<Event>> Client::receive(std::string_view bytes, std::string& out) {
  Result<std::vector<Frame>> frames = decoder_.feed(bytes);
  if (!frames) return fail(frames.error().message);
  std::vector<Event> events;
  for (Frame& frame : *frames) {
    auto stream = streams_.find(frame.stream_id);
    switch (frame.command) {
      case Command::Nop:
        break;
      case Command::Syn:
        if (stream == streams_.end()) out += encode({Command::Fin, frame.stream_id, {}});
        break;
      case Command::Psh:
        if (stream != streams_.end() && !stream->second.remote_closed && !frame.data.empty())
          events.push_back(DataReceived{frame.stream_id, std::move(frame.data)});
        break;
      case Command::Fin:
        if (stream != streams_.end() && !stream->second.remote_closed) {
          stream->second.remote_closed = true;
          events.push_back(StreamFinished{frame.stream_id});
          forget_if_done(frame.stream_id);
        }
        break;
    }
  }
  return events;
}

void Client::forget_if_done(uint32_t stream_id) {
  auto stream = streams_.find(stream_id);
  if (stream != streams_.end() && stream->second.local_closed && stream->second.remote_closed)
    streams_.erase(stream);
}

}  // namespace ssmlink::session::smux
