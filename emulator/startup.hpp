// How the ssmlink-emulator executable starts: the command line, the scenario, the
// services, the server, and the signals that end it. run_emulator does it all with the
// parts it is given, so that it can be tested without the parts the other engineers own;
// main.cpp hands it the real ones.
#pragma once
#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/api.hpp"
#include "emulator/sessions/session_registry.hpp"

namespace ssmlink::emulator {

// Scenario loading belongs to the world part, which defines these two (in its own file).
// Each replaces the world's account (regions, networks, instances, keys) with the
// scenario's and throws std::exception whose message names the bad value (and the file).
// `path` empty: the default scenario, emulator/scenarios/seed.json.
void load_scenario_file(World& world, const std::string& path);
void load_scenario(World& world, const nlohmann::json& scenario);

struct EmulatorParts {
  // Required: loads --scenario at start and again on POST /_emulator/reset.
  std::function<void(World&, const std::string&)> load_scenario_file;
  // POST /_emulator/scenario; without it that endpoint answers 501.
  std::function<void(World&, const nlohmann::json&)> load_scenario;
  // GET /_emulator/state; without it the core's minimal dump.
  std::function<nlohmann::json(World&)> dump_world;
  // Adds the services' handlers besides STS (EC2, SSM, CloudFormation) and starts what
  // they run (CloudFormation's engine); what it returns lives until the server has stopped.
  std::function<std::shared_ptr<void>(World&, ApiTable&)> attach_services;
  // The Session Manager sessions attach_services' SSM API starts; the server serves their
  // data channels. Without it, no data channel opens.
  std::shared_ptr<sessions::SessionRegistry> sessions;
};

// The whole program: parses `args` (without the program name), serves until SIGINT or
// SIGTERM, and returns the exit code: 0 after a signal or --help, 2 for bad usage or a bad
// scenario, 1 when it cannot listen. Prints "listening on http://HOST:PORT" to `out` once
// it accepts connections; errors go to `err` as one line.
int run_emulator(const std::vector<std::string>& args, const EmulatorParts& parts,
                 std::ostream& out, std::ostream& err);

}  // namespace ssmlink::emulator
