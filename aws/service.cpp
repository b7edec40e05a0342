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

const ServiceInfo& sso_service() {
  static const ServiceInfo info{"SSO",          "portal.sso", "SSO", "sso",
                                Protocol::Json, "2019-06-10", ""};
  return info;
}

}  // namespace ssmlink::aws
