// What a session runs behind the data channel (a pty shell, one command, a TCP
// connection), as the agent's loop drives it: without blocking, from one thread.
#pragma once
#include <poll.h>

#include <algorithm>
#include <chrono>
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

// What the agent's loop waits on for a worker (poll(2)): its descriptors, and the longest
// it may sleep when none of them is ready (for what has no descriptor: a child's exit
// status, a keepalive timer). A worker with nothing to wait for leaves both alone.
struct WorkerWait {
  std::vector<pollfd> fds;
  std::chrono::milliseconds at_most = std::chrono::milliseconds::max();

  void add(int fd, short events) {
    if (fd >= 0 && events != 0) fds.push_back({fd, events, 0});
  }
  void within(std::chrono::milliseconds limit) { at_most = std::min(at_most, limit); }
};

class SessionWorker {
 public:
  virtual ~SessionWorker() = default;
  // Output available now (never waits), in order. The loop calls it only while it may
  // send more (its window of unacknowledged messages is open).
  virtual std::vector<WorkerOutput> poll() = 0;
  // What poll() and input() are waiting for. `reading`: whether the loop will call poll()
  // (false while its window is full: then no POLLIN, or poll(2) would wake for nothing).
  // The default, for a worker that cannot say, wakes the loop every 5 ms.
  virtual void wait_on(WorkerWait& wait, bool /*reading*/) const {
    wait.within(std::chrono::milliseconds(5));
  }
  // False while the worker holds as much unwritten input as it may (its destination is
  // slow): the loop then stops taking the client's messages, so the client's window fills
  // instead of this process's memory.
  virtual bool accepts_input() const { return true; }
  // Writes what waits for a slow destination; called on every pass of the loop, window
  // open or not.
  virtual void flush() {}
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
