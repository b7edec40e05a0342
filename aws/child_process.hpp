// Runs a program without a shell and collects what it prints, for credential_process.
// The child never outlives the call: a program still running at the deadline is killed
// and reaped, and no descriptor of ours leaks into it or stays open.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ssmlink::aws {

struct ChildResult {
  bool timed_out = false;        // killed at the deadline
  std::optional<int> exit_code;  // when it exited by itself
  std::optional<int> signal;     // when a signal ended it
  std::string out;               // stdout, at most kMaxChildOutput bytes
  std::string err;               // stderr, likewise
};

inline constexpr size_t kMaxChildOutput = 64 * 1024;

// argv[0] is looked up in PATH. Throws std::system_error when the program cannot be
// started (not found, not executable, out of resources).
ChildResult run_child_process(const std::vector<std::string>& argv,
                              std::chrono::milliseconds timeout);

}  // namespace ssmlink::aws
