#include "aws/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "aws/debug_log.hpp"

namespace ssmlink::aws {

namespace {

// Floating-point rounding can leave a bucket a few billionths of a token short after a
// sleep exactly as long as it asked for; that is not worth another millisecond's sleep.
constexpr double kRoundingTolerance = 1e-9;

double seconds_between(Clock::TimePoint from, Clock::TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

std::string two_decimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// throttling.py _calculate_zero_point: (w_max * (1 - beta) / scale) ** (1 / 3.0).
double zero_point(double w_max) {
  return std::pow(w_max * (1 - CubicCalculator::kBeta) / CubicCalculator::kScaleConstant, 1 / 3.0);
}

}  // namespace

CubicCalculator::CubicCalculator(double starting_max_rate, Clock::TimePoint start)
    : w_max_(starting_max_rate), k_(zero_point(starting_max_rate)), last_fail_(start) {}

double CubicCalculator::success_received(Clock::TimePoint now) const {
  double dt = seconds_between(last_fail_, now);
  return kScaleConstant * std::pow(dt - k_, 3.0) + w_max_;
}

double CubicCalculator::error_received(double current_rate, Clock::TimePoint now) {
  w_max_ = current_rate;
  k_ = zero_point(w_max_);
  last_fail_ = now;
  return current_rate * kBeta;
}

TokenBucket::TokenBucket(double max_rate, Clock::TimePoint now) : last_timestamp_(now) {
  set_max_rate(max_rate, now);
}

void TokenBucket::set_max_rate(double rate, Clock::TimePoint now) {
  // Tokens earned so far at the old rate, not at the new one.
  refill(now);
  fill_rate_ = std::max(rate, kMinRate);
  max_capacity_ = rate >= 1 ? rate : 1.0;
  current_capacity_ = std::min(current_capacity_, max_capacity_);
}

double TokenBucket::try_acquire(Clock::TimePoint now, double amount) {
  refill(now);
  if (amount <= current_capacity_ + kRoundingTolerance) {
    current_capacity_ = std::max(0.0, current_capacity_ - amount);
    return 0.0;
  }
  return (amount - current_capacity_) / fill_rate_;
}

void TokenBucket::refill(Clock::TimePoint now) {
  // botocore uses time.time() as is; a wall clock set back would empty the bucket for as
  // long as it went back, so time that runs backwards earns nothing instead.
  double elapsed = std::max(0.0, seconds_between(last_timestamp_, now));
  current_capacity_ = std::min(max_capacity_, current_capacity_ + elapsed * fill_rate_);
  last_timestamp_ = now;
}

// adaptive.py: the first bucket starts at the whole second (math.floor(current_time())),
// later ones at half seconds.
RateClocker::RateClocker(Clock::TimePoint start)
    : last_bucket_(std::chrono::floor<std::chrono::seconds>(start)) {}

double RateClocker::record(Clock::TimePoint now, int amount) {
  Clock::TimePoint bucket = std::chrono::floor<Bucket>(now);
  count_ += amount;
  if (bucket > last_bucket_) {
    double current_rate = count_ / seconds_between(last_bucket_, bucket);
    measured_rate_ = current_rate * kSmoothing + measured_rate_ * (1 - kSmoothing);
    count_ = 0;
    last_bucket_ = bucket;
  }
  return measured_rate_;
}

// adaptive.py register_retry_handler: CubicCalculator(starting_max_rate=0),
// TokenBucket(max_rate=1), all started at the client's creation.
ClientRateLimiter::ClientRateLimiter(std::string name, Clock::TimePoint now)
    : name_(std::move(name)), cubic_(0.0, now), bucket_(1.0, now), clocker_(now) {}

void ClientRateLimiter::acquire(Clock& clock, DebugLog* debug) {
  while (true) {
    double wait_seconds = 0;
    double rate = 0;
    {
      std::lock_guard lock(mutex_);
      if (!enabled_) return;
      wait_seconds = bucket_.try_acquire(clock.now());
      rate = bucket_.max_rate();
    }
    if (wait_seconds <= 0) return;
    // Whole milliseconds, rounded up so that the token is there after the sleep. Sleeping
    // outside the lock lets other threads take tokens meanwhile; botocore's condition
    // variable wait does the same, and so does the loop here: try again after waking.
    auto delay = std::chrono::milliseconds(static_cast<long>(std::ceil(wait_seconds * 1000)));
    if (debug) {
      debug->note("rate limited: waiting " +
                  two_decimals(std::chrono::duration<double>(delay).count()) + " s, rate " +
                  two_decimals(rate) + "/s (" + name_ + ")");
    }
    clock.sleep_for(delay);
  }
}

void ClientRateLimiter::record_response(bool throttled, Clock::TimePoint now, DebugLog* debug) {
  std::string note;
  {
    std::lock_guard lock(mutex_);
    double measured = clocker_.record(now);
    double new_rate = 0;
    if (!throttled) {
      new_rate = cubic_.success_received(now);
    } else {
      double rate_to_use = enabled_ ? std::min(measured, bucket_.max_rate()) : measured;
      new_rate = cubic_.error_received(rate_to_use, now);
    }
    bucket_.set_max_rate(std::min(new_rate, kMaxRateAdjustScale * measured), now);
    if (throttled) {
      note = std::string(enabled_ ? "throttled again" : "rate limiter on after throttling") +
             ": at most " + two_decimals(bucket_.max_rate()) + " requests/s (measured " +
             two_decimals(measured) + "/s) to " + name_;
      enabled_ = true;
    }
  }
  if (debug && !note.empty()) debug->note(note);
}

bool ClientRateLimiter::enabled() const {
  std::lock_guard lock(mutex_);
  return enabled_;
}

double ClientRateLimiter::send_rate() const {
  std::lock_guard lock(mutex_);
  return bucket_.max_rate();
}

double ClientRateLimiter::measured_rate() const {
  std::lock_guard lock(mutex_);
  return clocker_.measured_rate();
}

}  // namespace ssmlink::aws
