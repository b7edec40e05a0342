#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"
#include "domain/partitions.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

struct SsoSettings {
  std::optional<std::string> session;  // [sso-session NAME], when the profile names one
  std::string start_url;
  std::string region;
  std::string account_id;
  std::string role_name;
};

std::string sha1_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha1(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    char pair[3];
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

// IAM Identity Center: `aws sso login` leaves an access token in ~/.aws/sso/cache; the
// portal trades it for the role's credentials. ssmlink never starts a login itself.
class SsoSource final : public CredentialSource {
 public:
  SsoSource(SourceContext context, std::string profile)
      : context_(std::move(context)), profile_(std::move(profile)) {}

  std::optional<Credentials> load() override {
    // As in botocore, either of these makes it an SSO profile.
    if (!config().profile_value(profile_, "sso_account_id") &&
        !config().profile_value(profile_, "sso_role_name")) {
      return std::nullopt;
    }
    SsoSettings settings = read_settings();
    std::string portal = portal_url(settings);
    std::string token = cached_token(settings);
    return role_credentials(settings, portal, token);
  }

  std::string description() const override { return "profile " + profile_ + " via sso"; }

 private:
  const SharedConfig& config() const { return *context_.config; }

  SsoSettings read_settings() const {
    SsoSettings settings;
    settings.session = profile_setting(config(), profile_, "sso_session");
    std::vector<std::string> missing;
    auto get = [&](const std::string& key) {
      auto value = profile_setting(config(), profile_, key);
      if (settings.session) {
        auto shared = session_value(*settings.session, key);
        if (value && shared && *value != *shared) {
          throw ConfigError("profile " + profile_ + " and [sso-session " + *settings.session +
                            "] disagree on " + key + " (\"" + printable(*value) + "\" and \"" +
                            printable(*shared) + "\"); keep it in the sso-session only");
        }
        if (shared) value = shared;
      }
      if (!value) missing.push_back(key);
      return value.value_or("");
    };
    settings.start_url = get("sso_start_url");
    settings.region = get("sso_region");
    settings.account_id = get("sso_account_id");
    settings.role_name = get("sso_role_name");
    if (!missing.empty()) {
      throw ConfigError("profile " + profile_ + " is set up for IAM Identity Center (sso) but " +
                        "lacks " + join(missing, ", ") + ": run aws configure sso --profile " +
                        profile_);
    }
    return settings;
  }

  std::optional<std::string> session_value(const std::string& session,
                                           const std::string& key) const {
    if (!config().has_sso_session(session)) {
      throw ConfigError("profile " + profile_ + ": sso_session " + session +
                        " has no [sso-session " + session + "] section in " +
                        config().config_name());
    }
    auto value = config().sso_session_value(session, key);
    if (!value || value->empty()) return std::nullopt;
    return value;
  }

  CredentialsError login_needed() const {
    return CredentialsError("the SSO session for profile " + profile_ +
                            " has expired (or was never started): run aws sso login --profile " +
                            profile_);
  }

  // The token `aws sso login` cached, named by the SHA-1 of the sso-session name (or, for
  // a legacy profile, of the start URL).
  std::string cached_token(const SsoSettings& settings) const {
    auto home = context_.env->get("HOME");
    if (!home) {
      throw CredentialsError("profile " + profile_ + ": HOME is not set, so the SSO token " +
                             "cache (~/.aws/sso/cache) cannot be found");
    }
    std::string path = *home + "/.aws/sso/cache/" +
                       sha1_hex(settings.session ? *settings.session : settings.start_url) +
                       ".json";
    std::error_code error;
    if (!std::filesystem::exists(path, error)) throw login_needed();
    std::string text;
    try {
      text = read_file(path);
    } catch (const FileError& e) {
      throw CredentialsError(std::string(e.what()) + "; run aws sso login --profile " + profile_);
    }
    auto cache = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    std::string where = "the SSO token cache " + path;
    if (!cache.is_object()) {
      throw CredentialsError(where + " is not JSON; run aws sso login --profile " + profile_);
    }
    std::string token = json_string(cache, "accessToken", where);
    auto expires = parse_expiration(json_string(cache, "expiresAt", where), where);
    if (expires <= context_.clock->now()) throw login_needed();
    return token;
  }

  std::string portal_url(const SsoSettings& settings) const {
    if (auto endpoint = context_.env->get("AWS_ENDPOINT_URL_SSO")) {
      std::string url = *endpoint;
      while (url.ends_with('/'))
        url.pop_back();
      return url;
    }
    auto partition = domain::partition_of(settings.region);
    if (!partition) {
      throw ConfigError("profile " + profile_ + ": sso_region \"" + printable(settings.region) +
                        "\" is not an AWS region (e.g. us-east-1)");
    }
    return "https://portal.sso." + settings.region + "." + partition->dns_suffix;
  }

  Credentials role_credentials(const SsoSettings& settings, const std::string& portal,
                               const std::string& token) const {
    HttpRequest request;
    request.method = "GET";
    request.url = portal +
                  "/federation/credentials?role_name=" + percent_encode(settings.role_name) +
                  "&account_id=" + percent_encode(settings.account_id);
    request.headers.push_back({"x-amz-sso_bearer_token", token});
    std::string context = description() + ": IAM Identity Center (" + portal + ")";
    HttpResponse response = with_context(context, [&] { return context_.http->send(request); });
    if (response.status == 401 || response.status == 403) throw login_needed();
    if (response.status != 200) {
      throw CredentialsError(context + " answered HTTP " + std::to_string(response.status) + ": " +
                             safe_excerpt(response.body));
    }
    auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object() || !body.contains("roleCredentials") ||
        !body["roleCredentials"].is_object()) {
      throw CredentialsError(context + ": the answer has no roleCredentials (it has " +
                             member_names(body) + ")");
    }
    const auto& role = body["roleCredentials"];
    Credentials credentials{json_string(role, "accessKeyId", context),
                            json_string(role, "secretAccessKey", context),
                            json_string(role, "sessionToken", context), std::nullopt};
    // Milliseconds since 1970; past year 2255 would not fit a time point.
    auto expiration = role.find("expiration");
    double milliseconds =
        expiration != role.end() && expiration->is_number() ? expiration->get<double>() : -1;
    if (!(milliseconds > 0 && milliseconds < 9e12)) {
      throw CredentialsError(context + ": roleCredentials.expiration is missing or not a time " +
                             "in milliseconds since 1970");
    }
    credentials.expiration =
        Clock::TimePoint(std::chrono::milliseconds(static_cast<int64_t>(milliseconds)));
    return credentials;
  }

  SourceContext context_;
  std::string profile_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_sso_source(const SourceContext& context,
                                                  const std::string& profile) {
  return std::make_unique<SsoSource>(context, profile);
}

}  // namespace ssmlink::aws
