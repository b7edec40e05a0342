#include "domain/session_preferences.hpp"

#include <nlohmann/json.hpp>

namespace ssmlink::domain {

Result<SessionPreferences> parse_session_preferences(std::string_view content) {
  auto document = nlohmann::json::parse(content, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return fail("SSM-SessionManagerRunShell is not a JSON document");
  }
  const auto inputs = document.value("inputs", nlohmann::json::object());
  if (!inputs.is_object()) return fail("SSM-SessionManagerRunShell has no \"inputs\" object");
  auto text = [&](const char* key) -> std::string {
    auto it = inputs.find(key);
    return it != inputs.end() && it->is_string() ? it->get<std::string>() : "";
  };
  // Logs only stream when the group is set (cloudWatchStreamingEnabled changes how, not if).
  return SessionPreferences{text("kmsKeyId"), text("cloudWatchLogGroupName"), text("s3BucketName")};
}

}  // namespace ssmlink::domain
