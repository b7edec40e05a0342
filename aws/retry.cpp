#include "aws/retry.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace ssmlink::aws {

namespace {
// botocore retries/standard.py and special.py (via _retry.json): the codes that mean
// "slow down" and "try again".
constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException"};
constexpr std::array<std::string_view, 3> kTransientCodes = {
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"};
}  // namespace

bool is_throttling_code(std::string_view code) {
  return std::ranges::find(kThrottlingCodes, code) != kThrottlingCodes.end();
}

bool is_transient_code(std::string_view code) {
  return std::ranges::find(kTransientCodes, code) != kTransientCodes.end();
}

FailureKind classify(int status, std::string_view code) {
  if (is_throttling_code(code)) return FailureKind::Throttling;
  if (is_transient_code(code)) return FailureKind::Transient;
  if (status == 500 || status == 502 || status == 503 || status == 504) {
    return FailureKind::Transient;
  }
  return FailureKind::Permanent;
}

bool RetryQuota::acquire(bool after_timeout, int& cost) {
  std::lock_guard lock(mutex_);
  cost = after_timeout ? kTimeoutRetryCost : kRetryCost;
  if (available_ < cost) return false;
  available_ -= cost;
  return true;
}

void RetryQuota::release(int amount) {
  std::lock_guard lock(mutex_);
  available_ = std::min(kCapacity, available_ + amount);
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return available_;
}

RetryStrategy::RetryStrategy(int max_attempts, std::function<double()> random, RetryMode mode)
    : max_attempts_(std::max(1, max_attempts)), random_(std::move(random)), mode_(mode) {}

std::chrono::milliseconds RetryStrategy::backoff(int retry) {
  double cap_seconds = std::min(std::pow(2.0, retry - 1), 20.0);
  return std::chrono::milliseconds(static_cast<long>(random_() * cap_seconds * 1000));
}

std::shared_ptr<ClientRateLimiter> RetryStrategy::rate_limiter(const std::string& service,
                                                               const std::string& region,
                                                               const std::string& endpoint_url,
                                                               Clock::TimePoint now) {
  if (mode_ != RetryMode::Adaptive) return nullptr;
  std::lock_guard lock(limiters_mutex_);
  auto& limiter = limiters_[service + '\n' + region + '\n' + endpoint_url];
  if (!limiter) limiter = std::make_shared<ClientRateLimiter>(service + " " + region, now);
  return limiter;
}

}  // namespace ssmlink::aws
