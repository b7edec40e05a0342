// The status report as a table for people and as JSON for scripts.
#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "workflows/status.hpp"

namespace ssmlink::cli {

// "0:47" under a day (hours:minutes), "3d 2h" from a day on.
std::string format_duration(std::chrono::seconds duration);

std::string status_text(const workflows::StatusReport& report, bool color);
nlohmann::ordered_json status_json(const workflows::StatusReport& report);

}  // namespace ssmlink::cli
