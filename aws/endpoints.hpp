// Which URL a service is called at. Overrides, in the AWS SDKs' order
// (docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
//   1. --endpoint-url
//   2. AWS_ENDPOINT_URL_<SERVICE> (EC2, CLOUDFORMATION, SSM, STS, IAM, SSO)
//   3. the profile's `services` section: [services NAME] ec2 = / endpoint_url = ...
//   4. AWS_ENDPOINT_URL
//   5. the profile's endpoint_url
// 2-5 are ignored with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile's
// ignore_configured_endpoint_urls). Otherwise: https://<prefix>.<region>.<dns suffix> of
// the region's partition (regional STS, as botocore's default since 2024); a global
// service's (IAM) one endpoint of the region's partition.
//
// The signing region: the session's region, except for a global service, whose requests
// are signed for its partition's region (us-east-1, cn-north-1, us-gov-west-1, ...) even
// when an override sends them elsewhere (an emulator answers as IAM would, so it checks
// IAM's scope).
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

// A global service's endpoint in the partition of `region` (the aws partition's for a
// region of no known partition); none for a regional service. A partition the service does
// not list gets https://<prefix>.<dns suffix>, signed for `region`.
std::optional<GlobalEndpoint> global_endpoint(const ServiceInfo& service,
                                              const std::string& region);

// The region in the signature's scope for requests to `service` from a session in `region`,
// whichever endpoint they are sent to.
std::string signing_region(const ServiceInfo& service, const std::string& region);

// Throws ConfigError when an override is not an http(s) URL, naming where it came from.
EndpointChoice resolve_endpoint(const ServiceInfo& service, const std::string& region,
                                const std::optional<std::string>& endpoint_flag,
                                const Environment& env, const SharedConfig& config,
                                const std::string& profile);

}  // namespace ssmlink::aws
