#include "aws/service.hpp"

namespace ssmlink::aws {

const ServiceInfo& ec2_service() {
  static const ServiceInfo info{"EC2", "ec2", "EC2", "ec2", Protocol::Ec2Query, "2016-11-15", ""};
  return info;
}

const ServiceInfo& cloudformation_service() {
  static const ServiceInfo info{"CloudFormation",
                                "cloudformation",
                                "CLOUDFORMATION",
                                "cloudformation",
                                Protocol::Query,
                                "2010-05-15",
                                ""};
  return info;
}

const ServiceInfo& ssm_service() {
  static const ServiceInfo info{"SSM",          "ssm",        "SSM",      "ssm",
                                Protocol::Json, "2014-11-06", "AmazonSSM"};
  return info;
}

const ServiceInfo& sts_service() {
  static const ServiceInfo info{"STS", "sts", "STS", "sts", Protocol::Query, "2011-06-15", ""};
  return info;
}

// The rule set's default (neither FIPS nor dual-stack) endpoint of each partition.
// aws-cn signs for cn-north-1 although its implicitGlobalRegion is cn-northwest-1.
const ServiceInfo& iam_service() {
  static const ServiceInfo info{
      "IAM",
      "iam",
      "IAM",
      "iam",
      Protocol::Query,
      "2010-05-08",
      "",
      {{"aws", "https://iam.amazonaws.com", "us-east-1"},
       {"aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
       {"aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
       {"aws-iso", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
       {"aws-iso-b", "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
       {"aws-iso-e", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
       {"aws-iso-f", "https://iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"},
       {"aws-eusc", "https://iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"}}};
  return info;
}

// The rule set's (endpoint-rule-set-1.json of organizations 2016-11-28) default endpoint in
// the partitions it names; another partition gets https://organizations.<dns suffix>,
// signed for the session's region (aws/endpoints.hpp), where the rule set would add the
// region to the host: not a partition ssmlink has been used in.
const ServiceInfo& organizations_service() {
  static const ServiceInfo info{
      "Organizations",
      "organizations",
      "ORGANIZATIONS",
      "organizations",
      Protocol::Json,
      "2016-11-28",
      "AWSOrganizationsV20161128",
      {{"aws", "https://organizations.us-east-1.amazonaws.com", "us-east-1"},
       {"aws-cn", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
       {"aws-us-gov", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"}}};
  return info;
}

const ServiceInfo& sso_service() {
  static const ServiceInfo info{"SSO",          "portal.sso", "SSO", "sso",
                                Protocol::Json, "2019-06-10", ""};
  return info;
}

}  // namespace ssmlink::aws
