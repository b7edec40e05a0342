// The whole world as JSON, for the admin API's state dump: the scenario format
// (scenario.hpp), so a dump loads back as a scenario, plus facts under "_" keys the loader
// ignores: each instance's path verdict (reachable, blockers) and SSM status, each interface
// endpoint's network interfaces and addresses, the timings and the access key IDs (never
// the secrets: a reloaded dump gets the default key).
#pragma once
#include <nlohmann/json.hpp>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

nlohmann::json dump_world(const World& world, TimePoint now);
nlohmann::json dump_world(const World& world);  // now = the system clock

}  // namespace ssmlink::emulator
