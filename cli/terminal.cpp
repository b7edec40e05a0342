#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <csignal>

namespace ssmlink::cli {

namespace {

// What the handlers need, in plain statics: they run in signal context.
struct termios saved_mode {};
volatile sig_atomic_t saved_fd = -1;
std::atomic<bool> resize_seen{false};
std::atomic<bool> terminate_seen{false};

constexpr std::array kCrashSignals = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
constexpr std::array kEndSignals = {SIGTERM, SIGHUP};
std::array<struct sigaction, kCrashSignals.size()> previous_crash{};
std::array<struct sigaction, kEndSignals.size()> previous_end{};
struct sigaction previous_winch {};

void restore_now() {
  if (saved_fd >= 0) tcsetattr(saved_fd, TCSAFLUSH, &saved_mode);
}

extern "C" void on_crash(int signal) {
  restore_now();  // tcsetattr is async-signal-safe
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

extern "C" void on_end(int /*signal*/) {
  terminate_seen.store(true);
}

extern "C" void on_winch(int /*signal*/) {
  resize_seen.store(true);
}

void install(int signal, void (*handler)(int), struct sigaction* previous) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  sigaction(signal, &action, previous);
}

}  // namespace

std::optional<TerminalSize> terminal_size(int fd) {
  struct winsize size {};
  if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return std::nullopt;
  return TerminalSize{size.ws_col, size.ws_row};
}

std::optional<session::TerminalSize> remote_window_size() {
  std::optional<TerminalSize> size = terminal_size(STDOUT_FILENO);
  if (!size) size = terminal_size(STDIN_FILENO);
  if (!size) return std::nullopt;
  return session::TerminalSize{static_cast<uint32_t>(size->columns),
                               static_cast<uint32_t>(size->rows)};
}

std::atomic<bool>& RawTerminal::resized() {
  return resize_seen;
}

std::atomic<bool>& RawTerminal::terminated() {
  return terminate_seen;
}

RawTerminal::RawTerminal(int fd) : fd_(fd) {
  terminate_seen.store(false);
  for (size_t i = 0; i < kEndSignals.size(); ++i)
    install(kEndSignals[i], on_end, &previous_end[i]);
  install(SIGWINCH, on_winch, &previous_winch);
  if (!isatty(fd) || tcgetattr(fd, &saved_mode) != 0) return;
  saved_fd = fd;
  for (size_t i = 0; i < kCrashSignals.size(); ++i)
    install(kCrashSignals[i], on_crash, &previous_crash[i]);
  struct termios raw = saved_mode;
  cfmakeraw(&raw);
  // Output post-processing stays as the remote pty sends it ("\r\n" already).
  active_ = tcsetattr(fd, TCSAFLUSH, &raw) == 0;
}

RawTerminal::~RawTerminal() {
  if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_mode);
  if (saved_fd >= 0) {
    for (size_t i = 0; i < kCrashSignals.size(); ++i)
      sigaction(kCrashSignals[i], &previous_crash[i], nullptr);
  }
  saved_fd = -1;
  for (size_t i = 0; i < kEndSignals.size(); ++i)
    sigaction(kEndSignals[i], &previous_end[i], nullptr);
  sigaction(SIGWINCH, &previous_winch, nullptr);
}

}  // namespace ssmlink::cli
