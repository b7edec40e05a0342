#include "aws/sts_credentials_client.hpp"

#include "aws/errors.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

void add_duration(QueryParams& params, const std::optional<int>& seconds) {
  if (seconds) params.emplace_back("DurationSeconds", std::to_string(*seconds));
}

}  // namespace

Credentials parse_sts_credentials(pugi::xml_node result, const std::string& operation) {
  pugi::xml_node node = result.child("Credentials");
  auto field = [&](const char* name) {
    std::string value = trim(node.child(name).text().as_string());
    if (value.empty()) {
      throw ResponseError("STS " + operation + " returned no Credentials/" + std::string(name));
    }
    return value;
  };
  Credentials credentials{field("AccessKeyId"), field("SecretAccessKey"), field("SessionToken"),
                          std::nullopt};
  Clock::TimePoint expiration;
  if (!parse_iso8601(field("Expiration"), expiration)) {
    throw ResponseError("STS " + operation + " returned an Expiration that is not a time");
  }
  credentials.expiration = expiration;
  return credentials;
}

Credentials StsCredentialsClient::assume_role(const Credentials& source, const std::string& region,
                                              const AssumeRoleRequest& request) {
  QueryParams params = {{"RoleArn", request.role_arn}, {"RoleSessionName", request.session_name}};
  if (request.external_id) params.emplace_back("ExternalId", *request.external_id);
  add_duration(params, request.duration_seconds);
  AwsClient client = factory_(region, std::make_shared<FixedCredentials>(source, "source profile"));
  return parse_sts_credentials(client.query("AssumeRole", params).result(), "AssumeRole");
}

Credentials StsCredentialsClient::assume_role_with_web_identity(const std::string& region,
                                                                const WebIdentityRequest& request) {
  QueryParams params = {{"RoleArn", request.role_arn},
                        {"RoleSessionName", request.session_name},
                        {"WebIdentityToken", request.web_identity_token}};
  add_duration(params, request.duration_seconds);
  AwsClient client = factory_(region, nullptr);  // AWS requires this call unsigned
  return parse_sts_credentials(client.query("AssumeRoleWithWebIdentity", params).result(),
                               "AssumeRoleWithWebIdentity");
}

}  // namespace ssmlink::aws
