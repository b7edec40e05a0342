// A Port session's basic and standard-stream modes (reference section 10.2-10.4): one TCP
// connection to the destination, its bytes both ways as Output payloads.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "emulator/sessions/destination_socket.hpp"
#include "emulator/sessions/session_worker.hpp"

namespace ssmlink::emulator::sessions {

class PortForward : public SessionWorker {
 public:
  // `reconnect`: LocalPortForwarding (basic), where a closed destination is dialled again
  // on the next Output; otherwise (AWS-StartSSHSession) its EOF ends the session.
  // Dials at once; throws std::runtime_error with the reason when it cannot.
  PortForward(std::string address, uint16_t port, bool reconnect);

  std::vector<WorkerOutput> poll() override;
  void wait_on(WorkerWait& wait, bool reading) const override;
  void flush() override;
  bool accepts_input() const override { return socket_.unwritten() < kMostUnwritten; }
  void input(std::string_view bytes) override;
  void flag(uint32_t value) override;
  std::optional<std::string> finished() const override { return finished_; }

 private:
  void dial();
  void destination_closed();

  std::string address_;
  uint16_t port_;
  bool reconnect_;
  DestinationSocket socket_;
  std::optional<std::string> finished_;
};

// Section 10.4.
inline constexpr uint32_t kFlagDisconnectToPort = 1;
inline constexpr uint32_t kFlagTerminateSession = 2;
inline constexpr uint32_t kFlagConnectToPortError = 3;

}  // namespace ssmlink::emulator::sessions
