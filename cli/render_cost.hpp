// The cost comparison as a table for people and as JSON for scripts.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "workflows/cost.hpp"

namespace ssmlink::cli {

std::string cost_text(const workflows::CostReport& report);
nlohmann::ordered_json cost_json(const workflows::CostReport& report);

}  // namespace ssmlink::cli
