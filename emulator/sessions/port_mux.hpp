// A Port session's multiplexed mode (reference section 10.5): the agent's smux v1 server
// over the concatenated Output payloads, one destination connection per client stream.
// As the agent does: a SYN dials the destination (on failure, Flag ConnectToPortError
// and a FIN for that stream); the destination's EOF sends FIN; a FIN from the client
// closes the destination once what it sent is written; NOP keepalives only for clients
// that expect them (ClientVersion <= 1.2.331.0).
#pragma once
#include <chrono>
#include <deque>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/sessions/destination_socket.hpp"
#include "emulator/sessions/session_worker.hpp"
#include "emulator/sessions/smux_codec.hpp"

namespace ssmlink::emulator::sessions {

class PortMux : public SessionWorker {
 public:
  // `destination`: the address every stream dials, or why none may be dialled (an unknown
  // host: each stream is then refused with ConnectToPortError).
  PortMux(std::expected<std::string, std::string> destination, uint16_t port, bool keepalive);

  std::vector<WorkerOutput> poll() override;
  void wait_on(WorkerWait& wait, bool reading) const override;
  void flush() override;
  bool accepts_input() const override;
  void input(std::string_view bytes) override;
  void flag(uint32_t value) override;
  std::optional<std::string> finished() const override { return finished_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Stream {
    DestinationSocket socket;
    bool client_closed = false;  // FIN received: close once what it sent is written
  };

  void handle(SmuxFrame frame);
  void open_stream(uint32_t id);
  // Sends FIN for `id` and forgets it (its destination is closed).
  void end_stream(uint32_t id);
  void emit(std::string_view smux_bytes);
  void emit_flag(uint32_t value);
  void fail(const std::string& reason);

  std::expected<std::string, std::string> destination_;
  uint16_t port_;
  bool keepalive_;
  SmuxDecoder decoder_;
  std::map<uint32_t, Stream> streams_;
  uint32_t next_read_ = 0;  // where the next poll() starts reading, for fairness
  std::deque<WorkerOutput> outgoing_;
  Clock::time_point last_received_ = Clock::now(), last_nop_ = Clock::now();
  std::optional<std::string> finished_;
};

}  // namespace ssmlink::emulator::sessions
