// Sessions at a real terminal (a pseudo-terminal): `ssmlink connect`, ssmlink as
// session-manager-plugin under Debian's `aws ssm start-session`, and AWS's own plugin
// against the emulator's data channel, typed into as a person would.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "tests/support/paths.hpp"
#include "tests/support/pty_process.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::cli {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::PtyProcess;
using testing::RunningEmulator;
using testing::seed::kInstance;

// AWS's plugin, built unmodified from its public source, beside the repository (the team's
// shared tools); the test is skipped where it is not.
std::string aws_plugin() {
  return testing::source_path("../shared/tools/session-manager-plugin/session-manager-plugin");
}

class TerminalSession : public ::testing::Test {
 protected:
  void SetUp() override { emulator_.load_scenario("endpoints-present"); }

  std::vector<std::string> environment(const std::string& path = "/usr/bin:/bin") const {
    return {"HOME=" + home_.path(),
            "PATH=" + path,
            "AWS_ACCESS_KEY_ID=test",
            "AWS_SECRET_ACCESS_KEY=test",
            "AWS_DEFAULT_REGION=us-east-1",
            "AWS_REGION=us-east-1",
            "AWS_ENDPOINT_URL=" + emulator_.url(),
            "TERM=xterm"};
  }
  // A folder on PATH whose session-manager-plugin is `program`.
  std::string plugin_folder(const std::string& program) const {
    std::string folder = home_.path() + "/bin";
    std::filesystem::create_directories(folder);
    std::filesystem::create_symlink(program, folder + "/session-manager-plugin");
    return folder;
  }

  RunningEmulator emulator_{{"--online-delay-ms", "100", "--provision-ms", "60"}};
  testing::TempDir home_;
};

// A shell: a command and its output, the window size and a resize, Ctrl-C stopping a
// remote sleep, exit; the terminal's modes afterwards are those it had before.
void drive_shell(PtyProcess& shell, bool resize) {
  ASSERT_TRUE(shell.wait_for("# ", 20s)) << shell.screen();
  shell.type("echo typed-$((6*7))\r");
  ASSERT_TRUE(shell.wait_for("typed-42", 10s)) << shell.screen();
  shell.type("stty size\r");
  ASSERT_TRUE(shell.wait_for("30 100", 10s)) << shell.screen();
  if (resize) {
    shell.resize(120, 40);
    std::this_thread::sleep_for(700ms);
    shell.type("stty size\r");
    ASSERT_TRUE(shell.wait_for("40 120", 10s)) << shell.screen();
  }
  shell.type("sleep 30; echo after-sleep\r");
  std::this_thread::sleep_for(500ms);
  auto before = std::chrono::steady_clock::now();
  shell.type("\x03");
  std::this_thread::sleep_for(500ms);  // AWS's plugin turns the key into SIGINT first
  shell.type("echo interrupted-$((1+1))\r");
  ASSERT_TRUE(shell.wait_for("interrupted-2", 10s)) << shell.screen();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 10s);
  EXPECT_EQ(shell.screen().find("\nafter-sleep"), std::string::npos);  // not the echo
  shell.type("exit\r");
}

TEST_F(TerminalSession, ConnectIsARealShellAndPutsTheTerminalBack) {
  PtyProcess shell({testing::binary_path("ssmlink"), "connect", "--instance", kInstance},
                   environment());
  termios before = shell.modes();
  drive_shell(shell, true);
  EXPECT_EQ(shell.wait(20s), 0) << shell.screen();
  EXPECT_THAT(shell.screen(), HasSubstr("Session  ended after"));
  termios after = shell.modes();
  EXPECT_EQ(before.c_lflag, after.c_lflag);
  EXPECT_EQ(before.c_iflag, after.c_iflag);
  EXPECT_EQ(before.c_oflag, after.c_oflag);
}

TEST_F(TerminalSession, ConnectOpensThePathFirstAndClosesItAfter) {
  emulator_.load_scenario("seed");  // no endpoints: the instance is not Online
  PtyProcess shell({testing::binary_path("ssmlink"), "connect", "--instance", kInstance},
                   environment());
  ASSERT_TRUE(shell.wait_for("CREATE_COMPLETE", 30s)) << shell.screen();
  ASSERT_TRUE(shell.wait_for("# ", 30s)) << shell.screen();
  shell.type("echo through-the-new-endpoints\r");
  ASSERT_TRUE(shell.wait_for("\nthrough-the-new-endpoints", 10s)) << shell.screen();
  shell.type("exit\r");
  EXPECT_EQ(shell.wait(30s), 0) << shell.screen();
  EXPECT_THAT(shell.screen(), HasSubstr("Deleted  ssmlink-vpc-0f00d1e2c3b4a5968"));
  EXPECT_THAT(shell.screen(), Not(HasSubstr("Undo:")));
}

TEST_F(TerminalSession, TheTerminalIsRawOnlyWhileTheSessionRuns) {
  PtyProcess shell({testing::binary_path("ssmlink"), "connect", "--instance", kInstance},
                   environment());
  termios before = shell.modes();
  ASSERT_TRUE(shell.wait_for("# ", 20s)) << shell.screen();
  EXPECT_NE(before.c_lflag, shell.modes().c_lflag);  // raw: every key goes to the remote side
  shell.type("exit\r");
  EXPECT_EQ(shell.wait(20s), 0);
  EXPECT_EQ(before.c_lflag, shell.modes().c_lflag);
}

TEST_F(TerminalSession, SsmlinkServesAsThePluginOfAwsSsmStartSession) {
  std::string folder = plugin_folder(testing::binary_path("ssmlink"));
  PtyProcess shell({"/usr/bin/aws", "--endpoint-url", emulator_.url(), "ssm", "start-session",
                    "--target", kInstance},
                   environment(folder + ":/usr/bin:/bin"));
  ASSERT_TRUE(shell.wait_for("Starting session with SessionId: ", 30s)) << shell.screen();
  drive_shell(shell, false);
  EXPECT_EQ(shell.wait(20s), 0) << shell.screen();
  EXPECT_THAT(shell.screen(), HasSubstr("Exiting session with sessionId: "));
}

TEST_F(TerminalSession, AwssOwnPluginWorksAgainstTheEmulator) {
  if (access(aws_plugin().c_str(), X_OK) != 0) GTEST_SKIP() << "no AWS plugin at " << aws_plugin();
  std::string folder = plugin_folder(aws_plugin());
  PtyProcess shell({"/usr/bin/aws", "--endpoint-url", emulator_.url(), "ssm", "start-session",
                    "--target", kInstance},
                   environment(folder + ":/usr/bin:/bin"));
  ASSERT_TRUE(shell.wait_for("Starting session with SessionId: ", 30s)) << shell.screen();
  drive_shell(shell, true);
  EXPECT_EQ(shell.wait(20s), 0) << shell.screen();
  EXPECT_THAT(shell.screen(), HasSubstr("Exiting session with sessionId: "));
}

}  // namespace
}  // namespace ssmlink::cli
