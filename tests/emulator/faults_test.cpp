// Injected faults: the draws (seeded, reproducible, rates 0 and 1 exact) and what a client
// sees of each fault from every service.
#include "emulator/faults.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "emulator/server.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/fake_services.hpp"
#include "tests/support/aws_client.hpp"

namespace ssmlink::emulator {
namespace {

using namespace std::chrono_literals;
using testing::AwsCall;
using testing::AwsReply;
using testing::error_of;
using testing::query_call;
using testing::ssm_call;

std::vector<Fault> draws(Faults& faults, int count) {
  std::vector<Fault> sequence;
  for (int i = 0; i < count; ++i)
    sequence.push_back(faults.next().fault);
  return sequence;
}

TEST(Faults, RateZeroNeverFaultsAndRateOneAlwaysDoes) {
  Faults none;
  for (Fault fault : draws(none, 1000))
    EXPECT_EQ(fault, Fault::none);

  Faults throttle({.throttle = 1});
  for (Fault fault : draws(throttle, 1000))
    EXPECT_EQ(fault, Fault::throttle);

  Faults reset({.reset = 1});
  for (Fault fault : draws(reset, 1000))
    EXPECT_EQ(fault, Fault::reset);

  Faults server_error({.server_error = 1});
  int internal = 0;
  for (Fault fault : draws(server_error, 1000)) {
    ASSERT_TRUE(fault == Fault::internal_error || fault == Fault::unavailable);
    internal += fault == Fault::internal_error;
  }
  EXPECT_GT(internal, 400);  // 500 and 503 about equally
  EXPECT_LT(internal, 600);

  // Throttling is decided first, then 5xx, then a reset.
  Faults all({.throttle = 1, .server_error = 1, .reset = 1});
  EXPECT_EQ(all.next().fault, Fault::throttle);
}

TEST(Faults, ASeedGivesTheSameSequenceEveryTime) {
  FaultSettings settings{.throttle = 0.3, .server_error = 0.1, .reset = 0.1};
  Faults first(settings, 7);
  Faults second(settings, 7);
  std::vector<Fault> sequence = draws(first, 200);
  EXPECT_EQ(draws(second, 200), sequence);

  first.reseed(7);
  EXPECT_EQ(draws(first, 200), sequence);
  EXPECT_EQ(first.seed(), 7u);

  Faults other(settings, 8);
  EXPECT_NE(draws(other, 200), sequence);
}

TEST(Faults, ARateIsTheShareOfRequestsThatFault) {
  Faults faults({.throttle = 0.3}, 42);
  int throttled = 0;
  for (Fault fault : draws(faults, 10000))
    throttled += fault == Fault::throttle;
  EXPECT_GT(throttled, 2800);
  EXPECT_LT(throttled, 3200);
}

TEST(Faults, ChangingARateDoesNotShiftTheSequence) {
  // Every request draws the same values whatever the rates, so the nth request's fate
  // under one setting is comparable with another's.
  Faults low({.throttle = 0.2}, 5);
  Faults high({.throttle = 0.6}, 5);
  for (int i = 0; i < 500; ++i) {
    Fault a = low.next().fault;
    Fault b = high.next().fault;
    if (a == Fault::throttle) {
      EXPECT_EQ(b, Fault::throttle);
    }
  }
}

TEST(Faults, LatencyComesWithEveryDecision) {
  Faults faults({.latency = 250ms});
  EXPECT_EQ(faults.next().latency, 250ms);
  faults.configure({});
  EXPECT_EQ(faults.next().latency, 0ms);
}

class FaultServerTest : public ::testing::Test {
 protected:
  void start(FaultSettings settings, uint64_t seed = 1) {
    ServerOptions options;
    options.faults = settings;
    options.seed = seed;
    server_ = std::make_unique<Server>(world_, fake_api(seen_), options);
    port_ = server_->start();
  }
  AwsReply call(const AwsCall& request) { return testing::send(port_, request); }

  World world_;
  Seen seen_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
};

TEST_F(FaultServerTest, ThrottlingIsEachServicesOwnError) {
  start({.throttle = 1});
  AwsReply ec2 = call(ec2_call());
  EXPECT_EQ(ec2.status, 503);
  EXPECT_EQ(error_of(ec2).code, "RequestLimitExceeded");
  EXPECT_EQ(error_of(ec2).message, "Request limit exceeded.");
  for (auto query : {cfn_call(), sts_call()}) {
    AwsReply reply = call(query);
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(error_of(reply).code, "Throttling");
    EXPECT_EQ(error_of(reply).message, "Rate exceeded");
    EXPECT_EQ(testing::xml_text(reply.body, "Type"), "Sender");
  }
  AwsReply ssm = call(json_call());
  EXPECT_EQ(ssm.status, 400);
  EXPECT_EQ(nlohmann::json::parse(ssm.body)["__type"],
            "com.amazon.coral.availability#ThrottlingException");
  EXPECT_EQ(error_of(ssm).message, "Rate exceeded");
  std::lock_guard lock(seen_.mutex);
  EXPECT_TRUE(seen_.requests.empty()) << "a throttled call reached its handler";
}

TEST_F(FaultServerTest, ServerErrorsAre500Or503InTheServicesEnvelope) {
  start({.server_error = 1});
  std::set<std::pair<int, std::string>> ec2, query, json;
  for (int i = 0; i < 30; ++i) {
    AwsReply a = call(ec2_call());
    ec2.insert({a.status, error_of(a).code});
    AwsReply b = call(cfn_call());
    query.insert({b.status, error_of(b).code});
    EXPECT_EQ(testing::xml_text(b.body, "Type"), "Receiver");
    AwsReply c = call(json_call());
    json.insert({c.status, error_of(c).code});
  }
  EXPECT_EQ(ec2,
            (std::set<std::pair<int, std::string>>{{500, "InternalError"}, {503, "Unavailable"}}));
  EXPECT_EQ(query, (std::set<std::pair<int, std::string>>{{500, "InternalFailure"},
                                                          {503, "ServiceUnavailable"}}));
  EXPECT_EQ(json, (std::set<std::pair<int, std::string>>{{500, "InternalServerError"},
                                                         {503, "ServiceUnavailableException"}}));
}

TEST_F(FaultServerTest, LatencyDelaysEveryAnswer) {
  start({.latency = 150ms});
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(call(sts_call()).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST_F(FaultServerTest, AResetCutsTheResponseShortAndClosesTheConnection) {
  start({.reset = 1});
  // What a client library sees: no response.
  AwsReply reply = call(sts_call());
  EXPECT_EQ(reply.status, 0);
  EXPECT_FALSE(reply.transport_error.empty());

  // On the wire: the status and a Content-Length, then less body than it promised.
  AwsCall request = sts_call();
  std::string raw = "POST / HTTP/1.1\r\n";
  for (const auto& [name, value] : testing::signed_headers_for(port_, request)) {
    raw += name + ": " + value + "\r\n";
  }
  raw += "Content-Length: " + std::to_string(request.body.size()) + "\r\n\r\n" + request.body;
  std::string received = testing::raw_exchange(port_, raw);
  ASSERT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n")) << received;
  size_t header_end = received.find("\r\n\r\n");
  ASSERT_NE(header_end, std::string::npos);
  std::string head = received.substr(0, header_end);
  size_t length_at = head.find("Content-Length: ");
  ASSERT_NE(length_at, std::string::npos);
  size_t promised = std::stoul(head.substr(length_at + 16));
  size_t body = received.size() - header_end - 4;
  EXPECT_GT(body, 0u);
  EXPECT_LT(body, promised);
  // The handler ran: the response was lost, not the request.
  EXPECT_EQ(server_->requests().records().back().fault, "reset");
}

TEST_F(FaultServerTest, TheSameSeedGivesTheSameFaultsOverHttp) {
  auto statuses = [&](uint64_t seed) {
    start({.throttle = 0.3}, seed);
    std::vector<int> result;
    for (int i = 0; i < 30; ++i)
      result.push_back(call(sts_call()).status);
    server_.reset();
    return result;
  };
  std::vector<int> first = statuses(7);
  EXPECT_EQ(statuses(7), first);
  EXPECT_NE(std::count(first.begin(), first.end(), 400), 0);
  EXPECT_NE(std::count(first.begin(), first.end(), 200), 0);
}

TEST_F(FaultServerTest, FaultsAreLoggedWithTheirRequest) {
  start({.throttle = 1});
  call(sts_call());
  auto records = server_->requests().records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fault, "throttle");
  EXPECT_EQ(records[0].status, 400);
  EXPECT_EQ(records[0].error_code, "Throttling");
}

TEST_F(FaultServerTest, SignatureErrorsComeBeforeFaults) {
  start({.throttle = 1});
  AwsCall unsigned_call = sts_call();
  unsigned_call.sign = false;
  EXPECT_EQ(error_of(call(unsigned_call)).code, "MissingAuthenticationToken");
}

}  // namespace
}  // namespace ssmlink::emulator
