#include "aws/endpoints.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "aws/errors.hpp"
#include "domain/partitions.hpp"
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

// IAM's rule set names most partitions' endpoint (without FIPS or dual-stack) and the
// region it is signed for; the others (aws) get its last rule, https://iam.<dnsSuffix>
// signed for the partition's implicitGlobalRegion (partitions.json). iam_service() lists
// exactly those.
TEST(Endpoints, IamListsTheRuleSetsEndpointOfEveryPartition) {
  auto rules = nlohmann::json::parse(read_file(
      testing::source_path("reference/aws-models/iam/2010-05-08/endpoint-rule-set-1.json")));
  std::map<std::string, std::string> from_rule_set;  // partition -> "url region"
  std::optional<std::pair<std::string, std::string>> fallback;
  auto walk = [&](const nlohmann::json& list, auto& self) -> void {
    for (const auto& rule : list) {
      if (rule["type"] == "tree") self(rule["rules"], self);
      if (rule["type"] != "endpoint") continue;
      std::string partition;
      bool plain = true;
      for (const auto& condition : rule.value("conditions", nlohmann::json::array())) {
        const auto& argv = condition["argv"];
        if (condition["fn"] == "stringEquals" && argv[0].is_object() &&
            argv[0].value("fn", "") == "getAttr" && argv[0]["argv"][1] == "name") {
          partition = argv[1];
        }
        if (condition["fn"] == "booleanEquals" && argv[1] == true) plain = false;
      }
      if (!plain || !rule["endpoint"]["url"].is_string()) continue;
      std::string url = rule["endpoint"]["url"];
      std::string region = rule["endpoint"]["properties"]["authSchemes"][0]["signingRegion"];
      if (!partition.empty()) {
        from_rule_set[partition] = url + " " + region;
      } else if (url == "https://iam.{PartitionResult#dnsSuffix}") {
        fallback = {url, region};
      }
    }
  };
  walk(rules["rules"], walk);
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->second, "{PartitionResult#implicitGlobalRegion}");
  auto partitions = nlohmann::json::parse(
      read_file(testing::source_path("reference/aws-models/partitions.json")));
  for (const auto& partition : partitions["partitions"]) {
    if (from_rule_set.contains(partition["id"])) continue;
    from_rule_set[partition["id"]] =
        "https://iam." + partition["outputs"]["dnsSuffix"].get<std::string>() + " " +
        partition["outputs"]["implicitGlobalRegion"].get<std::string>();
  }
  std::map<std::string, std::string> listed;
  for (const GlobalEndpoint& endpoint : iam_service().global_endpoints)
    listed[endpoint.partition] = endpoint.url + " " + endpoint.signing_region;
  EXPECT_EQ(listed, from_rule_set);
  EXPECT_EQ(listed.size(), 8u);
}

// Organizations: the rule set's endpoints of aws, aws-cn and aws-us-gov, whatever the
// session's region in the partition, each signed for its own region.
TEST(Endpoints, OrganizationsIsOneEndpointPerPartition) {
  const ServiceInfo& organizations = organizations_service();
  EXPECT_EQ(default_endpoint(organizations, "eu-west-1"),
            "https://organizations.us-east-1.amazonaws.com");
  EXPECT_EQ(signing_region(organizations, "eu-west-1"), "us-east-1");
  EXPECT_EQ(default_endpoint(organizations, "cn-north-1"),
            "https://organizations.cn-northwest-1.amazonaws.com.cn");
  EXPECT_EQ(signing_region(organizations, "cn-north-1"), "cn-northwest-1");
  EXPECT_EQ(default_endpoint(organizations, "us-gov-east-1"),
            "https://organizations.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(signing_region(organizations, "us-gov-east-1"), "us-gov-west-1");
}

TEST(Endpoints, IamIsOneEndpointPerPartitionWhateverTheRegion) {
  const ServiceInfo& iam = iam_service();
  EXPECT_EQ(default_endpoint(iam, "us-east-1"), "https://iam.amazonaws.com");
  EXPECT_EQ(default_endpoint(iam, "eu-west-1"), "https://iam.amazonaws.com");
  EXPECT_EQ(default_endpoint(iam, "ap-southeast-7"), "https://iam.amazonaws.com");
  EXPECT_EQ(default_endpoint(iam, "cn-north-1"), "https://iam.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(default_endpoint(iam, "cn-northwest-1"), "https://iam.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(default_endpoint(iam, "us-gov-east-1"), "https://iam.us-gov.amazonaws.com");
  EXPECT_EQ(default_endpoint(iam, "us-gov-west-1"), "https://iam.us-gov.amazonaws.com");
  EXPECT_EQ(default_endpoint(iam, "us-iso-west-1"), "https://iam.us-iso-east-1.c2s.ic.gov");
  // Every region of every partition gets its partition's endpoint.
  for (const domain::Partition& partition : domain::partitions()) {
    for (const std::string& region : partition.regions) {
      auto endpoint = global_endpoint(iam, region);
      ASSERT_TRUE(endpoint) << region;
      EXPECT_EQ(endpoint->partition, partition.id) << region;
      EXPECT_EQ(default_endpoint(iam, region), endpoint->url) << region;
    }
  }
}

TEST(Endpoints, IamIsSignedForItsPartitionsRegion) {
  const ServiceInfo& iam = iam_service();
  EXPECT_EQ(signing_region(iam, "eu-west-1"), "us-east-1");
  EXPECT_EQ(signing_region(iam, "us-east-1"), "us-east-1");
  EXPECT_EQ(signing_region(iam, "cn-northwest-1"), "cn-north-1");
  EXPECT_EQ(signing_region(iam, "cn-north-1"), "cn-north-1");
  EXPECT_EQ(signing_region(iam, "us-gov-east-1"), "us-gov-west-1");
  // Regional services are signed for the session's region.
  EXPECT_EQ(signing_region(ssm_service(), "eu-west-1"), "eu-west-1");
  EXPECT_EQ(signing_region(sts_service(), "cn-northwest-1"), "cn-northwest-1");
  EXPECT_FALSE(global_endpoint(ec2_service(), "eu-west-1"));
}

TEST(Endpoints, IamOverridesApplyAsForAnyService) {
  Fixture f;
  EXPECT_EQ(f.resolve(iam_service()), "http://127.0.0.1:4001");  // profile endpoint_url
  f.env.set("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:4006");
  EXPECT_EQ(f.resolve(iam_service()), "http://127.0.0.1:4006");
  EXPECT_EQ(f.resolve(iam_service(), "http://127.0.0.1:4005"), "http://127.0.0.1:4005");
  f.env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  EXPECT_EQ(f.resolve(iam_service()), "https://iam.amazonaws.com");
}

}  // namespace
}  // namespace ssmlink::aws
