#include "aws/child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <system_error>

#include "tests/support/process_table.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using Args = std::vector<std::string>;

ChildResult run_shell(const std::string& script, std::chrono::milliseconds timeout = 5s) {
  return run_child_process(Args{"/bin/sh", "-c", script}, timeout);
}

TEST(ChildProcess, CollectsOutputAndExitCode) {
  auto result = run_shell("printf 'out'; printf 'err' >&2; exit 3");
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_FALSE(result.signal);
  EXPECT_EQ(result.out, "out");
  EXPECT_EQ(result.err, "err");
}

TEST(ChildProcess, PassesArgumentsWithoutAShell) {
  auto result = run_child_process(Args{"printf", "%s|", "a b", "$HOME", "*"}, 5s);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "a b|$HOME|*|");
}

TEST(ChildProcess, ReportsTheSignalThatEndedIt) {
  auto result = run_shell("kill -TERM $$");
  EXPECT_FALSE(result.exit_code);
  EXPECT_EQ(result.signal, SIGTERM);
}

TEST(ChildProcess, KillsAndReapsAProgramThatRunsTooLong) {
  int descriptors = testing::open_descriptor_count();
  auto started = std::chrono::steady_clock::now();
  auto result = run_shell("printf partial; exec sleep 30", 200ms);
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.out, "partial");
  EXPECT_GE(elapsed, 200ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(testing::zombie_children(), 0);
  EXPECT_EQ(testing::open_descriptor_count(), descriptors);
}

TEST(ChildProcess, AProgramThatClosesItsOutputAndStaysIsStillStopped) {
  auto result = run_shell("exec >&- 2>&-; exec sleep 30", 200ms);
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(testing::zombie_children(), 0);
}

TEST(ChildProcess, LargeOutputNeitherBlocksNorGrowsWithoutBound) {
  // 1 MiB on stdout and stderr: more than a pipe holds, so both must be drained as it runs.
  auto result = run_shell("head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2", 10s);
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.size(), kMaxChildOutput);
  EXPECT_EQ(result.err.size(), kMaxChildOutput);
}

TEST(ChildProcess, AMissingProgramThrows) {
  int descriptors = testing::open_descriptor_count();
  try {
    run_child_process(Args{"/nonexistent/ssmlink-test-tool"}, 1s);
    FAIL() << "expected std::system_error";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
  }
  EXPECT_EQ(testing::open_descriptor_count(), descriptors);
  EXPECT_THROW(run_child_process(Args{}, 1s), std::invalid_argument);
}

TEST(ChildProcess, LeavesNoDescriptorOrZombieBehind) {
  int descriptors = testing::open_descriptor_count();
  for (int i = 0; i < 20; ++i) {
    auto result = run_shell("echo hi; echo there >&2");
    ASSERT_EQ(result.exit_code, 0);
  }
  EXPECT_EQ(testing::open_descriptor_count(), descriptors);
  EXPECT_EQ(testing::zombie_children(), 0);
}

TEST(ChildProcess, TheChildGetsNoneOfOurDescriptors) {
  // Two descriptors without close-on-exec, as a careless library might leave them.
  int first = ::open("/dev/null", O_RDONLY);
  int second = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(second, 4);
  auto result = run_child_process(Args{"ls", "/proc/self/fd"}, 5s);
  ::close(first);
  ::close(second);
  EXPECT_EQ(result.exit_code, 0);
  // stdin, stdout, stderr, and the one ls opens to read the folder.
  for (const auto& line : split(result.out, '\n')) {
    if (line.empty()) continue;
    EXPECT_LE(std::stoi(line), 3) << result.out;
  }
}

}  // namespace
}  // namespace ssmlink::aws
