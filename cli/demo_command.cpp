// `ssmlink demo`: the emulator in this process (the seed's VPC), then the real commands
// over real HTTP against it: doctor -> up -> status -> down. Each step must end as it
// should (doctor finds the missing path, up brings the instance Online, down leaves
// nothing behind) for the demo to exit 0.
#include <CLI/CLI.hpp>
#include <memory>
#include <mutex>
#include <ostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "emulator/assembly.hpp"
#include "emulator/server.hpp"
#include "emulator/sts/sts_api.hpp"
#include "emulator/world.hpp"

namespace ssmlink::cli {

namespace {

// The built-in seed scenario's instance and region (emulator/scenarios/seed.json).
constexpr const char* kInstance = "i-0a1b2c3d4e5f67890";
constexpr const char* kRegion = "us-east-1";

struct Step {
  std::vector<std::string> args;
  int expected;
  const char* meaning;
};

class InProcessEmulator {
 public:
  InProcessEmulator() : parts_(emulator::complete_emulator()) {
    {
      std::lock_guard lock(world_.mutex);
      parts_.load_scenario_file(world_, "");
      // Slow enough to watch, fast enough for a demo.
      world_.timings.provision = std::chrono::milliseconds(1200);
      world_.timings.online_delay = std::chrono::milliseconds(1500);
    }
    emulator::ApiTable api;
    emulator::add_sts_api(api);
    services_ = parts_.attach_services(world_, api);
    emulator::ServerOptions options;
    options.sessions = parts_.sessions;  // so that a demo's StartSession gets a data channel
    server_ = std::make_unique<emulator::Server>(world_, std::move(api), std::move(options));
    server_->start();
  }
  ~InProcessEmulator() { server_->stop(); }
  std::string url() const { return server_->url(); }

 private:
  emulator::World world_;
  emulator::EmulatorParts parts_;
  std::shared_ptr<void> services_;  // outlives the server
  std::unique_ptr<emulator::Server> server_;
};

}  // namespace

Action register_demo(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "demo", "run doctor, up, status and down against the built-in AWS emulator (no AWS needed)");
  command->add_flag("--no-color", context.global.no_color, "no colours");
  command->footer(
      "The emulator listens on a free 127.0.0.1 port for the demo's length; nothing leaves this "
      "machine.\nExamples:\n  ssmlink demo\n  make demo    (sets up, builds and runs it)");
  return [&context]() {
    std::unique_ptr<InProcessEmulator> started;
    try {
      started = std::make_unique<InProcessEmulator>();
    } catch (const std::exception& error) {
      context.err << "ssmlink: error: demo: cannot start the emulator: " << error.what()
                  << " (is 127.0.0.1 available?)\n";
      return static_cast<int>(kCloudFailed);
    }
    InProcessEmulator& emulator = *started;
    MapEnvironment env({{"AWS_ENDPOINT_URL", emulator.url()},
                        {"AWS_ACCESS_KEY_ID", "test"},
                        {"AWS_SECRET_ACCESS_KEY", "test"},
                        {"AWS_REGION", kRegion},
                        {"AWS_CONFIG_FILE", "/dev/null"},
                        {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
                        {"AWS_EC2_METADATA_DISABLED", "true"}});
    if (context.global.no_color || context.env.get("NO_COLOR")) env.set("NO_COLOR", "1");
    context.out << "Emulator " << emulator.url()
                << "  (the seed's VPC: a private subnet, no endpoints, no NAT)\n\n";
    const std::vector<Step> steps = {
        {{"doctor", "--instance", kInstance}, kBlocked, "doctor finds no path to SSM"},
        {{"up", "--instance", kInstance, "--ttl", "1h"}, kSuccess, "up brings it Online"},
        {{"status"}, kSuccess, "status lists the stack"},
        {{"down", "--instance", kInstance}, kSuccess, "down deletes it"},
        {{"status"}, kSuccess, "nothing is left"},
    };
    for (const auto& step : steps) {
      std::string line = "$ ssmlink";
      for (const auto& arg : step.args)
        line += " " + arg;
      context.out << line << "\n" << std::flush;
      int code = run(step.args, context.out, context.err, env, context.out_is_terminal);
      if (code != step.expected) {
        context.err << "ssmlink: demo: \"" << line.substr(2) << "\" exited " << code
                    << ", expected " << step.expected << " (" << step.meaning
                    << "); please report it\n";
        return static_cast<int>(kCloudFailed);
      }
      context.out << "\n";
    }
    context.out << "Demo complete: every step did what it should.\n";
    return static_cast<int>(kSuccess);
  };
}

}  // namespace ssmlink::cli
