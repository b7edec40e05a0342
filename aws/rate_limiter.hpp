// The SDKs' "adaptive" retry mode: the standard mode plus a client-side rate limiter that
// slows a client down once the service has throttled it, and lets it speed up again as
// calls succeed. A faithful port of botocore 1.43 retries/adaptive.py (ClientRateLimiter,
// RateClocker), retries/bucket.py (TokenBucket) and retries/throttling.py
// (CubicCalculator). The maths classes take the time as an argument, so they are tested
// without a clock; only ClientRateLimiter::acquire sleeps, through the injected Clock.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <ratio>
#include <string>

#include "util/clock.hpp"

namespace ssmlink::aws {

class DebugLog;

// throttling.py: CUBIC congestion control (RFC 8312) applied to a send rate. After a
// throttle at rate w_max the rate drops to beta * w_max, then grows as
// scale * (t - k)^3 + w_max, where k = cbrt(w_max * (1 - beta) / scale) is when it is
// back at w_max. Not thread-safe: ClientRateLimiter serialises it.
class CubicCalculator {
 public:
  static constexpr double kScaleConstant = 0.4;
  static constexpr double kBeta = 0.7;

  CubicCalculator(double starting_max_rate, Clock::TimePoint start);
  // The rate to send at, `now` after the last throttle.
  double success_received(Clock::TimePoint now) const;
  // A throttle while sending at `current_rate`: it becomes w_max; returns beta * it.
  double error_received(double current_rate, Clock::TimePoint now);

  double w_max() const { return w_max_; }
  double k() const { return k_; }

 private:
  double w_max_;
  double k_;
  Clock::TimePoint last_fail_;
};

// bucket.py: tokens fill at max_rate per second (never below 0.5) up to a capacity of
// max(max_rate, 1); each request takes one. Not thread-safe: ClientRateLimiter serialises it.
class TokenBucket {
 public:
  static constexpr double kMinRate = 0.5;

  TokenBucket(double max_rate, Clock::TimePoint now);
  // botocore's max_rate: the fill rate, so never below kMinRate.
  double max_rate() const { return fill_rate_; }
  double max_capacity() const { return max_capacity_; }
  double available_capacity() const { return current_capacity_; }
  // Fills what the old rate earned until `now` first, then changes the rate (and caps the
  // tokens at the new capacity).
  void set_max_rate(double rate, Clock::TimePoint now);
  // Takes `amount` tokens and returns 0 when there are enough at `now`; otherwise takes
  // nothing and returns the seconds until there will be (botocore's blocking acquire is
  // this in a loop with a sleep: ClientRateLimiter::acquire).
  double try_acquire(Clock::TimePoint now, double amount = 1.0);

 private:
  void refill(Clock::TimePoint now);

  double fill_rate_ = kMinRate;
  double max_capacity_ = 1.0;
  double current_capacity_ = 0.0;
  Clock::TimePoint last_timestamp_;
};

// adaptive.py RateClocker: the rate the client actually sends at, counted in 0.5 s time
// buckets and smoothed (new = 0.8 * this bucket's rate + 0.2 * old). Not thread-safe:
// ClientRateLimiter serialises it.
class RateClocker {
 public:
  static constexpr double kSmoothing = 0.8;
  using Bucket = std::chrono::duration<std::int64_t, std::ratio<1, 2>>;  // 0.5 s

  explicit RateClocker(Clock::TimePoint start);
  // Counts `amount` requests at `now`; returns the measured rate (requests per second).
  double record(Clock::TimePoint now, int amount = 1);
  double measured_rate() const { return measured_rate_; }

 private:
  double measured_rate_ = 0.0;
  Clock::TimePoint last_bucket_;
  int count_ = 0;
};

// adaptive.py ClientRateLimiter: off until the first throttling response; from then on
// every attempt (first attempts and retries alike) waits for a token. After every attempt
// the send rate is recomputed: on a throttle from the measured rate (CUBIC decrease), on
// anything else from the time since the last throttle (CUBIC growth), and never more than
// twice the measured rate. Thread-safe: one limiter serves every client of one service
// endpoint in a session, from any number of threads.
class ClientRateLimiter {
 public:
  static constexpr double kMaxRateAdjustScale = 2.0;

  // `name` says which service and region it limits, in --debug notes (never a URL, which
  // could carry user information).
  ClientRateLimiter(std::string name, Clock::TimePoint now);

  // Before an attempt: once enabled, waits (clock.sleep_for) until a token is free.
  void acquire(Clock& clock, DebugLog* debug);
  // After an attempt: `throttled` is a throttling error response. botocore counts every
  // other outcome, transport failures included, as a success (its needs-retry hook sees
  // them all, and only a throttling error code counts as throttling).
  void record_response(bool throttled, Clock::TimePoint now, DebugLog* debug);

  bool enabled() const;
  double send_rate() const;  // the token bucket's max rate, requests per second
  double measured_rate() const;

 private:
  mutable std::mutex mutex_;
  std::string name_;
  CubicCalculator cubic_;
  TokenBucket bucket_;
  RateClocker clocker_;
  bool enabled_ = false;
};

}  // namespace ssmlink::aws
