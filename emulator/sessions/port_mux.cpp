#include "emulator/sessions/port_mux.hpp"

#include <iostream>

#include "emulator/sessions/port_forward.hpp"

namespace ssmlink::emulator::sessions {

namespace {

using namespace std::chrono_literals;

// smux.DefaultConfig(): a NOP every 10 s, and the session closed after 30 s without a frame.
constexpr auto kKeepAliveInterval = 10s;
constexpr auto kKeepAliveTimeout = 30s;
// Read from a destination at most this much at a time: one PSH frame of a few payloads.
constexpr size_t kMuxRead = 4 * kStreamChunk - kSmuxHeaderSize;
// Bytes read from the destinations per poll(), so acks and input keep their turn.
constexpr size_t kMuxReadPerPoll = 16 * kStreamChunk;
// Unwritten input across all streams before the worker stops taking more. One slow
// destination holds back every stream, as smux v1's shared receive buffer does.
constexpr size_t kMuxMostUnwritten = 4 * kMostUnwritten;

}  // namespace

PortMux::PortMux(std::expected<std::string, std::string> destination, uint16_t port, bool keepalive)
    : destination_(std::move(destination)), port_(port), keepalive_(keepalive) {}

void PortMux::emit(std::string_view bytes) {
  // Output payloads of at most 1024 bytes (section 12); frames cross them freely.
  while (!bytes.empty()) {
    if (outgoing_.empty() || outgoing_.back().type != PayloadType::kOutput ||
        outgoing_.back().data.size() >= kStreamChunk) {
      outgoing_.push_back({PayloadType::kOutput, {}});
    }
    std::string& payload = outgoing_.back().data;
    size_t take = std::min(bytes.size(), kStreamChunk - payload.size());
    payload.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
  }
}

void PortMux::emit_flag(uint32_t value) {
  std::string payload;
  for (int shift = 24; shift >= 0; shift -= 8)
    payload += static_cast<char>((value >> shift) & 0xff);
  outgoing_.push_back({PayloadType::kFlag, std::move(payload)});
}

void PortMux::fail(const std::string& reason) {
  std::cerr << "ssmlink-emulator: port session: " << reason << "\n";
  streams_.clear();
  finished_ = reason;
}

void PortMux::input(std::string_view bytes) {
  if (finished_) return;
  last_received_ = Clock::now();
  decoder_.feed(bytes);
  while (!finished_) {
    auto frame = decoder_.next();
    if (!frame) return fail("smux protocol error: " + frame.error());
    if (!*frame) return;
    handle(std::move(**frame));
  }
}

void PortMux::handle(SmuxFrame frame) {
  auto found = streams_.find(frame.stream);
  switch (frame.command) {
    case SmuxCommand::kSyn:
      if (found == streams_.end()) open_stream(frame.stream);
      return;
    case SmuxCommand::kPsh:
      // Data for a stream that is gone (its destination closed first) is dropped, as smux does.
      if (found != streams_.end() && !found->second.client_closed)
        found->second.socket.write(frame.data);
      return;
    case SmuxCommand::kFin:
      if (found == streams_.end()) return;
      found->second.client_closed = true;
      if (found->second.socket.unwritten() == 0) end_stream(frame.stream);
      return;
    case SmuxCommand::kNop:
      return;
  }
}

void PortMux::open_stream(uint32_t id) {
  std::string refusal;
  if (!destination_) {
    refusal = destination_.error();
  } else if (auto dialled = DestinationSocket::dial(*destination_, port_); !dialled) {
    refusal = dialled.error();
  } else {
    streams_[id].socket = std::move(*dialled);
    return;
  }
  // The agent's port_mux.go: ConnectToPortError, then the stream is closed.
  std::cerr << "ssmlink-emulator: port session: stream " << id << ": " << refusal << "\n";
  emit_flag(kFlagConnectToPortError);
  emit(encode_smux_frame(SmuxCommand::kFin, id));
}

void PortMux::end_stream(uint32_t id) {
  streams_.erase(id);
  emit(encode_smux_frame(SmuxCommand::kFin, id));
}

void PortMux::flush() {
  std::vector<uint32_t> ended;
  for (auto& [id, stream] : streams_) {
    if (stream.socket.unwritten() > 0 && !stream.socket.flush()) {
      ended.push_back(id);  // the destination stopped reading for good
    } else if (stream.client_closed && stream.socket.unwritten() == 0) {
      ended.push_back(id);
    }
  }
  for (uint32_t id : ended)
    end_stream(id);
  if (keepalive_ && !finished_) {
    auto now = Clock::now();
    if (now - last_received_ >= kKeepAliveTimeout) {
      fail("smux keepalive timeout: nothing from the client for 30 s");
    } else if (now - last_nop_ >= kKeepAliveInterval) {
      last_nop_ = now;
      emit(encode_smux_frame(SmuxCommand::kNop, 0));
    }
  }
}

bool PortMux::accepts_input() const {
  size_t unwritten = 0;
  for (const auto& [id, stream] : streams_)
    unwritten += stream.socket.unwritten();
  return unwritten < kMuxMostUnwritten;
}

std::vector<WorkerOutput> PortMux::poll() {
  size_t budget = kMuxReadPerPoll;
  std::vector<uint32_t> ended;
  // Round robin from where the last call stopped, so one busy stream cannot starve others.
  auto start = streams_.lower_bound(next_read_);
  for (size_t visited = 0; visited < streams_.size() && budget > 0; ++visited, ++start) {
    if (start == streams_.end()) start = streams_.begin();
    auto& [id, stream] = *start;
    next_read_ = id + 1;
    if (stream.client_closed) continue;
    std::string data;
    auto read = stream.socket.read(std::min(budget, kMuxRead), data);
    if (read == DestinationSocket::Read::kEnded) {
      ended.push_back(id);
    } else if (read == DestinationSocket::Read::kData) {
      budget -= data.size();
      emit(encode_smux_frame(SmuxCommand::kPsh, id, data));
    }
  }
  for (uint32_t id : ended)
    end_stream(id);  // section 10.5: the destination's EOF closes the stream (FIN)
  std::vector<WorkerOutput> out(std::make_move_iterator(outgoing_.begin()),
                                std::make_move_iterator(outgoing_.end()));
  outgoing_.clear();
  return out;
}

void PortMux::wait_on(WorkerWait& wait, bool reading) const {
  for (const auto& [id, stream] : streams_) {
    short events = static_cast<short>((reading && !stream.client_closed ? POLLIN : 0) |
                                      (stream.socket.unwritten() ? POLLOUT : 0));
    wait.add(stream.socket.fd(), events);
  }
  if (reading && !outgoing_.empty()) wait.within(0ms);
  if (keepalive_) {
    auto now = Clock::now();
    auto next = std::min(last_nop_ + kKeepAliveInterval, last_received_ + kKeepAliveTimeout);
    wait.within(
        std::chrono::ceil<std::chrono::milliseconds>(std::max(next - now, Clock::duration(0))));
  }
}

void PortMux::flag(uint32_t value) {
  if (value == kFlagTerminateSession) finished_ = std::string();
}

}  // namespace ssmlink::emulator::sessions
