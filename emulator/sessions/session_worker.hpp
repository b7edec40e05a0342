// What a session runs behind the data channel (a pty shell, one command, a TCP
// connection), as the agent's loop drives it: without blocking, from one thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/sessions/agent_message.hpp"

namespace ssmlink::emulator::sessions {

// Section 12: data is read and sent in chunks of at most 1024 bytes.
inline constexpr size_t kStreamChunk = 1024;

struct WorkerOutput {
  PayloadType type = PayloadType::kOutput;
  std::string data;
};

class SessionWorker {
 public:
  virtual ~SessionWorker() = default;
  // Output available now (never waits), in order.
  virtual std::vector<WorkerOutput> poll() = 0;
  // The client's Output payload (keystrokes, TCP bytes).
  virtual void input(std::string_view bytes) = 0;
  // Size payload (section 9.2); ignored where there is no terminal.
  virtual void resize(uint16_t /*cols*/, uint16_t /*rows*/) {}
  // Flag payload (section 10.4).
  virtual void flag(uint32_t /*value*/) {}
  // Set once the work is over: the channel_closed Output ("" for a normal end).
  virtual std::optional<std::string> finished() const = 0;
};

}  // namespace ssmlink::emulator::sessions
