// AWS's own session-manager-plugin, run by Debian's `aws ssm start-session`, forwarding
// ports through the emulator's agent (reference section 10): multiplexed and basic mode,
// several connections at once, a destination that closes, a host the instance does not
// know. A client nobody here wrote is the judge of the agent's port side. Skipped where
// the plugin is not built (../shared/tools).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "tests/emulator/loopback_echo_server.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/pty_process.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;

std::string aws_session_plugin() {
  return source_path("../shared/tools/session-manager-plugin/session-manager-plugin");
}

// A port nothing listens on now (the plugin's local port).
uint16_t unused_port() {
  int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);
  return ntohs(address.sin_port);
}

// A connection to the plugin's local port; -1 if it cannot be made.
int connect_local(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string random_bytes(size_t size, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string bytes(size, '\0');
  for (auto& byte : bytes)
    byte = static_cast<char>(random());
  return bytes;
}

// Sends `data` on `fd` while reading what comes back, until as much came back, EOF or
// `timeout`; returns what came back.
std::string echo_through(int fd, const std::string& data, std::chrono::milliseconds timeout) {
  std::thread writer([fd, &data] {
    for (size_t sent = 0; sent < data.size();) {
      ssize_t n =
          ::send(fd, data.data() + sent, std::min<size_t>(data.size() - sent, 16384), MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  });
  std::string back;
  auto until = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (back.size() < data.size() && std::chrono::steady_clock::now() < until) {
    pollfd readable{fd, POLLIN, 0};
    if (::poll(&readable, 1, 100) <= 0) continue;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    back.append(buffer, static_cast<size_t>(n));
  }
  ::shutdown(fd, SHUT_RDWR);  // unblocks the writer if the data did not all go
  writer.join();
  return back;
}

// True when the peer closes `fd` within `timeout` (recv gives 0 or an error).
bool closed_by_peer(int fd, std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  char buffer[4096];
  while (std::chrono::steady_clock::now() < until) {
    pollfd readable{fd, POLLIN, 0};
    if (::poll(&readable, 1, 100) <= 0) continue;
    if (::recv(fd, buffer, sizeof buffer, 0) <= 0) return true;
  }
  return false;
}

class PluginPortForwarding : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(aws_session_plugin().c_str(), X_OK) != 0) {
      GTEST_SKIP() << "no AWS plugin at " << aws_session_plugin();
    }
    std::filesystem::create_directories(home_.path() + "/bin");
    std::filesystem::create_symlink(aws_session_plugin(),
                                    home_.path() + "/bin/session-manager-plugin");
  }

  // port-forwarding (multiplexed) or port-forwarding-basic: endpoints-present (the
  // instance is Online) with db.internal mapped to the loopback.
  void load_scenario(const std::string& name) { emulator_.load_scenario(name); }

  // `aws ssm start-session` with AWS's plugin, forwarding local_port_ to `port` (on
  // `host` if given); returns once the plugin listens. Its stdin is a terminal that
  // stays open for as long as the session runs.
  std::unique_ptr<PtyProcess> start(uint16_t port, const std::string& host = {}) {
    nlohmann::json parameters = {{"portNumber", {std::to_string(port)}},
                                 {"localPortNumber", {std::to_string(local_port_)}}};
    std::string document = "AWS-StartPortForwardingSession";
    if (!host.empty()) {
      parameters["host"] = {host};
      document = "AWS-StartPortForwardingSessionToRemoteHost";
    }
    auto plugin = std::make_unique<PtyProcess>(
        std::vector<std::string>{"/usr/bin/aws", "--endpoint-url", emulator_.url(), "ssm",
                                 "start-session", "--target", seed::kInstance, "--document-name",
                                 document, "--parameters", parameters.dump()},
        // TMPDIR: the plugin's mux socket is <TMPDIR>/<FNV-1a of the session ID>_..., and
        // every test's emulator numbers sessions alike, so tests running side by side
        // (ctest -j) would bind the same path.
        std::vector<std::string>{"HOME=" + home_.path(), "TMPDIR=" + home_.path(),
                                 "PATH=" + home_.path() + "/bin:/usr/bin:/bin",
                                 "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
                                 "AWS_DEFAULT_REGION=us-east-1", "TERM=xterm"});
    EXPECT_TRUE(plugin->wait_for(" opened for sessionId ", 30s)) << plugin->screen();
    return plugin;
  }

  // Ctrl-C: the plugin sends TerminateSession and exits 0 (section 10.5).
  void stop(PtyProcess& plugin) {
    plugin.type("\x03");
    EXPECT_EQ(plugin.wait(15s), 0) << plugin.screen();
  }

  void expect_echo(size_t size, uint64_t seed) {
    int fd = connect_local(local_port_);
    ASSERT_GE(fd, 0);
    std::string data = random_bytes(size, seed);
    std::string back = echo_through(fd, data, 15s);
    ::close(fd);
    EXPECT_EQ(back.size(), data.size());
    EXPECT_TRUE(back == data) << "the echo differs from what was sent";
  }

  RunningEmulator emulator_{{"--online-delay-ms", "100"}};
  TempDir home_;
  LoopbackEchoServer echo_;
  uint16_t local_port_ = unused_port();
};

// AWS's plugin paces its uploads at 1 KiB per millisecond: 1 MiB is about a second.
constexpr size_t kVolume = 1 << 20;

TEST_F(PluginPortForwarding, MultiplexedModeCarriesBytesIntact) {
  load_scenario("port-forwarding");  // agent 3.3.1142.0 > 3.0.196.0: smux (section 11)
  auto plugin = start(echo_.port());
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(echo_.accepted(), 0);  // multiplexed: nothing is dialled before a stream opens
  expect_echo(kVolume, 1);
  expect_echo(1000, 2);  // a second connection in the same session
  EXPECT_EQ(echo_.accepted(), 2);
  stop(*plugin);
}

TEST_F(PluginPortForwarding, MultiplexedModeCarriesConcurrentConnections) {
  load_scenario("port-forwarding");
  auto plugin = start(echo_.port());
  constexpr int kConnections = 6;
  std::vector<std::thread> clients;
  std::vector<std::string> sent(kConnections), received(kConnections);
  for (int i = 0; i < kConnections; ++i) {
    sent[i] = random_bytes(kVolume / kConnections, 100 + i);
    clients.emplace_back([&, i] {
      int fd = connect_local(local_port_);
      if (fd < 0) return;
      received[i] = echo_through(fd, sent[i], 15s);
      ::close(fd);
    });
  }
  for (auto& client : clients)
    client.join();
  for (int i = 0; i < kConnections; ++i) {
    EXPECT_EQ(received[i].size(), sent[i].size()) << "connection " << i;
    EXPECT_TRUE(received[i] == sent[i]) << "connection " << i << " differs";
  }
  EXPECT_EQ(echo_.accepted(), kConnections);
  stop(*plugin);
}

TEST_F(PluginPortForwarding, BasicModeCarriesBytesIntact) {
  load_scenario("port-forwarding-basic");  // agent 3.0.196.0: basic mode
  auto plugin = start(echo_.port());
  // Basic mode dials when the session starts (section 10.1), before any local connection.
  for (int i = 0; i < 100 && echo_.accepted() == 0; ++i)
    std::this_thread::sleep_for(20ms);
  EXPECT_EQ(echo_.accepted(), 1);
  expect_echo(kVolume, 3);
  stop(*plugin);
}

TEST_F(PluginPortForwarding, ARemotePortThatClosesClosesTheLocalConnectionOnly) {
  load_scenario("port-forwarding");
  auto plugin = start(echo_.port());
  int fd = connect_local(local_port_);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::send(fd, "CLOSE", 5, MSG_NOSIGNAL), 5);  // the echo server hangs up
  EXPECT_TRUE(closed_by_peer(fd, 10s)) << plugin->screen();
  ::close(fd);
  expect_echo(64 * 1024, 4);  // the session goes on
  stop(*plugin);
}

TEST_F(PluginPortForwarding, MappedHostsAreReachedAndUnknownOnesRefused) {
  load_scenario("port-forwarding");
  {
    auto plugin = start(echo_.port(), "db.internal");
    expect_echo(64 * 1024, 5);
    stop(*plugin);
  }
  local_port_ = unused_port();
  auto plugin = start(echo_.port(), "nowhere.internal");
  int fd = connect_local(local_port_);
  ASSERT_GE(fd, 0);
  ::send(fd, "hello", 5, MSG_NOSIGNAL);
  EXPECT_TRUE(closed_by_peer(fd, 10s)) << plugin->screen();
  ::close(fd);
  EXPECT_EQ(echo_.accepted(), 1);
  stop(*plugin);
}

// The data-channel faults apply to port sessions as to shells: the plugin's reliability
// layer puts duplicated, reordered and delayed messages back in order.
TEST_F(PluginPortForwarding, MultiplexedModeSurvivesDataChannelFaults) {
  load_scenario("port-forwarding");
  emulator_.admin_post("session-faults",
                       R"({"duplicate": 0.05, "reorder": 0.05, "delay": 0.05, "delay_ms": 30})");
  auto plugin = start(echo_.port());
  expect_echo(256 * 1024, 6);
  expect_echo(256 * 1024, 7);
  stop(*plugin);
}

}  // namespace
}  // namespace ssmlink::testing
