// The catalogue of endpoint services ssmlink knows: which ones Session Manager needs,
// which are optional, how each is named per partition, and what each is for.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace ssmlink::domain {

enum class Service { Ssm, SsmMessages, Ec2Messages, Kms, Logs, S3 };
enum class EndpointType { Interface, Gateway };

struct ServiceInfo {
  Service service;
  std::string_view key;         // as on the command line and in service names: "ssm"
  std::string_view logical_id;  // CloudFormation logical ID: "SsmVpcEndpoint"
  EndpointType type;
  std::string_view purpose;  // one line, for help and doctor
};

const std::vector<ServiceInfo>& service_catalogue();
const ServiceInfo& info(Service service);

// ssm, ssmmessages, ec2messages: what Session Manager needs by default.
std::vector<Service> default_services();

// "ssm,ssmmessages,kms" -> services in catalogue order, duplicates removed.
Result<std::vector<Service>> parse_services(std::string_view comma_separated);

// The endpoint service name in a region, e.g. com.amazonaws.eu-west-1.ssm. In China,
// S3 uses the cn.com.amazonaws prefix; ssm, ssmmessages, ec2messages, kms and logs keep
// com.amazonaws (aws-cdk vpc-endpoint.ts getDefaultEndpointPrefix).
std::string service_name(Service service, std::string_view region);

// The private DNS name an interface endpoint answers for: ssm.eu-west-1.amazonaws.com.
std::string private_dns_name(Service service, std::string_view region);

}  // namespace ssmlink::domain
