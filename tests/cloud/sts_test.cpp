// STS: requests, parsers (after the STS API Reference examples) and the service class.
#include "cloud/sts.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "cloud/sts_requests.hpp"
#include "cloud/sts_responses.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::AllOf;
using testing::FakeQueryService;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::ThrowsMessage;
using testing::utc;
using testing::XmlText;

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

constexpr const char* kCallerIdentity = R"(
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)";

constexpr const char* kAssumeRole = R"(
<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>)";

constexpr const char* kWebIdentity = R"(
<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:ops:ssmlink</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1</Arn>
      <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:app1</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>AQoDYXdzE-web-identity-token</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2014-10-24T23:00:23Z</Expiration>
      <AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
    <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>)";

TEST(StsRequests, AssumeRole) {
  EXPECT_EQ(assume_role_params(
                {"arn:aws:iam::123456789012:role/demo", "ssmlink-1", std::nullopt, std::nullopt}),
            (aws::QueryParams{{"RoleArn", "arn:aws:iam::123456789012:role/demo"},
                              {"RoleSessionName", "ssmlink-1"}}));
  EXPECT_EQ(assume_role_params({"arn:aws:iam::123456789012:role/demo", "ssmlink-1",
                                std::string("ext id/1"), 3600}),
            (aws::QueryParams{{"RoleArn", "arn:aws:iam::123456789012:role/demo"},
                              {"RoleSessionName", "ssmlink-1"},
                              {"DurationSeconds", "3600"},
                              {"ExternalId", "ext id/1"}}));
}

TEST(StsRequests, AssumeRoleWithWebIdentity) {
  EXPECT_EQ(assume_role_with_web_identity_params(
                {"arn:aws:iam::123456789012:role/web", "s", "eyJhbGciOi.token", 900}),
            (aws::QueryParams{{"RoleArn", "arn:aws:iam::123456789012:role/web"},
                              {"RoleSessionName", "s"},
                              {"WebIdentityToken", "eyJhbGciOi.token"},
                              {"DurationSeconds", "900"}}));
}

TEST(StsResponses, CallerIdentity) {
  XmlText text(kCallerIdentity);
  CallerIdentity identity = parse_get_caller_identity(text.child("GetCallerIdentityResult"));
  EXPECT_EQ(identity.account, "123456789012");
  EXPECT_EQ(identity.arn, "arn:aws:iam::123456789012:user/Alice");
  EXPECT_EQ(identity.user_id, "AIDACKCEVSQ6C2EXAMPLE");
}

TEST(StsResponses, CallerIdentityWithoutAccountIsAnError) {
  XmlText text(
      "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>a</Arn><UserId>u</UserId>"
      "</GetCallerIdentityResult></GetCallerIdentityResponse>");
  EXPECT_THAT(
      [&] { parse_get_caller_identity(text.child("GetCallerIdentityResult")); },
      ThrowsMessage<aws::ResponseError>("STS GetCallerIdentity response: Account is missing"));
}

TEST(StsResponses, AssumeRole) {
  XmlText text(kAssumeRole);
  AssumedRole role = parse_assume_role(text.child("AssumeRoleResult"));
  EXPECT_EQ(role.credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(role.credentials.secret_access_key, kSecret);
  EXPECT_THAT(role.credentials.session_token, HasSubstr("AQoDYXdzEPT//////////wEXAMPLE"));
  EXPECT_EQ(role.credentials.expiration, utc(2019, 11, 9, 13, 34, 41));
  ASSERT_TRUE(role.assumed_role_user);
  EXPECT_EQ(role.assumed_role_user->arn, "arn:aws:sts::123456789012:assumed-role/demo/TestAR");
  EXPECT_EQ(role.assumed_role_user->assumed_role_id, "ARO123EXAMPLE123:TestAR");
  EXPECT_EQ(role.packed_policy_size, 6);
  EXPECT_EQ(role.source_identity, "Alice");
  EXPECT_EQ(role.subject_from_web_identity_token, std::nullopt);
}

TEST(StsResponses, AssumeRoleWithWebIdentity) {
  XmlText text(kWebIdentity);
  AssumedRole role =
      parse_assume_role_with_web_identity(text.child("AssumeRoleWithWebIdentityResult"));
  EXPECT_EQ(role.credentials.access_key_id, "ASgeIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(role.credentials.session_token, "AQoDYXdzE-web-identity-token");
  EXPECT_EQ(role.credentials.expiration, utc(2014, 10, 24, 23, 0, 23));
  EXPECT_EQ(role.assumed_role_user->assumed_role_id, "AROACLKWSDQRAOEXAMPLE:app1");
  EXPECT_EQ(role.subject_from_web_identity_token, "system:serviceaccount:ops:ssmlink");
  EXPECT_EQ(role.audience, "sts.amazonaws.com");
  EXPECT_THAT(*role.provider, HasSubstr("oidc-provider"));
  EXPECT_EQ(role.packed_policy_size, std::nullopt);
}

std::string assume_role_with_credentials(const std::string& credentials) {
  return "<AssumeRoleResponse><AssumeRoleResult><Credentials>" + credentials +
         "</Credentials></AssumeRoleResult></AssumeRoleResponse>";
}

TEST(StsResponses, IncompleteCredentialsAreErrorsThatKeepSecretsOut) {
  XmlText no_token(assume_role_with_credentials(
      "<AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>" + std::string(kSecret) +
      "</SecretAccessKey><Expiration>2019-11-09T13:34:41Z</Expiration>"));
  EXPECT_THAT([&] { parse_assume_role(no_token.child("AssumeRoleResult")); },
              ThrowsMessage<aws::ResponseError>(
                  AllOf(HasSubstr("STS AssumeRole response: Credentials/SessionToken is missing"),
                        Not(HasSubstr(kSecret)))));
  XmlText bad_expiration(assume_role_with_credentials(
      "<AccessKeyId>A</AccessKeyId><SecretAccessKey>" + std::string(kSecret) +
      "</SecretAccessKey><SessionToken>T</SessionToken><Expiration>in an hour</Expiration>"));
  EXPECT_THAT([&] { parse_assume_role(bad_expiration.child("AssumeRoleResult")); },
              ThrowsMessage<aws::ResponseError>(AllOf(
                  HasSubstr("Credentials/Expiration is \"in an hour\""), Not(HasSubstr(kSecret)))));
  XmlText no_credentials("<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>");
  EXPECT_THAT([&] { parse_assume_role(no_credentials.child("AssumeRoleResult")); },
              ThrowsMessage<aws::ResponseError>("STS AssumeRole response: Credentials is missing"));
}

TEST(StsResponses, AnAssumedRoleUserNeedsItsIds) {
  XmlText text(
      "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId>"
      "<SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken><Expiration>"
      "2019-11-09T13:34:41Z</Expiration></Credentials><AssumedRoleUser><Arn>a</Arn>"
      "</AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>");
  EXPECT_THAT(
      [&] { parse_assume_role(text.child("AssumeRoleResult")); },
      ThrowsMessage<aws::ResponseError>(HasSubstr("AssumedRoleUser/AssumedRoleId is missing")));
}

TEST(StsService, CallsEachAction) {
  FakeQueryService aws;
  aws.respond(kCallerIdentity);
  aws.respond(kAssumeRole);
  aws.respond(kWebIdentity);
  Sts sts(aws.call());
  EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  EXPECT_EQ(
      sts.assume_role({"arn:aws:iam::123456789012:role/demo", "s", std::nullopt, std::nullopt})
          .credentials.access_key_id,
      "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(sts.assume_role_with_web_identity(
                   {"arn:aws:iam::123456789012:role/web", "s", "jwt", std::nullopt})
                .audience,
            "sts.amazonaws.com");
  ASSERT_EQ(aws.calls().size(), 3u);
  EXPECT_EQ(aws.calls()[0].action, "GetCallerIdentity");
  EXPECT_TRUE(aws.calls()[0].params.empty());
  EXPECT_EQ(aws.calls()[1].action, "AssumeRole");
  EXPECT_EQ(aws.calls()[2].action, "AssumeRoleWithWebIdentity");
  EXPECT_EQ(aws.calls()[2].params[2],
            (std::pair<std::string, std::string>{"WebIdentityToken", "jwt"}));
}

}  // namespace
}  // namespace ssmlink::cloud
