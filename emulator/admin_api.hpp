// The emulator's own API under /_emulator/ (outside every AWS path, and unsigned): reset
// the world, load a scenario, dump the state, read the request log, set faults, health.
// Bad input gets 400 and {"error": "..."} naming the bad value; faults never apply here.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "emulator/faults.hpp"
#include "emulator/request_log.hpp"
#include "emulator/router.hpp"

namespace ssmlink::emulator {

namespace sessions {
class SessionRegistry;
}

// What the other parts plug into the admin API. Each runs with the World locked and may
// throw std::exception with a message for the caller (400).
struct ServerHooks {
  // POST /_emulator/scenario: replace the world with the scenario. Without it, that
  // endpoint answers 501.
  std::function<void(World&, const nlohmann::json&)> load_scenario;
  // POST /_emulator/reset: back to the scenario loaded at start. Without it, the world is
  // emptied (no regions, the default key).
  std::function<void(World&)> reset_world;
  // GET /_emulator/state. Without it, minimal_world_dump.
  std::function<nlohmann::json(World&)> dump_world;
};

struct AdminContext {
  World& world;
  const ApiTable& api;  // the operations a fault may be set for
  Faults& faults;
  RequestLog& requests;
  const ServerHooks& hooks;
  // Session Manager sessions (state dump, session faults, dropping a data channel); null:
  // those endpoints answer 501.
  sessions::SessionRegistry* sessions = nullptr;
};

// `path` starts with /_emulator/. Besides the core's endpoints:
//   GET|POST /_emulator/session-faults {"drop":0.1,"duplicate":0,"reorder":0,"delay":0,
//     "delay_ms":200,"seed":1}: the data-channel faults of sessions started from now on;
//   POST /_emulator/sessions/<session-id>/drop: cut that session's WebSocket now.
HttpReply handle_admin(AdminContext& context, std::string_view method, std::string_view path,
                       std::string_view body);

// What the core knows of a world: account, keys (without secrets), timings, and per
// region the IDs of what it holds. Call with the world locked.
nlohmann::json minimal_world_dump(const World& world);

// GET /_emulator/faults: {"throttle", "5xx", "html", "truncate", "latency_ms", "reset",
// "seed", "operations": {"ssm:DescribeInstanceInformation": "html", ...}}.
nlohmann::json faults_json(const Faults& faults);

}  // namespace ssmlink::emulator
