// Test helper: the ssmlink-emulator executable running on a free loopback port, stopped
// with SIGINT (and reaped) when the object goes away; plus the AWS CLI pointed at it.
#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {

class RunningEmulator {
 public:
  // Extra flags for ssmlink-emulator, e.g. {"--scenario", path, "--provision-ms", "100"};
  // `executable` defaults to the build tree's. The emulator dies with the thread that
  // starts it, so a test process that crashes leaves no server behind.
  explicit RunningEmulator(std::vector<std::string> flags = {}, std::string executable = {});
  ~RunningEmulator();
  RunningEmulator(const RunningEmulator&) = delete;
  RunningEmulator& operator=(const RunningEmulator&) = delete;

  const std::string& url() const { return url_; }
  int port() const { return port_; }

  // The admin API: POST /_emulator/<path> with a JSON body, GET /_emulator/<path>.
  nlohmann::json admin_post(const std::string& path, const std::string& body = "{}") const;
  nlohmann::json admin_get(const std::string& path) const;
  // Replaces the world with one of emulator/scenarios/<name>.json.
  void load_scenario(const std::string& name) const;
  // The request log (GET /_emulator/requests), one object per AWS call.
  std::vector<nlohmann::json> requests() const;
  // Empties the request log (DELETE /_emulator/requests).
  void clear_requests() const;

 private:
  ChildProcess child_;
  std::string url_;
  int port_ = 0;
};

// Debian's AWS CLI (/usr/bin/aws) against the emulator, with the emulator's test keys,
// an empty HOME and no shared files, so nothing of the machine's configuration leaks in.
class AwsCli {
 public:
  explicit AwsCli(const RunningEmulator& emulator, std::string region = "us-east-1");

  // Runs `aws <args> --output json`; the result's exit code and output.
  ProcessResult run(std::vector<std::string> args,
                    std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;
  // As run, but fails the test unless it exits 0, and returns the parsed JSON (null for
  // commands that print nothing).
  nlohmann::json json(std::vector<std::string> args) const;

  // Sign with these from now on (an assumed role's credentials) instead of test/test.
  void use_credentials(std::string access_key_id, std::string secret_access_key,
                       std::string session_token);

 private:
  std::string endpoint_;
  std::string region_;
  std::string access_key_id_ = "test";
  std::string secret_access_key_ = "test";
  std::string session_token_;
  TempDir home_;
};

}  // namespace ssmlink::testing
