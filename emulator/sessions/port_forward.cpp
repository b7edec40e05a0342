#include "emulator/sessions/port_forward.hpp"

#include <stdexcept>

namespace ssmlink::emulator::sessions {

PortForward::PortForward(std::string address, uint16_t port, bool reconnect)
    : address_(std::move(address)), port_(port), reconnect_(reconnect) {
  dial();
}

void PortForward::dial() {
  auto dialled = DestinationSocket::dial(address_, port_);
  if (!dialled) throw std::runtime_error(dialled.error());
  socket_ = std::move(*dialled);
}

void PortForward::destination_closed() {
  socket_.close();
  if (!reconnect_) finished_ = std::string();  // section 10.2: destination EOF ends it
}

void PortForward::flush() {
  if (socket_.unwritten() > 0 && !socket_.flush()) destination_closed();
}

std::vector<WorkerOutput> PortForward::poll() {
  std::vector<WorkerOutput> out;
  // A bounded amount per call, so input and acks keep flowing under a flood.
  for (int chunk = 0; chunk < 16 && socket_.is_open(); ++chunk) {
    std::string data;
    auto read = socket_.read(kStreamChunk, data);
    if (read == DestinationSocket::Read::kNothing) break;
    if (read == DestinationSocket::Read::kEnded) {
      destination_closed();
      break;
    }
    out.push_back({PayloadType::kOutput, std::move(data)});
  }
  return out;
}

void PortForward::wait_on(WorkerWait& wait, bool reading) const {
  short events = static_cast<short>((reading ? POLLIN : 0) | (socket_.unwritten() ? POLLOUT : 0));
  wait.add(socket_.fd(), events);
}

void PortForward::input(std::string_view bytes) {
  if (finished_) return;
  if (!socket_.is_open()) {
    try {
      dial();  // section 10.3: after DisconnectToPort, the next Output dials again
    } catch (const std::exception& error) {
      finished_ = std::string("Unable to reconnect to the destination: ") + error.what();
      return;
    }
  }
  socket_.write(bytes);
}

void PortForward::flag(uint32_t value) {
  if (value == kFlagDisconnectToPort) socket_.close();
  if (value == kFlagTerminateSession) finished_ = std::string();
}

}  // namespace ssmlink::emulator::sessions
