// The client's half of the handshake (reference section 8): the agent's HandshakeRequest is
// answered with a HandshakeResponse, then HandshakeComplete ends it. Pure functions; the
// data channel sends and sequences the messages.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "session/result.hpp"

namespace ssmlink::session {

// Section 2.4: the agent's session types. The plugin runs the first three the same way (a
// shell); NonInteractiveCommands also sends StdErr and ExitCode payloads (section 9.4).
enum class SessionType { StandardStream, InteractiveCommands, NonInteractiveCommands, Port };
std::string_view session_type_name(SessionType type);  // "Standard_Stream", ...
std::optional<SessionType> parse_session_type(std::string_view name);

// ActionStatus of a ProcessedClientAction (section 8.3).
enum class ActionStatus { Success = 1, Failed = 2, Unsupported = 3 };

struct HandshakeAnswer {
  std::string response_payload;  // HandshakeResponse JSON, to send as PayloadType 6
  std::string agent_version;     // for the version checks of section 11 ("" if absent)
  std::optional<SessionType> session_type;
  // The SessionType action's Properties (port sessions: portNumber, localPortNumber, type,
  // host...). String values as they are, other values as JSON text.
  std::map<std::string, std::string> properties;
  // Why the session cannot go on (an unknown session type, KMS encryption asked for); the
  // same texts are in the response's Errors. Empty: wait for HandshakeComplete.
  std::vector<std::string> errors;
};

// Answers every requested action, in order:
// - SessionType: Success for the four known types, Failed for any other.
// - KMSEncryption: Failed, with a message naming the key and what to do. ssmlink does not
//   implement the session encryption (section 8.5); refusing makes the agent cancel the
//   session (section 8.5, step 9), so there is neither a hang nor plaintext where encryption was
//   asked for.
// - anything else: Unsupported (not the plugin's quirk of status 0, section 14).
// The error is for a payload that is not a HandshakeRequest at all.
Result<HandshakeAnswer> answer_handshake_request(std::string_view payload,
                                                 std::string_view client_version);

// Section 8.4.
struct HandshakeComplete {
  int64_t time_to_complete_ns = 0;
  std::string customer_message;  // to show the user when not empty
};
Result<HandshakeComplete> parse_handshake_complete(std::string_view payload);

}  // namespace ssmlink::session
