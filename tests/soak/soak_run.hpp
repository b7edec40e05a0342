// The soak itself: cycles of up -> status -> down under faults, then commands killed with
// SIGKILL at a random moment and run again, each checked against the emulator's world.
#pragma once
#include "tests/soak/soak_emulator.hpp"
#include "tests/soak/soak_options.hpp"
#include "tests/soak/soak_report.hpp"
#include "tests/soak/ssmlink_command.hpp"

namespace ssmlink::soak {

class Soak {
 public:
  Soak(const SoakOptions& options, SoakEmulator& emulator, SoakReport& report)
      : options_(options),
        emulator_(emulator),
        report_(report),
        runner_(options.ssmlink, emulator.url(), options.command_timeout) {}

  void run_cycles();
  void run_kills();

 private:
  // Runs one command with the soak's faults or none, and counts its API calls.
  CommandResult command(const std::vector<std::string>& args, bool faults,
                        std::optional<std::chrono::milliseconds> kill_after = std::nullopt);
  // Gets the world back to the scenario's, faults off: "" when it already was, "down"
  // when ssmlink down did it, "reset" when only reloading the scenario did.
  std::string clean_up(const WorldState& state);
  // Sets the world up so that `command` has work to do: "" or what went wrong.
  std::string prepare_kill(const std::string& command);
  void run_kill(KillRecord& kill);

  const SoakOptions& options_;
  SoakEmulator& emulator_;
  SoakReport& report_;
  SsmlinkRunner runner_;
};

}  // namespace ssmlink::soak
