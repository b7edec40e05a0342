#include "emulator/sessions/command_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ssmlink::emulator::sessions {

namespace {

void close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

CommandRunner::CommandRunner(const std::string& shell, const std::string& command) {
  ExecStrings args({shell, "-c", command});
  ExecStrings env(child_environment());
  std::string directory = scratch_.path();
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    throw std::runtime_error("pipe failed");
  }
  child_ = fork();
  if (child_ < 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (child_ == 0) {  // only async-signal-safe calls from here
    setpgid(0, 0);    // its own group, so Ctrl-C reaches the command's children too
    reset_signals_for_exec();
    int null_input = open("/dev/null", O_RDONLY);
    if (null_input < 0 || dup2(null_input, 0) < 0 || dup2(out_pipe[1], 1) < 0 ||
        dup2(err_pipe[1], 2) < 0 || chdir(directory.c_str()) != 0) {
      _exit(127);
    }
    execve(args.get()[0], args.get(), env.get());
    _exit(127);
  }
  setpgid(child_, child_);  // also here: no race with a signal sent right away
  close(out_pipe[1]);
  close(err_pipe[1]);
  stdout_ = out_pipe[0];
  stderr_ = err_pipe[0];
  fcntl(stdout_, F_SETFL, fcntl(stdout_, F_GETFL) | O_NONBLOCK);
  fcntl(stderr_, F_SETFL, fcntl(stderr_, F_GETFL) | O_NONBLOCK);
}

CommandRunner::~CommandRunner() {
  kill_and_reap(child_, reaped_);
  close_fd(stdout_);
  close_fd(stderr_);
}

void CommandRunner::read_from(int& fd, PayloadType type, std::vector<WorkerOutput>& out) {
  for (int chunk = 0; chunk < 16 && fd >= 0; ++chunk) {
    char buffer[kStreamChunk];
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.push_back({type, std::string(buffer, static_cast<size_t>(n))});
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && errno == EAGAIN) {
      return;
    } else {
      close_fd(fd);  // EOF: the command and everything it started closed this stream
    }
  }
}

std::vector<WorkerOutput> CommandRunner::poll() {
  std::vector<WorkerOutput> out;
  read_from(stdout_, PayloadType::kOutput, out);
  read_from(stderr_, PayloadType::kStdErr, out);
  if (!reaped_ && waitpid(child_, &wait_status_, WNOHANG) == child_) reaped_ = true;
  if (reaped_ && stdout_ < 0 && stderr_ < 0 && !exit_code_sent_) {
    out.push_back(
        {PayloadType::kExitCode, "EXIT_CODE: " + std::to_string(exit_code_of(wait_status_))});
    exit_code_sent_ = true;
  }
  return out;
}

void CommandRunner::wait_on(WorkerWait& wait, bool reading) const {
  if (reading) {
    wait.add(stdout_, POLLIN);
    wait.add(stderr_, POLLIN);
  }
  // The command's exit has no descriptor: once its streams are closed, look for it often.
  if (!reaped_) wait.within(std::chrono::milliseconds(stdout_ < 0 && stderr_ < 0 ? 5 : 100));
  if (reaped_ && !exit_code_sent_) wait.within(std::chrono::milliseconds(0));
}

void CommandRunner::input(std::string_view bytes) {
  if (reaped_) return;
  for (char byte : bytes) {
    if (byte == 0x03) kill(-child_, SIGINT);
    if (byte == 0x1c) kill(-child_, SIGQUIT);
  }
}

std::optional<std::string> CommandRunner::finished() const {
  if (exit_code_sent_) return std::string();
  return std::nullopt;
}

}  // namespace ssmlink::emulator::sessions
