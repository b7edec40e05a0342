#include "cloud/iam_responses.hpp"

#include "cloud/xml_reading.hpp"
#include "util/strings.hpp"

namespace ssmlink::cloud {

namespace {

XmlElement iam_result(pugi::xml_node node, const char* operation) {
  return XmlElement::query_result(node, "IAM", operation);
}

IamRole iam_read_role(const XmlElement& role) {
  IamRole read;
  read.name = role.required_string("RoleName");
  read.arn = role.required_string("Arn");
  read.path = role.required_string("Path");
  read.assume_role_policy_document =
      url_decode(role.optional_string("AssumeRolePolicyDocument").value_or(""));
  if (std::optional<XmlElement> boundary = role.optional_child("PermissionsBoundary")) {
    read.permissions_boundary_arn = boundary->required_string("PermissionsBoundaryArn");
  }
  return read;
}

// Marker / IsTruncated (paginators-1.json): the next page's marker while truncated.
std::optional<std::string> iam_next_marker(const XmlElement& result) {
  if (!result.optional_bool("IsTruncated").value_or(false)) return std::nullopt;
  return result.required_string("Marker");
}

SimulationResult iam_read_simulation_result(const XmlElement& entry) {
  SimulationResult read;
  read.action = entry.required_string("EvalActionName");
  read.resource = entry.optional_string("EvalResourceName").value_or("");
  read.decision = entry.required_string("EvalDecision");
  for (const XmlElement& statement : entry.list("MatchedStatements")) {
    if (auto id = statement.optional_string("SourcePolicyId"))
      read.denying_statements.push_back(*id);
  }
  read.missing_context_keys = entry.string_list("MissingContextValues");
  return read;
}

}  // namespace

std::string url_decode(const std::string& text) {
  return percent_decode(text);
}

InstanceProfileInfo parse_get_instance_profile(pugi::xml_node node) {
  XmlElement profile = iam_result(node, "GetInstanceProfile").required_child("InstanceProfile");
  return {profile.required_string("InstanceProfileName"), profile.required_string("Arn"),
          profile.read_list("Roles", iam_read_role)};
}

IamRole parse_get_role(pugi::xml_node node) {
  return iam_read_role(iam_result(node, "GetRole").required_child("Role"));
}

Page<AttachedPolicy> parse_list_attached_role_policies(pugi::xml_node node) {
  XmlElement result = iam_result(node, "ListAttachedRolePolicies");
  return {result.read_list("AttachedPolicies",
                           [](const XmlElement& entry) {
                             return AttachedPolicy{entry.required_string("PolicyName"),
                                                   entry.required_string("PolicyArn")};
                           }),
          iam_next_marker(result)};
}

Page<std::string> parse_list_role_policies(pugi::xml_node node) {
  XmlElement result = iam_result(node, "ListRolePolicies");
  result.required_child("PolicyNames");
  return {result.string_list("PolicyNames"), iam_next_marker(result)};
}

std::string parse_get_role_policy(pugi::xml_node node) {
  return url_decode(iam_result(node, "GetRolePolicy").required_string("PolicyDocument"));
}

ManagedPolicyInfo parse_get_policy(pugi::xml_node node) {
  XmlElement policy = iam_result(node, "GetPolicy").required_child("Policy");
  return {policy.required_string("PolicyName"), policy.required_string("Arn"),
          policy.required_string("DefaultVersionId")};
}

std::string parse_get_policy_version(pugi::xml_node node) {
  XmlElement version = iam_result(node, "GetPolicyVersion").required_child("PolicyVersion");
  return url_decode(version.required_string("Document"));
}

Page<SimulationResult> parse_simulate_principal_policy(pugi::xml_node node) {
  XmlElement result = iam_result(node, "SimulatePrincipalPolicy");
  return {result.read_list("EvaluationResults", iam_read_simulation_result),
          iam_next_marker(result)};
}

}  // namespace ssmlink::cloud
