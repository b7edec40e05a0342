// The adaptive retry mode's maths against values worked out by hand from botocore's
// formulas (retries/throttling.py, bucket.py, adaptive.py); each was also checked by
// running botocore 1.43.11's own classes with a fake clock.
#include "aws/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "aws/debug_log.hpp"
#include "tests/support/manual_clock.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using testing::ManualClock;

const Clock::TimePoint T0 = ManualClock::default_start();  // a whole second

Clock::TimePoint at(std::chrono::milliseconds offset) {
  return T0 + offset;
}

TEST(CubicCalculator, GrowsFromZeroAsTheCubeOfTheTimeSinceTheStart) {
  // w_max = 0, so k = cbrt(0 * 0.3 / 0.4) = 0 and rate = 0.4 * dt^3.
  CubicCalculator cubic(0.0, T0);
  EXPECT_DOUBLE_EQ(cubic.k(), 0.0);
  EXPECT_DOUBLE_EQ(cubic.success_received(at(1s)), 0.4);             // 0.4 * 1
  EXPECT_DOUBLE_EQ(cubic.success_received(at(2s)), 3.2);             // 0.4 * 8
  EXPECT_DOUBLE_EQ(cubic.success_received(at(2625ms)), 7.23515625);  // 0.4 * 18.087890625
}

TEST(CubicCalculator, AThrottleCutsTheRateAndRestartsTheCurve) {
  CubicCalculator cubic(0.0, T0);
  // error_received(10): w_max = 10, returns 10 * 0.7 = 7.
  EXPECT_DOUBLE_EQ(cubic.error_received(10.0, at(5s)), 7.0);
  EXPECT_DOUBLE_EQ(cubic.w_max(), 10.0);
  // k = cbrt(10 * (1 - 0.7) / 0.4) = cbrt(7.5) = 1.9574338205844317
  EXPECT_NEAR(cubic.k(), 1.9574338205844317, 1e-12);
  // Right after the throttle the curve starts where the cut left it:
  // 0.4 * (0 - k)^3 + 10 = 0.4 * -7.5 + 10 = 7.
  EXPECT_NEAR(cubic.success_received(at(5s)), 7.0, 1e-12);
  // 3 s later: 0.4 * (3 - 1.9574338)^3 + 10 = 0.4 * 1.0425662^3 + 10
  //          = 0.4 * 1.1332113 + 10 = 10.4532845
  EXPECT_NEAR(cubic.success_received(at(8s)), 10.453284520772092, 1e-9);
}

TEST(TokenBucket, StartsEmptyAndFillsAtItsRate) {
  TokenBucket bucket(1.0, T0);  // as the limiter creates it: 1 token/s, capacity 1
  EXPECT_DOUBLE_EQ(bucket.max_rate(), 1.0);
  EXPECT_DOUBLE_EQ(bucket.max_capacity(), 1.0);
  EXPECT_DOUBLE_EQ(bucket.available_capacity(), 0.0);
  EXPECT_DOUBLE_EQ(bucket.try_acquire(T0), 1.0);         // (1 - 0) / 1
  EXPECT_DOUBLE_EQ(bucket.try_acquire(at(400ms)), 0.6);  // (1 - 0.4 * 1) / 1
  EXPECT_DOUBLE_EQ(bucket.try_acquire(at(1s)), 0.0);     // 1 token: taken
  EXPECT_DOUBLE_EQ(bucket.available_capacity(), 0.0);
}

TEST(TokenBucket, NeverFillsSlowerThanHalfATokenASecond) {
  TokenBucket bucket(1.0, T0);
  bucket.set_max_rate(0.2, T0);
  EXPECT_DOUBLE_EQ(bucket.max_rate(), 0.5);       // max(0.2, 0.5)
  EXPECT_DOUBLE_EQ(bucket.max_capacity(), 1.0);   // a rate below 1 still holds 1 token
  EXPECT_DOUBLE_EQ(bucket.try_acquire(T0), 2.0);  // (1 - 0) / 0.5
  bucket.set_max_rate(0.0, T0);
  EXPECT_DOUBLE_EQ(bucket.max_rate(), 0.5);
}

TEST(TokenBucket, HoldsAsManyTokensAsItsRate) {
  TokenBucket bucket(1.0, T0);
  bucket.set_max_rate(4.0, T0);
  // 10 s at 4/s would be 40 tokens; the capacity is max(4, 1) = 4.
  for (int i = 0; i < 4; ++i)
    EXPECT_DOUBLE_EQ(bucket.try_acquire(at(10s)), 0.0);
  EXPECT_DOUBLE_EQ(bucket.try_acquire(at(10s)), 0.25);  // (1 - 0) / 4
}

TEST(TokenBucket, ARateChangeCountsTheTimeBeforeItAtTheOldRate) {
  TokenBucket bucket(1.0, T0);
  bucket.set_max_rate(4.0, at(500ms));  // 0.5 s at 1/s: 0.5 tokens, not 0.5 * 4 = 2
  EXPECT_DOUBLE_EQ(bucket.available_capacity(), 0.5);
  // 1 s at 4/s: 0.5 + 4 = 4.5, capped at 4; then the lower rate caps it at 2.
  bucket.set_max_rate(2.0, at(1500ms));
  EXPECT_DOUBLE_EQ(bucket.available_capacity(), 2.0);
  EXPECT_DOUBLE_EQ(bucket.max_capacity(), 2.0);
}

TEST(TokenBucket, AClockSetBackEarnsNothing) {
  TokenBucket bucket(1.0, at(10s));
  EXPECT_DOUBLE_EQ(bucket.try_acquire(T0), 1.0);  // not (1 - -10) / 1 = 11 s
  EXPECT_DOUBLE_EQ(bucket.try_acquire(at(1s)), 0.0);
}

TEST(RateClocker, CountsInHalfSecondBucketsAndSmooths) {
  RateClocker clocker(at(300ms));  // the first bucket starts at the whole second, T0
  EXPECT_DOUBLE_EQ(clocker.record(at(300ms)), 0.0);
  EXPECT_DOUBLE_EQ(clocker.record(at(400ms)), 0.0);  // still in T0's bucket: 2 counted
  // T0 + 0.5 s starts a bucket: 3 requests in 0.5 s = 6/s; 0.8 * 6 + 0.2 * 0 = 4.8.
  EXPECT_DOUBLE_EQ(clocker.record(at(600ms)), 4.8);
  // T0 + 2.5 s: 1 request in 2 s = 0.5/s; 0.8 * 0.5 + 0.2 * 4.8 = 0.4 + 0.96 = 1.36.
  EXPECT_DOUBLE_EQ(clocker.record(at(2700ms)), 1.36);
  EXPECT_DOUBLE_EQ(clocker.measured_rate(), 1.36);
}

TEST(RateClocker, TheFirstBucketStartsAtTheWholeSecondAsInBotocore) {
  // Created at T0 + 0.7 s: math.floor(t) = T0, so T0 + 0.8 s (bucket T0 + 0.5) is already
  // a new bucket: 1 request in 0.5 s = 2/s, smoothed to 1.6.
  RateClocker clocker(at(700ms));
  EXPECT_DOUBLE_EQ(clocker.record(at(800ms)), 1.6);
}

TEST(ClientRateLimiter, NeverWaitsBeforeTheFirstThrottle) {
  ManualClock clock(T0);
  ClientRateLimiter limiter("SSM us-east-1", T0);
  for (int i = 0; i < 20; ++i) {
    limiter.acquire(clock, nullptr);
    limiter.record_response(false, clock.now(), nullptr);
  }
  EXPECT_FALSE(limiter.enabled());
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST(ClientRateLimiter, AThrottleEnablesItAtSeventyPercentOfTheMeasuredRate) {
  ClientRateLimiter limiter("SSM us-east-1", T0);
  // Successes at T0 + 0.1, 0.2, 0.3 (bucket T0) and 0.6 s (bucket T0 + 0.5):
  // 4 in 0.5 s = 8/s, measured 0.8 * 8 = 6.4.
  for (auto offset : {100ms, 200ms, 300ms, 600ms})
    limiter.record_response(false, at(offset), nullptr);
  EXPECT_DOUBLE_EQ(limiter.measured_rate(), 6.4);
  EXPECT_FALSE(limiter.enabled());
  // A throttle at 0.7 s (same bucket, measured still 6.4): w_max = 6.4, new rate
  // 6.4 * 0.7 = 4.48, below 2 * 6.4 = 12.8.
  std::ostringstream log;
  DebugLog debug(log);
  limiter.record_response(true, at(700ms), &debug);
  EXPECT_TRUE(limiter.enabled());
  EXPECT_NEAR(limiter.send_rate(), 4.48, 1e-12);
  EXPECT_EQ(log.str(),
            "[debug] rate limiter on after throttling: at most 4.48 requests/s (measured "
            "6.40/s) to SSM us-east-1\n");
  // Another at 1.1 s (bucket T0 + 1: 2 in 0.5 s = 4/s, measured 0.8 * 4 + 0.2 * 6.4 = 4.48):
  // rate used min(4.48, the bucket's 4.48), cut to 4.48 * 0.7 = 3.136.
  limiter.record_response(true, at(1100ms), &debug);
  EXPECT_DOUBLE_EQ(limiter.measured_rate(), 4.48);
  EXPECT_NEAR(limiter.send_rate(), 3.136, 1e-12);
  EXPECT_NE(log.str().find("throttled again: at most 3.14 requests/s"), std::string::npos);
}

TEST(ClientRateLimiter, WaitsThroughTheClockForAToken) {
  ManualClock clock(T0);
  ClientRateLimiter limiter("EC2 eu-west-1", T0);
  // A throttle in the first bucket: measured 0, so the rate is min(0, 0) = 0, filled at
  // the minimum 0.5 tokens/s into an empty bucket: the next request waits 1 / 0.5 = 2 s.
  limiter.record_response(true, T0, nullptr);
  EXPECT_DOUBLE_EQ(limiter.send_rate(), 0.5);
  std::ostringstream log;
  DebugLog debug(log);
  limiter.acquire(clock, &debug);
  EXPECT_EQ(clock.sleeps(), std::vector<std::chrono::milliseconds>{2000ms});
  EXPECT_EQ(log.str(), "[debug] rate limited: waiting 2.00 s, rate 0.50/s (EC2 eu-west-1)\n");
  // The token was taken: the next one is 2 s away again.
  limiter.acquire(clock, nullptr);
  EXPECT_EQ(clock.sleeps(), (std::vector<std::chrono::milliseconds>{2000ms, 2000ms}));
}

}  // namespace
}  // namespace ssmlink::aws
