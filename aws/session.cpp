#include "aws/session.hpp"

#include <charconv>
#include <mutex>
#include <random>

#include "aws/ca_bundle.hpp"
#include "aws/credential_chain.hpp"
#include "aws/endpoints.hpp"
#include "aws/errors.hpp"
#include "aws/sts_credentials_client.hpp"
#include "util/strings.hpp"
#include "util/version.hpp"

namespace ssmlink::aws {

namespace {

std::function<double()> make_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto mutex = std::make_shared<std::mutex>();
  return [engine, mutex] {
    std::lock_guard lock(*mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

RegionChoice require_region(const std::optional<std::string>& flag, const Environment& env,
                            const SharedConfig& config, const std::string& profile) {
  if (auto region = resolve_region(flag, env, config, profile)) return *region;
  throw ConfigError(
      "no region: give --region, set AWS_REGION, or add \"region = ...\" to "
      "profile " +
      profile + " in " + config.config_name());
}

std::shared_ptr<HttpClient> make_http(const Environment& env, const SharedConfig& config,
                                      const std::string& profile) {
  HttpOptions options;
  options.user_agent = std::string("ssmlink/") + kVersion;
  options.ca_bundle = resolve_ca_bundle(env, config, profile);
  return make_curl_client(options);
}

// A setting from its environment variable, else from the profile, with where it came
// from for an error message: the variable, or the profile, the key and the file.
struct Setting {
  std::string text;
  std::string source;
};

std::optional<Setting> env_or_profile(const Environment& env, const SharedConfig& config,
                                      const std::string& profile, const std::string& variable,
                                      const std::string& key) {
  if (auto text = env.get(variable)) return Setting{*text, variable};
  auto text = config.profile_value(profile, key);
  if (!text) return std::nullopt;
  // profile_value prefers the credentials file, as botocore does.
  const std::string& file = config.credentials_file_value(profile, key) ? config.credentials_name()
                                                                        : config.config_name();
  return Setting{*text, "profile " + profile + " " + key + " in " + file};
}

}  // namespace

int resolve_max_attempts(const Environment& env, const SharedConfig& config,
                         const std::string& profile) {
  auto setting = env_or_profile(env, config, profile, "AWS_MAX_ATTEMPTS", "max_attempts");
  if (!setting) return 3;
  int value = 0;
  std::string trimmed = trim(setting->text);
  auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (error != std::errc() || end != trimmed.data() + trimmed.size() || value < 1 || value > 20) {
    throw ConfigError(setting->source + ": \"" + printable(setting->text) +
                      "\" is not a number of attempts (expected 1 to 20; default 3)");
  }
  return value;
}

RetryMode resolve_retry_mode(const Environment& env, const SharedConfig& config,
                             const std::string& profile) {
  auto setting = env_or_profile(env, config, profile, "AWS_RETRY_MODE", "retry_mode");
  if (!setting) return RetryMode::Standard;
  // Case-sensitive, as botocore's own check (config.py, valid_modes).
  std::string mode = trim(setting->text);
  if (mode == "standard") return RetryMode::Standard;
  if (mode == "adaptive") return RetryMode::Adaptive;
  // botocore's legacy mode (v1 retry handler, _retry.json, 5 attempts) is not implemented;
  // configs written for AWS CLI v1 often say legacy, so it gets the standard mode.
  if (mode == "legacy") return RetryMode::Standard;
  throw ConfigError(setting->source + ": \"" + printable(setting->text) +
                    "\" is not a retry mode (expected standard, adaptive or legacy, which "
                    "ssmlink treats as standard; default standard)");
}

Session::Session(SessionOptions options, const Environment& env)
    : env_(env),
      options_(std::move(options)),
      config_(SharedConfig::load(env)),
      profile_(resolve_profile_name(options_.profile, env)),
      region_(require_region(options_.region, env, config_, profile_)),
      clock_(options_.clock ? options_.clock : std::make_shared<SystemClock>()),
      http_(options_.http ? options_.http : make_http(env, config_, profile_)),
      retry_(std::make_shared<RetryStrategy>(resolve_max_attempts(env, config_, profile_),
                                             make_random(),
                                             resolve_retry_mode(env, config_, profile_))) {
  // STS calls made to obtain credentials (AssumeRole, web identity) use the same
  // endpoints, HTTP and retries as any other call, signed with the source credentials.
  auto sts = std::make_shared<StsCredentialsClient>(
      [this](const std::string& region, std::shared_ptr<CredentialsProvider> source) {
        ClientParts parts;
        parts.service = sts_service();
        parts.endpoint_url =
            resolve_endpoint(sts_service(), region, options_.endpoint_url, env_, config_, profile_)
                .url;
        parts.region = region;
        parts.credentials = std::move(source);
        parts.http = http_;
        parts.retry = retry_;
        parts.debug = options_.debug;
        parts.clock = clock_;
        return AwsClient(std::move(parts));
      });
  CredentialChainParts chain;
  chain.profile_flag = options_.profile;
  chain.region = region_.region;
  chain.env = &env_;
  chain.config = &config_;
  chain.http = http_;
  chain.sts = sts;
  chain.clock = clock_;
  credentials_ = make_credential_chain(std::move(chain));
}

Session::Session(const Session& base, std::shared_ptr<CredentialsProvider> credentials,
                 const std::string& region)
    : env_(base.env_),
      options_(base.options_),
      config_(base.config_),
      profile_(base.profile_),
      region_{region, base.region_.source},
      clock_(base.clock_),
      http_(base.http_),
      retry_(std::make_shared<RetryStrategy>(resolve_max_attempts(env_, config_, profile_),
                                             make_random(),
                                             resolve_retry_mode(env_, config_, profile_))),
      credentials_(std::move(credentials)) {}

AwsClient Session::client(const ServiceInfo& service) const {
  return client(service, region_.region);
}

AwsClient Session::client(const ServiceInfo& service, const std::string& region) const {
  ClientParts parts;
  parts.service = service;
  parts.endpoint_url =
      resolve_endpoint(service, region, options_.endpoint_url, env_, config_, profile_).url;
  parts.region = signing_region(service, region);
  parts.credentials = credentials_;
  parts.http = http_;
  parts.retry = retry_;
  parts.debug = options_.debug;
  parts.clock = clock_;
  return AwsClient(std::move(parts));
}

}  // namespace ssmlink::aws
