#include "tests/soak/ssmlink_command.hpp"

#include <csignal>

#include "tests/soak/stop_request.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/strings.hpp"

namespace ssmlink::soak {

using namespace std::chrono_literals;

std::string CommandResult::outcome() const {
  if (interrupted) return "interrupted";
  if (timed_out) return "timeout";
  if (killed) return "killed";
  if (exit_code < 0) return "signal";
  return "exit " + std::to_string(exit_code);
}

std::string CommandResult::last_line() const {
  for (const std::string* text : {&err, &out}) {
    std::string trimmed = trim(*text);
    if (trimmed.empty()) continue;
    size_t newline = trimmed.rfind('\n');
    return printable(newline == std::string::npos ? trimmed : trimmed.substr(newline + 1), 240);
  }
  return "";
}

CommandResult SsmlinkRunner::run(const std::vector<std::string>& args,
                                 std::optional<std::chrono::milliseconds> kill_after) const {
  testing::TempDir home;
  std::vector<std::string> argv{executable_};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> environment{
      "HOME=" + home.path(),        "PATH=/usr/bin:/bin",   "AWS_ACCESS_KEY_ID=test",
      "AWS_SECRET_ACCESS_KEY=test", "AWS_REGION=us-east-1", "AWS_ENDPOINT_URL=" + endpoint_url_};
  CommandResult result;
  result.args = args;
  auto start = std::chrono::steady_clock::now();
  auto child = testing::ChildProcess::exec(argv, environment, true);
  std::optional<int> code;
  while (child.started() && !code) {
    child.pump(result.out, result.err, 20ms);
    code = child.wait(0ms);
    if (code) break;
    auto elapsed = std::chrono::steady_clock::now() - start;
    result.killed = kill_after && elapsed >= *kill_after;
    result.timed_out = elapsed >= timeout_;
    result.interrupted = stop_requested();
    if (result.killed || result.timed_out || result.interrupted) {
      child.signal(SIGKILL);
      child.wait(10s);
      break;
    }
  }
  child.pump(result.out, result.err, 0ms);
  result.exit_code = code.value_or(-1);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace ssmlink::soak
