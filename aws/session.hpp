// Everything a run needs to call AWS, resolved once from the flags, the environment and
// the shared files: profile, region, credentials, endpoints, retries, HTTP and --debug.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "aws/debug_log.hpp"
#include "aws/region.hpp"
#include "aws/shared_config.hpp"
#include "util/clock.hpp"
#include "util/environment.hpp"

namespace ssmlink::aws {

struct SessionOptions {
  std::optional<std::string> profile;       // --profile
  std::optional<std::string> region;        // --region
  std::optional<std::string> endpoint_url;  // --endpoint-url
  std::shared_ptr<DebugLog> debug;          // --debug; null for none
  std::shared_ptr<Clock> clock;             // default: the system clock
  std::shared_ptr<HttpClient> http;         // default: libcurl, configured from env/profile
};

class Session {
 public:
  // Reads the shared files and resolves profile and region. Throws ConfigError for a
  // malformed file or setting, or when no source names a region.
  Session(SessionOptions options, const Environment& env);
  // The same settings, endpoints and HTTP connections as `base`, but other credentials
  // (a role assumed in another account) and region, and a retry quota of its own, so
  // that one throttled account does not spend the others' retries (doctor --org).
  Session(const Session& base, std::shared_ptr<CredentialsProvider> credentials,
          const std::string& region);
  Session(const Session&) = delete;  // its STS factory refers to this object
  Session& operator=(const Session&) = delete;

  const std::string& profile() const { return profile_; }
  const RegionChoice& region() const { return region_; }
  const SharedConfig& config() const { return config_; }
  const Environment& environment() const { return env_; }
  std::shared_ptr<CredentialsProvider> credentials() const { return credentials_; }
  std::shared_ptr<Clock> clock() const { return clock_; }

  // A client for the service in the session's region, or in another one (status
  // --all-regions). Clients share the HTTP connections, credentials and retry quota, and
  // in adaptive mode the rate limiter of their service, endpoint and region.
  AwsClient client(const ServiceInfo& service) const;
  AwsClient client(const ServiceInfo& service, const std::string& region) const;

 private:
  const Environment& env_;
  SessionOptions options_;
  SharedConfig config_;
  std::string profile_;
  RegionChoice region_;
  std::shared_ptr<Clock> clock_;
  std::shared_ptr<HttpClient> http_;
  std::shared_ptr<RetryStrategy> retry_;
  std::shared_ptr<CredentialsProvider> credentials_;
};

// AWS_MAX_ATTEMPTS, then the profile's max_attempts, then 3. A value that is not a whole
// number from 1 to 20 throws ConfigError naming its source.
int resolve_max_attempts(const Environment& env, const SharedConfig& config,
                         const std::string& profile);

// AWS_RETRY_MODE, then the profile's retry_mode, then standard. "legacy" (botocore's v1
// handler, not implemented here) is read as standard. Any other value throws ConfigError
// naming its source and the accepted values.
RetryMode resolve_retry_mode(const Environment& env, const SharedConfig& config,
                             const std::string& profile);

}  // namespace ssmlink::aws
