// Which URL a service is called at. Overrides, in the AWS SDKs' order
// (docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
//   1. --endpoint-url
//   2. AWS_ENDPOINT_URL_<SERVICE> (EC2, CLOUDFORMATION, SSM, STS, SSO)
//   3. the profile's `services` section: [services NAME] ec2 = / endpoint_url = ...
//   4. AWS_ENDPOINT_URL
//   5. the profile's endpoint_url
// 2-5 are ignored with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile's
// ignore_configured_endpoint_urls). Otherwise: https://<prefix>.<region>.<dns suffix> of
// the region's partition (regional STS, as botocore's default since 2024).
#pragma once
#include <optional>
#include <string>

#include "aws/service.hpp"
#include "aws/shared_config.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

struct EndpointChoice {
  std::string url;
  std::string source;  // "default", "--endpoint-url", "AWS_ENDPOINT_URL_EC2", ...
};

// The standard endpoint; "aws-global" is STS's global one.
std::string default_endpoint(const ServiceInfo& service, const std::string& region);

// Throws ConfigError when an override is not an http(s) URL, naming where it came from.
EndpointChoice resolve_endpoint(const ServiceInfo& service, const std::string& region,
                                const std::optional<std::string>& endpoint_flag,
                                const Environment& env, const SharedConfig& config,
                                const std::string& profile);

}  // namespace ssmlink::aws
