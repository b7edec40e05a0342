// Patience: failures that pass are tried again, with growing waits, until the budget is
// spent; the others, and the last failure after the budget, reach the caller at once.
#include "workflows/patience.hpp"

#include <gtest/gtest.h>

#include "tests/support/manual_clock.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {
namespace {

using namespace std::chrono_literals;
using testing::ManualClock;

aws::ServiceError throttled() {
  return aws::ServiceError("EC2", "DescribeVpcs", 503, "RequestLimitExceeded",
                           "Request limit exceeded.", "r-1");
}

aws::ServiceError html_500() {
  return aws::ServiceError("SSM", "DescribeInstanceInformation", 500, "HTTP 500",
                           "the response is an HTML page", "");
}

aws::ServiceError denied() {
  return aws::ServiceError("EC2", "DescribeVpcs", 403, "UnauthorizedOperation",
                           "You are not authorized to perform this operation.", "r-2");
}

TEST(PassingFailure, ThrottlingServerErrorsNetworkAndUnreadableAnswersPass) {
  EXPECT_TRUE(is_passing_failure(throttled()));
  EXPECT_TRUE(is_passing_failure(html_500()));
  EXPECT_TRUE(is_passing_failure(aws::TransportError("http://127.0.0.1:1", "reset", false)));
  EXPECT_TRUE(is_passing_failure(aws::ResponseError("EC2 DescribeVpcs: not XML")));
}

TEST(PassingFailure, DenialsBadInputAndCredentialsDoNot) {
  EXPECT_FALSE(is_passing_failure(denied()));
  EXPECT_FALSE(is_passing_failure(
      aws::ServiceError("CloudFormation", "CreateStack", 400, "ValidationError", "bad", "")));
  EXPECT_FALSE(is_passing_failure(aws::CredentialsError("no credentials")));
  EXPECT_FALSE(is_passing_failure(aws::ConfigError("bad config")));
  EXPECT_FALSE(is_passing_failure(
      aws::TransportError("http://127.0.0.1:1", "Couldn't connect to server", false, true)));
}

TEST(PatienceBackoff, DoublesFromOneSecondToFifteenWithJitter) {
  EXPECT_EQ(patience_backoff(1, 0.0), 500ms);
  EXPECT_EQ(patience_backoff(1, 0.999999), 999ms);
  EXPECT_EQ(patience_backoff(2, 0.0), 1000ms);
  EXPECT_EQ(patience_backoff(3, 0.0), 2000ms);
  EXPECT_EQ(patience_backoff(5, 0.0), 7500ms);
  EXPECT_EQ(patience_backoff(6, 0.0), 7500ms);
  EXPECT_EQ(patience_backoff(40, 0.0), 7500ms);
}

TEST(Patience, TriesAgainUntilTheCallSucceedsAndSaysSo) {
  ManualClock clock;
  std::vector<RetryNotice> notices;
  Patience patience(
      clock, 180s, nullptr, [&](const RetryNotice& n) { notices.push_back(n); },
      [] { return 0.0; });
  int calls = 0;
  int result = patience.run("EC2 DescribeVpcs", [&] {
    if (++calls < 4) throw throttled();
    return 42;
  });
  EXPECT_EQ(result, 42);
  EXPECT_EQ(calls, 4);
  ASSERT_EQ(notices.size(), 3u);
  EXPECT_EQ(notices[0].call, "EC2 DescribeVpcs");
  EXPECT_NE(notices[0].error.find("RequestLimitExceeded"), std::string::npos);
  EXPECT_EQ(notices[0].wait, 500ms);
  EXPECT_EQ(notices[1].wait, 1000ms);
  EXPECT_EQ(notices[2].wait, 2000ms);
  EXPECT_EQ(notices[0].left, 179s);
}

TEST(Patience, AFailureThatDoesNotPassIsThrownAtOnce) {
  ManualClock clock;
  Patience patience(clock, 180s);
  int calls = 0;
  EXPECT_THROW(patience.run("EC2 DescribeVpcs",
                            [&] {
                              ++calls;
                              throw denied();
                            }),
               aws::ServiceError);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST(Patience, GivesUpWithTheLastFailureWhenTheBudgetIsSpent) {
  ManualClock clock;
  Patience patience(clock, 60s, nullptr, {}, [] { return 0.999; });
  int calls = 0;
  auto start = clock.now();
  try {
    patience.run("SSM DescribeInstanceInformation", [&]() -> int {
      ++calls;
      throw html_500();
    });
    FAIL() << "no exception";
  } catch (const aws::ServiceError& error) {
    EXPECT_EQ(error.code, "HTTP 500");
  }
  // 1 + 2 + 4 + 8 + 15 + 15 + 15 = 60 s of waits (jitter ~1), the last one cut to the budget.
  EXPECT_GE(calls, 7);
  EXPECT_LE(calls, 9);
  EXPECT_LE(clock.now() - start, 60s);
}

TEST(Patience, ABudgetOfZeroMeansNoSecondTry) {
  ManualClock clock;
  Patience patience(clock, 0s);
  int calls = 0;
  EXPECT_THROW(patience.run("EC2 DescribeVpcs",
                            [&] {
                              ++calls;
                              throw throttled();
                            }),
               aws::ServiceError);
  EXPECT_EQ(calls, 1);
}

TEST(Patience, CtrlCDuringAWaitIsAnInterruption) {
  ManualClock clock;
  std::atomic<bool> interrupted{false};
  Patience patience(clock, 180s, &interrupted, [&](const RetryNotice&) { interrupted = true; });
  EXPECT_THROW(patience.run("EC2 DescribeVpcs", [&]() -> int { throw throttled(); }), Interrupted);
}

TEST(Patience, EachCallHasItsOwnBudget) {
  ManualClock clock;
  Patience patience(clock, 10s, nullptr, {}, [] { return 0.0; });
  for (int round = 0; round < 5; ++round) {
    int calls = 0;
    EXPECT_EQ(patience.run("EC2 DescribeVpcs",
                           [&] {
                             if (++calls < 3) throw throttled();
                             return calls;
                           }),
              3);
  }
}

}  // namespace
}  // namespace ssmlink::workflows
