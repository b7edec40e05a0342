// IAM, typed: what doctor reads of an instance's role, and the caller's permissions through
// SimulatePrincipalPolicy. IAM is global: one endpoint per partition, signed for the
// partition's first region (aws/service.hpp). Policy documents come back URL-encoded
// (RFC 3986); these calls return them decoded, as JSON text (an invalid escape is left as
// it was, for the policy parser to reject).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "cloud/calls.hpp"

namespace ssmlink::cloud {

struct IamRole {
  std::string name;
  std::string arn;
  std::string path;  // "/" or "/service-role/"
  std::string assume_role_policy_document;  // decoded JSON
  std::optional<std::string> permissions_boundary_arn;  // GetRole only
};

struct InstanceProfileInfo {
  std::string name;
  std::string arn;
  std::vector<IamRole> roles;  // zero or one in practice
};

struct AttachedPolicy {
  std::string name;
  std::string arn;
};

struct ManagedPolicyInfo {
  std::string name;
  std::string arn;
  std::string default_version_id;  // v1, v2, ...
};

// One row of SimulatePrincipalPolicy's EvaluationResults.
struct SimulationResult {
  std::string action;    // EvalActionName
  std::string resource;  // EvalResourceName
  std::string decision;  // allowed | explicitDeny | implicitDeny
  std::vector<std::string> denying_statements;  // MatchedStatements' SourcePolicyId
  std::vector<std::string> missing_context_keys;
};

class Iam {
 public:
  explicit Iam(aws::AwsClient& client) : Iam(query_call(client)) {}
  explicit Iam(QueryCall call);

  // Throws ServiceError NoSuchEntity when the profile or role does not exist.
  InstanceProfileInfo get_instance_profile(const std::string& name);
  IamRole get_role(const std::string& name);
  // Every page (Marker / IsTruncated).
  std::vector<AttachedPolicy> list_attached_role_policies(const std::string& role_name);
  std::vector<std::string> list_role_policies(const std::string& role_name);
  std::string get_role_policy(const std::string& role_name, const std::string& policy_name);
  ManagedPolicyInfo get_policy(const std::string& policy_arn);
  std::string get_policy_version(const std::string& policy_arn, const std::string& version_id);
  // Every page. Resources empty: "*".
  std::vector<SimulationResult> simulate_principal_policy(const std::string& principal_arn,
                                                          const std::vector<std::string>& actions,
                                                          const std::vector<std::string>& resources);

 private:
  QueryCall call_;
};

// RFC 3986 percent-decoding ("+" stays "+"); an invalid escape is kept as written.
std::string url_decode(const std::string& text);

}  // namespace ssmlink::cloud
