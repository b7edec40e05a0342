// Test helper: child processes with their output captured and a time limit, so that a
// test can run an executable (the AWS CLI, ssmlink-emulator) or a function in a process of
// its own, and never leaves one behind.
#pragma once
#include <sys/types.h>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ssmlink::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs `argv` with exactly `environment` ("NAME=value"), stdin from /dev/null, and kills
// it if it runs longer than `timeout`.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment,
                          std::chrono::milliseconds timeout);

// A running child whose standard output is read as it comes. The destructor kills and
// reaps a child still running.
class ChildProcess {
 public:
  // Executes `argv` with `environment`. With `die_with_parent` the child gets SIGKILL when
  // the thread that started it ends, so that nothing outlives a harness that is killed.
  static ChildProcess exec(const std::vector<std::string>& argv,
                           const std::vector<std::string>& environment,
                           bool die_with_parent = false);
  // Forks and runs `main` in the child, which exits with what it returns. Call while the
  // test process has no other threads.
  static ChildProcess fork(const std::function<int()>& main);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess();

  bool started() const { return pid_ > 0; }
  // The next line of standard output, without its newline; nullopt at end or timeout.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // All standard error so far (read once the child has exited).
  std::string read_error();
  // Appends what the child has written to each stream, waiting up to `timeout` for some;
  // once it has exited, a zero timeout reads everything that is left.
  void pump(std::string& out, std::string& err, std::chrono::milliseconds timeout);
  void signal(int number);
  // The exit code (-1 if killed by a signal), or nullopt if it still runs after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout);

 private:
  ChildProcess(pid_t pid, int out, int err) : pid_(pid), out_(out), err_(err) {}
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string buffered_;
  std::optional<int> status_;
};

}  // namespace ssmlink::testing
