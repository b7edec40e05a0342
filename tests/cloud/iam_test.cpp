// IAM: query parameters, parsers (after the IAM API Reference examples, with documents
// URL-encoded as IAM sends them) and the service class through canned responses.
#include "cloud/iam.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "aws/errors.hpp"
#include "cloud/iam_requests.hpp"
#include "cloud/iam_responses.hpp"
#include "tests/support/fake_calls.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::ElementsAre;
using testing::FakeQueryService;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using testing::XmlText;

// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":
// "ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}, as IAM returns it.
constexpr const char* kEncodedTrustPolicy =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%"
    "2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%"
    "3AAssumeRole%22%7D%5D%7D";
constexpr const char* kTrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":)"
    R"("ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

// A pretty-printed inline policy: newlines and spaces are encoded too.
constexpr const char* kEncodedInlinePolicy =
    "%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%5B%0A%20%"
    "20%20%20%7B%0A%20%20%20%20%20%20%22Effect%22%3A%20%22Allow%22%2C%0A%20%20%20%20%20%20%"
    "22Action%22%3A%20%5B%22ssm%3AUpdateInstanceInformation%22%2C%20%22ssmmessages%3A%2A%22%5D%"
    "2C%0A%20%20%20%20%20%20%22Resource%22%3A%20%22%2A%22%0A%20%20%20%20%7D%0A%20%20%5D%0A%7D";
constexpr const char* kInlinePolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ssm:UpdateInstanceInformation", "ssmmessages:*"],
      "Resource": "*"
    }
  ]
})";

constexpr const char* kInstanceProfile = R"(
<GetInstanceProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetInstanceProfileResult>
    <InstanceProfile>
      <InstanceProfileId>AIPAD5ARO2C5EXAMPLE3G</InstanceProfileId>
      <Roles>
        <member>
          <Path>/application_abc/component_xyz/</Path>
          <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
          <RoleName>S3Access</RoleName>
          <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
          <CreateDate>2012-05-09T15:45:35Z</CreateDate>
          <RoleId>AROACVYKSVTSZFEXAMPLE</RoleId>
        </member>
      </Roles>
      <InstanceProfileName>Webserver</InstanceProfileName>
      <Path>/application_abc/component_xyz/</Path>
      <Arn>arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/Webserver</Arn>
      <CreateDate>2012-05-09T16:11:10Z</CreateDate>
    </InstanceProfile>
  </GetInstanceProfileResult>
  <ResponseMetadata><RequestId>37289fda-99f2-11e1-a4c3-27EXAMPLE804</RequestId></ResponseMetadata>
</GetInstanceProfileResponse>)";

constexpr const char* kRole = R"(
<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetRoleResult>
    <Role>
      <Path>/</Path>
      <Arn>arn:aws:iam::123456789012:role/ssmlink-instance</Arn>
      <RoleName>ssmlink-instance</RoleName>
      <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
      <CreateDate>2024-05-08T23:34:01Z</CreateDate>
      <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
      <MaxSessionDuration>3600</MaxSessionDuration>
      <PermissionsBoundary>
        <PermissionsBoundaryType>Policy</PermissionsBoundaryType>
        <PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/boundary</PermissionsBoundaryArn>
      </PermissionsBoundary>
      <RoleLastUsed>
        <LastUsedDate>2024-05-08T23:34:01Z</LastUsedDate>
        <Region>eu-west-1</Region>
      </RoleLastUsed>
    </Role>
  </GetRoleResult>
  <ResponseMetadata><RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId></ResponseMetadata>
</GetRoleResponse>)";

std::string attached_policies_page(const std::string& members, const std::string& tail) {
  return "<ListAttachedRolePoliciesResponse "
         "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListAttachedRolePoliciesResult>"
         "<AttachedPolicies>" +
         members + "</AttachedPolicies>" + tail +
         "</ListAttachedRolePoliciesResult><ResponseMetadata><RequestId>r</RequestId>"
         "</ResponseMetadata></ListAttachedRolePoliciesResponse>";
}

std::string attached_policy(const std::string& name) {
  return "<member><PolicyName>" + name + "</PolicyName><PolicyArn>arn:aws:iam::aws:policy/" + name +
         "</PolicyArn></member>";
}

std::string role_policies_page(const std::string& names, const std::string& tail) {
  return "<ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames>" + names +
         "</PolicyNames>" + tail + "</ListRolePoliciesResult></ListRolePoliciesResponse>";
}

constexpr const char* kRolePolicy = R"(
<GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetRolePolicyResult>
    <PolicyName>ssm-core</PolicyName>
    <RoleName>ssmlink-instance</RoleName>
    <PolicyDocument>%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%5B%0A%20%20%20%20%7B%0A%20%20%20%20%20%20%22Effect%22%3A%20%22Allow%22%2C%0A%20%20%20%20%20%20%22Action%22%3A%20%5B%22ssm%3AUpdateInstanceInformation%22%2C%20%22ssmmessages%3A%2A%22%5D%2C%0A%20%20%20%20%20%20%22Resource%22%3A%20%22%2A%22%0A%20%20%20%20%7D%0A%20%20%5D%0A%7D</PolicyDocument>
  </GetRolePolicyResult>
  <ResponseMetadata><RequestId>7e7cd8bc-99ef-11e1-a4c3-27EXAMPLE804</RequestId></ResponseMetadata>
</GetRolePolicyResponse>)";

constexpr const char* kPolicy = R"(
<GetPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetPolicyResult>
    <Policy>
      <PolicyName>AmazonSSMManagedInstanceCore</PolicyName>
      <DefaultVersionId>v2</DefaultVersionId>
      <PolicyId>ANPAIXSJGYDSYWEXAMPLE</PolicyId>
      <Path>/</Path>
      <Arn>arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore</Arn>
      <AttachmentCount>1</AttachmentCount>
      <IsAttachable>true</IsAttachable>
      <CreateDate>2019-03-15T17:22:12Z</CreateDate>
      <UpdateDate>2023-05-10T19:15:05Z</UpdateDate>
    </Policy>
  </GetPolicyResult>
  <ResponseMetadata><RequestId>684f0917-3d22-11e4-a4a0-cffb9EXAMPLE</RequestId></ResponseMetadata>
</GetPolicyResponse>)";

// S3's "/" and "*" left as they are: IAM does not encode every reserved character.
constexpr const char* kPolicyVersion = R"(
<GetPolicyVersionResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetPolicyVersionResult>
    <PolicyVersion>
      <Document>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aamazon-ssm-eu-west-1/*%22%7D%5D%7D</Document>
      <IsDefaultVersion>true</IsDefaultVersion>
      <VersionId>v2</VersionId>
      <CreateDate>2023-05-10T19:15:05Z</CreateDate>
    </PolicyVersion>
  </GetPolicyVersionResult>
  <ResponseMetadata><RequestId>d472f28e-3d23-11e4-a4a0-cffb9EXAMPLE</RequestId></ResponseMetadata>
</GetPolicyVersionResponse>)";

std::string simulation_page(const std::string& members, const std::string& tail) {
  return "<SimulatePrincipalPolicyResponse "
         "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><SimulatePrincipalPolicyResult>"
         "<EvaluationResults>" +
         members + "</EvaluationResults>" + tail +
         "</SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>";
}

constexpr const char* kAllowed = R"(
<member>
  <EvalActionName>ssm:StartSession</EvalActionName>
  <EvalResourceName>arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0</EvalResourceName>
  <EvalDecision>allowed</EvalDecision>
  <MatchedStatements>
    <member>
      <SourcePolicyId>ssmlink-operator</SourcePolicyId>
      <SourcePolicyType>IAM Policy</SourcePolicyType>
      <StartPosition><Line>3</Line><Column>19</Column></StartPosition>
      <EndPosition><Line>8</Line><Column>6</Column></EndPosition>
    </member>
  </MatchedStatements>
  <MissingContextValues/>
  <EvalDecisionDetails/>
  <ResourceSpecificResults/>
</member>)";

constexpr const char* kDenied = R"(
<member>
  <EvalActionName>cloudformation:CreateStack</EvalActionName>
  <EvalResourceName>*</EvalResourceName>
  <EvalDecision>explicitDeny</EvalDecision>
  <MatchedStatements>
    <member><SourcePolicyId>deny-stacks</SourcePolicyId></member>
    <member><SourcePolicyType>IAM Policy</SourcePolicyType></member>
  </MatchedStatements>
  <MissingContextValues>
    <member>aws:RequestedRegion</member>
    <member>aws:MultiFactorAuthPresent</member>
  </MissingContextValues>
</member>)";

// --- url_decode -----------------------------------------------------------------------

TEST(IamUrlDecode, DecodesRealDocuments) {
  EXPECT_EQ(url_decode(kEncodedTrustPolicy), kTrustPolicy);
  EXPECT_EQ(url_decode(kEncodedInlinePolicy), kInlinePolicy);
}

TEST(IamUrlDecode, FollowsRfc3986) {
  EXPECT_EQ(url_decode(""), "");
  EXPECT_EQ(url_decode("plain text"), "plain text");
  EXPECT_EQ(url_decode("a+b%20c"), "a+b c");           // "+" is not a space
  EXPECT_EQ(url_decode("%2a%2A"), "**");               // either case
  EXPECT_EQ(url_decode("%E2%82%AC"), "\xE2\x82\xAC");  // UTF-8 bytes, as sent
  EXPECT_EQ(url_decode("%2525"), "%25");               // decoded once only
  EXPECT_EQ(url_decode("%00x"), std::string("\0x", 2));
}

TEST(IamUrlDecode, KeepsInvalidEscapesAsWritten) {
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("%4"), "%4");
  EXPECT_EQ(url_decode("%zz%4g%"), "%zz%4g%");
  EXPECT_EQ(url_decode("%%41"), "%A");
  EXPECT_EQ(url_decode("{\"a\":\"%\"}"), "{\"a\":\"%\"}");
}

// --- requests -------------------------------------------------------------------------

TEST(IamRequests, NameTheirMembersAsTheModelDoes) {
  EXPECT_EQ(get_instance_profile_params("Webserver"),
            (aws::QueryParams{{"InstanceProfileName", "Webserver"}}));
  EXPECT_EQ(get_role_params("r"), (aws::QueryParams{{"RoleName", "r"}}));
  EXPECT_EQ(list_attached_role_policies_params("r", std::nullopt),
            (aws::QueryParams{{"RoleName", "r"}}));
  EXPECT_EQ(list_attached_role_policies_params("r", std::string("m/1+=")),
            (aws::QueryParams{{"RoleName", "r"}, {"Marker", "m/1+="}}));
  EXPECT_EQ(list_role_policies_params("r", std::string("m2")),
            (aws::QueryParams{{"RoleName", "r"}, {"Marker", "m2"}}));
  EXPECT_EQ(get_role_policy_params("r", "p"),
            (aws::QueryParams{{"RoleName", "r"}, {"PolicyName", "p"}}));
  EXPECT_EQ(get_policy_params("arn:aws:iam::aws:policy/P"),
            (aws::QueryParams{{"PolicyArn", "arn:aws:iam::aws:policy/P"}}));
  EXPECT_EQ(get_policy_version_params("arn:aws:iam::aws:policy/P", "v3"),
            (aws::QueryParams{{"PolicyArn", "arn:aws:iam::aws:policy/P"}, {"VersionId", "v3"}}));
}

TEST(IamRequests, SimulatePrincipalPolicyListsActionsAndResources) {
  EXPECT_EQ(simulate_principal_policy_params(
                "arn:aws:iam::123456789012:user/Alice", {"ssm:StartSession", "ec2:DescribeVpcs"},
                {"arn:aws:ec2:eu-west-1:123456789012:instance/i-1"}, std::string("m")),
            (aws::QueryParams{
                {"PolicySourceArn", "arn:aws:iam::123456789012:user/Alice"},
                {"ActionNames.member.1", "ssm:StartSession"},
                {"ActionNames.member.2", "ec2:DescribeVpcs"},
                {"ResourceArns.member.1", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1"},
                {"Marker", "m"}}));
  // No resources: none sent, IAM simulates for "*".
  EXPECT_EQ(simulate_principal_policy_params("arn:p", {"sts:GetCallerIdentity"}, {}, std::nullopt),
            (aws::QueryParams{{"PolicySourceArn", "arn:p"},
                              {"ActionNames.member.1", "sts:GetCallerIdentity"}}));
}

// --- responses ------------------------------------------------------------------------

TEST(IamResponses, InstanceProfileWithItsRole) {
  XmlText text(kInstanceProfile);
  InstanceProfileInfo profile = parse_get_instance_profile(text.child("GetInstanceProfileResult"));
  EXPECT_EQ(profile.name, "Webserver");
  EXPECT_EQ(profile.arn,
            "arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/Webserver");
  ASSERT_EQ(profile.roles.size(), 1u);
  EXPECT_EQ(profile.roles[0].name, "S3Access");
  EXPECT_EQ(profile.roles[0].path, "/application_abc/component_xyz/");
  EXPECT_EQ(profile.roles[0].arn,
            "arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access");
  EXPECT_EQ(profile.roles[0].assume_role_policy_document, kTrustPolicy);
  EXPECT_EQ(profile.roles[0].permissions_boundary_arn, std::nullopt);
}

TEST(IamResponses, InstanceProfileWithoutRoles) {
  XmlText text(
      "<GetInstanceProfileResponse><GetInstanceProfileResult><InstanceProfile>"
      "<InstanceProfileName>empty</InstanceProfileName><Arn>arn:ip</Arn><Path>/</Path><Roles/>"
      "</InstanceProfile></GetInstanceProfileResult></GetInstanceProfileResponse>");
  EXPECT_TRUE(parse_get_instance_profile(text.child("GetInstanceProfileResult")).roles.empty());
}

TEST(IamResponses, Role) {
  XmlText text(kRole);
  IamRole role = parse_get_role(text.child("GetRoleResult"));
  EXPECT_EQ(role.name, "ssmlink-instance");
  EXPECT_EQ(role.arn, "arn:aws:iam::123456789012:role/ssmlink-instance");
  EXPECT_EQ(role.path, "/");
  EXPECT_EQ(role.assume_role_policy_document, kTrustPolicy);
  EXPECT_EQ(role.permissions_boundary_arn, "arn:aws:iam::123456789012:policy/boundary");
}

TEST(IamResponses, AttachedPoliciesAndTheirMarker) {
  XmlText last(attached_policies_page(attached_policy("AmazonSSMManagedInstanceCore"),
                                      "<IsTruncated>false</IsTruncated>"));
  Page<AttachedPolicy> page =
      parse_list_attached_role_policies(last.child("ListAttachedRolePoliciesResult"));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].name, "AmazonSSMManagedInstanceCore");
  EXPECT_EQ(page.items[0].arn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  EXPECT_EQ(page.next_token, std::nullopt);
  XmlText more(attached_policies_page(
      "", "<IsTruncated>true</IsTruncated><Marker>AAAAAQAAAAEAAAAB</Marker>"));
  page = parse_list_attached_role_policies(more.child("ListAttachedRolePoliciesResult"));
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.next_token, "AAAAAQAAAAEAAAAB");
  // A Marker without IsTruncated=true is not followed.
  XmlText stale(attached_policies_page("", "<Marker>old</Marker>"));
  EXPECT_EQ(
      parse_list_attached_role_policies(stale.child("ListAttachedRolePoliciesResult")).next_token,
      std::nullopt);
}

TEST(IamResponses, RolePolicyNames) {
  XmlText text(role_policies_page("<member>ssm-core</member><member>logs</member>",
                                  "<IsTruncated>false</IsTruncated>"));
  Page<std::string> page = parse_list_role_policies(text.child("ListRolePoliciesResult"));
  EXPECT_THAT(page.items, ElementsAre("ssm-core", "logs"));
  EXPECT_EQ(page.next_token, std::nullopt);
}

TEST(IamResponses, DocumentsAreDecoded) {
  XmlText role_policy(kRolePolicy);
  EXPECT_EQ(parse_get_role_policy(role_policy.child("GetRolePolicyResult")), kInlinePolicy);
  XmlText version(kPolicyVersion);
  EXPECT_EQ(parse_get_policy_version(version.child("GetPolicyVersionResult")),
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
            R"("Resource":"arn:aws:s3:::amazon-ssm-eu-west-1/*"}]})");
}

TEST(IamResponses, ManagedPolicy) {
  XmlText text(kPolicy);
  ManagedPolicyInfo policy = parse_get_policy(text.child("GetPolicyResult"));
  EXPECT_EQ(policy.name, "AmazonSSMManagedInstanceCore");
  EXPECT_EQ(policy.arn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  EXPECT_EQ(policy.default_version_id, "v2");
}

TEST(IamResponses, SimulationResults) {
  XmlText text(
      simulation_page(std::string(kAllowed) + kDenied, "<IsTruncated>false</IsTruncated>"));
  Page<SimulationResult> page =
      parse_simulate_principal_policy(text.child("SimulatePrincipalPolicyResult"));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].action, "ssm:StartSession");
  EXPECT_EQ(page.items[0].resource,
            "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0");
  EXPECT_EQ(page.items[0].decision, "allowed");
  EXPECT_THAT(page.items[0].denying_statements, ElementsAre("ssmlink-operator"));
  EXPECT_TRUE(page.items[0].missing_context_keys.empty());
  EXPECT_EQ(page.items[1].action, "cloudformation:CreateStack");
  EXPECT_EQ(page.items[1].resource, "*");
  EXPECT_EQ(page.items[1].decision, "explicitDeny");
  EXPECT_THAT(page.items[1].denying_statements, ElementsAre("deny-stacks"));
  EXPECT_THAT(page.items[1].missing_context_keys,
              ElementsAre("aws:RequestedRegion", "aws:MultiFactorAuthPresent"));
  EXPECT_EQ(page.next_token, std::nullopt);
}

// --- malformed, truncated, missing ------------------------------------------------------

struct BrokenResponse {
  std::string xml;
  std::function<void(pugi::xml_node)> parse;
  const char* result;  // the <OpResult> element's name
  std::string message;
};

template <typename Parse>
std::function<void(pugi::xml_node)> iam_discarding(Parse parse) {
  return [parse](pugi::xml_node node) { (void)parse(node); };
}

TEST(IamResponses, BrokenResponsesNameTheElement) {
  const std::vector<BrokenResponse> cases = {
      {"<GetRoleResponse><GetRoleResult/></GetRoleResponse>", iam_discarding(parse_get_role),
       "GetRoleResult", "IAM GetRole response: Role is missing"},
      {"<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><Path>/</Path></Role>"
       "</GetRoleResult></GetRoleResponse>",
       iam_discarding(parse_get_role), "GetRoleResult",
       "IAM GetRole response: Role/Arn is missing"},
      {"<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><Path>/</Path><Arn/></Role>"
       "</GetRoleResult></GetRoleResponse>",
       iam_discarding(parse_get_role), "GetRoleResult", "IAM GetRole response: Role/Arn is empty"},
      {"<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><Path>/</Path><Arn>a</Arn>"
       "<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
       "</PermissionsBoundary></Role></GetRoleResult></GetRoleResponse>",
       iam_discarding(parse_get_role), "GetRoleResult",
       "IAM GetRole response: Role/PermissionsBoundary/PermissionsBoundaryArn is missing"},
      // Cut off before the result: no <GetRoleResult> at all.
      {"<GetRoleResponse/>", iam_discarding(parse_get_role), "GetRoleResult",
       "IAM GetRole response: the result is <GetRoleResponse>, expected <GetRoleResult>"},
      {"<GetInstanceProfileResponse><GetInstanceProfileResult><InstanceProfile>"
       "<InstanceProfileName>p</InstanceProfileName><Arn>a</Arn><Roles><member>"
       "<RoleName>r</RoleName><Arn>a</Arn><Path>/</Path></member><member><RoleName>r2"
       "</RoleName><Path>/</Path></member></Roles></InstanceProfile></GetInstanceProfileResult>"
       "</GetInstanceProfileResponse>",
       iam_discarding(parse_get_instance_profile), "GetInstanceProfileResult",
       "IAM GetInstanceProfile response: InstanceProfile/Roles/member[2]/Arn is missing"},
      {"<GetInstanceProfileResponse><GetInstanceProfileResult><InstanceProfile><Arn>a</Arn>"
       "</InstanceProfile></GetInstanceProfileResult></GetInstanceProfileResponse>",
       iam_discarding(parse_get_instance_profile), "GetInstanceProfileResult",
       "IAM GetInstanceProfile response: InstanceProfile/InstanceProfileName is missing"},
      {attached_policies_page("<member><PolicyName>p</PolicyName></member>", ""),
       iam_discarding(parse_list_attached_role_policies), "ListAttachedRolePoliciesResult",
       "IAM ListAttachedRolePolicies response: AttachedPolicies/member[1]/PolicyArn is missing"},
      {attached_policies_page("", "<IsTruncated>true</IsTruncated>"),
       iam_discarding(parse_list_attached_role_policies), "ListAttachedRolePoliciesResult",
       "IAM ListAttachedRolePolicies response: Marker is missing"},
      {attached_policies_page("", "<IsTruncated>maybe</IsTruncated>"),
       iam_discarding(parse_list_attached_role_policies), "ListAttachedRolePoliciesResult",
       "IAM ListAttachedRolePolicies response: IsTruncated is \"maybe\", not true or false"},
      {"<ListRolePoliciesResponse><ListRolePoliciesResult><IsTruncated>false</IsTruncated>"
       "</ListRolePoliciesResult></ListRolePoliciesResponse>",
       iam_discarding(parse_list_role_policies), "ListRolePoliciesResult",
       "IAM ListRolePolicies response: PolicyNames is missing"},
      {role_policies_page("", "<IsTruncated>true</IsTruncated><Marker></Marker>"),
       iam_discarding(parse_list_role_policies), "ListRolePoliciesResult",
       "IAM ListRolePolicies response: Marker is empty"},
      {"<GetRolePolicyResponse><GetRolePolicyResult><RoleName>r</RoleName>"
       "<PolicyName>p</PolicyName></GetRolePolicyResult></GetRolePolicyResponse>",
       iam_discarding(parse_get_role_policy), "GetRolePolicyResult",
       "IAM GetRolePolicy response: PolicyDocument is missing"},
      {"<GetPolicyResponse><GetPolicyResult><Policy><PolicyName>p</PolicyName><Arn>a</Arn>"
       "</Policy></GetPolicyResult></GetPolicyResponse>",
       iam_discarding(parse_get_policy), "GetPolicyResult",
       "IAM GetPolicy response: Policy/DefaultVersionId is missing"},
      {"<GetPolicyResponse><GetPolicyResult/></GetPolicyResponse>",
       iam_discarding(parse_get_policy), "GetPolicyResult",
       "IAM GetPolicy response: Policy is missing"},
      {"<GetPolicyVersionResponse><GetPolicyVersionResult><PolicyVersion><VersionId>v1"
       "</VersionId></PolicyVersion></GetPolicyVersionResult></GetPolicyVersionResponse>",
       iam_discarding(parse_get_policy_version), "GetPolicyVersionResult",
       "IAM GetPolicyVersion response: PolicyVersion/Document is missing"},
      {simulation_page("<member><EvalActionName>a</EvalActionName></member>", ""),
       iam_discarding(parse_simulate_principal_policy), "SimulatePrincipalPolicyResult",
       "IAM SimulatePrincipalPolicy response: EvaluationResults/member[1]/EvalDecision is "
       "missing"},
      {simulation_page("", "<IsTruncated>true</IsTruncated>"),
       iam_discarding(parse_simulate_principal_policy), "SimulatePrincipalPolicyResult",
       "IAM SimulatePrincipalPolicy response: Marker is missing"},
  };
  for (const BrokenResponse& broken : cases) {
    XmlText text(broken.xml);
    pugi::xml_node result = text.child(broken.result);
    if (!result) result = text.root();
    EXPECT_THAT([&] { broken.parse(result); }, ThrowsMessage<aws::ResponseError>(broken.message))
        << broken.xml;
  }
}

// No result element at all (an empty document): an error, not a crash.
TEST(IamResponses, NoResultElementIsAnError) {
  EXPECT_THAT(
      [] { parse_get_policy(pugi::xml_node()); },
      ThrowsMessage<aws::ResponseError>("IAM GetPolicy response: no <GetPolicyResult> element"));
}

// --- the service class ----------------------------------------------------------------

TEST(IamService, CallsEachAction) {
  FakeQueryService aws;
  aws.respond(kInstanceProfile);
  aws.respond(kRole);
  aws.respond(kRolePolicy);
  aws.respond(kPolicy);
  aws.respond(kPolicyVersion);
  Iam iam(aws.call());
  EXPECT_EQ(iam.get_instance_profile("Webserver").roles.at(0).name, "S3Access");
  EXPECT_EQ(iam.get_role("ssmlink-instance").assume_role_policy_document, kTrustPolicy);
  EXPECT_EQ(iam.get_role_policy("ssmlink-instance", "ssm-core"), kInlinePolicy);
  EXPECT_EQ(
      iam.get_policy("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore").default_version_id,
      "v2");
  EXPECT_THAT(iam.get_policy_version("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "v2"),
              HasSubstr("s3:GetObject"));
  const auto& calls = aws.calls();
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls[0].action, "GetInstanceProfile");
  EXPECT_EQ(calls[0].params, (aws::QueryParams{{"InstanceProfileName", "Webserver"}}));
  EXPECT_EQ(calls[1].action, "GetRole");
  EXPECT_EQ(calls[1].params, (aws::QueryParams{{"RoleName", "ssmlink-instance"}}));
  EXPECT_EQ(calls[2].action, "GetRolePolicy");
  EXPECT_EQ(calls[2].params,
            (aws::QueryParams{{"RoleName", "ssmlink-instance"}, {"PolicyName", "ssm-core"}}));
  EXPECT_EQ(calls[3].action, "GetPolicy");
  EXPECT_EQ(calls[3].params, (aws::QueryParams{{"PolicyArn",
                                                "arn:aws:iam::aws:policy/"
                                                "AmazonSSMManagedInstanceCore"}}));
  EXPECT_EQ(calls[4].action, "GetPolicyVersion");
  EXPECT_EQ(calls[4].params,
            (aws::QueryParams{{"PolicyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"},
                              {"VersionId", "v2"}}));
}

TEST(IamService, ListAttachedRolePoliciesFollowsTheMarker) {
  FakeQueryService aws;
  aws.respond(attached_policies_page(
      attached_policy("AmazonSSMManagedInstanceCore") + attached_policy("CloudWatchAgent"),
      "<IsTruncated>true</IsTruncated><Marker>page2</Marker>"));
  aws.respond(attached_policies_page(attached_policy("ReadOnlyAccess"),
                                     "<IsTruncated>false</IsTruncated>"));
  Iam iam(aws.call());
  std::vector<AttachedPolicy> policies = iam.list_attached_role_policies("ssmlink-instance");
  ASSERT_EQ(policies.size(), 3u);
  EXPECT_EQ(policies[0].name, "AmazonSSMManagedInstanceCore");
  EXPECT_EQ(policies[2].arn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].action, "ListAttachedRolePolicies");
  EXPECT_EQ(aws.calls()[0].params, (aws::QueryParams{{"RoleName", "ssmlink-instance"}}));
  EXPECT_EQ(aws.calls()[1].params,
            (aws::QueryParams{{"RoleName", "ssmlink-instance"}, {"Marker", "page2"}}));
}

TEST(IamService, ListRolePoliciesFollowsTheMarker) {
  FakeQueryService aws;
  aws.respond(role_policies_page("<member>a</member>",
                                 "<IsTruncated>true</IsTruncated><Marker>m+/=</Marker>"));
  aws.respond(role_policies_page("<member>b</member>", ""));  // IsTruncated absent: the end
  Iam iam(aws.call());
  EXPECT_THAT(iam.list_role_policies("r"), ElementsAre("a", "b"));
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].action, "ListRolePolicies");
  EXPECT_EQ(aws.calls()[1].params, (aws::QueryParams{{"RoleName", "r"}, {"Marker", "m+/="}}));
}

TEST(IamService, SimulatePrincipalPolicyFollowsTheMarker) {
  FakeQueryService aws;
  aws.respond(simulation_page(kAllowed, "<IsTruncated>true</IsTruncated><Marker>next</Marker>"));
  aws.respond(simulation_page(kDenied, "<IsTruncated>false</IsTruncated>"));
  Iam iam(aws.call());
  std::vector<SimulationResult> results =
      iam.simulate_principal_policy("arn:aws:iam::123456789012:user/Alice",
                                    {"ssm:StartSession", "cloudformation:CreateStack"}, {});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].decision, "allowed");
  EXPECT_EQ(results[1].decision, "explicitDeny");
  ASSERT_EQ(aws.calls().size(), 2u);
  EXPECT_EQ(aws.calls()[0].action, "SimulatePrincipalPolicy");
  const aws::QueryParams first{{"PolicySourceArn", "arn:aws:iam::123456789012:user/Alice"},
                               {"ActionNames.member.1", "ssm:StartSession"},
                               {"ActionNames.member.2", "cloudformation:CreateStack"}};
  EXPECT_EQ(aws.calls()[0].params, first);
  aws::QueryParams second = first;
  second.emplace_back("Marker", "next");
  EXPECT_EQ(aws.calls()[1].params, second);
}

TEST(IamService, ARepeatedMarkerIsAnErrorNotALoop) {
  FakeQueryService aws;
  aws.respond(role_policies_page("<member>a</member>",
                                 "<IsTruncated>true</IsTruncated><Marker>same</Marker>"));
  aws.respond(role_policies_page("<member>b</member>",
                                 "<IsTruncated>true</IsTruncated><Marker>same</Marker>"));
  Iam iam(aws.call());
  EXPECT_THROW(iam.list_role_policies("r"), aws::ResponseError);
}

TEST(IamService, NoSuchEntityPassesThrough) {
  Iam iam([](const std::string& action, const aws::QueryParams&) -> aws::XmlResponse {
    throw aws::ServiceError("IAM", action, 404, "NoSuchEntity",
                            "The role with name missing cannot be found.", "req-1");
  });
  try {
    iam.get_role("missing");
    FAIL() << "no error";
  } catch (const aws::ServiceError& error) {
    EXPECT_EQ(error.service, "IAM");
    EXPECT_EQ(error.operation, "GetRole");
    EXPECT_EQ(error.status, 404);
    EXPECT_EQ(error.code, "NoSuchEntity");
  }
  EXPECT_THROW(iam.get_instance_profile("missing"), aws::ServiceError);
  EXPECT_THROW(iam.list_attached_role_policies("missing"), aws::ServiceError);
  EXPECT_THROW(iam.simulate_principal_policy("arn:p", {"a:b"}, {}), aws::ServiceError);
}

TEST(IamService, AResponseWithoutItsResultIsAnError) {
  FakeQueryService aws;
  aws.respond(
      "<GetInstanceProfileResponse><ResponseMetadata><RequestId>r</RequestId>"
      "</ResponseMetadata></GetInstanceProfileResponse>");
  Iam iam(aws.call());
  EXPECT_THAT([&] { iam.get_instance_profile("p"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("expected <GetInstanceProfileResult>")));
}

}  // namespace
}  // namespace ssmlink::cloud
