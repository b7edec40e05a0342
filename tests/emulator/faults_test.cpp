// Injected faults: the draws (seeded, reproducible, rates 0 and 1 exact) and what a client
// sees of each fault from every service.
#include "emulator/faults.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/emulator/fault_server.hpp"

namespace ssmlink::emulator {
namespace {

using namespace std::chrono_literals;
using ssmlink::testing::AwsCall;
using ssmlink::testing::AwsReply;
using ssmlink::testing::error_of;
using ssmlink::testing::query_call;
using ssmlink::testing::ssm_call;

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

TEST(Faults, HtmlIsA502OrA500PageAndTruncateAlwaysTruncates) {
  Faults html({.html = 1});
  int bad_gateway = 0;
  for (Fault fault : draws(html, 1000)) {
    ASSERT_TRUE(fault == Fault::bad_gateway_page || fault == Fault::server_error_page);
    bad_gateway += fault == Fault::bad_gateway_page;
    EXPECT_EQ(fault_name(fault), "html");
  }
  EXPECT_GT(bad_gateway, 400);
  EXPECT_LT(bad_gateway, 600);

  Faults truncate({.truncate = 1});
  for (Fault fault : draws(truncate, 100))
    EXPECT_EQ(fault, Fault::truncate);
}

TEST(Faults, RandomFaultsAreDecidedInAFixedOrder) {
  // Throttling, then 5xx, then an HTML page, then a reset, then a truncated body.
  auto first = [](const FaultSettings& settings) {
    return fault_name(Faults(settings).next().fault);
  };
  EXPECT_EQ(first({.throttle = 1, .server_error = 1, .html = 1}), "throttle");
  EXPECT_EQ(first({.server_error = 1, .html = 1}), "5xx");
  EXPECT_EQ(first({.reset = 1, .html = 1}), "html");
  EXPECT_EQ(first({.reset = 1, .truncate = 1}), "reset");
}

FaultSettings one_operation(const std::string& key, OperationFault fault,
                            FaultSettings settings = {}) {
  settings.operations[key] = fault;
  return settings;
}

TEST(Faults, AnOperationsFaultStrikesOnlyThatOperation) {
  Faults faults(one_operation("ssm:DescribeInstanceInformation", {.kind = FaultKind::denied}));
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(faults.next("ssm", "DescribeInstanceInformation").fault, Fault::denied);
    EXPECT_EQ(faults.next("ssm", "StartSession").fault, Fault::none);
    EXPECT_EQ(faults.next("ec2", "DescribeInstanceInformation").fault, Fault::none);
    EXPECT_EQ(faults.next().fault, Fault::none);
  }
}

TEST(Faults, AnOperationsFaultWinsOverTheRates) {
  Faults faults(one_operation("ec2:DescribeNetworkAcls", {.kind = FaultKind::unknown},
                              {.throttle = 1, .server_error = 1}));
  EXPECT_EQ(faults.next("ec2", "DescribeNetworkAcls").fault, Fault::unknown);
  EXPECT_EQ(faults.next("ec2", "DescribeVpcs").fault, Fault::throttle);
}

TEST(Faults, AnOperationsRateIsTheShareOfItsCallsThatFailAndTheRestMeetTheRates) {
  Faults faults(one_operation("cloudformation:DescribeStacks",
                              {.kind = FaultKind::garbage, .rate = 0.5}, {.truncate = 1}));
  int garbage = 0;
  for (int i = 0; i < 1000; ++i) {
    Fault fault = faults.next("cloudformation", "DescribeStacks").fault;
    ASSERT_TRUE(fault == Fault::garbage || fault == Fault::truncate);
    garbage += fault == Fault::garbage;
  }
  EXPECT_GT(garbage, 400);
  EXPECT_LT(garbage, 600);
}

TEST(Faults, AHangHoldsTheAnswerOnTopOfTheLatency) {
  Faults faults(one_operation("sts:GetCallerIdentity", {.kind = FaultKind::hang, .hang = 2000ms},
                              {.latency = 5ms}));
  FaultDecision hang = faults.next("sts", "GetCallerIdentity");
  EXPECT_EQ(hang.fault, Fault::hang);
  EXPECT_EQ(hang.latency, 2005ms);
  EXPECT_EQ(faults.next("sts", "AssumeRole").latency, 5ms);
  EXPECT_EQ(OperationFault{}.hang, 30000ms);  // the default hold
}

TEST(Faults, EveryRequestDrawsTheSameNumberOfValuesWhateverTheSettings) {
  // Throttling is decided on the first draw: with the same seed, the calls it strikes are
  // the same however many other faults and operations are set, as long as every request
  // draws the same count.
  Faults plain({.throttle = 0.3}, 9);
  FaultSettings busy{
      .throttle = 0.3, .server_error = 0.5, .reset = 0.5, .html = 0.5, .truncate = 0.5};
  busy.operations["sts:GetCallerIdentity"] = {.kind = FaultKind::hang, .rate = 0.5};
  busy.operations["ssm:DescribeInstanceInformation"] = {.kind = FaultKind::html};
  Faults loaded(busy, 9);
  int throttled = 0;
  for (int i = 0; i < 600; ++i) {
    std::string_view operation = i % 3 == 0 ? "GetCallerIdentity" : "AssumeRole";
    bool expected = plain.next().fault == Fault::throttle;
    Fault fault = loaded.next("sts", operation).fault;
    if (operation == "AssumeRole") {
      EXPECT_EQ(fault == Fault::throttle, expected) << "call " << i;
      throttled += expected;
    }
  }
  EXPECT_GT(throttled, 50);
}

TEST(Faults, ASeedGivesTheSameSequenceOfEveryKind) {
  FaultSettings settings{
      .throttle = 0.1, .server_error = 0.1, .reset = 0.1, .html = 0.1, .truncate = 0.1};
  settings.operations["sts:AssumeRole"] = {.kind = FaultKind::denied, .rate = 0.3};
  auto sequence = [&](uint64_t seed) {
    Faults faults(settings, seed);
    std::vector<Fault> result;
    for (int i = 0; i < 300; ++i)
      result.push_back(faults.next("sts", i % 2 ? "AssumeRole" : "GetCallerIdentity").fault);
    return result;
  };
  std::vector<Fault> first = sequence(3);
  EXPECT_EQ(sequence(3), first);
  EXPECT_NE(sequence(4), first);
  std::set<std::string_view> names;
  for (Fault fault : first)
    names.insert(fault_name(fault));
  EXPECT_EQ(names, (std::set<std::string_view>{"", "throttle", "5xx", "html", "reset", "truncate",
                                               "denied"}));
}

TEST(OperationFaultSpecs, ReadServiceOperationKindHangAndRate) {
  auto entry = parse_operation_fault_entry("ssm:DescribeInstanceInformation=html");
  ASSERT_TRUE(entry) << entry.error();
  EXPECT_EQ(entry->first, "ssm:DescribeInstanceInformation");
  EXPECT_EQ(entry->second, (OperationFault{.kind = FaultKind::html}));

  struct Case {
    std::string spec;
    OperationFault fault;
    std::string written;
  };
  for (const Case& good : std::vector<Case>{
           {"throttle@0.5", {.kind = FaultKind::throttle, .rate = 0.5}, "throttle@0.5"},
           {"5xx", {.kind = FaultKind::server_error}, "5xx"},
           {"reset@1", {.kind = FaultKind::reset}, "reset"},
           {"truncate", {.kind = FaultKind::truncate}, "truncate"},
           {"garbage@0", {.kind = FaultKind::garbage, .rate = 0}, "garbage@0"},
           {"denied", {.kind = FaultKind::denied}, "denied"},
           {"unknown@0.25", {.kind = FaultKind::unknown, .rate = 0.25}, "unknown@0.25"},
           {"hang", {.kind = FaultKind::hang}, "hang:30000"},
           {"hang:2000@0.1",
            {.kind = FaultKind::hang, .rate = 0.1, .hang = 2000ms},
            "hang:2000@0.1"},
       }) {
    auto fault = parse_operation_fault(good.spec);
    ASSERT_TRUE(fault) << good.spec << ": " << fault.error();
    EXPECT_EQ(*fault, good.fault) << good.spec;
    EXPECT_EQ(operation_fault_spec(*fault), good.written);
    EXPECT_EQ(parse_operation_fault(good.written), fault) << good.written;
  }
}

TEST(OperationFaultSpecs, ABadOneIsRefusedNamingItAndWhatIsAccepted) {
  struct Case {
    std::string entry;
    std::string error;
  };
  for (const Case& bad : std::vector<Case>{
           {"ssm:DescribeInstanceInformation",
            "'ssm:DescribeInstanceInformation' is not SERVICE:Operation=KIND, e.g. "
            "ssm:DescribeInstanceInformation=html"},
           {"DescribeStacks=html",
            "'DescribeStacks' is not SERVICE:Operation, e.g. ssm:DescribeInstanceInformation"},
           {"s3:GetObject=html",
            "'s3:GetObject': unknown service 's3' (known: ec2, cloudformation, sts, ssm, "
            "iam, organizations)"},
           {"SSM:DescribeInstanceInformation=html",
            "'SSM:DescribeInstanceInformation': unknown service 'SSM' (known: ec2, "
            "cloudformation, sts, ssm, iam, organizations)"},
           {"ssm:describe-instance-information=html",
            "'ssm:describe-instance-information': 'describe-instance-information' is not an "
            "operation name such as DescribeInstanceInformation"},
           {"ssm:=html", "'ssm:': '' is not an operation name such as DescribeInstanceInformation"},
           {"ssm:DescribeInstanceInformation=flaky",
            "ssm:DescribeInstanceInformation: unknown fault 'flaky' (known: throttle, 5xx, reset, "
            "html, truncate, garbage, denied, unknown, hang; e.g. html, throttle@0.5, "
            "hang:2000)"},
           {"ssm:DescribeInstanceInformation=",
            "ssm:DescribeInstanceInformation: unknown fault ''"},
           {"ec2:DescribeVpcs=throttle@2",
            "ec2:DescribeVpcs: the rate '2' after '@' is not a probability from 0 to 1"},
           {"ec2:DescribeVpcs=throttle@half",
            "ec2:DescribeVpcs: the rate 'half' after '@' is not a probability from 0 to 1"},
           {"ec2:DescribeVpcs=throttle@", "ec2:DescribeVpcs: the rate '' after '@'"},
           {"ec2:DescribeVpcs=html:50",
            "ec2:DescribeVpcs: only hang takes a duration, got 'html:50'"},
           {"sts:GetCallerIdentity=hang:soon",
            "sts:GetCallerIdentity: hang:soon is not a number of milliseconds from 0 to 600000"},
           {"sts:GetCallerIdentity=hang:600001",
            "sts:GetCallerIdentity: hang:600001 is not a number of milliseconds"},
           {"sts:GetCallerIdentity=hang:-1",
            "sts:GetCallerIdentity: hang:-1 is not a number of milliseconds"},
       }) {
    auto entry = parse_operation_fault_entry(bad.entry);
    ASSERT_FALSE(entry) << bad.entry;
    EXPECT_TRUE(entry.error().starts_with(bad.error)) << bad.entry << " -> " << entry.error();
  }
}

TEST(OperationFaultSpecs, OnlyOperationsTheEmulatorServesAreAccepted) {
  Seen seen;
  ApiTable api = fake_api(seen);
  EXPECT_FALSE(unserved_operation({{"ssm:DescribeInstanceInformation", {}}}, api));
  EXPECT_EQ(unserved_operation({{"ssm:DescribeInstanceInfo", {}}}, api),
            "'ssm:DescribeInstanceInfo': this emulator does not serve ssm DescribeInstanceInfo "
            "(it serves DescribeInstanceInformation, Fail)");
  api.erase("ssm");
  EXPECT_EQ(unserved_operation({{"ssm:DescribeInstanceInformation", {}}}, api),
            "'ssm:DescribeInstanceInformation': this emulator does not serve ssm "
            "DescribeInstanceInformation (it serves no ssm operation)");
}

TEST(OperationFaultSpecs, AProbabilityIsAPlainNumberFromZeroToOne) {
  EXPECT_EQ(parse_probability("0"), 0.0);
  EXPECT_EQ(parse_probability("0.25"), 0.25);
  EXPECT_EQ(parse_probability("1"), 1.0);
  for (const char* bad : {"", " 0.5", "0.5 ", "+0.5", "1.01", "-0.1", "nan", "inf", "0,5", "1/2"})
    EXPECT_FALSE(parse_probability(bad)) << bad;
}

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
    EXPECT_EQ(ssmlink::testing::xml_text(reply.body, "Type"), "Sender");
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
    EXPECT_EQ(ssmlink::testing::xml_text(b.body, "Type"), "Receiver");
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
  for (const auto& [name, value] : ssmlink::testing::signed_headers_for(port_, request)) {
    raw += name + ": " + value + "\r\n";
  }
  raw += "Content-Length: " + std::to_string(request.body.size()) + "\r\n\r\n" + request.body;
  std::string received = ssmlink::testing::raw_exchange(port_, raw);
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
