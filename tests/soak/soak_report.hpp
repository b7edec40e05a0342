// What the soak saw: per command, runs, successes, failures by outcome, wall time and the
// emulator's count of calls and injected faults; per cycle and per kill, what went wrong
// and what was left; printed as a table or as one JSON object.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "tests/soak/soak_options.hpp"
#include "tests/soak/ssmlink_command.hpp"

namespace ssmlink::soak {

// One command's result, without its output.
struct Step {
  std::string label;
  std::string outcome;
  bool ok = false;
  double seconds = 0;
  RequestStats requests;
  std::string last_line;  // when it failed
};

struct CycleRecord {
  int number = 0;
  std::vector<Step> steps;
  std::vector<std::string> leftovers;   // after the cycle's down
  std::vector<std::string> duplicates;  // stacks seen live beside another of their VPC
  std::string cleanup;                  // "", "down" (faults off) or "reset" (the world reloaded)

  bool ok() const;
};

struct KillRecord {
  int number = 0;
  std::string command;  // "up" or "down"
  int delay_ms = 0;
  std::string prepare_problem;  // the harness could not set the state up for the command
  Step killed;
  bool finished_before_kill = false;
  Step rerun;
  std::vector<std::string> problems;  // the state after the rerun, when it is not converged
  std::vector<std::string> duplicates;
  std::string cleanup;

  bool converged() const;
};

class SoakReport {
 public:
  explicit SoakReport(const SoakOptions& options) : options_(options) {}

  // Counts one command under `label` ("up", "up (killed)", ...) and returns its step.
  Step count(const std::string& label, const CommandResult& result);

  std::vector<CycleRecord> cycles;
  std::vector<KillRecord> kills;
  bool interrupted = false;
  std::string harness_error;  // the harness itself failed (the emulator died, ...)

  int leftovers() const;
  int duplicates() const;  // distinct stacks
  bool passed() const;

  void print_table(std::ostream& out) const;
  nlohmann::json json() const;

 private:
  struct Tally {
    std::string label;
    int runs = 0;
    int ok = 0;
    std::map<std::string, int> failures;  // outcome -> count
    std::vector<double> seconds;
    RequestStats requests;
  };
  const SoakOptions& options_;
  std::vector<Tally> tallies_;  // in the order first seen
};

}  // namespace ssmlink::soak
