#include "tests/support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

namespace ssmlink::testing {

namespace {

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (const auto& text : strings)
    pointers.push_back(const_cast<char*>(text.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

// In the child: stdin from /dev/null, stdout and stderr into the pipes.
void redirect(int out[2], int err[2]) {
  int null = ::open("/dev/null", O_RDONLY);
  if (null >= 0) ::dup2(null, 0);
  ::dup2(out[1], 1);
  ::dup2(err[1], 2);
  for (int fd : {out[0], out[1], err[0], err[1], null}) {
    if (fd > 2) ::close(fd);
  }
}

void drain(int fd, std::string& into) {
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    into.append(buffer, static_cast<size_t>(n));
  }
}

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

ChildProcess ChildProcess::exec(const std::vector<std::string>& argv,
                                const std::vector<std::string>& environment, bool die_with_parent) {
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> env = c_strings(environment);
  pid_t parent = ::getpid();
  return fork([&] {
    // The parent may have gone before prctl took effect: then it is too late to ask.
    if (die_with_parent && (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent)) {
      return 127;
    }
    ::execve(args[0], args.data(), env.data());
    std::perror("execve");
    return 127;
  });
}

ChildProcess ChildProcess::fork(const std::function<int()>& main) {
  int out[2];
  int err[2];
  if (::pipe(out) != 0) return ChildProcess(-1, -1, -1);
  if (::pipe(err) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    return ChildProcess(-1, -1, -1);
  }
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    redirect(out, err);
    int code = main();
    std::fflush(nullptr);
    ::_exit(code);
  }
  ::close(out[1]);
  ::close(err[1]);
  return ChildProcess(pid, out[0], err[0]);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_),
      out_(other.out_),
      err_(other.err_),
      buffered_(std::move(other.buffered_)),
      status_(other.status_) {
  other.pid_ = -1;
  other.out_ = -1;
  other.err_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  for (int fd : {out_, err_}) {
    if (fd >= 0) ::close(fd);
  }
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    size_t newline = buffered_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_ < 0) return std::nullopt;
    pollfd ready{out_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[1024];
    ssize_t n = ::read(out_, buffer, sizeof buffer);
    if (n <= 0) return std::nullopt;
    buffered_.append(buffer, static_cast<size_t>(n));
  }
}

std::string ChildProcess::read_error() {
  std::string text;
  if (err_ >= 0) drain(err_, text);
  return text;
}

void ChildProcess::signal(int number) {
  if (pid_ > 0 && !status_) ::kill(pid_, number);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (status_) return exit_code_of(*status_);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      status_ = status;
      return exit_code_of(status);
    }
    if (done < 0 || std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment,
                          std::chrono::milliseconds timeout) {
  ChildProcess child = ChildProcess::exec(argv, environment);
  ProcessResult result;
  if (!child.started()) return result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<int> code;
  while (!code && std::chrono::steady_clock::now() < deadline) {
    child.pump(result.out, result.err, std::chrono::milliseconds(50));
    code = child.wait(std::chrono::milliseconds(0));
  }
  if (!code) {
    result.timed_out = true;
    child.signal(SIGKILL);
    child.wait(std::chrono::seconds(5));
    return result;
  }
  child.pump(result.out, result.err, std::chrono::milliseconds(0));
  result.exit_code = *code;
  return result;
}

void ChildProcess::pump(std::string& out, std::string& err, std::chrono::milliseconds timeout) {
  out += buffered_;
  buffered_.clear();
  pollfd ready[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
  if (::poll(ready, 2, static_cast<int>(timeout.count())) <= 0) return;
  char buffer[4096];
  for (int i = 0; i < 2; ++i) {
    if (!(ready[i].revents & (POLLIN | POLLHUP))) continue;
    ssize_t n = ::read(ready[i].fd, buffer, sizeof buffer);
    if (n > 0) (i == 0 ? out : err).append(buffer, static_cast<size_t>(n));
  }
  // After the child exits, whatever is left in the pipes.
  if (timeout.count() == 0 && status_) {
    drain(out_, out);
    drain(err_, err);
  }
}

}  // namespace ssmlink::testing
