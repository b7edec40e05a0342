// SigV4 as AWS judges it, through the server: requests signed with util/sigv4, then
// broken on purpose, each answered with the code, status and message of every protocol.
#include "emulator/sigv4_verifier.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "emulator/server.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/fake_services.hpp"
#include "tests/support/aws_client.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {
namespace {

using namespace std::chrono_literals;
using ssmlink::testing::AwsCall;
using ssmlink::testing::AwsReply;
using ssmlink::testing::error_of;
using ssmlink::testing::HeaderList;
using ssmlink::testing::query_call;
using ssmlink::testing::ssm_call;

struct Expected {
  int status;
  std::string code;
  std::optional<std::string> message;  // nullopt: not checked here
};

class SignatureTest : public ::testing::Test {
 protected:
  void SetUp() override { port_ = server_.start(); }

  AwsReply call(const AwsCall& request) { return ssmlink::testing::send(port_, request); }

  void expect(const AwsCall& request, const Expected& expected) {
    AwsReply reply = call(request);
    SCOPED_TRACE(request.service + ": " + reply.body);
    EXPECT_EQ(reply.status, expected.status);
    auto error = error_of(reply);
    EXPECT_EQ(error.code, expected.code);
    if (expected.message) {
      EXPECT_EQ(error.message, expected.message);
    }
    EXPECT_TRUE(reply.header("x-amzn-RequestId").has_value());
  }

  // The same break applied to a call of each protocol.
  void expect_all(const std::function<void(AwsCall&)>& breaks, const Expected& ec2,
                  const Expected& query, const Expected& json) {
    for (auto make : {ec2_call, cfn_call, sts_call, json_call}) {
      AwsCall request = make();
      breaks(request);
      expect(request, request.service == "ec2" ? ec2 : request.service == "ssm" ? json : query);
    }
  }

  void add_key(AccessKey key) {
    std::lock_guard lock(world_.mutex);
    world_.access_keys.push_back(std::move(key));
  }

  World world_;
  Seen seen_;
  Server server_{world_, fake_api(seen_), ServerOptions{}};
  int port_ = 0;
};

void remove_header(HeaderList& headers, const std::string& name) {
  std::erase_if(headers, [&](const auto& header) { return to_lower(header.first) == name; });
}

void set_header(HeaderList& headers, const std::string& name, const std::string& value) {
  remove_header(headers, to_lower(name));
  headers.emplace_back(name, value);
}

std::string authorization_of(const HeaderList& headers) {
  for (const auto& [name, value] : headers) {
    if (name == "Authorization") return value;
  }
  return "";
}

TEST_F(SignatureTest, CorrectlySignedCallsOfEveryProtocolPass) {
  for (auto make : {ec2_call, cfn_call, sts_call, json_call}) {
    AwsReply reply = call(make());
    EXPECT_EQ(reply.status, 200) << reply.body;
  }
}

TEST_F(SignatureTest, AnUnsignedRequestIsMissingItsAuthenticationToken) {
  expect_all(
      [](AwsCall& request) { request.sign = false; },
      {400, "MissingParameter", "The request must contain the parameter AWSAccessKeyId"},
      {403, "MissingAuthenticationToken", "Request is missing Authentication Token"},
      {400, "MissingAuthenticationTokenException", "Request is missing Authentication Token"});
  expect_all(
      [](AwsCall& request) {
        request.tamper = [](HeaderList& headers) {
          set_header(headers, "Authorization", "Bearer abc");
        };
      },
      {400, "MissingParameter", std::nullopt}, {403, "MissingAuthenticationToken", std::nullopt},
      {400, "MissingAuthenticationTokenException", std::nullopt});
}

TEST_F(SignatureTest, AMissingDateIsAnIncompleteSignatureQuotingTheHeader) {
  AwsCall request = sts_call();
  std::string authorization;
  request.tamper = [&](HeaderList& headers) {
    remove_header(headers, "x-amz-date");
    authorization = authorization_of(headers);
  };
  AwsReply reply = call(request);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_of(reply).code, "IncompleteSignature");
  EXPECT_EQ(error_of(reply).message,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header. Authorization=" +
                authorization);

  expect_all(
      [](AwsCall& request) {
        request.tamper = [](HeaderList& headers) { remove_header(headers, "x-amz-date"); };
      },
      {400, "IncompleteSignature", std::nullopt}, {400, "IncompleteSignature", std::nullopt},
      {400, "IncompleteSignatureException", std::nullopt});
}

TEST_F(SignatureTest, AMalformedAuthorizationSaysWhatIsMissing) {
  const std::string partial =
      "AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/sts/aws4_request";
  AwsCall request = sts_call();
  request.tamper = [&](HeaderList& headers) { set_header(headers, "Authorization", partial); };
  expect(request, {400, "IncompleteSignature",
                   "Authorization header requires 'Signature' parameter. Authorization header "
                   "requires 'SignedHeaders' parameter. Authorization=" +
                       partial});

  const std::string no_equals =
      "AWS4-HMAC-SHA256 Credential test, SignedHeaders=host, Signature=00";
  request.tamper = [&](HeaderList& headers) { set_header(headers, "Authorization", no_equals); };
  expect(request, {400, "IncompleteSignature",
                   "'Credential' not a valid key=value pair (missing equal-sign) in Authorization "
                   "header: '" +
                       no_equals + "'."});

  AwsCall ssm = json_call();
  ssm.tamper = [](HeaderList& headers) {
    set_header(headers, "Authorization",
               "AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/ssm/aws4_request");
  };
  expect(ssm, {400, "IncompleteSignatureException", std::nullopt});
}

TEST_F(SignatureTest, OnlyAws4HmacSha256IsSupported) {
  AwsCall request = sts_call();
  request.tamper = [](HeaderList& headers) {
    for (auto& [name, value] : headers) {
      if (name == "Authorization") value.replace(0, 16, "AWS4-HMAC-SHA512");
    }
  };
  expect(request, {400, "IncompleteSignature",
                   "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for "
                   "now). "});
}

TEST_F(SignatureTest, TheCredentialNeedsItsFiveParts) {
  AwsCall request = sts_call();
  request.tamper = [](HeaderList& headers) {
    set_header(headers, "Authorization",
               "AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/sts, SignedHeaders=host;"
               "x-amz-date, Signature=0000");
  };
  expect(request, {400, "IncompleteSignature",
                   "Credential must have exactly 5 slash-delimited elements, e.g. "
                   "keyid/date/region/service/term, got 'test/20261128/us-east-1/sts'"});
}

TEST_F(SignatureTest, AMalformedDateIsRefused) {
  AwsCall request = sts_call();
  request.tamper = [](HeaderList& headers) { set_header(headers, "X-Amz-Date", "2026-11-28"); };
  expect(request, {400, "IncompleteSignature",
                   "Date must be in ISO-8601 'basic format'. Got '2026-11-28'. See "
                   "http://en.wikipedia.org/wiki/ISO_8601"});
}

TEST_F(SignatureTest, AClockMoreThanFiveMinutesBehindHasAnExpiredSignature) {
  auto then = std::chrono::system_clock::now() - 10min;
  auto skewed = [&](AwsCall& request) { request.time = then; };
  expect_all(skewed, {400, "RequestExpired", "Request has expired."},
             {403, "SignatureDoesNotMatch", std::nullopt},
             {400, "InvalidSignatureException", std::nullopt});

  AwsCall request = sts_call();
  request.time = then;
  std::string message = error_of(call(request)).message.value_or("");
  std::smatch parts;
  ASSERT_TRUE(std::regex_match(
      message, parts,
      std::regex(
          R"(Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\))")))
      << message;
  EXPECT_EQ(parts[1], sigv4::amz_date(then));
  auto parse = [](const std::string& text) {
    std::tm utc{};
    strptime(text.c_str(), "%Y%m%dT%H%M%SZ", &utc);
    return std::chrono::system_clock::from_time_t(timegm(&utc));
  };
  EXPECT_EQ(parse(parts[3]) - parse(parts[2]), 5min);
}

TEST_F(SignatureTest, AClockMoreThanFiveMinutesAheadIsNotYetCurrent) {
  AwsCall request = sts_call();
  request.time = std::chrono::system_clock::now() + 10min;
  std::string message = error_of(call(request)).message.value_or("");
  EXPECT_TRUE(std::regex_match(
      message,
      std::regex(
          R"(Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\))")))
      << message;
  expect_all([](AwsCall& r) { r.time = std::chrono::system_clock::now() + 10min; },
             {400, "RequestExpired", "Request has expired."},
             {403, "SignatureDoesNotMatch", std::nullopt},
             {400, "InvalidSignatureException", std::nullopt});
}

TEST_F(SignatureTest, AClockWithinFiveMinutesIsFine) {
  for (auto offset : {-4min, 4min}) {
    AwsCall request = sts_call();
    request.time = std::chrono::system_clock::now() + offset;
    EXPECT_EQ(call(request).status, 200);
  }
}

TEST_F(SignatureTest, HostAndDateMustBeSigned) {
  AwsCall unsigned_host = sts_call();
  unsigned_host.signed_headers = std::vector<std::string>{"content-type", "x-amz-date"};
  expect(unsigned_host,
         {403, "SignatureDoesNotMatch",
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."});
  AwsCall unsigned_date = sts_call();
  unsigned_date.signed_headers = std::vector<std::string>{"content-type", "host"};
  expect(unsigned_date, {403, "SignatureDoesNotMatch",
                         "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."});
  AwsCall ssm = json_call();
  ssm.signed_headers = std::vector<std::string>{"x-amz-date"};
  expect(ssm, {400, "InvalidSignatureException", std::nullopt});
}

TEST_F(SignatureTest, TheScopeMustNameARegionTheRightDayAndTheTerminator) {
  AwsCall moon = sts_call();
  moon.region = "moon";
  expect(moon, {403, "SignatureDoesNotMatch",
                "Credential should be scoped to a valid region, not 'moon'. "});

  AwsCall yesterday = sts_call();
  yesterday.tamper = [](HeaderList& headers) {
    for (auto& [name, value] : headers) {
      if (name == "Authorization") {
        size_t at = value.find("Credential=test/") + 16;
        value.replace(at, 8, "20000101");
      }
    }
  };
  AwsReply reply = call(yesterday);
  EXPECT_EQ(reply.status, 403);
  EXPECT_TRUE(error_of(reply).message->starts_with(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
      "HTTP: '20000101' != '"))
      << reply.body;
}

TEST_F(SignatureTest, AnUnknownAccessKeyIsAnInvalidToken) {
  expect_all(
      [](AwsCall& request) { request.access_key_id = "test-unknown"; },
      {401, "AuthFailure", "AWS was not able to validate the provided access credentials"},
      {403, "InvalidClientTokenId", "The security token included in the request is invalid."},
      {400, "UnrecognizedClientException",
       "The security token included in the request is invalid."});
}

TEST_F(SignatureTest, AWrongSecretDoesNotMatchAndQueryServicesShowTheirCanonicalRequest) {
  expect_all([](AwsCall& request) { request.secret_access_key = "wrong"; },
             {403, "SignatureDoesNotMatch",
              "The request signature we calculated does not match the signature you provided. "
              "Check your AWS Secret Access Key and signing method. Consult the service "
              "documentation for details."},
             {403, "SignatureDoesNotMatch", std::nullopt},
             {400, "InvalidSignatureException", std::nullopt});

  AwsCall request = sts_call();
  request.secret_access_key = "wrong";
  std::string message = error_of(call(request)).message.value_or("");
  std::string host = "127.0.0.1:" + std::to_string(port_);
  EXPECT_TRUE(message.starts_with(
      "The request signature we calculated does not match the signature you provided. Check "
      "your AWS Secret Access Key and signing method. Consult the service documentation for "
      "details.\n\nThe Canonical String for this request should have been\n'POST\n/\n\n"
      "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:" +
      host + "\nx-amz-date:"))
      << message;
  EXPECT_NE(message.find("'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n"),
            std::string::npos);
  EXPECT_TRUE(message.ends_with("'\n"));
}

TEST_F(SignatureTest, TheSignatureCoversTheBodyAndTheSignedHeadersAsReceived) {
  AwsCall body = cfn_call();
  body.body_after_signing = body.body + "&StackName=other";
  AwsReply reply = call(body);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(error_of(reply).code, "SignatureDoesNotMatch");

  AwsCall header = json_call();
  header.tamper = [](HeaderList& headers) {
    set_header(headers, "X-Amz-Target", "AmazonSSM.Fail");
  };
  EXPECT_EQ(error_of(call(header)).code, "InvalidSignatureException");

  // An unsigned header may change.
  AwsCall extra = sts_call();
  extra.signed_headers = std::vector<std::string>{"host", "x-amz-date"};
  extra.tamper = [](HeaderList& headers) { headers.emplace_back("User-Agent", "anything"); };
  EXPECT_EQ(call(extra).status, 200);
}

TEST_F(SignatureTest, TheDateHeaderMayStandInForXAmzDate) {
  AwsCall request = sts_call();
  auto now = std::chrono::system_clock::now();
  request.time = now;
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  // Signed as botocore signs with a Date header: the string to sign has its ISO form.
  request.headers = {{"Date", date}};
  request.signed_headers = std::vector<std::string>{"content-type", "date", "host"};
  request.tamper = [](HeaderList& headers) { remove_header(headers, "x-amz-date"); };
  EXPECT_EQ(call(request).status, 200);
}

TEST_F(SignatureTest, TemporaryKeysNeedTheirOwnSessionToken) {
  AccessKey temporary{"test-temporary", "secret",    "arn:aws:sts::123456789012:assumed-role/r/s",
                      "AROAEXAMPLE:s",  "the-token", std::chrono::system_clock::now() + 1h};
  add_key(temporary);
  auto as_temporary = [&](const std::string& token) {
    return [&, token](AwsCall& request) {
      request.access_key_id = temporary.access_key_id;
      request.secret_access_key = temporary.secret_access_key;
      request.session_token = token;
    };
  };
  AwsCall good = sts_call();
  as_temporary("the-token")(good);
  EXPECT_EQ(call(good).status, 200);

  for (const std::string token : {"", "another-token"}) {
    expect_all(
        as_temporary(token),
        {401, "AuthFailure", "AWS was not able to validate the provided access credentials"},
        {403, "InvalidClientTokenId", "The security token included in the request is invalid."},
        {400, "UnrecognizedClientException",
         "The security token included in the request is invalid"});
  }
  // A long-term key with a token is no better.
  AwsCall long_term = sts_call();
  long_term.session_token = "the-token";
  EXPECT_EQ(error_of(call(long_term)).code, "InvalidClientTokenId");
}

TEST_F(SignatureTest, ExpiredTemporaryKeysAreExpiredTokens) {
  AccessKey expired{"test-expired",  "secret", "arn:aws:sts::123456789012:assumed-role/r/s",
                    "AROAEXAMPLE:s", "token",  std::chrono::system_clock::now() - 1s};
  add_key(expired);
  expect_all(
      [&](AwsCall& request) {
        request.access_key_id = expired.access_key_id;
        request.secret_access_key = expired.secret_access_key;
        request.session_token = expired.session_token;
      },
      {400, "RequestExpired", "Request has expired."},
      {403, "ExpiredToken", "The security token included in the request is expired"},
      {400, "ExpiredTokenException", "The security token included in the request is expired"});
}

TEST(ClaimedScope, IsReadEvenFromAnAuthorizationThatFailsVerification) {
  sigv4::Headers headers = {
      {"authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261128/eu-west-1/ssm/aws4_request"}};
  auto scope = claimed_scope(headers);
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->service, "ssm");
  EXPECT_EQ(scope->region, "eu-west-1");
  EXPECT_FALSE(claimed_scope({{"Authorization", "AWS4-HMAC-SHA256 Credential=a/b"}}));
  EXPECT_FALSE(claimed_scope({}));
}

TEST(AuthError, EveryProblemHasACodeInEveryProtocol) {
  for (auto problem : {AuthProblem::missing_authentication, AuthProblem::incomplete_signature,
                       AuthProblem::signature_expired, AuthProblem::signature_invalid,
                       AuthProblem::unknown_access_key, AuthProblem::signature_mismatch,
                       AuthProblem::invalid_session_token, AuthProblem::expired_session_token}) {
    for (auto protocol : {Protocol::ec2, Protocol::query, Protocol::json}) {
      ErrorReply error = auth_error(protocol, {problem, "m"});
      EXPECT_FALSE(error.code.empty());
      EXPECT_GE(error.status, 400);
      EXPECT_EQ(error.type_prefix.empty(), protocol != Protocol::json);
    }
  }
}

}  // namespace
}  // namespace ssmlink::emulator
