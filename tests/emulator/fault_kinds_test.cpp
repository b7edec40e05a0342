// The bad answers beyond throttling and 5xx, over HTTP from every protocol (EC2 query,
// CloudFormation and STS query, SSM JSON): HTML pages, bodies cut short, plain text, access
// denied, unknown error codes and held answers; and faults set for one operation.
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "emulator/faults.hpp"
#include "tests/emulator/fault_server.hpp"

namespace ssmlink::emulator {
namespace {

using namespace std::chrono_literals;
using ssmlink::testing::AwsReply;
using ssmlink::testing::error_of;
using ssmlink::testing::xml_text;

class FaultKindTest : public FaultServerTest {};

// One operation of each service the fake API answers with 200, by its --fault-op key.
struct Target {
  std::string key;
  ssmlink::testing::AwsCall call;
};

std::vector<Target> every_service() {
  return {{"ec2:DescribeVpcs", ec2_call()},
          {"cloudformation:DescribeStacks", cfn_call()},
          {"sts:GetCallerIdentity", sts_call()},
          {"ssm:DescribeInstanceInformation", json_call()}};
}

FaultSettings on_every_service(OperationFault fault) {
  FaultSettings settings;
  for (const auto& target : every_service())
    settings.operations[target.key] = fault;
  return settings;
}

FaultSettings on_one(const std::string& key, OperationFault fault, FaultSettings settings = {}) {
  settings.operations[key] = fault;
  return settings;
}

bool parses_as_xml(const std::string& body) {
  pugi::xml_document document;
  return static_cast<bool>(document.load_string(body.c_str()));
}

bool parses_as_json(const std::string& body) {
  return !nlohmann::json::parse(body, nullptr, false).is_discarded();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); !from.empty() && at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST_F(FaultKindTest, HtmlIsAProxysOrAnotherServersPageOutsideAnyAwsEnvelope) {
  start(on_every_service({.kind = FaultKind::html}));
  for (const auto& target : every_service()) {
    std::set<int> statuses;
    for (int i = 0; i < 16; ++i) {
      AwsReply reply = call(target.call);
      statuses.insert(reply.status);
      std::string type = reply.header("Content-Type").value_or("");
      EXPECT_TRUE(type.starts_with("text/html")) << target.key << ": " << type;
      EXPECT_FALSE(reply.header("x-amzn-RequestId")) << target.key;
      EXPECT_FALSE(parses_as_json(reply.body));
      if (reply.status == 502) {
        EXPECT_NE(reply.body.find("<title>502 Bad Gateway</title>"), std::string::npos);
      } else {
        ASSERT_EQ(reply.status, 500) << target.key;
        EXPECT_TRUE(reply.body.starts_with("<!doctype html>")) << reply.body;
        EXPECT_NE(reply.body.find("<title>500 Internal Server Error</title>"), std::string::npos);
      }
    }
    EXPECT_EQ(statuses, (std::set<int>{500, 502})) << target.key;
  }
  EXPECT_EQ(handled(), 0u) << "an HTML page answered for the handler, which must not run";
}

TEST_F(FaultKindTest, TruncateSendsTheRealAnswerCutInHalfWithAMatchingLength) {
  start({});
  std::map<std::string, AwsReply> whole;
  size_t handled_whole = handled();
  for (const auto& target : every_service()) {
    whole[target.key] = call(target.call);
    ASSERT_EQ(whole[target.key].status, 200) << target.key;
  }
  handled_whole = handled() - handled_whole;
  server_->faults().configure(on_every_service({.kind = FaultKind::truncate}));
  for (const auto& target : every_service()) {
    const AwsReply& full = whole[target.key];
    AwsReply cut = call(target.call);
    EXPECT_EQ(cut.status, 200) << target.key;
    EXPECT_EQ(cut.header("Content-Type"), full.header("Content-Type")) << target.key;
    EXPECT_EQ(cut.header("Content-Length"), std::to_string(cut.body.size())) << target.key;
    // The same answer as before but for its request ID, cut in half.
    std::string expected = replaced(full.body, full.header("x-amzn-RequestId").value_or(""),
                                    cut.header("x-amzn-RequestId").value_or(""));
    EXPECT_EQ(cut.body, expected.substr(0, expected.size() / 2)) << target.key;
    EXPECT_GT(cut.body.size(), 0u);
    EXPECT_FALSE(parses_as_json(cut.body)) << cut.body;
    EXPECT_FALSE(parses_as_xml(cut.body)) << cut.body;
    EXPECT_EQ(server_->requests().records().back().fault, "truncate");
  }
  EXPECT_EQ(handled(), 2 * handled_whole) << "a truncated answer is the handler's own";
}

TEST_F(FaultKindTest, GarbageIsA200WithABodyThatIsNeitherXmlNorJson) {
  start(on_every_service({.kind = FaultKind::garbage}));
  for (const auto& target : every_service()) {
    AwsReply reply = call(target.call);
    EXPECT_EQ(reply.status, 200) << target.key;
    EXPECT_TRUE(reply.header("Content-Type").value_or("").starts_with("text/plain"));
    EXPECT_FALSE(reply.body.empty());
    EXPECT_FALSE(parses_as_xml(reply.body)) << reply.body;
    EXPECT_FALSE(parses_as_json(reply.body)) << reply.body;
  }
  EXPECT_EQ(handled(), 0u);
}

std::string implicit_deny(const std::string& permission) {
  return "User: arn:aws:iam::123456789012:user/emulator is not authorized to perform: " +
         permission + " because no identity-based policy allows the " + permission + " action";
}

TEST_F(FaultKindTest, DeniedIsEachServicesOwnAccessDeniedError) {
  start(on_every_service({.kind = FaultKind::denied}));
  AwsReply ec2 = call(ec2_call());
  EXPECT_EQ(ec2.status, 403);
  EXPECT_EQ(ec2.header("Content-Type"), "text/xml;charset=UTF-8");
  EXPECT_TRUE(ec2.body.starts_with("<?xml") && ec2.body.find("<Response>") != std::string::npos)
      << ec2.body;
  EXPECT_EQ(error_of(ec2).code, "UnauthorizedOperation");
  EXPECT_EQ(error_of(ec2).message, "You are not authorized to perform this operation.");
  EXPECT_EQ(xml_text(ec2.body, "RequestID"), ec2.header("x-amzn-RequestId"));

  for (auto [query, permission, xmlns] :
       {std::tuple{cfn_call(), "cloudformation:DescribeStacks",
                   "http://cloudformation.amazonaws.com/doc/2010-05-15/"},
        std::tuple{sts_call(), "sts:GetCallerIdentity",
                   "https://sts.amazonaws.com/doc/2011-06-15/"}}) {
    AwsReply reply = call(query);
    EXPECT_EQ(reply.status, 403) << permission;
    EXPECT_EQ(reply.header("Content-Type"), "text/xml");
    EXPECT_NE(reply.body.find(std::string("<ErrorResponse xmlns=\"") + xmlns + "\""),
              std::string::npos)
        << reply.body;
    EXPECT_EQ(error_of(reply).code, "AccessDenied");
    EXPECT_EQ(xml_text(reply.body, "Type"), "Sender");
    EXPECT_EQ(error_of(reply).message, implicit_deny(permission));
    EXPECT_EQ(xml_text(reply.body, "RequestId"), reply.header("x-amzn-RequestId"));
  }

  AwsReply ssm = call(json_call());
  EXPECT_EQ(ssm.status, 400);
  EXPECT_EQ(ssm.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(nlohmann::json::parse(ssm.body),
            (nlohmann::json{{"__type", "AccessDeniedException"},
                            {"message", implicit_deny("ssm:DescribeInstanceInformation")}}));
  EXPECT_TRUE(ssm.header("x-amzn-RequestId"));
  EXPECT_EQ(handled(), 0u);
}

TEST_F(FaultKindTest, UnknownIsAnAwsShapedErrorWithACodeNoClientKnows) {
  start(on_every_service({.kind = FaultKind::unknown}));
  for (const auto& target : every_service()) {
    AwsReply reply = call(target.call);
    EXPECT_EQ(reply.status, 400) << target.key;
    EXPECT_EQ(error_of(reply).code, "WeirdInternalThing") << target.key;
    EXPECT_TRUE(error_of(reply).message) << target.key;
    EXPECT_TRUE(reply.header("x-amzn-RequestId")) << target.key;
  }
  AwsReply ec2 = call(ec2_call());
  EXPECT_NE(ec2.body.find("<Response>"), std::string::npos) << ec2.body;
  EXPECT_EQ(xml_text(ec2.body, "RequestID"), ec2.header("x-amzn-RequestId"));
  AwsReply cfn = call(cfn_call());
  EXPECT_EQ(xml_text(cfn.body, "Type"), "Sender");
  EXPECT_EQ(nlohmann::json::parse(call(json_call()).body)["__type"], "WeirdInternalThing");
  EXPECT_EQ(handled(), 0u);
}

TEST_F(FaultKindTest, HangHoldsTheRealAnswerForItsTime) {
  start(on_one("sts:GetCallerIdentity", {.kind = FaultKind::hang, .hang = 300ms}));
  auto started = std::chrono::steady_clock::now();
  AwsReply held = call(sts_call());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
  EXPECT_EQ(held.status, 200);
  EXPECT_EQ(xml_text(held.body, "Account"), "123456789012");
  RequestRecord record = server_->requests().records().back();
  EXPECT_EQ(record.fault, "hang");
  EXPECT_GE(record.latency_ms, 300);
}

TEST_F(FaultKindTest, AHangEndsPromptlyWhenTheServerStops) {
  start(on_one("sts:GetCallerIdentity", {.kind = FaultKind::hang}));  // 30 s
  auto started = std::chrono::steady_clock::now();
  std::future<AwsReply> held = std::async(std::launch::async, [this] { return call(sts_call()); });
  ASSERT_EQ(held.wait_for(500ms), std::future_status::timeout) << "the answer was not held";
  auto stopping = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 5s);
  ASSERT_EQ(held.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(held.get().status, 200);  // the answer, sent early
  EXPECT_LT(std::chrono::steady_clock::now() - started, 8s);
}

TEST_F(FaultKindTest, AnOperationsFaultStrikesThatOperationOnly) {
  start(on_one("ssm:DescribeInstanceInformation", {.kind = FaultKind::html}));
  for (int i = 0; i < 5; ++i) {
    int status = call(json_call()).status;
    EXPECT_TRUE(status == 500 || status == 502) << status;
    AwsReply other = call(ssmlink::testing::ssm_call("Fail"));
    EXPECT_EQ(other.status, 400);
    EXPECT_EQ(error_of(other).code, "InvalidInstanceId");
    EXPECT_EQ(call(ec2_call()).status, 200);
    EXPECT_EQ(call(sts_call()).status, 200);
  }
}

TEST_F(FaultKindTest, AnOperationsFaultWinsOverTheRates) {
  start(on_one("sts:GetCallerIdentity", {.kind = FaultKind::denied}, {.throttle = 1}));
  EXPECT_EQ(error_of(call(sts_call())).code, "AccessDenied");
  EXPECT_EQ(error_of(call(cfn_call())).code, "Throttling");
}

TEST_F(FaultKindTest, TheRequestLogNamesEveryFault) {
  start({});
  struct Case {
    FaultKind kind;
    std::set<int> statuses;
    std::string error_code;
  };
  for (const Case& expected : std::vector<Case>{
           {FaultKind::throttle, {400}, "Throttling"},
           {FaultKind::server_error, {500, 503}, ""},
           {FaultKind::reset, {200}, ""},
           {FaultKind::html, {500, 502}, ""},
           {FaultKind::truncate, {200}, ""},
           {FaultKind::garbage, {200}, ""},
           {FaultKind::denied, {403}, "AccessDenied"},
           {FaultKind::unknown, {400}, "WeirdInternalThing"},
           {FaultKind::hang, {200}, ""},
       }) {
    server_->faults().configure(
        on_one("sts:GetCallerIdentity", {.kind = expected.kind, .hang = 10ms}));
    call(sts_call());
    RequestRecord record = server_->requests().records().back();
    std::string_view name = fault_kind_name(expected.kind);
    EXPECT_EQ(record.fault, name);
    EXPECT_TRUE(expected.statuses.contains(record.status)) << name << ": " << record.status;
    if (!expected.error_code.empty()) {
      EXPECT_EQ(record.error_code, expected.error_code) << name;
    }
    EXPECT_EQ(to_json(record)["fault"], name);
  }
}

TEST_F(FaultKindTest, TheSameSeedGivesTheSameHtmlAndTruncatedAnswers) {
  auto outcomes = [&](uint64_t seed) {
    start({.html = 0.3, .truncate = 0.3}, seed);
    std::vector<std::pair<int, size_t>> result;
    for (int i = 0; i < 40; ++i) {
      AwsReply reply = call(json_call());
      result.emplace_back(reply.status, reply.body.size());
    }
    server_.reset();
    return result;
  };
  auto first = outcomes(5);
  EXPECT_EQ(outcomes(5), first);
  std::set<std::pair<int, size_t>> kinds(first.begin(), first.end());
  EXPECT_GE(kinds.size(), 4u);  // whole, cut in half, a 502 page, a 500 page
}

}  // namespace
}  // namespace ssmlink::emulator
