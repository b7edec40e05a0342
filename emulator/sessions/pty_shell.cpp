#include "emulator/sessions/pty_shell.hpp"

#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ssmlink::emulator::sessions {

PtyShell::PtyShell(std::vector<std::string> argv) {
  ExecStrings args(std::move(argv));
  ExecStrings env(child_environment());
  std::string directory = scratch_.path();
  winsize size{};
  size.ws_col = 80;
  size.ws_row = 24;
  child_ = forkpty(&master_, nullptr, nullptr, &size);
  if (child_ < 0) throw std::runtime_error(std::string("forkpty: ") + std::strerror(errno));
  if (child_ == 0) {  // only async-signal-safe calls from here
    reset_signals_for_exec();
    if (chdir(directory.c_str()) != 0) _exit(127);
    execve(args.get()[0], args.get(), env.get());
    _exit(127);
  }
  fcntl(master_, F_SETFL, fcntl(master_, F_GETFL) | O_NONBLOCK);
  fcntl(master_, F_SETFD, FD_CLOEXEC);
}

PtyShell::~PtyShell() {
  kill_and_reap(child_, reaped_);
  if (master_ >= 0) close(master_);
}

std::vector<WorkerOutput> PtyShell::poll() {
  std::vector<WorkerOutput> out;
  // Read a bounded amount per call so input and acks keep flowing under a flood.
  for (int chunk = 0; chunk < 16 && !drained_; ++chunk) {
    char buffer[kStreamChunk];
    ssize_t n = read(master_, buffer, sizeof buffer);
    if (n > 0) {
      out.push_back({PayloadType::kOutput, std::string(buffer, static_cast<size_t>(n))});
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      // Nothing now; once the shell is gone, what it wrote has all been read.
      if (reaped_) drained_ = true;
      break;
    }
    drained_ = true;  // EIO: every holder of the pty's slave side is gone
  }
  if (!reaped_) {
    int status = 0;
    if (waitpid(child_, &status, WNOHANG) == child_) reaped_ = true;
  }
  return out;
}

void PtyShell::wait_on(WorkerWait& wait, bool reading) const {
  if (!drained_ && reading) wait.add(master_, POLLIN);
  // A shell's exit has no descriptor: look for it often until it is reaped.
  if (!reaped_) wait.within(std::chrono::milliseconds(drained_ ? 5 : 100));
  if (reaped_ && !drained_) wait.within(std::chrono::milliseconds(5));
}

void PtyShell::input(std::string_view bytes) {
  int full_waits = 0;
  while (!bytes.empty()) {
    ssize_t n = write(master_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN && ++full_waits < 2000) {
      usleep(1000);  // the pty's input queue is full: the shell is not reading yet
      continue;
    }
    if (n <= 0) return;  // the shell is gone; its end is reported by poll()
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void PtyShell::resize(uint16_t cols, uint16_t rows) {
  winsize size{};
  size.ws_col = cols;
  size.ws_row = rows;
  ioctl(master_, TIOCSWINSZ, &size);
}

std::optional<std::string> PtyShell::finished() const {
  if (reaped_ && drained_) return std::string();
  return std::nullopt;
}

}  // namespace ssmlink::emulator::sessions
