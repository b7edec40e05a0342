#include <arpa/inet.h>

#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

constexpr const char* kRelativeUri = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
constexpr const char* kFullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
constexpr const char* kTokenFile = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
constexpr const char* kToken = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
constexpr int kAttempts = 3;
constexpr std::chrono::seconds kTimeout{2};
constexpr std::chrono::seconds kPause{1};

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  if (host.starts_with('[') && host.ends_with(']')) {
    in6_addr address{};
    return inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &address) == 1 &&
           IN6_IS_ADDR_LOOPBACK(&address);
  }
  in_addr address{};
  return inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

// Plain http could be read by anyone on the path, so (as in botocore) it is allowed only
// to this host and to the ECS and EKS agents' link-local addresses.
bool http_allowed(const std::string& host) {
  return is_loopback(host) || host == "169.254.170.2" || host == "169.254.170.23" ||
         host == "[fd00:ec2::23]";
}

// ECS task roles and EKS Pod Identity: an agent on a fixed address hands out the role's
// credentials, behind a token when the URI is a full one.
class ContainerSource final : public CredentialSource {
 public:
  explicit ContainerSource(SourceContext context) : context_(std::move(context)) {}

  std::optional<Credentials> load() override {
    auto relative = env().get(kRelativeUri);
    auto full = env().get(kFullUri);
    if (!relative && !full) return std::nullopt;
    std::string url = relative ? checked_url("http://169.254.170.2" + *relative, kRelativeUri)
                               : checked_url(*full, kFullUri);
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.headers.push_back({"Accept", "application/json"});
    if (auto token = authorization()) request.headers.push_back({"Authorization", *token});
    request.timeout = kTimeout;
    return fetch(request);
  }

  std::string description() const override { return "container credentials"; }

 private:
  const Environment& env() const { return *context_.env; }

  std::string checked_url(const std::string& url, const std::string& variable) const {
    auto parsed = parse_url(url);
    if (!parsed) {
      throw ConfigError(variable + ": \"" + printable(url) +
                        "\" is not an http(s) URL such as http://169.254.170.2/v2/credentials/ID");
    }
    if (parsed->scheme == "http" && !http_allowed(parsed->host)) {
      throw ConfigError(variable + ": \"" + printable(url) + "\" uses http to " + parsed->host +
                        "; over http only a loopback address, 169.254.170.2, 169.254.170.23 " +
                        "or [fd00:ec2::23] is allowed (use https for other hosts)");
    }
    return url;
  }

  // The token file wins and is read every time: the agent rotates it.
  std::optional<std::string> authorization() const {
    std::optional<std::string> token;
    std::string origin;
    if (auto file = env().get(kTokenFile)) {
      token = read_token_file(*file, std::string("container credentials: ") + kTokenFile);
      origin = kTokenFile;
    } else if ((token = env().get(kToken))) {
      origin = kToken;
    }
    if (token && token->find_first_of("\r\n") != std::string::npos) {
      throw ConfigError("container credentials: the token from " + origin +
                        " contains a line break, so it cannot be sent as a header");
    }
    return token;
  }

  Credentials fetch(const HttpRequest& request) const {
    std::string failure;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
      if (attempt > 1) context_.clock->sleep_for(kPause);
      try {
        HttpResponse response = context_.http->send(request);
        if (response.status != 200) {
          failure = "HTTP " + std::to_string(response.status) + ": " + safe_excerpt(response.body);
          continue;
        }
        auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
        if (!body.is_object()) {
          failure = "an answer that is not a JSON object: " + safe_excerpt(response.body);
          continue;
        }
        return credentials(body, request.url);
      } catch (const TransportError& e) {
        failure = e.what();
      }
    }
    throw CredentialsError("container credentials: " + request.url + " failed " +
                           std::to_string(kAttempts) + " times (last: " + failure +
                           "); check the container's task role or pod identity association");
  }

  Credentials credentials(const nlohmann::json& body, const std::string& url) const {
    std::string source = "container credentials (" + url + ")";
    Credentials credentials{json_string(body, "AccessKeyId", source),
                            json_string(body, "SecretAccessKey", source),
                            json_string(body, "Token", source), std::nullopt};
    credentials.expiration = parse_expiration(json_string(body, "Expiration", source), source);
    return credentials;
  }

  SourceContext context_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_container_source(const SourceContext& context) {
  return std::make_unique<ContainerSource>(context);
}

}  // namespace ssmlink::aws
