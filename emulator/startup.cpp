#include "emulator/startup.hpp"

#include <pthread.h>

#include <csignal>
#include <mutex>
#include <ostream>
#include <stdexcept>

#include "emulator/iam/iam_api.hpp"
#include "emulator/options.hpp"
#include "emulator/organizations/organizations_api.hpp"
#include "emulator/server.hpp"
#include "emulator/sts/sts_api.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

namespace {

constexpr const char* program = "ssmlink-emulator";

// The command line's timings and organization win over a scenario's, after every load.
void apply_options(World& world, const EmulatorOptions& options) {
  if (options.provision) world.timings.provision = *options.provision;
  if (options.online_delay) world.timings.online_delay = *options.online_delay;
  if (options.accounts) {
    std::vector<std::string> units = kDefaultUnitNames;
    if (world.organization && !world.organization->units.empty()) {
      units.clear();
      for (const auto& unit : world.organization->units)
        units.push_back(unit.name);
    }
    std::optional<std::vector<std::string>> regions;
    if (world.organization) regions = world.organization->member_regions;
    world.organization = generate_organization(world.account_id, *options.accounts, units,
                                               world.random, std::chrono::system_clock::now());
    if (regions) world.organization->member_regions = *regions;
    world.members.clear();
  }
}

ServerHooks hooks_for(const EmulatorParts& parts, const EmulatorOptions& options) {
  ServerHooks hooks;
  hooks.reset_world = [load = parts.load_scenario_file, options](World& world) {
    load(world, options.scenario_path);
    apply_options(world, options);
  };
  if (parts.load_scenario) {
    hooks.load_scenario = [load = parts.load_scenario, options](World& world,
                                                                const nlohmann::json& scenario) {
      load(world, scenario);
      apply_options(world, options);
    };
  }
  hooks.dump_world = parts.dump_world;
  return hooks;
}

// SIGINT and SIGTERM are taken by sigwait on this thread: blocked here before any thread
// starts, so that every thread inherits the mask and none is interrupted.
class BlockedSignals {
 public:
  BlockedSignals() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
  }
  ~BlockedSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

  void wait() const {
    int signal = 0;
    while (sigwait(&signals_, &signal) != 0) {
    }
  }

 private:
  sigset_t signals_;
  sigset_t previous_;
};

}  // namespace

int run_emulator(const std::vector<std::string>& args, const EmulatorParts& parts,
                 std::ostream& out, std::ostream& err) {
  auto options = parse_options(args);
  if (!options) {
    err << program << ": error: " << options.error() << std::endl;
    return 2;
  }
  if (options->help) {
    out << usage() << std::flush;
    return 0;
  }
  if (auto refusal = refuse_host(*options)) {
    err << program << ": error: " << *refusal << std::endl;
    return 2;
  }
  if (!parts.load_scenario_file) {
    err << program << ": error: this build has no scenario loader" << std::endl;
    return 1;
  }

  World world;
  try {
    std::lock_guard lock(world.mutex);
    world.random.seed(options->seed);
    parts.load_scenario_file(world, options->scenario_path);
    apply_options(world, *options);
  } catch (const std::exception& error) {
    err << program << ": error: " << error.what() << std::endl;
    return 2;
  }

  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is not our death
  BlockedSignals signals;

  ApiTable api;
  add_sts_api(api);
  add_iam_api(api);
  add_organizations_api(api);
  std::shared_ptr<void> services;  // outlives the server, declared before it
  if (parts.attach_services) services = parts.attach_services(world, api);
  // Only now is it known which operations there are: a fault for another would never strike.
  if (auto unserved = unserved_operation(options->faults.operations, api)) {
    err << program << ": error: --fault-op " << *unserved << std::endl;
    return 2;
  }

  ServerOptions server_options;
  server_options.host = options->host;
  server_options.port = options->port;
  server_options.faults = options->faults;
  server_options.seed = options->seed;
  server_options.hooks = hooks_for(parts, *options);
  if (parts.sessions) {
    sessions::SessionDefaults defaults;
    defaults.faults = options->session_faults;
    defaults.faults.seed = options->seed;
    defaults.shell = options->session_shell;
    parts.sessions->set_defaults(defaults);
    server_options.sessions = parts.sessions;
  }
  Server server(world, std::move(api), std::move(server_options));
  try {
    server.start();
  } catch (const std::exception& error) {
    err << program << ": error: " << error.what() << std::endl;
    return 1;
  }
  out << "listening on " << server.url() << std::endl;

  signals.wait();
  server.stop();
  return 0;
}

}  // namespace ssmlink::emulator
