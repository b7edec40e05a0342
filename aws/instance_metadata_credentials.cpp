#include <charconv>

#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

constexpr const char* kTokenPath = "latest/api/token";
constexpr const char* kRolePath = "latest/meta-data/iam/security-credentials/";

struct MetadataSettings {
  std::string base;  // ends with '/'
  std::chrono::milliseconds timeout{1000};
  int attempts = 1;
};

// The instance profile of an EC2 instance, through the instance metadata service: a
// session token first (IMDSv2), then the role's name and its credentials. Off EC2 nothing
// answers, and the chain ends with "no credentials" (this is its last source).
class InstanceMetadataSource final : public CredentialSource {
 public:
  InstanceMetadataSource(SourceContext context, std::string profile)
      : context_(std::move(context)), profile_(std::move(profile)) {}

  std::optional<Credentials> load() override {
    if (to_lower(context_.env->get("AWS_EC2_METADATA_DISABLED").value_or("")) == "true") {
      reason_ = "turned off by AWS_EC2_METADATA_DISABLED=true";
      return std::nullopt;
    }
    MetadataSettings settings = read_settings();
    auto token = session_token(settings);
    auto role = fetch(settings, kRolePath, token, "the instance's role name");
    if (!role) return std::nullopt;
    std::string role_name = trim(role->substr(0, role->find('\n')));
    if (role_name.empty()) {
      reason_ = "no role name from " + settings.base + " (no instance profile attached?)";
      return std::nullopt;
    }
    auto document = fetch(settings, kRolePath + role_name, token, "the role's credentials");
    if (!document) return std::nullopt;
    return credentials(*document, role_name);
  }

  std::string description() const override { return "instance metadata"; }
  std::string not_found_reason() const override { return reason_; }

 private:
  std::optional<std::string> setting(const std::string& variable, const std::string& key) const {
    if (auto value = context_.env->get(variable)) return value;
    return profile_setting(*context_.config, profile_, key);
  }

  MetadataSettings read_settings() const {
    MetadataSettings settings;
    settings.base = base_url();
    if (auto timeout = setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout")) {
      settings.timeout =
          std::chrono::seconds(positive_number(*timeout, "AWS_METADATA_SERVICE_TIMEOUT"));
    }
    if (auto attempts =
            setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts")) {
      settings.attempts = positive_number(*attempts, "AWS_METADATA_SERVICE_NUM_ATTEMPTS");
    }
    return settings;
  }

  std::string base_url() const {
    std::string base;
    if (auto endpoint =
            setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")) {
      if (!parse_url(*endpoint)) {
        throw ConfigError("AWS_EC2_METADATA_SERVICE_ENDPOINT: \"" + printable(*endpoint) +
                          "\" is not an http(s) URL such as http://169.254.169.254");
      }
      base = *endpoint;
    } else {
      auto mode =
          setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")
              .value_or("IPv4");
      if (to_lower(mode) == "ipv6") {
        base = "http://[fd00:ec2::254]";
      } else if (to_lower(mode) == "ipv4") {
        base = "http://169.254.169.254";
      } else {
        throw ConfigError("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: \"" + printable(mode) +
                          "\" is neither IPv4 nor IPv6");
      }
    }
    if (!base.ends_with('/')) base += '/';
    return base;
  }

  int positive_number(const std::string& text, const std::string& name) const {
    int number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size() || number <= 0) {
      throw ConfigError(name + " (or its setting in profile " + profile_ + "): \"" +
                        printable(text) + "\" is not a positive whole number");
    }
    return number;
  }

  // IMDSv2's session token. 403, 404 and 405 mean an IMDSv1-only service (or a proxy that
  // refuses PUT), and a timeout may be a container one hop too far for the token's
  // hop limit: botocore goes on without a token in all those cases, and so do we.
  std::optional<std::string> session_token(const MetadataSettings& settings) const {
    HttpRequest request;
    request.method = "PUT";
    request.url = settings.base + kTokenPath;
    request.headers.push_back({"x-aws-ec2-metadata-token-ttl-seconds", "21600"});
    request.timeout = settings.timeout;
    for (int attempt = 0; attempt < settings.attempts; ++attempt) {
      try {
        HttpResponse response = context_.http->send(request);
        if (response.status == 200) return response.body;
        if (response.status == 403 || response.status == 404 || response.status == 405) break;
        if (response.status == 400) {
          throw CredentialsError("instance metadata at " + settings.base +
                                 " refused the token request (HTTP 400)");
        }
      } catch (const TransportError& e) {
        if (e.timed_out) break;
      }
    }
    return std::nullopt;
  }

  // A non-empty 200 answer, retried up to the configured attempts; none when there is
  // no such answer, with the reason kept for the chain's "nothing found" message.
  std::optional<std::string> fetch(const MetadataSettings& settings, const std::string& path,
                                   const std::optional<std::string>& token,
                                   const std::string& what) {
    HttpRequest request;
    request.method = "GET";
    request.url = settings.base + path;
    if (token) request.headers.push_back({"x-aws-ec2-metadata-token", *token});
    request.timeout = settings.timeout;
    for (int attempt = 0; attempt < settings.attempts; ++attempt) {
      try {
        HttpResponse response = context_.http->send(request);
        if (response.status == 200 && !response.body.empty()) return response.body;
        reason_ = "HTTP " + std::to_string(response.status) + " for " + what + " from " +
                  settings.base +
                  (response.status == 404 ? " (no instance profile attached?)" : "");
      } catch (const TransportError& e) {
        reason_ = std::string("no answer from ") + settings.base + " (" +
                  (e.timed_out ? "timed out" : "cannot connect") + "; not on EC2?)";
      }
    }
    return std::nullopt;
  }

  static std::optional<std::string> text_member(const nlohmann::json& object,
                                                const std::string& key) {
    auto found = object.find(key);
    if (found == object.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
  }

  Credentials credentials(const std::string& text, const std::string& role_name) const {
    std::string source = "instance metadata (role " + printable(role_name) + ")";
    auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object()) {
      throw CredentialsError(source + ": the answer is not a JSON object: " + safe_excerpt(text));
    }
    std::string code = text_member(document, "Code").value_or("Success");
    if (code != "Success") {
      throw CredentialsError(
          source + ": the instance profile's credentials are not available: " + printable(code) +
          ": " + safe_excerpt(text_member(document, "Message").value_or(""), 200));
    }
    Credentials credentials{json_string(document, "AccessKeyId", source),
                            json_string(document, "SecretAccessKey", source),
                            json_string(document, "Token", source), std::nullopt};
    credentials.expiration = parse_expiration(json_string(document, "Expiration", source), source);
    return credentials;
  }

  SourceContext context_;
  std::string profile_;
  std::string reason_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_instance_metadata_source(const SourceContext& context,
                                                                const std::string& profile) {
  return std::make_unique<InstanceMetadataSource>(context, profile);
}

}  // namespace ssmlink::aws
