#include "cloud/sts_responses.hpp"

#include "cloud/xml_reading.hpp"

namespace ssmlink::cloud {

namespace {

aws::Credentials read_credentials(const XmlElement& result) {  // Credentials
  XmlElement credentials = result.required_child("Credentials");
  return aws::Credentials{
      credentials.required_string("AccessKeyId"), credentials.required_string("SecretAccessKey"),
      credentials.required_string("SessionToken"), credentials.required_time("Expiration")};
}

AssumedRole read_assumed_role(const XmlElement& result) {
  AssumedRole role;
  role.credentials = read_credentials(result);
  if (std::optional<XmlElement> user = result.optional_child("AssumedRoleUser")) {
    role.assumed_role_user =
        AssumedRoleUser{user->required_string("AssumedRoleId"), user->required_string("Arn")};
  }
  role.packed_policy_size = result.optional_int("PackedPolicySize");
  role.source_identity = result.optional_string("SourceIdentity");
  return role;
}

}  // namespace

CallerIdentity parse_get_caller_identity(pugi::xml_node node) {
  XmlElement result = XmlElement::query_result(node, "STS", "GetCallerIdentity");
  return {result.required_string("Account"), result.required_string("Arn"),
          result.required_string("UserId")};
}

AssumedRole parse_assume_role(pugi::xml_node node) {
  return read_assumed_role(XmlElement::query_result(node, "STS", "AssumeRole"));
}

AssumedRole parse_assume_role_with_web_identity(pugi::xml_node node) {
  XmlElement result = XmlElement::query_result(node, "STS", "AssumeRoleWithWebIdentity");
  AssumedRole role = read_assumed_role(result);
  role.subject_from_web_identity_token = result.optional_string("SubjectFromWebIdentityToken");
  role.provider = result.optional_string("Provider");
  role.audience = result.optional_string("Audience");
  return role;
}

}  // namespace ssmlink::cloud
