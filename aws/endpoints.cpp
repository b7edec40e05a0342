#include "aws/endpoints.hpp"

#include "aws/errors.hpp"
#include "aws/http.hpp"
#include "domain/partitions.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

std::optional<GlobalEndpoint> global_endpoint(const ServiceInfo& service,
                                              const std::string& region) {
  if (service.global_endpoints.empty()) return std::nullopt;
  const domain::Partition* partition = domain::partition_of(region);
  const std::string partition_id = partition ? partition->id : "aws";
  for (const GlobalEndpoint& endpoint : service.global_endpoints) {
    if (endpoint.partition == partition_id) return endpoint;
  }
  const std::string suffix = partition ? partition->dns_suffix : "amazonaws.com";
  return GlobalEndpoint{partition_id, "https://" + service.endpoint_prefix + "." + suffix, region};
}

std::string signing_region(const ServiceInfo& service, const std::string& region) {
  if (auto endpoint = global_endpoint(service, region)) return endpoint->signing_region;
  return region;
}

std::string default_endpoint(const ServiceInfo& service, const std::string& region) {
  if (region == "aws-global" && service.endpoint_prefix == "sts")
    return "https://sts.amazonaws.com";
  if (auto endpoint = global_endpoint(service, region)) return endpoint->url;
  auto partition = domain::partition_of(region);
  std::string suffix = partition ? partition->dns_suffix : "amazonaws.com";
  return "https://" + service.endpoint_prefix + "." + region + "." + suffix;
}

namespace {

EndpointChoice checked(std::string url, std::string source) {
  if (!parse_url(url)) {
    throw ConfigError(source + ": \"" + printable(url) +
                      "\" is not an endpoint URL (expected http://host[:port] or "
                      "https://host[:port])");
  }
  return {std::move(url), std::move(source)};
}

bool is_true(const std::optional<std::string>& value) {
  return value && to_lower(trim(*value)) == "true";
}

}  // namespace

EndpointChoice resolve_endpoint(const ServiceInfo& service, const std::string& region,
                                const std::optional<std::string>& endpoint_flag,
                                const Environment& env, const SharedConfig& config,
                                const std::string& profile) {
  if (endpoint_flag) return checked(*endpoint_flag, "--endpoint-url");
  bool ignore_configured =
      env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
          ? is_true(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
          : is_true(config.profile_value(profile, "ignore_configured_endpoint_urls"));
  if (!ignore_configured) {
    std::string variable = "AWS_ENDPOINT_URL_" + service.env_id;
    if (auto url = env.get(variable)) return checked(*url, variable);
    if (auto section = config.config_file_value(profile, "services")) {
      if (auto url = config.services_value(*section, service.config_key, "endpoint_url")) {
        return checked(*url, "[services " + *section + "] " + service.config_key + " endpoint_url");
      }
    }
    if (auto url = env.get("AWS_ENDPOINT_URL")) return checked(*url, "AWS_ENDPOINT_URL");
    if (auto url = config.config_file_value(profile, "endpoint_url")) {
      return checked(*url, "profile " + profile + " endpoint_url");
    }
  }
  return {default_endpoint(service, region), "default"};
}

}  // namespace ssmlink::aws
