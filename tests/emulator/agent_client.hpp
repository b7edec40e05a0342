// A test client for AgentSession: it serves the session on a FakeWebSocket in a thread,
// sends input_stream_data with its own sequence numbers, and reassembles the agent's
// output in order (duplicates dropped), acknowledging it unless told not to.
#pragma once
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "emulator/sessions/agent_session.hpp"
#include "tests/emulator/agent_wire.hpp"

namespace ssmlink::testing {

class AgentClient {
 public:
  explicit AgentClient(emulator::sessions::AgentSession& session) : session_(session) { connect(); }
  ~AgentClient() { disconnect(); }

  // A new connection (ResumeSession): the old one is cut and serve() runs again.
  void connect() {
    disconnect();
    socket_ = std::make_unique<FakeWebSocket>();
    read_index_ = 0;
    serving_ = std::thread([this, socket = socket_.get()] { session_.serve(*socket); });
  }
  void disconnect() {
    if (socket_) socket_->drop();
    if (serving_.joinable()) serving_.join();
  }
  // Waits for serve() to return on its own.
  bool wait_served(std::chrono::milliseconds timeout) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (!socket_->closed() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!socket_->closed()) return false;
    serving_.join();
    return true;
  }

  std::string send(uint32_t payload_type, const std::string& payload) {
    std::string uuid = random_uuid_bytes();
    std::string frame =
        client_frame("input_stream_data", next_sequence_, payload_type, payload, uuid);
    unacked_[next_sequence_++] = frame;
    socket_->push(std::move(frame));
    return uuid_string(uuid);
  }
  // Sends again the oldest `count` messages the agent has not acknowledged (as a client's
  // retransmission would), after forgetting those it has.
  void resend_unacked(size_t count = 64) {
    for (const auto& ack : acks_)
      unacked_.erase(ack["AcknowledgedMessageSequenceNumber"].get<int64_t>());
    acks_.clear();
    for (auto it = unacked_.begin(); it != unacked_.end() && count > 0; ++it, --count)
      socket_->push(it->second);
  }
  void send_with_sequence(int64_t sequence, uint32_t payload_type, const std::string& payload) {
    socket_->push(
        client_frame("input_stream_data", sequence, payload_type, payload, random_uuid_bytes()));
  }
  void push_raw(const std::string& frame, bool binary = true) { socket_->push(frame, binary); }
  void ack(const WireMessage& m) {
    nlohmann::json body = {{"AcknowledgedMessageType", m.type},
                           {"AcknowledgedMessageId", m.message_id},
                           {"AcknowledgedMessageSequenceNumber", m.sequence},
                           {"IsSequentialMessage", true}};
    socket_->push(
        client_frame("acknowledge", 0, 0, body.dump(), random_uuid_bytes(), 1700000000000, 3));
  }

  // The next frame the agent sent on this connection.
  std::optional<WireMessage> next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto frame = socket_->sent(read_index_, timeout);
    if (!frame) return std::nullopt;
    ++read_index_;
    WireMessage m = read_wire(*frame);
    raw_.push_back(*frame);
    return m;
  }

  // Reads until `done` holds for the in-order stream, acking each new output message.
  // Returns false on timeout or channel_closed.
  bool read_until(const std::function<bool()>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      auto m = next(left);
      if (!m) return false;
      take(*m);
      if (closed_) return done();
    }
    return true;
  }
  bool read_text(const std::string& needle,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return read_until([&] { return output_.find(needle) != std::string::npos; }, timeout);
  }
  bool read_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return read_until([&] { return closed_.has_value(); }, timeout);
  }

  // Handles one agent frame as a client would: in-order output kept, acks counted.
  void take(const WireMessage& m) {
    if (m.type == "acknowledge") {
      acks_.push_back(nlohmann::json::parse(m.payload));
    } else if (m.type == "channel_closed") {
      closed_ = nlohmann::json::parse(m.payload);
    } else if (m.type == "output_stream_data") {
      if (auto_ack_) ack(m);
      if (m.sequence >= expected_) held_[m.sequence] = m;
      while (held_.count(expected_)) {
        const WireMessage& in_order = held_[expected_];
        by_type_[in_order.payload_type] += in_order.payload;
        if (in_order.payload_type == 1) output_ += in_order.payload;
        stream_.push_back(in_order);
        held_.erase(expected_++);
      }
    }
  }

  std::string output_;                       // Output payloads in order
  std::map<uint32_t, std::string> by_type_;  // every payload type's bytes in order
  std::vector<WireMessage> stream_;          // in-order output_stream_data
  std::vector<nlohmann::json> acks_;
  std::optional<nlohmann::json> closed_;
  std::vector<std::string> raw_;
  bool auto_ack_ = true;
  int64_t next_sequence_ = 0;
  int64_t expected_ = 0;

 private:
  emulator::sessions::AgentSession& session_;
  std::unique_ptr<FakeWebSocket> socket_;
  std::thread serving_;
  size_t read_index_ = 0;
  std::map<int64_t, WireMessage> held_;
  std::map<int64_t, std::string> unacked_;  // input_stream_data frames by sequence
};

}  // namespace ssmlink::testing
