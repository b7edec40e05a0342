// `ssmlink whoami` end to end: the real session, credential chain, signer and libcurl
// against a loopback STS that checks every signature the way AWS does.
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/app.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/crypto.hpp"
#include "util/sigv4.hpp"

namespace ssmlink::cli {
namespace {

using testing::RecordingServer;
using testing::TempDir;

// A tiny STS: known keys, GetCallerIdentity and AssumeRole, signatures verified.
class FakeSts {
 public:
  FakeSts() { keys_["AKIDBASE"] = {"BASEsecret", "arn:aws:iam::123456789012:user/base"}; }

  void handle(const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    auto authorization = sigv4::parse_authorization(request.get_header_value("Authorization"));
    auto key = authorization ? keys_.find(authorization->access_key_id) : keys_.end();
    if (key == keys_.end() || !verifies(request, *authorization, key->second.secret)) {
      response.status = 403;
      response.set_content(
          "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>"
          "<Message>The request signature we calculated does not match</Message></Error>"
          "<RequestId>r</RequestId></ErrorResponse>",
          "text/xml");
      return;
    }
    ++verified;
    if (request.body.find("Action=AssumeRole&") == 0) {
      keys_["ASIATEMP"] = {"TEMPsecret", "arn:aws:sts::123456789012:assumed-role/ops/s"};
      response.set_content(
          "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMP</AccessKeyId>"
          "<SecretAccessKey>TEMPsecret</SecretAccessKey><SessionToken>TEMPtoken</SessionToken>"
          "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
          "</AssumeRoleResponse>",
          "text/xml");
      return;
    }
    response.set_content("<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>" +
                             key->second.arn +
                             "</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
                             "</GetCallerIdentityResult></GetCallerIdentityResponse>",
                         "text/xml");
  }

  int verified = 0;

 private:
  struct Key {
    std::string secret;
    std::string arn;
  };
  static bool verifies(const httplib::Request& request, const sigv4::Authorization& auth,
                       const std::string& secret) {
    sigv4::Request wire{request.method, request.path, "", {}, sha256_hex(request.body)};
    for (const auto& name : auth.signed_headers) {
      wire.headers.emplace_back(name, request.get_header_value(name.c_str()));
    }
    sigv4::SigningInput input{
        auth.access_key_id,  secret, request.get_header_value("X-Amz-Date"), auth.scope,
        auth.signed_headers, true};
    return sigv4::sign(wire, input).signature == auth.signature;
  }
  std::mutex mutex_;
  std::map<std::string, Key> keys_;
};

struct WhoamiRun {
  int code;
  std::string out;
  std::string err;
};

WhoamiRun run_whoami(const std::vector<std::string>& args, std::map<std::string, std::string> env) {
  std::ostringstream out, err;
  MapEnvironment environment(std::move(env));
  int code = run(args, out, err, environment);
  return {code, out.str(), err.str()};
}

struct Fixture {
  FakeSts sts;
  RecordingServer server{[this](const httplib::Request& request, httplib::Response& response) {
    sts.handle(request, response);
  }};
  TempDir home;
  // Profile ops: role ops, assumed with the static keys of profile base.
  void write_role_profile(const std::string& region) const {
    home.write(".aws/credentials",
               "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = BASEsecret\n");
    home.write(".aws/config",
               "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\n"
               "source_profile = base\nregion = " +
                   region + "\n");
  }
  std::map<std::string, std::string> env() const {
    return {{"HOME", home.path()}, {"AWS_ENDPOINT_URL_STS", server.url()}};
  }
};

TEST(Whoami, UsesEnvironmentCredentials) {
  Fixture f;
  auto env = f.env();
  env["AWS_ACCESS_KEY_ID"] = "AKIDBASE";
  env["AWS_SECRET_ACCESS_KEY"] = "BASEsecret";
  env["AWS_REGION"] = "eu-west-1";
  auto result = run_whoami({"whoami"}, env);
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_NE(result.out.find("Account      123456789012"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("arn:aws:iam::123456789012:user/base"), std::string::npos);
  EXPECT_NE(result.out.find("eu-west-1 (from AWS_REGION)"), std::string::npos);
  EXPECT_NE(result.out.find("Credentials  environment"), std::string::npos);
  EXPECT_EQ(f.sts.verified, 1);
  auto request = f.server.requests().at(0);
  EXPECT_NE(request.header("Authorization").find("/eu-west-1/sts/aws4_request"), std::string::npos);
}

TEST(Whoami, AssumesARoleFromASourceProfile) {
  Fixture f;
  f.write_role_profile("ap-northeast-1");
  auto result = run_whoami({"whoami", "--profile", "ops", "--output", "json"}, f.env());
  ASSERT_EQ(result.code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["account"], "123456789012");
  EXPECT_EQ(json["arn"], "arn:aws:sts::123456789012:assumed-role/ops/s");
  EXPECT_EQ(json["user_id"], "AIDAEXAMPLE");
  EXPECT_EQ(json["region"], "ap-northeast-1");
  EXPECT_EQ(json["profile"], "ops");
  EXPECT_NE(json["credential_source"].get<std::string>().find("assume role"), std::string::npos);
  // AssumeRole signed with the base keys, then the call signed with the role's.
  auto requests = f.server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].header("Authorization").find("Credential=AKIDBASE/"), std::string::npos);
  EXPECT_NE(requests[1].header("Authorization").find("Credential=ASIATEMP/"), std::string::npos);
  EXPECT_EQ(requests[1].header("X-Amz-Security-Token"), "TEMPtoken");
  EXPECT_EQ(f.sts.verified, 2);
}

TEST(Whoami, DebugLogsEveryRequestWithoutSecrets) {
  Fixture f;
  f.write_role_profile("us-east-1");
  auto result = run_whoami({"whoami", "--profile", "ops", "--debug"}, f.env());
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_NE(result.err.find("STS.AssumeRole"), std::string::npos);
  EXPECT_NE(result.err.find("STS.GetCallerIdentity"), std::string::npos);
  for (const char* secret : {"BASEsecret", "TEMPsecret", "TEMPtoken", "Signature="}) {
    EXPECT_EQ(result.err.find(secret), std::string::npos) << secret;
  }
}

TEST(Whoami, WrongSecretIsACloudFailureWithAHint) {
  Fixture f;
  auto env = f.env();
  env["AWS_ACCESS_KEY_ID"] = "AKIDBASE";
  env["AWS_SECRET_ACCESS_KEY"] = "wrong";
  env["AWS_REGION"] = "us-east-1";
  auto result = run_whoami({"whoami"}, env);
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("SignatureDoesNotMatch"), std::string::npos);
  EXPECT_NE(result.err.find("check the credentials"), std::string::npos);
  EXPECT_EQ(result.err.find("wrong"), std::string::npos);
}

TEST(Whoami, ConfigurationProblemsAreBadInput) {
  Fixture f;
  f.home.write(".aws/config", "[default]\nregion = us-east-1\nthis line is broken\n");
  auto broken = run_whoami({"whoami"}, f.env());
  EXPECT_EQ(broken.code, 2);
  EXPECT_NE(broken.err.find("line 3"), std::string::npos) << broken.err;

  TempDir empty_home;
  auto no_region = run_whoami({"whoami"}, {{"HOME", empty_home.path()}});
  EXPECT_EQ(no_region.code, 2);
  EXPECT_NE(no_region.err.find("no region"), std::string::npos) << no_region.err;

  Fixture clean;
  auto missing_profile =
      run_whoami({"whoami", "--profile", "nope", "--region", "us-east-1"}, clean.env());
  EXPECT_NE(missing_profile.code, 0);
  EXPECT_NE(missing_profile.err.find("nope"), std::string::npos) << missing_profile.err;
}

TEST(Whoami, NoCredentialsSaysWhatWasTried) {
  Fixture f;
  auto env = f.env();
  env["AWS_REGION"] = "us-east-1";
  env["AWS_EC2_METADATA_DISABLED"] = "true";
  auto result = run_whoami({"whoami"}, env);
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("aws configure"), std::string::npos) << result.err;
  EXPECT_TRUE(f.server.requests().empty());
}

TEST(Whoami, AnUnreachableEndpointFailsQuickly) {
  TempDir home;
  auto result = run_whoami(
      {"whoami", "--endpoint-url", "http://127.0.0.1:" + std::to_string(testing::unused_port())},
      {{"HOME", home.path()},
       {"AWS_ACCESS_KEY_ID", "AKIDBASE"},
       {"AWS_SECRET_ACCESS_KEY", "BASEsecret"},
       {"AWS_REGION", "us-east-1"},
       {"AWS_MAX_ATTEMPTS", "1"}});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("cannot reach"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace ssmlink::cli
