// `ssmlink forward` end to end: the real binary against the emulator's agent, which dials an
// echo server on 127.0.0.1; bytes through the forwarded port are compared by SHA-256.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/echo_server.hpp"
#include "tests/support/forward_run.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/crypto.hpp"

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;
using testing::EchoServer;
using testing::ForwardRun;
using ::testing::HasSubstr;
using testing::RunningEmulator;
using testing::seed::kInstance;

class Forward : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new RunningEmulator({"--provision-ms", "60", "--online-delay-ms", "100"});
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override {
    testing::use_agent_version(*emulator_, testing::kBasicAgentVersion);
    emulator_->admin_post("session-faults", R"({"drop": 0, "duplicate": 0, "reorder": 0,
                                               "delay": 0})");
  }

  ForwardRun forward(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{
        "forward",  "--instance", kInstance, "--remote-port", std::to_string(echo_.port()),
        "--output", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return ForwardRun(*emulator_, home_.path(), args);
  }

  // For Debian's aws, with ssmlink linked as session-manager-plugin first on PATH.
  std::vector<std::string> plugin_environment() {
    std::string folder = home_.path() + "/bin";
    std::filesystem::create_directories(folder);
    std::filesystem::create_symlink(testing::binary_path("ssmlink"),
                                    folder + "/session-manager-plugin");
    std::vector<std::string> env = testing::ssmlink_environment(*emulator_, home_.path());
    env[1] = "PATH=" + folder + ":/usr/bin:/bin";
    env.push_back("AWS_DEFAULT_REGION=us-east-1");
    return env;
  }

  // Debian's aws ssm start-session with AWS-StartPortForwardingSession and ssmlink as its
  // plugin: 1 MiB through the port, then TerminateSession. The session ID and all output.
  std::pair<std::string, std::string> plugin_port_session() {
    testing::ChildProcess aws = testing::ChildProcess::exec(
        {"/usr/bin/aws", "--endpoint-url", emulator_->url(), "ssm", "start-session", "--target",
         kInstance, "--document-name", "AWS-StartPortForwardingSession", "--parameters",
         "portNumber=" + std::to_string(echo_.port()) + ",localPortNumber=0"},
        plugin_environment(), true);
    std::string session_id;
    uint16_t port = 0;
    std::string seen;
    for (int i = 0; i < 10 && port == 0; ++i) {
      std::optional<std::string> line = aws.read_line(30s);
      if (!line) break;
      seen += *line + "\n";
      if (line->rfind("Starting session with SessionId: ", 0) == 0) session_id = line->substr(33);
      if (line->rfind("Port ", 0) == 0) port = static_cast<uint16_t>(std::stoi(line->substr(5)));
    }
    EXPECT_NE(port, 0) << seen << aws.read_error();
    EXPECT_THAT(seen, HasSubstr("Port " + std::to_string(port) + " opened for sessionId " +
                                session_id + "."));
    EXPECT_EQ(testing::echo_through(port, 1 << 20, 4), "ok");
    testing::AwsCli cli(*emulator_);
    cli.run({"ssm", "terminate-session", "--session-id", session_id});
    std::optional<int> code = aws.wait(30s);
    std::string out, err;
    aws.pump(out, err, 0ms);
    seen += out;
    EXPECT_EQ(code, 0) << seen << err;
    return {session_id, seen};
  }

  static RunningEmulator* emulator_;
  EchoServer echo_;
  testing::TempDir home_;
};

RunningEmulator* Forward::emulator_ = nullptr;

TEST_F(Forward, BasicModeCarriesBytesBothWaysIntactAndCtrlCEndsWithZero) {
  ForwardRun run = forward();
  nlohmann::json listening = run.wait_for("listening");
  ASSERT_FALSE(listening.is_null()) << run.output();
  EXPECT_EQ(listening.value("mode", ""), "basic");
  EXPECT_EQ(listening.value("target", ""), kInstance);
  auto started = std::chrono::steady_clock::now();
  std::string result = testing::echo_through(run.local_port(), 4 << 20, 1);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(result, "ok") << run.output();
  std::cout << "basic mode: 4 MiB each way in " << seconds << " s\n";
  nlohmann::json closed = run.wait_for("closed");
  EXPECT_EQ(closed.value("bytes_up", 0), 4u << 20) << run.output();
  EXPECT_EQ(closed.value("bytes_down", 0), 4u << 20) << run.output();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
  nlohmann::json ended = run.wait_for("session_ended");
  EXPECT_EQ(ended.value("end", ""), "stopped") << run.output();
}

TEST_F(Forward, BasicModeRefusesASecondConnectionAndServesTheNextOne) {
  ForwardRun run = forward();
  ASSERT_FALSE(run.wait_for("listening").is_null()) << run.output();
  int first = testing::connect_loopback(run.local_port());
  ASSERT_GE(first, 0);
  ASSERT_TRUE(testing::send_all(first, "one"));
  EXPECT_EQ(testing::receive_exactly(first, 3, 10s), "one");
  int second = testing::connect_loopback(run.local_port());
  ASSERT_GE(second, 0);
  nlohmann::json refused = run.wait_for("refused");
  EXPECT_THAT(refused.value("reason", ""), HasSubstr("one connection at a time")) << run.output();
  EXPECT_EQ(testing::receive_exactly(second, 1, 5s), "");  // closed at once
  ::close(second);
  ::close(first);
  ASSERT_FALSE(run.wait_for("closed").is_null()) << run.output();
  EXPECT_EQ(testing::echo_through(run.local_port(), 64 << 10, 2), "ok") << run.output();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

TEST_F(Forward, ADroppedWebSocketIsResumedAndTheTransferCompletesIntact) {
  ForwardRun run = forward();
  nlohmann::json listening = run.wait_for("listening");
  ASSERT_FALSE(listening.is_null()) << run.output();
  std::string session_id = listening.value("session_id", "");
  std::atomic<bool> done{false};
  std::thread dropper([&] {
    std::this_thread::sleep_for(300ms);
    if (!done) emulator_->admin_post("sessions/" + session_id + "/drop");
  });
  EXPECT_EQ(testing::echo_through(run.local_port(), 8 << 20, 3), "ok") << run.output();
  done = true;
  dropper.join();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
  nlohmann::json ended = run.wait_for("session_ended");
  EXPECT_GE(ended.value("reconnects", 0), 1) << run.output();
}

// Several --forward in one command: each its own session, both carrying bytes.
TEST_F(Forward, SeveralForwardsAreEachTheirOwnSession) {
  std::string port = std::to_string(echo_.port());
  ForwardRun run(*emulator_, home_.path(),
                 {"forward", "--instance", kInstance, "--forward", "0:localhost:" + port,
                  "--forward", "0:127.0.0.1:" + port, "--output", "json"});
  nlohmann::json one = run.wait_for("listening");
  nlohmann::json other = run.wait_for("listening");
  ASSERT_FALSE(one.is_null() || other.is_null()) << run.output();
  EXPECT_NE(one.value("session_id", ""), other.value("session_id", ""));
  EXPECT_NE(one.value("local", ""), other.value("local", ""));
  for (const nlohmann::json& listening : {one, other}) {
    std::string local = listening.value("local", "");
    auto local_port = static_cast<uint16_t>(std::stoi(local.substr(local.rfind(':') + 1)));
    EXPECT_EQ(testing::echo_through(local_port, 100000, 7), "ok") << local;
  }
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

// Temporary access as connect has it: the path is created for the forward and deleted
// after Ctrl-C.
TEST_F(Forward, AnInstanceWithoutAPathGetsATemporaryStackThatGoesAfterwards) {
  testing::use_agent_version(*emulator_, testing::kBasicAgentVersion, "seed");
  ForwardRun run = forward({"--ttl", "30m"});
  ASSERT_FALSE(run.wait_for("listening", 60s).is_null()) << run.output();
  EXPECT_EQ(testing::echo_through(run.local_port(), 10000, 6), "ok") << run.output();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
  EXPECT_THAT(run.output(), HasSubstr("Deleted  ssmlink-vpc-0f00d1e2c3b4a5968"));
  testing::ProcessResult status =
      testing::run_ssmlink_process(*emulator_, home_.path(), {"status", "--output", "json"});
  nlohmann::json report = nlohmann::json::parse(status.out);
  EXPECT_TRUE(report["stacks"].empty()) << status.out;
}

TEST_F(Forward, BadValuesAreUsageErrorsNamingTheValue) {
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  for (const Case& bad :
       {Case{{"--remote-port", "70000"}, "70000"},
        Case{{"--remote-port", "22", "--local-port", "-1"}, "-1"},
        Case{{"--forward", "15432:db.internal"}, "15432:db.internal"},
        Case{{"--forward", "x:db:5432"}, "\"x\""},
        Case{{"--remote-port", "22", "--local-address", "localhost"}, "localhost"},
        Case{{}, "nothing to forward"}}) {
    std::vector<std::string> args{"forward", "--instance", kInstance};
    args.insert(args.end(), bad.args.begin(), bad.args.end());
    testing::ProcessResult result = testing::run_ssmlink_process(*emulator_, home_.path(), args);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_THAT(result.err, HasSubstr(bad.says));
  }
}

// ssmlink linked as session-manager-plugin, under Debian's `aws ssm start-session` with a
// port document: AWS's plugin's lines, the bytes intact, and the service's end of the
// session (TerminateSession) ends it with the plugin's exit line.
TEST_F(Forward, SsmlinkServesAsThePluginOfAwsForPortDocuments) {
  auto [session_id, seen] = plugin_port_session();
  EXPECT_THAT(seen, HasSubstr("opened for sessionId " + session_id + ".\n"));
  EXPECT_THAT(seen, HasSubstr("Connection accepted for session " + session_id + ".\n"));
  // The service's reason, as section 3.4 has it.
  EXPECT_THAT(seen, HasSubstr("\n\nSessionId: " + session_id + " : TerminateSession\n\n")) << seen;
}

// AWS-StartSSHSession (standard stream, as SSH's ProxyCommand uses it): stdin goes to the
// destination, the destination's bytes to stdout, and the input's end ends the session.
TEST_F(Forward, PluginModeCarriesStandardStreamSessionsForSsh) {
  std::vector<std::string> env = plugin_environment();
  // The input stays open until the echo is back (at most 30 s): a fixed pause lost the race
  // against the AWS CLI's start on a loaded machine (ctest -j4).
  std::string script =
      "out=$(mktemp); (printf 'SSH-2.0-hello\\n'; i=0; "
      "while ! grep -q SSH-2.0-hello \"$out\" && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); "
      "done) | aws --endpoint-url " +
      emulator_->url() + " ssm start-session --target " + kInstance +
      " --document-name AWS-StartSSHSession --parameters portNumber=" +
      std::to_string(echo_.port()) + " > \"$out\"; rc=$?; cat \"$out\"; rm -f \"$out\"; exit $rc";
  testing::ProcessResult result = testing::run_process({"/bin/sh", "-c", script}, env, 60s);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr("Starting session with SessionId: "));
  EXPECT_THAT(result.out, HasSubstr("SSH-2.0-hello\n")) << result.err;
}

// Multiplexed mode: an agent above 3.0.196.0, the emulator's smux server.
class ForwardMux : public Forward {
 protected:
  void SetUp() override {
    Forward::SetUp();
    testing::use_agent_version(*emulator_, testing::kMuxAgentVersion);
  }
};

TEST_F(ForwardMux, ThirtyTwoConcurrentConnectionsAreEachIntact) {
  ForwardRun run = forward();
  ASSERT_EQ(run.wait_for("listening").value("mode", ""), "multiplexed") << run.output();
  std::vector<std::string> results(32);
  std::vector<std::thread> clients;
  for (int i = 0; i < 32; ++i) {
    clients.emplace_back(
        [&, i] { results[i] = testing::echo_through(run.local_port(), 256 << 10, 200 + i); });
  }
  for (std::thread& client : clients)
    client.join();
  for (int i = 0; i < 32; ++i)
    EXPECT_EQ(results[i], "ok") << "connection " << i << "\n" << run.output();
  for (int i = 0; i < 32; ++i) {
    nlohmann::json closed = run.wait_for("closed");
    EXPECT_EQ(closed.value("bytes_down", 0), 256u << 10) << closed.dump();
  }
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

TEST_F(ForwardMux, ADroppedWebSocketIsResumedAndTheTransferCompletesIntact) {
  ForwardRun run = forward();
  nlohmann::json listening = run.wait_for("listening");
  ASSERT_EQ(listening.value("mode", ""), "multiplexed") << run.output();
  std::string session_id = listening.value("session_id", "");
  std::thread dropper([&] {
    std::this_thread::sleep_for(300ms);
    emulator_->admin_post("sessions/" + session_id + "/drop");
  });
  EXPECT_EQ(testing::echo_through(run.local_port(), 8 << 20, 16), "ok") << run.output();
  dropper.join();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
  EXPECT_GE(run.wait_for("session_ended").value("reconnects", 0), 1) << run.output();
}

TEST_F(ForwardMux, TheRemotePortClosingClosesTheLocalConnectionAndTheSessionGoesOn) {
  ForwardRun run = forward();
  ASSERT_EQ(run.wait_for("listening").value("mode", ""), "multiplexed") << run.output();
  int fd = testing::connect_loopback(run.local_port());
  ASSERT_TRUE(testing::send_all(fd, "ping"));
  EXPECT_EQ(testing::receive_exactly(fd, 4, 10s), "ping");
  echo_.drop_connections();
  EXPECT_EQ(testing::receive_exactly(fd, 1, 10s), "");  // EOF: closed by ssmlink
  ::close(fd);
  EXPECT_FALSE(run.wait_for("closed").is_null()) << run.output();
  EXPECT_EQ(testing::echo_through(run.local_port(), 100000, 17), "ok") << run.output();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

TEST_F(ForwardMux, SsmlinkAsThePluginOfAwsMultiplexesWithAwsLines) {
  auto [session_id, seen] = plugin_port_session();
  EXPECT_THAT(seen,
              HasSubstr("opened for sessionId " + session_id + ".\nWaiting for connections...\n"));
  EXPECT_THAT(seen, HasSubstr("Connection accepted for session [" + session_id + "]\n"));
}

TEST_F(ForwardMux, ARefusedDestinationIsReportedPerConnection) {
  int unused = 0;
  {
    EchoServer gone;  // a port that was free a moment ago
    unused = gone.port();
  }
  ForwardRun run(*emulator_, home_.path(),
                 {"forward", "--instance", kInstance, "--remote-port", std::to_string(unused),
                  "--output", "json"});
  ASSERT_EQ(run.wait_for("listening").value("mode", ""), "multiplexed") << run.output();
  int fd = testing::connect_loopback(run.local_port());
  ASSERT_GE(fd, 0);
  EXPECT_EQ(testing::receive_exactly(fd, 1, 10s), "");
  ::close(fd);
  nlohmann::json closed = run.wait_for("closed");
  EXPECT_THAT(closed.value("error", ""), HasSubstr("could not connect")) << run.output();
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

}  // namespace
}  // namespace ssmlink::cli
