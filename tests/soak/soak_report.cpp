#include "tests/soak/soak_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "util/strings.hpp"

namespace ssmlink::soak {

namespace {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double maximum(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

std::string format(const char* pattern, auto... values) {
  char text[512];
  std::snprintf(text, sizeof text, pattern, values...);
  return text;
}

std::string counted(const std::map<std::string, int>& counts) {
  std::vector<std::string> parts;
  for (const auto& [what, count] : counts)
    parts.push_back(what + " x" + std::to_string(count));
  return parts.empty() ? "-" : join(parts, ", ");
}

nlohmann::json faults_json(const RequestStats& stats) {
  return {{"throttle", stats.throttled}, {"5xx", stats.server_errors}, {"reset", stats.resets}};
}

double milliseconds_rounded(double seconds) {
  return std::round(seconds * 1000) / 1000;
}

nlohmann::json step_json(const Step& step) {
  nlohmann::json out = {{"label", step.label},
                        {"outcome", step.outcome},
                        {"ok", step.ok},
                        {"seconds", milliseconds_rounded(step.seconds)},
                        {"calls", step.requests.calls},
                        {"faults", faults_json(step.requests)}};
  if (!step.ok) out["last_line"] = step.last_line;
  return out;
}

std::string failure_line(const Step& step) {
  return step.label + ": " + step.outcome + (step.last_line.empty() ? "" : ": " + step.last_line);
}

}  // namespace

bool CycleRecord::ok() const {
  return std::all_of(steps.begin(), steps.end(), [](const Step& step) { return step.ok; }) &&
         leftovers.empty() && duplicates.empty();
}

bool KillRecord::converged() const {
  return prepare_problem.empty() && rerun.ok && problems.empty() && duplicates.empty();
}

Step SoakReport::count(const std::string& label, const CommandResult& result) {
  auto tally = std::find_if(tallies_.begin(), tallies_.end(),
                            [&](const Tally& t) { return t.label == label; });
  if (tally == tallies_.end()) tally = tallies_.insert(tallies_.end(), Tally{label});
  ++tally->runs;
  if (result.ok()) {
    ++tally->ok;
  } else {
    ++tally->failures[result.outcome()];
  }
  tally->seconds.push_back(result.seconds);
  tally->requests += result.requests;
  return {label,          result.outcome(), result.ok(),
          result.seconds, result.requests,  result.ok() ? "" : result.last_line()};
}

int SoakReport::leftovers() const {
  int count = 0;
  for (const auto& cycle : cycles)
    count += static_cast<int>(cycle.leftovers.size());
  for (const auto& kill : kills) {
    if (kill.command == "down") count += static_cast<int>(kill.problems.size());
  }
  return count;
}

int SoakReport::duplicates() const {
  std::set<std::string> stacks;
  for (const auto& cycle : cycles)
    stacks.insert(cycle.duplicates.begin(), cycle.duplicates.end());
  for (const auto& kill : kills)
    stacks.insert(kill.duplicates.begin(), kill.duplicates.end());
  return static_cast<int>(stacks.size());
}

bool SoakReport::passed() const {
  return !interrupted && harness_error.empty() &&
         static_cast<int>(cycles.size()) == options_.cycles &&
         static_cast<int>(kills.size()) == options_.kills &&
         std::all_of(cycles.begin(), cycles.end(), [](const auto& c) { return c.ok(); }) &&
         std::all_of(kills.begin(), kills.end(), [](const auto& k) { return k.converged(); }) &&
         leftovers() == 0 && duplicates() == 0;
}

void SoakReport::print_table(std::ostream& out) const {
  out << format(
      "ssmlink soak: %d cycles, %d kills; faults: throttle %.2f, 5xx %.2f, reset %.2f, seed "
      "%llu; provision %d ms\n\n",
      options_.cycles, options_.kills, options_.throttle, options_.server_errors, options_.resets,
      static_cast<unsigned long long>(options_.seed), options_.provision_ms);
  out << format("%-14s %5s %5s %5s %8s %8s %6s %9s %5s %6s  %s\n", "command", "runs", "ok", "fail",
                "median s", "max s", "calls", "throttled", "5xx", "resets", "failures by outcome");
  for (const auto& tally : tallies_) {
    out << format("%-14s %5d %5d %5d %8.2f %8.2f %6d %9d %5d %6d  %s\n", tally.label.c_str(),
                  tally.runs, tally.ok, tally.runs - tally.ok, median(tally.seconds),
                  maximum(tally.seconds), tally.requests.calls, tally.requests.throttled,
                  tally.requests.server_errors, tally.requests.resets,
                  counted(tally.failures).c_str());
  }
  int cycles_ok = static_cast<int>(
      std::count_if(cycles.begin(), cycles.end(), [](const auto& c) { return c.ok(); }));
  std::map<std::string, std::pair<int, int>> kills_by_command;  // converged, run
  for (const auto& kill : kills) {
    auto& [converged, run] = kills_by_command[kill.command];
    converged += kill.converged();
    ++run;
  }
  std::vector<std::string> kill_parts;
  int kills_converged = 0;
  for (const auto& [command, counts] : kills_by_command) {
    kill_parts.push_back(command + " " + std::to_string(counts.first) + "/" +
                         std::to_string(counts.second));
    kills_converged += counts.first;
  }
  out << "\n"
      << format("cycles      %d/%zu succeeded\n", cycles_ok, cycles.size())
      << format("kills       %d/%zu converged", kills_converged, kills.size())
      << (kill_parts.empty() ? "" : " (" + join(kill_parts, ", ") + ")") << "\n"
      << format("leftovers   %d\n", leftovers()) << format("duplicates  %d\n", duplicates());

  std::vector<std::string> failures;
  for (const auto& cycle : cycles) {
    std::string prefix = "cycle " + std::to_string(cycle.number) + " ";
    for (const auto& step : cycle.steps) {
      if (!step.ok) failures.push_back(prefix + failure_line(step));
    }
    if (!cycle.leftovers.empty()) {
      failures.push_back(prefix + "left over: " + join(cycle.leftovers, ", "));
    }
    if (!cycle.duplicates.empty()) {
      failures.push_back(prefix + "duplicate stacks: " + join(cycle.duplicates, ", "));
    }
    if (cycle.cleanup == "reset") failures.push_back(prefix + "down could not clean up: reset");
  }
  for (const auto& kill : kills) {
    if (kill.converged()) continue;
    std::string prefix = "kill " + std::to_string(kill.number) + " (" + kill.command + " after " +
                         std::to_string(kill.delay_ms) + " ms) ";
    if (!kill.prepare_problem.empty()) failures.push_back(prefix + kill.prepare_problem);
    if (!kill.rerun.ok) failures.push_back(prefix + failure_line(kill.rerun));
    for (const auto& problem : kill.problems)
      failures.push_back(prefix + problem);
    if (!kill.duplicates.empty()) {
      failures.push_back(prefix + "duplicate stacks: " + join(kill.duplicates, ", "));
    }
  }
  if (!failures.empty()) {
    out << "\nfailures:\n";
    for (const auto& line : failures)
      out << "  " << line << "\n";
  }
  if (interrupted) out << "\ninterrupted: the report covers what ran\n";
  if (!harness_error.empty()) out << "\nharness error: " << harness_error << "\n";
  out << "\nresult: " << (passed() ? "PASS" : "FAIL") << "\n";
}

nlohmann::json SoakReport::json() const {
  nlohmann::json commands = nlohmann::json::object();
  for (const auto& tally : tallies_) {
    double total = std::accumulate(tally.seconds.begin(), tally.seconds.end(), 0.0);
    commands[tally.label] = {{"runs", tally.runs},
                             {"ok", tally.ok},
                             {"failed", tally.runs - tally.ok},
                             {"failures", tally.failures},
                             {"seconds",
                              {{"median", milliseconds_rounded(median(tally.seconds))},
                               {"max", milliseconds_rounded(maximum(tally.seconds))},
                               {"total", milliseconds_rounded(total)}}},
                             {"calls", tally.requests.calls},
                             {"faults", faults_json(tally.requests)}};
  }
  nlohmann::json cycle_list = nlohmann::json::array();
  for (const auto& cycle : cycles) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : cycle.steps)
      steps.push_back(step_json(step));
    cycle_list.push_back({{"cycle", cycle.number},
                          {"ok", cycle.ok()},
                          {"steps", steps},
                          {"leftovers", cycle.leftovers},
                          {"duplicates", cycle.duplicates},
                          {"cleanup", cycle.cleanup}});
  }
  nlohmann::json kill_list = nlohmann::json::array();
  for (const auto& kill : kills) {
    kill_list.push_back({{"kill", kill.number},
                         {"command", kill.command},
                         {"delay_ms", kill.delay_ms},
                         {"prepare_problem", kill.prepare_problem},
                         {"killed", step_json(kill.killed)},
                         {"finished_before_kill", kill.finished_before_kill},
                         {"rerun", step_json(kill.rerun)},
                         {"problems", kill.problems},
                         {"duplicates", kill.duplicates},
                         {"cleanup", kill.cleanup},
                         {"converged", kill.converged()}});
  }
  int cycles_ok = static_cast<int>(
      std::count_if(cycles.begin(), cycles.end(), [](const auto& c) { return c.ok(); }));
  int kills_converged = static_cast<int>(
      std::count_if(kills.begin(), kills.end(), [](const auto& k) { return k.converged(); }));
  return {{"options",
           {{"cycles", options_.cycles},
            {"kills", options_.kills},
            {"throttle", options_.throttle},
            {"5xx", options_.server_errors},
            {"reset", options_.resets},
            {"seed", options_.seed},
            {"provision_ms", options_.provision_ms}}},
          {"commands", commands},
          {"cycles", cycle_list},
          {"kills", kill_list},
          {"cycles_ok", cycles_ok},
          {"kills_converged", kills_converged},
          {"leftovers", leftovers()},
          {"duplicates", duplicates()},
          {"interrupted", interrupted},
          {"harness_error", harness_error},
          {"passed", passed()}};
}

}  // namespace ssmlink::soak
