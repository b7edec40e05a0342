// The AWS services ssmlink calls, with what the transport needs to know about each.
// Values from reference/aws-models/<service>/<version>/service-2.subset.json (metadata).
#pragma once
#include <string>
#include <vector>

namespace ssmlink::aws {

enum class Protocol { Ec2Query, Query, Json };

// A global service's one endpoint in a partition, and the region its requests are signed
// for there (from the service's endpoint-rule-set-1.json).
struct GlobalEndpoint {
  std::string partition;       // aws, aws-cn, aws-us-gov, ...
  std::string url;             // https://iam.amazonaws.com
  std::string signing_region;  // us-east-1
};

struct ServiceInfo {
  std::string name;             // for messages: EC2, CloudFormation, SSM, STS
  std::string endpoint_prefix;  // host label and signing name: ec2, cloudformation, ssm, sts
  std::string env_id;           // AWS_ENDPOINT_URL_<env_id>: EC2, CLOUDFORMATION, SSM, STS
  std::string config_key;       // key in a [services ...] config section: ec2, cloudformation, ...
  Protocol protocol;
  std::string api_version;    // Version= for the query protocols
  std::string target_prefix;  // X-Amz-Target prefix for JSON: AmazonSSM
  // Global services (IAM): one endpoint per partition, whatever the session's region.
  // Empty for regional services.
  std::vector<GlobalEndpoint> global_endpoints = {};
};

const ServiceInfo& ec2_service();
const ServiceInfo& cloudformation_service();
const ServiceInfo& ssm_service();
const ServiceInfo& sts_service();
// Global: https://iam.amazonaws.com signed for us-east-1, and so on per partition.
const ServiceInfo& iam_service();
// Global: https://organizations.us-east-1.amazonaws.com signed for us-east-1, and so on.
const ServiceInfo& organizations_service();
// IAM Identity Center's portal (GetRoleCredentials); unsigned, bearer token.
const ServiceInfo& sso_service();

}  // namespace ssmlink::aws
