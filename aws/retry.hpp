// Retries in the SDKs' "standard" mode (botocore retries/standard.py and quota.py):
// up to max_attempts (default 3), full-jitter exponential backoff capped at 20 s, only
// for throttling and transient errors, paid for from a shared quota so a broken service
// is not hammered. The "adaptive" mode adds a client-side rate limiter per service
// endpoint (aws/rate_limiter.hpp).
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "aws/rate_limiter.hpp"
#include "util/clock.hpp"

namespace ssmlink::aws {

enum class FailureKind {
  Throttling,  // Throttling, RequestLimitExceeded, ... (any status)
  Transient,   // 500/502/503/504, RequestTimeout, connection reset or refused
  Timeout,     // connect or read timeout: retried, at a higher quota cost
  Permanent,   // every other client error: never retried
};

bool is_throttling_code(std::string_view code);
bool is_transient_code(std::string_view code);
// From a service error's HTTP status and code.
FailureKind classify(int status, std::string_view code);

// botocore quota.py: 500 tokens; a retry costs 5 (10 after a timeout); a success
// without retry refunds 1, a success after retries refunds what they cost.
class RetryQuota {
 public:
  static constexpr int kCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  // Takes the cost of one retry; false (and nothing taken) when the quota is empty.
  bool acquire(bool after_timeout, int& cost);
  void release(int amount);
  int available() const;

 private:
  mutable std::mutex mutex_;
  int available_ = kCapacity;
};

// AWS_RETRY_MODE / retry_mode. The SDKs' "legacy" mode is not implemented: it is read as
// Standard (see resolve_retry_mode).
enum class RetryMode { Standard, Adaptive };

// One per session, shared by all its clients.
class RetryStrategy {
 public:
  // random() returns a number in [0, 1).
  RetryStrategy(int max_attempts, std::function<double()> random,
                RetryMode mode = RetryMode::Standard);
  int max_attempts() const { return max_attempts_; }
  RetryMode mode() const { return mode_; }
  RetryQuota& quota() { return quota_; }
  // Delay before retry number `retry` (1 for the first retry): rand * min(2^(retry-1), 20) s.
  std::chrono::milliseconds backoff(int retry);

  // Adaptive mode: the rate limiter of one service at one endpoint and region (services
  // throttle each client separately), created at `now` by the first client that asks and
  // shared by every later one. Standard mode: null.
  std::shared_ptr<ClientRateLimiter> rate_limiter(const std::string& service,
                                                  const std::string& region,
                                                  const std::string& endpoint_url,
                                                  Clock::TimePoint now);

 private:
  int max_attempts_;
  std::function<double()> random_;
  RetryMode mode_;
  RetryQuota quota_;
  std::mutex limiters_mutex_;
  std::map<std::string, std::shared_ptr<ClientRateLimiter>> limiters_;
};

}  // namespace ssmlink::aws
