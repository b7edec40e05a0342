#include "aws/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>

namespace ssmlink::aws {

namespace {

using SteadyClock = std::chrono::steady_clock;

[[noreturn]] void throw_errno(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { close(); }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void reset(int fd) {
    close();
    fd_ = fd;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Descriptor read_end;
  Descriptor write_end;
};

// Close-on-exec, so the child gets only the ends it is given as stdout and stderr.
void make_pipe(Pipe& pipe) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno(errno, "cannot create a pipe");
  pipe.read_end.reset(fds[0]);
  pipe.write_end.reset(fds[1]);
}

// posix_spawn's settings, released on every path.
class SpawnSettings {
 public:
  SpawnSettings(int out_fd, int err_fd) {
    posix_spawn_file_actions_init(&actions_);
    posix_spawnattr_init(&attributes_);
    posix_spawn_file_actions_adddup2(&actions_, out_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions_, err_fd, STDERR_FILENO);
    // Descriptors opened elsewhere without close-on-exec stay ours.
    posix_spawn_file_actions_addclosefrom_np(&actions_, STDERR_FILENO + 1);
    // A clean signal state: nothing blocked, SIGPIPE as the program expects it.
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes_, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes_, &defaults);
    posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  SpawnSettings(const SpawnSettings&) = delete;
  SpawnSettings& operator=(const SpawnSettings&) = delete;
  ~SpawnSettings() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attributes_);
  }
  const posix_spawn_file_actions_t* actions() const { return &actions_; }
  const posix_spawnattr_t* attributes() const { return &attributes_; }

 private:
  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attributes_;
};

// Kills and reaps the child if the collecting code leaves early (an exception).
class ChildGuard {
 public:
  explicit ChildGuard(pid_t pid) : pid_(pid) {}
  ChildGuard(const ChildGuard&) = delete;
  ChildGuard& operator=(const ChildGuard&) = delete;
  ~ChildGuard() {
    if (pid_ > 0) kill_and_reap();
  }
  std::optional<int> try_reap() {
    int status = 0;
    pid_t done;
    do {
      done = ::waitpid(pid_, &status, WNOHANG);
    } while (done < 0 && errno == EINTR);
    if (done != pid_) return std::nullopt;
    pid_ = -1;
    return status;
  }
  void kill_and_reap() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

 private:
  pid_t pid_;
};

// Reads what is there without blocking; closes the descriptor at end of file.
void read_available(Descriptor& fd, std::string& into) {
  char buffer[4096];
  size_t budget = 4 * kMaxChildOutput;  // a grandchild writing forever cannot keep us here
  while (fd.open() && budget > 0) {
    ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got > 0) {
      size_t room = kMaxChildOutput - std::min(kMaxChildOutput, into.size());
      into.append(buffer, std::min(room, static_cast<size_t>(got)));
      budget -= std::min(budget, static_cast<size_t>(got));
    } else if (got == 0) {
      fd.close();
    } else if (errno == EINTR) {
      continue;
    } else {
      if (errno != EAGAIN && errno != EWOULDBLOCK) fd.close();
      return;
    }
  }
}

void wait_for_output(Descriptor& out, Descriptor& err, std::chrono::milliseconds limit) {
  pollfd fds[2];
  nfds_t count = 0;
  for (Descriptor* fd : {&out, &err}) {
    if (fd->open()) fds[count++] = pollfd{fd->get(), POLLIN, 0};
  }
  if (count == 0) {
    std::this_thread::sleep_for(limit);
    return;
  }
  ::poll(fds, count, static_cast<int>(limit.count()));
}

void set_nonblocking(const Descriptor& fd) {
  int flags = ::fcntl(fd.get(), F_GETFL);
  ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
}

void record_status(int status, ChildResult& result) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

}  // namespace

ChildResult run_child_process(const std::vector<std::string>& argv,
                              std::chrono::milliseconds timeout) {
  if (argv.empty()) throw std::invalid_argument("run_child_process: no program");
  Pipe out, err;
  make_pipe(out);
  make_pipe(err);
  SpawnSettings settings(out.write_end.get(), err.write_end.get());
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);

  pid_t pid = 0;
  int spawn_error = ::posix_spawnp(&pid, argv[0].c_str(), settings.actions(), settings.attributes(),
                                   args.data(), environ);
  if (spawn_error != 0) throw_errno(spawn_error, "cannot run " + argv[0]);
  ChildGuard child(pid);
  out.write_end.close();
  err.write_end.close();
  set_nonblocking(out.read_end);
  set_nonblocking(err.read_end);

  // Poll in short slices so that a child that exits while a grandchild still holds its
  // pipes is noticed: once it is reaped, what it wrote is already in the pipes.
  const auto deadline = SteadyClock::now() + timeout;
  constexpr std::chrono::milliseconds kSlice{20};
  ChildResult result;
  while (true) {
    if (auto status = child.try_reap()) {
      read_available(out.read_end, result.out);
      read_available(err.read_end, result.err);
      record_status(*status, result);
      return result;
    }
    auto now = SteadyClock::now();
    if (now >= deadline) {
      child.kill_and_reap();
      result.timed_out = true;
      return result;
    }
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    wait_for_output(out.read_end, err.read_end, std::min(left, kSlice));
    read_available(out.read_end, result.out);
    read_available(err.read_end, result.err);
  }
}

}  // namespace ssmlink::aws
