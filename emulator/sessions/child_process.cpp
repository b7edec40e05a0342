#include "emulator/sessions/child_process.hpp"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace ssmlink::emulator::sessions {

ScratchDirectory::ScratchDirectory() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "ssmlink-emulator-session-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + pattern);
  path_ = pattern;
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ExecStrings::ExecStrings(std::vector<std::string> strings) : strings_(std::move(strings)) {
  for (auto& s : strings_)
    pointers_.push_back(s.data());
  pointers_.push_back(nullptr);
}

std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (char** entry = environ; *entry; ++entry) {
    if (std::string_view(*entry).starts_with("TERM=")) continue;
    env.emplace_back(*entry);
  }
  env.emplace_back("TERM=xterm-256color");
  return env;
}

namespace {

// Live processes whose session or process group is `id` (/proc/<pid>/stat fields 5, 6).
std::vector<pid_t> processes_of(pid_t id) {
  std::vector<pid_t> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!stat || !std::getline(stat, line)) continue;
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long ppid = 0, pgrp = 0, session = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %ld %ld %ld", &state, &ppid, &pgrp, &session) !=
        4) {
      continue;
    }
    if (state == 'Z' || state == 'X') continue;  // dead; its parent (init) reaps it
    if (pgrp == id || session == id) found.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return found;
}

}  // namespace

void kill_and_reap(pid_t child, bool reaped) {
  if (child <= 0) return;
  // SIGKILL takes effect asynchronously: look again until they are gone (at most ~1 s),
  // so nothing the session started outlives it.
  for (int round = 0; round < 100; ++round) {
    auto left = processes_of(child);
    if (left.empty()) break;
    for (pid_t pid : left)
      kill(pid, SIGKILL);
    usleep(10000);
  }
  if (!reaped) {
    kill(child, SIGKILL);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

int exit_code_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 1;
}

void reset_signals_for_exec() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int signal : {SIGINT, SIGTERM, SIGQUIT, SIGTSTP, SIGPIPE, SIGHUP, SIGCHLD})
    ::signal(signal, SIG_DFL);
}

}  // namespace ssmlink::emulator::sessions
