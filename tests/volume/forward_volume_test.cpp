// `ssmlink forward` at the volume: 64 MiB of random bytes each way at once through a
// forwarded port to an echo server, compared by SHA-256, in both modes. A few seconds each
// in a normal build, half a minute under ASan, which skips them (label `slow`); the smaller
// transfers of tests/cli/forward_test.cpp run everywhere.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "tests/support/echo_server.hpp"
#include "tests/support/forward_run.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::cli {
namespace {

using testing::EchoServer;
using testing::ForwardRun;
using testing::RunningEmulator;
using testing::seed::kInstance;

class ForwardVolume : public ::testing::Test {
 protected:
  ForwardRun forward() {
    return ForwardRun(*emulator_, home_.path(),
                      {"forward", "--instance", kInstance, "--remote-port",
                       std::to_string(echo_.port()), "--output", "json", "--quiet"});
  }

  std::unique_ptr<RunningEmulator> emulator_ = std::make_unique<RunningEmulator>();
  EchoServer echo_;
  testing::TempDir home_;
};

// The volume: 64 MiB of random bytes each way at once, compared by SHA-256.
TEST_F(ForwardVolume, BasicModeCarries64MiBEachWayIntact) {
  testing::use_agent_version(*emulator_, testing::kBasicAgentVersion);
  ForwardRun run = forward();
  ASSERT_FALSE(run.wait_for("listening").is_null()) << run.output();
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(testing::echo_through(run.local_port(), 64 << 20, 5), "ok") << run.output();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "basic mode: 64 MiB each way in " << seconds << " s (" << 64 / seconds
            << " MiB/s each way)\n";
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

TEST_F(ForwardVolume, MultiplexedModeCarries64MiBEachWayIntact) {
  testing::use_agent_version(*emulator_, testing::kMuxAgentVersion);
  ForwardRun run = forward();
  nlohmann::json listening = run.wait_for("listening");
  ASSERT_EQ(listening.value("mode", ""), "multiplexed") << run.output();
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(testing::echo_through(run.local_port(), 64 << 20, 15), "ok") << run.output();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "multiplexed mode: 64 MiB each way in " << seconds << " s (" << 64 / seconds
            << " MiB/s each way)\n";
  run.stop();
  EXPECT_EQ(run.exit_code(), 0) << run.output();
}

}  // namespace
}  // namespace ssmlink::cli
