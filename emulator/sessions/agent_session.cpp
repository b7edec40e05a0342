// STUB: replaced by the real agent at merge
// Echoes every binary message back, so that the server, the registry and the API can be
// tested before the agent exists; terminate() closes the connection.
#include "emulator/sessions/agent_session.hpp"

#include <atomic>
#include <mutex>

namespace ssmlink::emulator::sessions {

struct AgentSession::State {
  SessionSpec spec;
  std::mutex mutex;
  WebSocketConnection* connection = nullptr;
  bool ended = false;
};

AgentSession::AgentSession(SessionSpec spec, DataChannelFaults)
    : state_(std::make_unique<State>()) {
  state_->spec = std::move(spec);
}

AgentSession::~AgentSession() = default;

void AgentSession::serve(WebSocketConnection& connection) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->ended) return;
    state_->connection = &connection;
  }
  while (!connection.closed()) {
    auto message = connection.receive(std::chrono::milliseconds(200));
    if (message && message->binary) connection.send_binary(message->data);
    std::lock_guard lock(state_->mutex);
    if (state_->ended) break;
  }
  std::lock_guard lock(state_->mutex);
  state_->connection = nullptr;
}

void AgentSession::terminate(const std::string& reason) {
  std::lock_guard lock(state_->mutex);
  state_->ended = true;
  if (state_->connection) state_->connection->close(1000, reason);
}

bool AgentSession::ended() const {
  std::lock_guard lock(state_->mutex);
  return state_->ended;
}

std::string AgentSession::status() const {
  std::lock_guard lock(state_->mutex);
  if (state_->ended) return "Terminated";
  return state_->connection ? "Connected" : "Connecting";
}

}  // namespace ssmlink::emulator::sessions
