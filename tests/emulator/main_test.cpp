// The ssmlink-emulator program: its command line, its start-up line, its signals and exit
// codes. run_emulator runs here with a stand-in scenario loader (in a child process when it
// must serve); the built executable itself needs the world part's loader, so its tests
// skip until that part is merged.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <iostream>
#include <regex>
#include <sstream>

#include "emulator/options.hpp"
#include "emulator/server.hpp"
#include "emulator/startup.hpp"
#include "emulator/world.hpp"
#include "tests/support/aws_client.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace ssmlink::emulator {
namespace {

using namespace std::chrono_literals;
using ssmlink::testing::ChildProcess;
using ssmlink::testing::query_call;

std::expected<EmulatorOptions, std::string> parse(std::vector<std::string> args) {
  return parse_options(args);
}

TEST(EmulatorOptions, DefaultsAreLoopbackAFreePortAndTheSeedScenario) {
  auto options = parse({});
  ASSERT_TRUE(options);
  EXPECT_EQ(options->host, "127.0.0.1");
  EXPECT_EQ(options->port, 0);
  EXPECT_EQ(options->scenario_path, "");
  EXPECT_EQ(options->seed, 1u);
  EXPECT_FALSE(options->provision);
  EXPECT_EQ(options->faults.throttle, 0);
}

TEST(EmulatorOptions, EveryFlagTakesItsValueEitherWay) {
  auto options = parse({"--host",
                        "localhost",
                        "--port=4599",
                        "--scenario",
                        "s.json",
                        "--seed=42",
                        "--provision-ms",
                        "50",
                        "--online-delay-ms=0",
                        "--fault-throttle",
                        "0.3",
                        "--fault-5xx=0.1",
                        "--fault-latency-ms",
                        "20",
                        "--fault-reset",
                        "1",
                        "--fault-html",
                        "0.2",
                        "--fault-truncate=0.4",
                        "--fault-op",
                        "ssm:DescribeInstanceInformation=html",
                        "--fault-op=ec2:DescribeNetworkAcls=denied",
                        "--fault-op",
                        "cloudformation:DescribeStacks=throttle@0.5",
                        "--fault-op",
                        "sts:GetCallerIdentity=hang:1500",
                        "--allow-remote"});
  ASSERT_TRUE(options) << options.error();
  EXPECT_EQ(options->host, "localhost");
  EXPECT_EQ(options->port, 4599);
  EXPECT_EQ(options->scenario_path, "s.json");
  EXPECT_EQ(options->seed, 42u);
  EXPECT_EQ(options->provision, 50ms);
  EXPECT_EQ(options->online_delay, 0ms);
  EXPECT_EQ(options->faults.throttle, 0.3);
  EXPECT_EQ(options->faults.server_error, 0.1);
  EXPECT_EQ(options->faults.latency, 20ms);
  EXPECT_EQ(options->faults.reset, 1.0);
  EXPECT_EQ(options->faults.html, 0.2);
  EXPECT_EQ(options->faults.truncate, 0.4);
  EXPECT_EQ(options->faults.operations,
            (OperationFaults{
                {"ssm:DescribeInstanceInformation", {.kind = FaultKind::html}},
                {"ec2:DescribeNetworkAcls", {.kind = FaultKind::denied}},
                {"cloudformation:DescribeStacks", {.kind = FaultKind::throttle, .rate = 0.5}},
                {"sts:GetCallerIdentity", {.kind = FaultKind::hang, .hang = 1500ms}}}));
  EXPECT_TRUE(options->allow_remote);
}

TEST(EmulatorOptions, ABadValueIsOneLineNamingIt) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  for (const Case& bad : std::vector<Case>{
           {{"--port", "http"}, "--port: 'http' is not a port number from 0 to 65535"},
           {{"--port=70000"}, "--port: '70000' is not a port number from 0 to 65535"},
           {{"--fault-throttle", "1.5"},
            "--fault-throttle: '1.5' is not a probability from 0 to 1"},
           {{"--fault-5xx", "nan"}, "--fault-5xx: 'nan' is not a probability from 0 to 1"},
           {{"--fault-reset", "-0.1"}, "--fault-reset: '-0.1' is not a probability from 0 to 1"},
           {{"--fault-html", "often"}, "--fault-html: 'often' is not a probability from 0 to 1"},
           {{"--fault-truncate=1.1"}, "--fault-truncate: '1.1' is not a probability from 0 to 1"},
           {{"--fault-op", "s3:GetObject=html"},
            "--fault-op: 's3:GetObject': unknown service 's3' (known: ec2, cloudformation, sts, "
            "ssm, iam, organizations)"},
           {{"--fault-op", "ssm:DescribeInstanceInformation=flaky"},
            "--fault-op: ssm:DescribeInstanceInformation: unknown fault 'flaky' (known: "
            "throttle, 5xx, reset, html, truncate, garbage, denied, unknown, hang; e.g. html, "
            "throttle@0.5, hang:2000)"},
           {{"--fault-op", "cloudformation:DescribeStacks=throttle@50%"},
            "--fault-op: cloudformation:DescribeStacks: the rate '50%' after '@' is not a "
            "probability from 0 to 1"},
           {{"--fault-op", "ssm:DescribeInstanceInformation"},
            "--fault-op: 'ssm:DescribeInstanceInformation' is not SERVICE:Operation=KIND, e.g. "
            "ssm:DescribeInstanceInformation=html"},
           {{"--fault-op", "sts:GetCallerIdentity=html", "--fault-op=sts:GetCallerIdentity=denied"},
            "--fault-op: sts:GetCallerIdentity is given twice ('html' and 'denied'); keep one"},
           {{"--fault-latency-ms", "fast"},
            "--fault-latency-ms: 'fast' is not a number of milliseconds from 0 to 3600000"},
           {{"--provision-ms", "-5"},
            "--provision-ms: '-5' is not a number of milliseconds from 0 to 3600000"},
           {{"--seed", "x1"}, "--seed: 'x1' is not a whole number from 0 to 2^64-1"},
           {{"--port"}, "--port needs a value"},
           {{"--verbose"}, "unknown option '--verbose' (see --help)"},
           {{"--allow-remote=yes"}, "--allow-remote takes no value, got 'yes'"},
       }) {
    auto options = parse(bad.args);
    ASSERT_FALSE(options) << bad.args[0];
    EXPECT_EQ(options.error(), bad.error);
  }
}

TEST(EmulatorOptions, OnlyLoopbackHostsAreServedUnlessAllowed) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LocalHost"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "10.0.0.5", "::", "example.com", "128.0.0.1", "fe80::1"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
  EmulatorOptions options;
  options.host = "0.0.0.0";
  ASSERT_TRUE(refuse_host(options));
  EXPECT_NE(refuse_host(options)->find("--host '0.0.0.0' is not a loopback address"),
            std::string::npos);
  EXPECT_NE(refuse_host(options)->find("--allow-remote"), std::string::npos);
  options.allow_remote = true;
  EXPECT_FALSE(refuse_host(options));
}

// A stand-in for the world part's loader: the empty world, or a failure for "bad.json".
EmulatorParts fake_parts() {
  EmulatorParts parts;
  parts.load_scenario_file = [](World& world, const std::string& path) {
    if (path == "bad.json") throw std::runtime_error("bad.json: regions[0].vpcs: not a list");
    world.regions.clear();
    world.access_keys.clear();
  };
  parts.load_scenario = [](World&, const nlohmann::json&) {};
  return parts;
}

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome run(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = run_emulator(args, fake_parts(), out, err);
  return {code, out.str(), err.str()};
}

TEST(RunEmulator, BadUsageIsExitTwoWithOneLine) {
  Outcome bad_flag = run({"--port", "http"});
  EXPECT_EQ(bad_flag.code, 2);
  EXPECT_EQ(bad_flag.err,
            "ssmlink-emulator: error: --port: 'http' is not a port number from 0 to 65535\n");
  EXPECT_EQ(bad_flag.out, "");

  Outcome remote = run({"--host", "0.0.0.0"});
  EXPECT_EQ(remote.code, 2);
  EXPECT_TRUE(
      remote.err.starts_with("ssmlink-emulator: error: --host '0.0.0.0' is not a "
                             "loopback address"));
  EXPECT_EQ(std::count(remote.err.begin(), remote.err.end(), '\n'), 1);
}

TEST(RunEmulator, ABadScenarioIsExitTwoWithTheLoadersMessage) {
  Outcome bad = run({"--scenario", "bad.json"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err, "ssmlink-emulator: error: bad.json: regions[0].vpcs: not a list\n");
}

TEST(RunEmulator, APortInUseIsExitOne) {
  World world;
  Server taken(world, {});
  int port = taken.start();
  Outcome busy = run({"--port", std::to_string(port)});
  EXPECT_EQ(busy.code, 1);
  EXPECT_NE(busy.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << busy.err;
}

TEST(RunEmulator, HelpIsExitZero) {
  Outcome help = run({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(help.out.starts_with("usage: ssmlink-emulator"));
  for (const char* flag : {"--fault-throttle RATE", "--fault-html RATE", "--fault-truncate RATE",
                           "--fault-op SERVICE:Operation=KIND[@RATE]", "hang[:MS]"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
}

TEST(RunEmulator, AFaultForAnOperationItDoesNotServeIsExitTwo) {
  // These parts serve STS only.
  Outcome typo = run({"--fault-op", "sts:GetCallerIdentityy=html"});
  EXPECT_EQ(typo.code, 2);
  EXPECT_TRUE(typo.err.starts_with(
      "ssmlink-emulator: error: --fault-op 'sts:GetCallerIdentityy': this emulator does not "
      "serve sts GetCallerIdentityy (it serves AssumeRole, "))
      << typo.err;
  Outcome absent = run({"--fault-op", "ec2:DescribeVpcs=html"});
  EXPECT_EQ(absent.code, 2);
  EXPECT_EQ(absent.err,
            "ssmlink-emulator: error: --fault-op 'ec2:DescribeVpcs': this emulator does not serve "
            "ec2 DescribeVpcs (it serves no ec2 operation)\n");
}

int port_of(const std::string& line) {
  std::smatch match;
  if (!std::regex_match(line, match, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
    return 0;
  }
  return std::stoi(match[1]);
}

// The start-up line, then STS as the default key sees it, then `signal_number` ends it.
void expect_serves_then_exits_zero(ChildProcess& child, int signal_number) {
  ASSERT_TRUE(child.started());
  auto line = child.read_line(20s);
  ASSERT_TRUE(line) << child.read_error();
  int port = port_of(*line);
  ASSERT_GT(port, 0) << *line;
  ssmlink::testing::AwsReply reply =
      ssmlink::testing::send(port, query_call("sts", "GetCallerIdentity", "2011-06-15"));
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(ssmlink::testing::xml_text(reply.body, "Account"), "123456789012");
  child.signal(signal_number);
  EXPECT_EQ(child.wait(10s), 0);
}

TEST(RunEmulator, ServesUntilASignalThenExitsZero) {
  for (int signal_number : {SIGTERM, SIGINT}) {
    ChildProcess child = ChildProcess::fork([] {
      return run_emulator({"--port", "0", "--seed", "3", "--provision-ms", "10"}, fake_parts(),
                          std::cout, std::cerr);
    });
    expect_serves_then_exits_zero(child, signal_number);
  }
}

TEST(RunEmulator, CommandLineFaultsAndTimingsReachTheServerAndTheWorld) {
  ChildProcess child = ChildProcess::fork([] {
    return run_emulator(
        {"--fault-throttle", "1", "--provision-ms", "12", "--fault-op", "sts:AssumeRole=denied"},
        fake_parts(), std::cout, std::cerr);
  });
  int port = port_of(child.read_line(10s).value_or(""));
  ASSERT_GT(port, 0);
  EXPECT_EQ(
      ssmlink::testing::send(port, query_call("sts", "GetCallerIdentity", "2011-06-15")).status,
      400);
  EXPECT_EQ(ssmlink::testing::send(port, query_call("sts", "AssumeRole", "2011-06-15")).status,
            403);
  std::string raw = ssmlink::testing::raw_exchange(
      port, "GET /_emulator/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(raw.find("\"provision_ms\":12"), std::string::npos) << raw;
  child.signal(SIGTERM);
  EXPECT_EQ(child.wait(10s), 0);
}

// The executable itself (built before the tests: tests/CMakeLists.txt).
class Executable : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(std::filesystem::exists(path_)) << path_ << " is not built"; }
  std::string path_ = ssmlink::testing::binary_path("emulator/ssmlink-emulator");
};

TEST_F(Executable, PrintsWhereItListensServesAndStopsOnSigint) {
  ChildProcess child = ChildProcess::exec({path_, "--port", "0"}, {"PATH=/usr/bin:/bin"});
  expect_serves_then_exits_zero(child, SIGINT);
}

TEST_F(Executable, RefusesBadUsageWithExitTwo) {
  auto remote = ssmlink::testing::run_process({path_, "--host", "0.0.0.0"}, {}, 20s);
  EXPECT_EQ(remote.exit_code, 2);
  EXPECT_NE(remote.err.find("is not a loopback address"), std::string::npos) << remote.err;
  auto flag = ssmlink::testing::run_process({path_, "--fault-5xx", "2"}, {}, 20s);
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_EQ(flag.err,
            "ssmlink-emulator: error: --fault-5xx: '2' is not a probability from 0 to 1\n");
  auto op = ssmlink::testing::run_process(
      {path_, "--fault-op", "ssm:DescribeInstanceInformation=html@2"}, {}, 20s);
  EXPECT_EQ(op.exit_code, 2);
  EXPECT_EQ(op.err,
            "ssmlink-emulator: error: --fault-op: ssm:DescribeInstanceInformation: the rate '2' "
            "after '@' is not a probability from 0 to 1\n");
  auto missing =
      ssmlink::testing::run_process({path_, "--scenario", "/nonexistent/scenario.json"}, {}, 20s);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/scenario.json"), std::string::npos) << missing.err;
}

TEST_F(Executable, AHeldAnswerDoesNotDelayStoppingOnSigint) {
  ChildProcess child = ChildProcess::exec(
      {path_, "--port", "0", "--fault-op", "sts:GetCallerIdentity=hang"}, {"PATH=/usr/bin:/bin"});
  ASSERT_TRUE(child.started());
  int port = port_of(child.read_line(20s).value_or(""));
  ASSERT_GT(port, 0) << child.read_error();
  auto held = std::async(std::launch::async, [port] {
    return ssmlink::testing::send(port, query_call("sts", "GetCallerIdentity", "2011-06-15"));
  });
  ASSERT_EQ(held.wait_for(500ms), std::future_status::timeout) << "the answer was not held";
  auto signalled = std::chrono::steady_clock::now();
  child.signal(SIGINT);
  EXPECT_EQ(child.wait(10s), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 5s);  // not the hang's 30 s
  EXPECT_EQ(held.wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace ssmlink::emulator
