#include "aws/signer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aws/errors.hpp"
#include "tests/support/paths.hpp"
#include "util/crypto.hpp"
#include "util/files.hpp"
#include "util/sigv4.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {
namespace {

Clock::TimePoint at(const std::string& iso8601) {
  Clock::TimePoint time;
  if (!parse_iso8601(iso8601, time)) throw std::invalid_argument(iso8601);
  return time;
}

size_t count_headers(const HttpRequest& request, std::string_view name) {
  size_t count = 0;
  for (const auto& header : request.headers) {
    if (to_lower(header.name) == name) ++count;
  }
  return count;
}

std::vector<std::string> signed_headers_of(const HttpRequest& request) {
  auto authorization =
      sigv4::parse_authorization(find_header(request.headers, "Authorization").value());
  if (!authorization) throw std::runtime_error("malformed Authorization header");
  return authorization->signed_headers;
}

// The suite's example account, region, service and time
// (reference/sigv4-test-suite/README.md).
const Credentials example_credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "",
                                      std::nullopt};
const Clock::TimePoint example_time = at("2015-08-30T12:36:00Z");

std::string expected_authorization(const std::string& test_case) {
  return read_file(testing::source_path("reference/sigv4-test-suite/aws-sig-v4-test-suite/" +
                                        test_case + "/" + test_case + ".authz"));
}

TEST(SignRequest, ReproducesTheSuitesFormPost) {
  HttpRequest request{"POST",
                      "https://example.amazonaws.com/",
                      {{"Content-Type", "application/x-www-form-urlencoded"}},
                      "Param1=value1"};
  sign_request(request, example_credentials, "us-east-1", "service", example_time);
  EXPECT_EQ(find_header(request.headers, "Host"), "example.amazonaws.com");
  EXPECT_EQ(find_header(request.headers, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(find_header(request.headers, "X-Amz-Security-Token"), std::nullopt);
  EXPECT_EQ(find_header(request.headers, "Authorization"),
            expected_authorization("post-x-www-form-urlencoded"));
}

TEST(SignRequest, ReproducesTheSuitesSessionTokenCase) {
  Credentials credentials = example_credentials;
  credentials.session_token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
  HttpRequest request{"GET", "https://example.amazonaws.com", {}, ""};
  sign_request(request, credentials, "us-east-1", "service", example_time);
  EXPECT_EQ(find_header(request.headers, "X-Amz-Security-Token"), credentials.session_token);
  EXPECT_EQ(find_header(request.headers, "Authorization"),
            expected_authorization("get-vanilla-with-session-token"));
}

// An EC2 DescribeVpcs call as cloud/ sends it, with temporary credentials.
const Credentials session_credentials{"ASIAEXAMPLEEXAMPLE00",
                                      "secret/EXAMPLE+key0123456789abcdefghij",
                                      "IQoJb3JpZ2luX2VjEXAMPLE//token+value==", std::nullopt};

HttpRequest describe_vpcs() {
  return {"POST",
          "https://ec2.eu-west-1.amazonaws.com/",
          {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
           {"User-Agent", "ssmlink/0.1.0"}},
          "Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-0a1b2c3d4e5f67890"};
}

TEST(SignRequest, SignsAFormPostWithASessionTokenAsTheSpecSays) {
  HttpRequest request = describe_vpcs();
  sign_request(request, session_credentials, "eu-west-1", "ec2", at("2026-02-28T10:15:30Z"));

  sigv4::Scope scope{"20260228", "eu-west-1", "ec2"};
  std::string canonical_request =
      "POST\n/\n\n"
      "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
      "host:ec2.eu-west-1.amazonaws.com\n"
      "x-amz-date:20260228T101530Z\n"
      "x-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLE//token+value==\n\n"
      "content-type;host;x-amz-date;x-amz-security-token\n" +
      sha256_hex(request.body);
  std::string signature =
      sigv4::signature(sigv4::signing_key(session_credentials.secret_access_key, scope),
                       sigv4::string_to_sign("20260228T101530Z", scope, canonical_request));
  EXPECT_EQ(find_header(request.headers, "Authorization"),
            sigv4::authorization_header(
                "ASIAEXAMPLEEXAMPLE00", scope,
                {"content-type", "host", "x-amz-date", "x-amz-security-token"}, signature));
  EXPECT_EQ(find_header(request.headers, "X-Amz-Security-Token"),
            session_credentials.session_token);
  EXPECT_EQ(find_header(request.headers, "User-Agent"), "ssmlink/0.1.0");
}

TEST(SignRequest, SignsAGetWithItsQueryAndGivenPort) {
  HttpRequest request{"GET", "http://127.0.0.1:4566/a%20b/?b=2&a=x%2By", {}, ""};
  sign_request(request, example_credentials, "us-east-1", "sts", at("2026-02-28T10:15:30Z"));
  EXPECT_EQ(find_header(request.headers, "Host"), "127.0.0.1:4566");

  sigv4::Scope scope{"20260228", "us-east-1", "sts"};
  std::string canonical_request =
      "GET\n/a%2520b/\na=x%2By&b=2\nhost:127.0.0.1:4566\nx-amz-date:20260228T101530Z\n\n"
      "host;x-amz-date\n" +
      sha256_hex("");
  std::string signature =
      sigv4::signature(sigv4::signing_key(example_credentials.secret_access_key, scope),
                       sigv4::string_to_sign("20260228T101530Z", scope, canonical_request));
  EXPECT_EQ(find_header(request.headers, "Authorization"),
            sigv4::authorization_header("AKIDEXAMPLE", scope, {"host", "x-amz-date"}, signature));
}

TEST(SignRequest, SigningAgainReplacesTheEarlierSignature) {
  HttpRequest request = describe_vpcs();
  request.headers.push_back({"authorization", "stale"});
  sign_request(request, session_credentials, "eu-west-1", "ec2", at("2026-02-28T10:15:30Z"));
  std::string first = find_header(request.headers, "Authorization").value();
  sign_request(request, session_credentials, "eu-west-1", "ec2", at("2026-02-28T10:15:31Z"));

  HttpRequest fresh = describe_vpcs();
  sign_request(fresh, session_credentials, "eu-west-1", "ec2", at("2026-02-28T10:15:31Z"));
  EXPECT_EQ(count_headers(request, "authorization"), 1u);
  EXPECT_EQ(count_headers(request, "x-amz-date"), 1u);
  EXPECT_EQ(count_headers(request, "x-amz-security-token"), 1u);
  EXPECT_EQ(count_headers(request, "host"), 1u);
  EXPECT_EQ(find_header(request.headers, "X-Amz-Date"), "20260228T101531Z");
  EXPECT_NE(find_header(request.headers, "Authorization"), first);
  EXPECT_EQ(find_header(request.headers, "Authorization"),
            find_header(fresh.headers, "Authorization"));
}

TEST(SignRequest, CredentialsWithoutATokenDropAnEarlierOne) {
  HttpRequest request = describe_vpcs();
  sign_request(request, session_credentials, "eu-west-1", "ec2", example_time);
  sign_request(request, example_credentials, "eu-west-1", "ec2", example_time);
  EXPECT_EQ(count_headers(request, "x-amz-security-token"), 0u);
  EXPECT_EQ(signed_headers_of(request),
            (std::vector<std::string>{"content-type", "host", "x-amz-date"}));
}

TEST(SignRequest, LeavesHeadersThatMayChangeOnTheWayUnsigned) {
  HttpRequest request = describe_vpcs();
  request.headers.push_back({"Expect", "100-continue"});
  request.headers.push_back({"X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"});
  request.headers.push_back({"X-Amz-Target", "kept"});
  sign_request(request, session_credentials, "eu-west-1", "ec2", example_time);
  EXPECT_EQ(signed_headers_of(request),
            (std::vector<std::string>{"content-type", "host", "x-amz-date", "x-amz-security-token",
                                      "x-amz-target"}));

  HttpRequest other_agent = request;
  set_header(other_agent.headers, "User-Agent", "aws-cli/2");
  sign_request(other_agent, session_credentials, "eu-west-1", "ec2", example_time);
  EXPECT_EQ(find_header(other_agent.headers, "Authorization"),
            find_header(request.headers, "Authorization"));
}

TEST(SignRequest, NeverPutsTheSecretKeyInAHeader) {
  for (HttpRequest request :
       {describe_vpcs(),
        HttpRequest{"GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity", {}, ""}}) {
    sign_request(request, session_credentials, "us-east-1", "sts", example_time);
    for (const auto& header : request.headers) {
      EXPECT_EQ(header.name.find(session_credentials.secret_access_key), std::string::npos);
      EXPECT_EQ(header.value.find(session_credentials.secret_access_key), std::string::npos)
          << header.name;
    }
  }
}

TEST(SignRequest, RejectsAUrlItCannotSign) {
  HttpRequest request{"GET", "ftp://example.com/", {}, ""};
  EXPECT_THROW(sign_request(request, example_credentials, "us-east-1", "ec2", example_time),
               AwsError);
}

}  // namespace
}  // namespace ssmlink::aws
