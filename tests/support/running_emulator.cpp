#include "tests/support/running_emulator.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <stdexcept>

#include "tests/support/paths.hpp"
#include "util/files.hpp"

namespace ssmlink::testing {

using namespace std::chrono_literals;

RunningEmulator::RunningEmulator(std::vector<std::string> flags, std::string executable)
    : child_([&] {
        if (executable.empty()) executable = binary_path("emulator/ssmlink-emulator");
        std::vector<std::string> argv = {executable, "--port", "0"};
        argv.insert(argv.end(), flags.begin(), flags.end());
        return ChildProcess::exec(argv, {"PATH=/usr/bin:/bin"}, true);
      }()) {
  auto line = child_.read_line(20s);
  const std::string prefix = "listening on ";
  if (!line || !line->starts_with(prefix)) {
    child_.signal(SIGKILL);
    child_.wait(5s);
    throw std::runtime_error("ssmlink-emulator did not start: " + child_.read_error());
  }
  url_ = line->substr(prefix.size());
  port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
}

RunningEmulator::~RunningEmulator() {
  child_.signal(SIGINT);
  if (!child_.wait(10s)) {
    child_.signal(SIGKILL);
    child_.wait(5s);
  }
}

nlohmann::json RunningEmulator::admin_post(const std::string& path, const std::string& body) const {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Post(("/_emulator/" + path).c_str(), body, "application/json");
  if (!response || response->status != 200) {
    throw std::runtime_error("admin POST " + path + " failed: " +
                             (response ? response->body : std::string("no response")));
  }
  return nlohmann::json::parse(response->body, nullptr, false);
}

nlohmann::json RunningEmulator::admin_get(const std::string& path) const {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get(("/_emulator/" + path).c_str());
  if (!response || response->status != 200) {
    throw std::runtime_error("admin GET " + path + " failed");
  }
  return nlohmann::json::parse(response->body, nullptr, false);
}

void RunningEmulator::load_scenario(const std::string& name) const {
  admin_post("scenario", read_file(source_path("emulator/scenarios/" + name + ".json")));
}

std::vector<nlohmann::json> RunningEmulator::requests() const {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get("/_emulator/requests");
  std::vector<nlohmann::json> lines;
  if (!response) return lines;
  size_t start = 0;
  while (start < response->body.size()) {
    size_t end = response->body.find('\n', start);
    if (end == std::string::npos) end = response->body.size();
    if (end > start)
      lines.push_back(nlohmann::json::parse(response->body.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

void RunningEmulator::clear_requests() const {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Delete("/_emulator/requests");
  if (!response || response->status != 200) {
    throw std::runtime_error("admin DELETE requests failed");
  }
}

AwsCli::AwsCli(const RunningEmulator& emulator, std::string region)
    : endpoint_(emulator.url()), region_(std::move(region)) {}

ProcessResult AwsCli::run(std::vector<std::string> args, std::chrono::milliseconds timeout) const {
  std::vector<std::string> argv = {"/usr/bin/aws"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--endpoint-url", endpoint_, "--region", region_, "--output", "json"});
  std::vector<std::string> env = {"HOME=" + home_.path(),
                                  "PATH=/usr/bin:/bin",
                                  "AWS_ACCESS_KEY_ID=" + access_key_id_,
                                  "AWS_SECRET_ACCESS_KEY=" + secret_access_key_,
                                  "AWS_CONFIG_FILE=/dev/null",
                                  "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                                  "AWS_PAGER=",
                                  "AWS_MAX_ATTEMPTS=1"};
  if (!session_token_.empty()) env.push_back("AWS_SESSION_TOKEN=" + session_token_);
  return run_process(argv, env, timeout);
}

void AwsCli::use_credentials(std::string access_key_id, std::string secret_access_key,
                             std::string session_token) {
  access_key_id_ = std::move(access_key_id);
  secret_access_key_ = std::move(secret_access_key);
  session_token_ = std::move(session_token);
}

nlohmann::json AwsCli::json(std::vector<std::string> args) const {
  ProcessResult result = run(args);
  EXPECT_EQ(result.exit_code, 0) << "aws " << ::testing::PrintToString(args) << "\n" << result.err;
  if (result.out.empty()) return nullptr;
  return nlohmann::json::parse(result.out, nullptr, false);
}

}  // namespace ssmlink::testing
