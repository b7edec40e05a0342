// Test helpers for the SSM Agent's data channel: frames written byte by byte from
// reference/ssm-session-protocol.md section 5 (not with the emulator's codec), and an
// in-memory WebSocketConnection a test drives as the client.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "emulator/sessions/websocket_connection.hpp"
#include "util/crypto.hpp"

namespace ssmlink::testing {

inline std::string big_endian(uint64_t value, int size) {
  std::string out;
  for (int i = size - 1; i >= 0; --i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  return out;
}

inline uint64_t read_big_endian(const std::string& frame, size_t offset, size_t size) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value = (value << 8) | static_cast<unsigned char>(frame[offset + i]);
  return value;
}

inline std::string random_uuid_bytes() {
  static std::mt19937_64 random(42);
  return big_endian(random(), 8) + big_endian(random(), 8);
}

// Canonical text of 16 UUID bytes.
inline std::string uuid_string(const std::string& bytes) {
  std::string hex = hex_encode(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

// Section 5.1, field by field.
inline std::string client_frame(const std::string& type, int64_t sequence, uint32_t payload_type,
                                const std::string& payload, const std::string& uuid,
                                uint64_t created_ms = 1503434274948, uint64_t flags = 0) {
  std::string padded = type;
  padded.resize(32, ' ');
  return big_endian(116, 4) + padded + big_endian(1, 4) + big_endian(created_ms, 8) +
         big_endian(static_cast<uint64_t>(sequence), 8) + big_endian(flags, 8) + uuid.substr(8, 8) +
         uuid.substr(0, 8) + sha256(payload) + big_endian(payload_type, 4) +
         big_endian(payload.size(), 4) + payload;
}

// An agent frame read by offsets (section 5.1).
struct WireMessage {
  uint64_t header_length = 0;
  std::string type;
  uint64_t schema = 0, created_ms = 0, flags = 0;
  int64_t sequence = 0;
  std::string message_id;
  std::string digest;
  uint32_t payload_type = 0;
  uint64_t payload_length = 0;
  std::string payload;
};

inline WireMessage read_wire(const std::string& frame) {
  WireMessage m;
  if (frame.size() < 120) return m;
  m.header_length = read_big_endian(frame, 0, 4);
  m.type = frame.substr(4, 32);
  while (!m.type.empty() && m.type.back() == ' ')
    m.type.pop_back();
  m.schema = read_big_endian(frame, 36, 4);
  m.created_ms = read_big_endian(frame, 40, 8);
  m.sequence = static_cast<int64_t>(read_big_endian(frame, 48, 8));
  m.flags = read_big_endian(frame, 56, 8);
  m.message_id = uuid_string(frame.substr(72, 8) + frame.substr(64, 8));
  m.digest = frame.substr(80, 32);
  m.payload_type = static_cast<uint32_t>(read_big_endian(frame, 112, 4));
  m.payload_length = read_big_endian(frame, 116, 4);
  m.payload = frame.substr(120);
  return m;
}

// The server side of a WebSocket, in memory: the test pushes the client's messages and
// reads what the agent sent.
class FakeWebSocket : public emulator::sessions::WebSocketConnection {
 public:
  std::optional<emulator::sessions::WebSocketMessage> receive(
      std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return !inbox_.empty() || closed_; });
    if (closed_ || inbox_.empty()) return std::nullopt;
    auto message = std::move(inbox_.front());
    inbox_.pop_front();
    return message;
  }
  bool closed() const override {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  void send_binary(std::string_view data) override {
    std::lock_guard lock(mutex_);
    if (!closed_) sent_.emplace_back(data);
    changed_.notify_all();
  }
  void send_text(std::string_view data) override { send_binary(data); }
  void close(uint16_t, std::string_view) override { drop(); }
  void drop() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

  void push(std::string frame, bool binary = true) {
    std::lock_guard lock(mutex_);
    inbox_.push_back({binary, std::move(frame)});
    changed_.notify_all();
  }
  // The agent's next frame after the `index`th, waiting up to `timeout`.
  std::optional<std::string> sent(size_t index, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return sent_.size() > index; });
    if (sent_.size() <= index) return std::nullopt;
    return sent_[index];
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<emulator::sessions::WebSocketMessage> inbox_;
  std::vector<std::string> sent_;
  bool closed_ = false;
};

}  // namespace ssmlink::testing
