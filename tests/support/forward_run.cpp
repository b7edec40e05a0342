#include "tests/support/forward_run.hpp"

#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/echo_server.hpp"
#include "tests/support/paths.hpp"

namespace ssmlink::testing {

void use_agent_version(const RunningEmulator& emulator, const std::string& version,
                       const std::string& scenario_name) {
  std::ifstream file(source_path("emulator/scenarios/" + scenario_name + ".json"));
  std::stringstream text;
  text << file.rdbuf();
  std::string scenario = text.str();
  const std::string current = "\"3.3.1142.0\"";
  size_t at = scenario.find(current);
  if (at != std::string::npos) scenario.replace(at, current.size(), "\"" + version + "\"");
  emulator.admin_post("scenario", scenario);
}

std::vector<std::string> ssmlink_environment(const RunningEmulator& emulator,
                                             const std::string& home) {
  return {"HOME=" + home,           "PATH=/usr/bin:/bin",
          "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
          "AWS_REGION=us-east-1",   "AWS_ENDPOINT_URL=" + emulator.url()};
}

ProcessResult run_ssmlink_process(const RunningEmulator& emulator, const std::string& home,
                                  const std::vector<std::string>& args) {
  std::vector<std::string> argv{binary_path("ssmlink")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, ssmlink_environment(emulator, home), std::chrono::seconds(60));
}

ForwardRun::ForwardRun(const RunningEmulator& emulator, const std::string& home,
                       const std::vector<std::string>& args)
    : child_([&] {
        std::vector<std::string> argv{binary_path("ssmlink")};
        argv.insert(argv.end(), args.begin(), args.end());
        return ChildProcess::exec(argv, ssmlink_environment(emulator, home), true);
      }()) {
  nlohmann::json listening = wait_for("listening");
  if (listening.is_object()) {
    std::string local = listening.value("local", "");
    local_port_ = static_cast<uint16_t>(std::stoi(local.substr(local.rfind(':') + 1)));
    for (size_t i = 0; i < lines_.size(); ++i)
      if (lines_[i].value("event", "") == "listening") taken_[i] = false;
  }
}

nlohmann::json ForwardRun::wait_for(const std::string& event, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (!taken_[i] && lines_[i].value("event", "") == event) {
        taken_[i] = true;
        return lines_[i];
      }
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return nullptr;
    std::optional<std::string> line =
        child_.read_line(std::min(left, std::chrono::milliseconds(200)));
    if (!line) continue;
    out_ += *line + "\n";
    nlohmann::json parsed = nlohmann::json::parse(*line, nullptr, false);
    if (parsed.is_object()) {
      lines_.push_back(parsed);
      taken_.push_back(false);
    }
  }
}

void ForwardRun::stop() {
  child_.signal(SIGINT);
}

int ForwardRun::exit_code() {
  std::optional<int> code = child_.wait(std::chrono::seconds(30));
  // What is left of the output, for wait_for and output().
  std::string out, err;
  child_.pump(out, err, std::chrono::milliseconds(0));
  err_ += err;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    out_ += line + "\n";
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    if (parsed.is_object()) {
      lines_.push_back(parsed);
      taken_.push_back(false);
    }
  }
  return code.value_or(-1);
}

std::string ForwardRun::output() {
  return "stdout:\n" + out_ + "stderr:\n" + err_;
}

}  // namespace ssmlink::testing
