// Session Manager's side of the SSM JSON 1.1 API: StartSession, ResumeSession,
// TerminateSession and DescribeSessions (reference ssm-session-protocol.md section 2),
// over the sessions in `registry`, whose data channels the server serves.
#pragma once
#include <memory>

#include "emulator/api.hpp"
#include "emulator/sessions/session_registry.hpp"

namespace ssmlink::emulator {

void add_session_api(ApiTable& table, std::shared_ptr<sessions::SessionRegistry> registry);

// The session type a document runs (reference 2.4); nullopt for a document that the
// emulator does not know. Empty name: SSM-SessionManagerRunShell.
std::optional<std::string> session_type_of(const std::string& document_name);

}  // namespace ssmlink::emulator
