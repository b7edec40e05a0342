// Patience: what a workflow does when an AWS call still fails after the client's own
// retries (AWS_MAX_ATTEMPTS, default 3) for a reason that passes: throttling, the
// service's 5xx, the network, or an answer cut off on the way. It waits (1 s, doubling to
// 15 s, jittered) and calls again, for at most a budget (--api-timeout) from the call's
// first failure, telling the user on the progress line. Busy accounts see throttling for
// minutes; a tool that gives up after three attempts never converges there.
//
// Only calls that are safe to repeat go through it: reads, and writes that AWS makes
// idempotent (CreateStack with a ClientRequestToken, DeleteStack).
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "aws/errors.hpp"
#include "util/clock.hpp"

namespace ssmlink::workflows {

// The default --api-timeout.
inline constexpr std::chrono::seconds kDefaultApiTimeout{180};

struct RetryNotice {
  std::string call;                // e.g. "CloudFormation DescribeStacks"
  std::string error;               // the last failure, as the client reported it
  std::chrono::milliseconds wait;  // before the next try
  std::chrono::seconds left;       // of the budget, after the wait
};

// Throttled, the service's trouble (5xx, an HTML error page), a connection lost or timed
// out, or an answer that could not be read: worth another try later. Denials, bad input,
// credentials and an endpoint that cannot be reached at all (wrong URL, refused, TLS) are not.
bool is_passing_failure(const aws::AwsError& error);

class Patience {
 public:
  using Notify = std::function<void(const RetryNotice&)>;
  // `random` returns a number in [0, 1) for the jitter; default: a seeded generator.
  Patience(Clock& clock, std::chrono::seconds budget,
           const std::atomic<bool>* interrupted = nullptr, Notify notify = {},
           std::function<double()> random = {});

  // Calls `call` until it returns, a failure that does not pass is thrown, or the budget
  // is spent (the last failure is thrown). Ctrl-C during a wait throws Interrupted.
  template <typename Call>
  decltype(auto) run(const std::string& what, Call&& call) {
    Attempts attempts;
    while (true) {
      try {
        return call();
      } catch (const aws::AwsError& error) {
        if (!another_try(what, error, attempts)) throw;
      }
    }
  }

  std::chrono::seconds budget() const { return budget_; }
  Clock& clock() const { return clock_; }
  const std::atomic<bool>* interrupted() const { return interrupted_; }
  void notify(const RetryNotice& notice) const;

 private:
  struct Attempts {
    int failures = 0;
    Clock::TimePoint deadline{};
  };
  // Waits before the next try; false when the failure does not pass or the budget is spent.
  bool another_try(const std::string& what, const aws::AwsError& error, Attempts& attempts);

  Clock& clock_;
  std::chrono::seconds budget_;
  const std::atomic<bool>* interrupted_;
  Notify notify_;
  std::function<double()> random_;
};

// The wait before try number `failures` + 1: 1 s doubling to 15 s, times a jitter in
// [0.5, 1) so that many clients do not come back at once.
std::chrono::milliseconds patience_backoff(int failures, double random);

}  // namespace ssmlink::workflows
