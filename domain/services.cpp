#include "domain/services.hpp"

#include <algorithm>

#include "domain/partitions.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

const std::vector<ServiceInfo>& service_catalogue() {
  static const std::vector<ServiceInfo> catalogue = {
      {Service::Ssm, "ssm", "SsmVpcEndpoint", EndpointType::Interface,
       "Systems Manager API: the agent registers and reports here"},
      {Service::SsmMessages, "ssmmessages", "SsmMessagesVpcEndpoint", EndpointType::Interface,
       "Session Manager channels (and agent messaging from SSM Agent 3.3.40.0)"},
      {Service::Ec2Messages, "ec2messages", "Ec2MessagesVpcEndpoint", EndpointType::Interface,
       "agent messaging for SSM Agents older than 3.3.40.0"},
      {Service::Kms, "kms", "KmsVpcEndpoint", EndpointType::Interface,
       "sessions encrypted with a KMS key"},
      {Service::Logs, "logs", "LogsVpcEndpoint", EndpointType::Interface,
       "session logs streamed to CloudWatch Logs"},
      {Service::S3, "s3", "S3VpcEndpoint", EndpointType::Gateway,
       "agent updates and session logs to S3 (gateway endpoint, no hourly charge)"},
  };
  return catalogue;
}

const ServiceInfo& info(Service service) {
  for (const auto& entry : service_catalogue()) {
    if (entry.service == service) return entry;
  }
  return service_catalogue().front();
}

std::vector<Service> default_services() {
  return {Service::Ssm, Service::SsmMessages, Service::Ec2Messages};
}

Result<std::vector<Service>> parse_services(std::string_view comma_separated) {
  std::vector<Service> chosen;
  for (const std::string& raw : split(comma_separated, ',')) {
    std::string key = to_lower(trim(raw));
    auto found = std::ranges::find_if(service_catalogue(),
                                      [&](const ServiceInfo& s) { return s.key == key; });
    if (found == service_catalogue().end()) {
      std::vector<std::string> keys;
      for (const auto& s : service_catalogue())
        keys.emplace_back(s.key);
      return fail("\"" + printable(trim(raw)) + "\" is not a service ssmlink knows (expected " +
                  join(keys, ", ") + ")");
    }
    if (std::ranges::find(chosen, found->service) == chosen.end()) chosen.push_back(found->service);
  }
  std::ranges::sort(chosen);  // catalogue order, so output does not depend on typing order
  return chosen;
}

std::string service_name(Service service, std::string_view region) {
  auto partition = partition_of(region);
  bool china = partition && partition->id == "aws-cn";
  std::string prefix = (china && service == Service::S3) ? "cn.com.amazonaws" : "com.amazonaws";
  return prefix + "." + std::string(region) + "." + std::string(info(service).key);
}

std::string private_dns_name(Service service, std::string_view region) {
  auto partition = partition_of(region);
  std::string suffix = partition ? partition->dns_suffix : "amazonaws.com";
  return std::string(info(service).key) + "." + std::string(region) + "." + suffix;
}

}  // namespace ssmlink::domain
