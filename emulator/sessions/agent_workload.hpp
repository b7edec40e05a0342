// Which worker a session runs and whether a handshake comes first, from the session type,
// its parameters and the agent and client versions (reference sections 1, 10.1 and 11).
#pragma once
#include <expected>
#include <memory>
#include <string>

#include "emulator/sessions/session_worker.hpp"

namespace ssmlink::emulator::sessions {

struct SessionSpec;

// Section 1: NonInteractiveCommands and Port always shake hands; shells only for KMS.
bool needs_handshake(const SessionSpec& spec);
// Non-empty when the session asks for what the emulator does not do (KMS encryption, an
// unknown session type): the reason, said to the client instead of running in plaintext.
std::string unsupported_request(const SessionSpec& spec);
// Section 8.4: the CustomerMessage for HandshakeComplete.
std::string customer_message(const SessionSpec& spec, const std::string& client_version);
// Starts the session's work; the error is for the client (channel_closed Output).
std::expected<std::unique_ptr<SessionWorker>, std::string> start_worker(
    const SessionSpec& spec, const std::string& client_version);

}  // namespace ssmlink::emulator::sessions
