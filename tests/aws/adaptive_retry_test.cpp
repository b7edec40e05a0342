// AwsClient in the adaptive retry mode: scripted responses, a manual clock, so every wait
// is seen as a sleep and none takes time. The expected waits were worked out by hand from
// botocore's formulas and checked against botocore 1.43.11's own classes with a fake clock.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "aws/client.hpp"
#include "aws/debug_log.hpp"
#include "aws/errors.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/scripted_http_client.hpp"

namespace ssmlink::aws {
namespace {

using namespace std::chrono_literals;
using Sleeps = std::vector<std::chrono::milliseconds>;
using testing::json_response;

HttpResponse throttled(const HttpRequest&) {
  return json_response(400, R"({"__type": "ThrottlingException", "message": "Rate exceeded"})");
}
HttpResponse ok(const HttpRequest&) {
  return json_response(200, "{}");
}

struct Harness {
  explicit Harness(RetryMode mode)
      : retry(std::make_shared<RetryStrategy>(
            3, [] { return 0.5; }, mode)) {}

  // Unsigned requests (no credentials): nothing here is about signing.
  AwsClient client(const ServiceInfo& service = ssm_service(),
                   const std::string& region = "us-east-1") {
    std::string url = "https://" + service.endpoint_prefix + "." + region + ".amazonaws.com";
    return AwsClient({service, url, region, nullptr, http, retry, debug, clock});
  }
  // Answers the next requests from `script` in order, then with success.
  void answer(std::vector<testing::ScriptedHttpClient::Handler> script) {
    auto queue =
        std::make_shared<std::vector<testing::ScriptedHttpClient::Handler>>(std::move(script));
    http->set_handler([queue](const HttpRequest& request) {
      if (queue->empty()) return ok(request);
      auto next = queue->front();
      queue->erase(queue->begin());
      return next(request);
    });
  }
  void call(AwsClient client) { client.json("DescribeInstanceInformation", {}); }

  std::shared_ptr<testing::ManualClock> clock = std::make_shared<testing::ManualClock>();
  std::shared_ptr<testing::ScriptedHttpClient> http =
      std::make_shared<testing::ScriptedHttpClient>(ok);
  std::shared_ptr<RetryStrategy> retry;
  std::ostringstream log;
  std::shared_ptr<DebugLog> debug = std::make_shared<DebugLog>(log);
};

// The clock starts on a whole second, T0; the limiter is created with the first client.
//
// Call 1, attempt 1 at T0: throttled. The rate clocker is still in T0's bucket (measured
// 0), so the cubic rate is 0.7 * 0 = 0 and the bucket fills at its minimum, 0.5/s. The
// standard backoff waits 0.5 * 1 s = 500 ms.
// Attempt 2 at T0 + 0.5: the bucket holds 0.5 * 0.5 = 0.25 tokens: wait (1 - 0.25) / 0.5
// = 1.5 s. Success at T0 + 2: 2 requests in the 2 s since T0, measured 0.8 * 1 = 0.8/s;
// cubic 0.4 * 2^3 = 3.2; the rate is min(3.2, 2 * 0.8) = 1.6/s.
// Call 2 at T0 + 2, empty bucket: wait 1 / 1.6 = 0.625 s.
TEST(AdaptiveRetry, AfterAThrottleTheClientWaitsBeforeSending) {
  Harness h(RetryMode::Adaptive);
  h.answer({throttled});
  h.call(h.client());
  h.call(h.client());
  EXPECT_EQ(h.clock->sleeps(), (Sleeps{500ms, 1500ms, 625ms}));
  EXPECT_EQ(h.http->requests().size(), 3u);
}

TEST(AdaptiveRetry, StandardModeNeverRateLimits) {
  Harness h(RetryMode::Standard);
  h.answer({throttled});
  for (int i = 0; i < 5; ++i)
    h.call(h.client());
  EXPECT_EQ(h.clock->sleeps(), Sleeps{500ms});  // the backoff only
  EXPECT_EQ(h.log.str().find("rate limit"), std::string::npos);
}

TEST(AdaptiveRetry, NoWaitingUntilTheFirstThrottle) {
  Harness h(RetryMode::Adaptive);
  for (int i = 0; i < 20; ++i)
    h.call(h.client());
  EXPECT_TRUE(h.clock->sleeps().empty());
}

// After call 2 (above) at T0 + 2.625: bucket T0 + 2.5, 1 request in 0.5 s: measured
// 0.8 * 2 + 0.2 * 0.8 = 1.76; cubic 0.4 * 2.625^3 = 7.24; rate min(7.24, 3.52) = 3.52/s,
// so call 3 waits 1 / 3.52 = 0.2841 s, 285 ms (whole milliseconds, rounded up). As the
// client sends faster the measured rate, and with it the allowed rate, climbs.
TEST(AdaptiveRetry, SuccessesLetTheRateRecover) {
  Harness h(RetryMode::Adaptive);
  h.answer({throttled});
  for (int i = 0; i < 13; ++i)
    h.call(h.client());
  EXPECT_EQ(h.clock->sleeps(), (Sleeps{500ms, 1500ms, 625ms, 285ms, 284ms, 141ms, 141ms, 140ms,
                                       91ms, 91ms, 91ms, 90ms, 91ms, 55ms}));
  // A pause long enough to fill the bucket: the next calls go at once.
  h.clock->advance(1s);
  auto before = h.clock->sleeps().size();
  h.call(h.client());
  h.call(h.client());
  EXPECT_EQ(h.clock->sleeps().size(), before);
}

TEST(AdaptiveRetry, TransportFailuresDoNotCountAsThrottling) {
  Harness h(RetryMode::Adaptive);
  h.answer({testing::ScriptedHttpClient::unreachable, testing::ScriptedHttpClient::unreachable});
  h.call(h.client());
  h.call(h.client());
  EXPECT_EQ(h.clock->sleeps(), (Sleeps{500ms, 1000ms}));  // backoffs only
}

TEST(AdaptiveRetry, OneLimiterPerServiceAndRegion) {
  Harness h(RetryMode::Adaptive);
  AwsClient ssm = h.client(ssm_service(), "us-east-1");
  h.answer({throttled});
  h.call(ssm);
  EXPECT_EQ(h.clock->sleeps().size(), 2u);  // backoff, then the limiter's wait
  // Another SSM client in the same region shares the limiter: it waits too.
  h.call(h.client(ssm_service(), "us-east-1"));
  EXPECT_EQ(h.clock->sleeps().size(), 3u);
  // SSM in another region and EC2 in the same one have limiters of their own, which no
  // throttle has enabled.
  h.call(h.client(ssm_service(), "eu-west-1"));
  h.http->set_handler([](const HttpRequest&) {
    return HttpResponse{200, {{"Content-Type", "text/xml"}}, "<DescribeVpcsResponse/>"};
  });
  h.client(ec2_service(), "us-east-1").query("DescribeVpcs", {});
  EXPECT_EQ(h.clock->sleeps().size(), 3u);
}

TEST(AdaptiveRetry, DebugSaysWhenTheLimiterEngagesAndEachWait) {
  Harness h(RetryMode::Adaptive);
  h.answer({throttled});
  h.call(h.client());
  std::string log = h.log.str();
  EXPECT_NE(log.find("[debug] rate limiter on after throttling: at most 0.50 requests/s "
                     "(measured 0.00/s) to SSM us-east-1\n"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("[debug] rate limited: waiting 1.50 s, rate 0.50/s (SSM us-east-1)\n"),
            std::string::npos)
      << log;
  // The wait comes before the attempt it delays.
  EXPECT_LT(log.find("rate limited"), log.find("(attempt 2/3)"));
}

TEST(AdaptiveRetry, ThreadsShareALimiterSafely) {
  Harness h(RetryMode::Adaptive);
  std::atomic<int> sent = 0;
  h.http->set_handler([&](const HttpRequest& request) {
    // Every fifth request is throttled.
    return ++sent % 5 == 0 ? throttled(request) : ok(request);
  });
  std::vector<std::thread> threads;
  threads.reserve(8);
  std::atomic<int> failures = 0;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      AwsClient client = h.client();
      for (int i = 0; i < 25; ++i) {
        try {
          client.json("DescribeInstanceInformation", {});
        } catch (const ServiceError&) {
          ++failures;  // three throttles in a row: possible, and not what this tests
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  EXPECT_GE(sent.load(), 200);
  EXPECT_LT(failures.load(), 200);
  EXPECT_NE(h.log.str().find("rate limited: waiting"), std::string::npos);
}

}  // namespace
}  // namespace ssmlink::aws
