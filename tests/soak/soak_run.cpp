#include "tests/soak/soak_run.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <random>

#include "tests/soak/stop_request.hpp"
#include "tests/support/seed_ids.hpp"
#include "util/strings.hpp"

namespace ssmlink::soak {

namespace {

using testing::seed::kInstance;
using testing::seed::kVpc;

const std::vector<std::string> kUp = {"up", "--instance", kInstance, "--ttl", "1h"};
const std::vector<std::string> kStatus = {"status"};
const std::vector<std::string> kDown = {"down", "--instance", kInstance};

void add_duplicates(std::vector<std::string>& seen, const WorldState& state) {
  for (const auto& id : state.duplicates()) {
    if (std::find(seen.begin(), seen.end(), id) == seen.end()) seen.push_back(id);
  }
}

// What is wrong with the world after `command` ran to completion, if anything.
std::vector<std::string> convergence_problems(const std::string& command, const WorldState& state) {
  std::vector<std::string> problems;
  if (command == "down") {
    for (const auto& left : state.leftovers())
      problems.push_back("left over: " + left);
    return problems;
  }
  auto stacks = state.ssmlink_stacks(kVpc);
  if (stacks.size() != 1) {
    problems.push_back(std::to_string(stacks.size()) + " live ssmlink stacks for " + kVpc +
                       " (expected 1)");
  } else if (stacks.front().status != "CREATE_COMPLETE") {
    problems.push_back("stack " + stacks.front().name + " is " + stacks.front().status +
                       " (expected CREATE_COMPLETE)");
  }
  return problems;
}

std::string step_summary(const Step& step) {
  char text[160];
  std::snprintf(text, sizeof text, "%s %s %.1f s (%d calls, %d faults)", step.label.c_str(),
                step.outcome.c_str(), step.seconds, step.requests.calls, step.requests.faults());
  return text;
}

}  // namespace

CommandResult Soak::command(const std::vector<std::string>& args, bool faults,
                            std::optional<std::chrono::milliseconds> kill_after) {
  emulator_.set_faults(faults);
  emulator_.clear_requests();
  CommandResult result = runner_.run(args, kill_after);
  result.requests = emulator_.request_stats();
  if (result.interrupted) report_.interrupted = true;
  return result;
}

std::string Soak::clean_up(const WorldState& state) {
  if (state.leftovers().empty() || stop_requested()) return "";
  report_.count("cleanup", command(kDown, false));
  WorldState after = emulator_.state();
  for (const auto& stack : after.stacks) {
    if (stack.ssmlink) report_.count("cleanup", command({"down", "--stack", stack.name}, false));
  }
  if (emulator_.state().leftovers().empty()) return "down";
  emulator_.reset_world();
  auto left = emulator_.state().leftovers();
  if (!left.empty()) {
    throw std::runtime_error("the world is not clean even after a reset: " + join(left, ", "));
  }
  return "reset";
}

void Soak::run_cycles() {
  for (int number = 1; number <= options_.cycles && !stop_requested(); ++number) {
    CycleRecord cycle{number};
    WorldState state;
    for (const auto* args : {&kUp, &kStatus, &kDown}) {
      CommandResult result = command(*args, true);
      if (result.interrupted) return;
      cycle.steps.push_back(report_.count(args->front(), result));
      state = emulator_.state();
      add_duplicates(cycle.duplicates, state);
    }
    cycle.leftovers = state.leftovers();  // after down
    if (!cycle.ok()) cycle.cleanup = clean_up(state);
    std::vector<std::string> steps;
    for (const auto& step : cycle.steps)
      steps.push_back(step_summary(step));
    std::cerr << "cycle " << number << "/" << options_.cycles << ": " << join(steps, "; ")
              << (cycle.ok() ? "" : " -> FAILED") << std::endl;
    report_.cycles.push_back(std::move(cycle));
  }
}

std::string Soak::prepare_kill(const std::string& command_name) {
  clean_up(emulator_.state());
  if (command_name != "down") return "";
  CommandResult up = command(kUp, false);
  report_.count("prepare", up);
  if (up.ok()) return "";
  return "up without faults, to have a stack to delete, failed: " + up.outcome() + ": " +
         up.last_line();
}

void Soak::run_kill(KillRecord& kill) {
  const auto& args = kill.command == "up" ? kUp : kDown;
  kill.prepare_problem = prepare_kill(kill.command);
  if (!kill.prepare_problem.empty() || stop_requested()) return;
  CommandResult killed = command(args, true, std::chrono::milliseconds(kill.delay_ms));
  if (killed.interrupted) return;
  kill.killed = report_.count(kill.command + " (killed)", killed);
  kill.finished_before_kill = !killed.killed;
  CommandResult rerun = command(args, true);
  if (rerun.interrupted) return;
  kill.rerun = report_.count(kill.command + " (rerun)", rerun);
  WorldState state = emulator_.state();
  kill.duplicates = state.duplicates();
  kill.problems = convergence_problems(kill.command, state);
}

void Soak::run_kills() {
  // The plan depends on the seed only, not on what the cycles did: as many ups as downs
  // (one more up when odd) in a shuffled order, each killed after a random delay.
  std::mt19937_64 random(options_.seed);
  std::vector<std::string> commands;
  for (int i = 0; i < options_.kills; ++i)
    commands.push_back(i % 2 ? "down" : "up");
  std::shuffle(commands.begin(), commands.end(), random);
  for (int number = 1; number <= options_.kills && !stop_requested(); ++number) {
    KillRecord kill{number};
    kill.command = commands[static_cast<size_t>(number - 1)];
    kill.delay_ms = std::uniform_int_distribution<int>(0, options_.max_kill_delay_ms)(random);
    run_kill(kill);
    if (stop_requested()) return;
    kill.cleanup = clean_up(emulator_.state());
    std::cerr << "kill " << number << "/" << options_.kills << ": " << kill.command << " after "
              << kill.delay_ms << " ms" << (kill.finished_before_kill ? " (it had finished)" : "")
              << "; " << step_summary(kill.rerun) << (kill.converged() ? "" : " -> NOT CONVERGED")
              << std::endl;
    report_.kills.push_back(std::move(kill));
  }
}

}  // namespace ssmlink::soak
