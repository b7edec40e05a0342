#include "aws/endpoints.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/errors.hpp"
#include "tests/support/paths.hpp"
#include "util/files.hpp"

namespace ssmlink::aws {
namespace {

// The standard endpoint for every vector in reference/aws-models/*/endpoint-tests-1.json
// that ssmlink supports. Not applicable, and skipped by rule below:
//  - UseFIPS or UseDualStack: ssmlink does not offer FIPS or dual-stack endpoints;
//  - UseGlobalEndpoint (sts_regional_endpoints=legacy): ssmlink uses regional STS, the
//    AWS CLI's default;
//  - cases without a Region: a session always has one (no region is an error earlier);
//  - Endpoint-parameter cases are covered by the override tests below.
TEST(Endpoints, MatchTheBotocoreRuleSetVectors) {
  const std::vector<std::pair<std::string, const ServiceInfo*>> services = {
      {"ec2/2016-11-15", &ec2_service()},
      {"cloudformation/2010-05-15", &cloudformation_service()},
      {"ssm/2014-11-06", &ssm_service()},
      {"sts/2011-06-15", &sts_service()}};
  int checked = 0;
  for (const auto& [folder, service] : services) {
    auto tests = nlohmann::json::parse(read_file(
        testing::source_path("reference/aws-models/" + folder + "/endpoint-tests-1.json")));
    for (const auto& test : tests["testCases"]) {
      const auto& params = test.value("params", nlohmann::json::object());
      if (params.value("UseFIPS", false) || params.value("UseDualStack", false) ||
          params.value("UseGlobalEndpoint", false) || !params.contains("Region") ||
          params.contains("Endpoint") || !test["expect"].contains("endpoint")) {
        continue;
      }
      std::string region = params["Region"];
      EXPECT_EQ(default_endpoint(*service, region), test["expect"]["endpoint"]["url"])
          << folder << " " << region;
      ++checked;
    }
  }
  EXPECT_GE(checked, 100);
}

struct Fixture {
  MapEnvironment env;
  SharedConfig config = SharedConfig::parse(
      "[profile dev]\n"
      "endpoint_url = http://127.0.0.1:4001\n"
      "services = local\n"
      "[services local]\n"
      "ec2 =\n"
      "  endpoint_url = http://127.0.0.1:4002\n",
      "");

  std::string resolve(const ServiceInfo& service, const std::optional<std::string>& flag = {}) {
    return resolve_endpoint(service, "eu-west-1", flag, env, config, "dev").url;
  }
};

TEST(Endpoints, OverridesApplyInTheSdkOrder) {
  Fixture f;
  f.env.set("AWS_ENDPOINT_URL", "http://127.0.0.1:4003");
  f.env.set("AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:4004");
  EXPECT_EQ(f.resolve(ec2_service(), "http://127.0.0.1:4005"), "http://127.0.0.1:4005");
  EXPECT_EQ(f.resolve(ec2_service()), "http://127.0.0.1:4004");
  f.env.unset("AWS_ENDPOINT_URL_EC2");
  EXPECT_EQ(f.resolve(ec2_service()), "http://127.0.0.1:4002");  // services section
  EXPECT_EQ(f.resolve(ssm_service()), "http://127.0.0.1:4003");  // AWS_ENDPOINT_URL
  f.env.unset("AWS_ENDPOINT_URL");
  EXPECT_EQ(f.resolve(ssm_service()), "http://127.0.0.1:4001");  // profile endpoint_url
  f.env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  EXPECT_EQ(f.resolve(ssm_service()), "https://ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(f.resolve(ssm_service(), "http://127.0.0.1:4005"), "http://127.0.0.1:4005");
}

TEST(Endpoints, BadOverridesNameTheirSource) {
  Fixture f;
  f.env.set("AWS_ENDPOINT_URL_SSM", "localhost:4566");
  try {
    f.resolve(ssm_service());
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("AWS_ENDPOINT_URL_SSM: \"localhost:4566\""),
              std::string::npos);
  }
  EXPECT_THROW(f.resolve(ssm_service(), "not a url"), ConfigError);
}

}  // namespace
}  // namespace ssmlink::aws
