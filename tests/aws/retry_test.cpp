#include "aws/retry.hpp"

#include <gtest/gtest.h>

namespace ssmlink::aws {
namespace {

TEST(Retry, ClassifiesLikeTheStandardMode) {
  EXPECT_EQ(classify(400, "Throttling"), FailureKind::Throttling);
  EXPECT_EQ(classify(503, "RequestLimitExceeded"), FailureKind::Throttling);
  EXPECT_EQ(classify(400, "ThrottlingException"), FailureKind::Throttling);
  EXPECT_EQ(classify(400, "RequestTimeout"), FailureKind::Transient);
  for (int status : {500, 502, 503, 504})
    EXPECT_EQ(classify(status, "X"), FailureKind::Transient);
  EXPECT_EQ(classify(501, "X"), FailureKind::Permanent);
  EXPECT_EQ(classify(400, "ValidationError"), FailureKind::Permanent);
  EXPECT_EQ(classify(403, "UnauthorizedOperation"), FailureKind::Permanent);
  EXPECT_EQ(classify(403, "ExpiredToken"), FailureKind::Permanent);
}

TEST(Retry, BackoffIsFullJitterCappedAt20Seconds) {
  double random = 1.0;
  RetryStrategy strategy(5, [&] { return random; });
  EXPECT_EQ(strategy.backoff(1).count(), 1000);
  EXPECT_EQ(strategy.backoff(2).count(), 2000);
  EXPECT_EQ(strategy.backoff(5).count(), 16000);
  EXPECT_EQ(strategy.backoff(6).count(), 20000);
  EXPECT_EQ(strategy.backoff(30).count(), 20000);
  random = 0.0;
  EXPECT_EQ(strategy.backoff(3).count(), 0);
  random = 0.25;
  EXPECT_EQ(strategy.backoff(3).count(), 1000);
}

TEST(Retry, QuotaChargesRetriesAndRefundsSuccesses) {
  RetryQuota quota;
  int cost = 0;
  EXPECT_TRUE(quota.acquire(false, cost));
  EXPECT_EQ(cost, 5);
  EXPECT_TRUE(quota.acquire(true, cost));
  EXPECT_EQ(cost, 10);
  EXPECT_EQ(quota.available(), 485);
  quota.release(15);
  EXPECT_EQ(quota.available(), 500);
  quota.release(1);
  EXPECT_EQ(quota.available(), 500);  // never above capacity
  int retries = 0;
  while (quota.acquire(false, cost))
    ++retries;
  EXPECT_EQ(retries, 100);
  EXPECT_FALSE(quota.acquire(true, cost));
}

TEST(Retry, AtLeastOneAttempt) {
  EXPECT_EQ(RetryStrategy(0, [] { return 0.0; }).max_attempts(), 1);
  EXPECT_EQ(RetryStrategy(3, [] { return 0.0; }).max_attempts(), 3);
}

}  // namespace
}  // namespace ssmlink::aws
