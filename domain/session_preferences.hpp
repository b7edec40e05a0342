// Session Manager preferences, from the content of the SSM-SessionManagerRunShell
// document (a JSON document: {"schemaVersion": "1.0", "inputs": {"kmsKeyId": ...}}).
#pragma once
#include <string_view>

#include "domain/inventory.hpp"
#include "domain/result.hpp"

namespace ssmlink::domain {

Result<SessionPreferences> parse_session_preferences(std::string_view document_content);

}  // namespace ssmlink::domain
