// Test helper: what this test process holds, to show that running a child leaks
// nothing: open descriptors, and children that exited but were never reaped.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ssmlink::testing {

inline int open_descriptor_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    ++count;
  }
  return count;
}

// Children of this process in state Z.
inline int zombie_children() {
  int zombies = 0;
  std::string parent = std::to_string(getpid());
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!stat || !std::getline(stat, line)) continue;
    // pid (comm) state ppid ...; comm may hold spaces, so read after the last ')'.
    auto close = line.rfind(')');
    if (close == std::string::npos || close + 2 >= line.size()) continue;
    char state = line[close + 2];
    std::string rest = line.substr(close + 4);
    std::string ppid = rest.substr(0, rest.find(' '));
    if (ppid == parent && state == 'Z') ++zombies;
  }
  return zombies;
}

}  // namespace ssmlink::testing
