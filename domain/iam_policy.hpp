// IAM policy documents and IAM's evaluation logic, for one principal's own policies: an
// explicit Deny in any policy wins; otherwise an identity policy must Allow; a permissions
// boundary, when there is one, must Allow too. Statements whose Condition cannot be judged
// offline make the answer "cannot tell" instead of a guess.
// (IAM User Guide, "Policy evaluation logic" and "IAM JSON policy elements reference".)
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace ssmlink::domain {

struct PolicyStatement {
  std::string sid;
  bool allow = false;  // Effect: Allow or Deny
  // Action or NotAction, as written: "ssm:UpdateInstanceInformation", "ssmmessages:*", "*".
  std::vector<std::string> actions;
  bool not_action = false;
  // Resource or NotResource, as written (absent: "*" for identity policies).
  std::vector<std::string> resources;
  bool not_resource = false;
  bool has_condition = false;  // any Condition block: judged "cannot tell" when it matters
  // Principal (trust policies): the service principals named ("ec2.amazonaws.com"), and
  // whether the statement names any principal at all ("*" counts as every principal).
  // NotPrincipal ("everyone but these") is read as any_principal with has_condition: it
  // may apply to anyone, and what it leaves out cannot be judged offline.
  std::vector<std::string> service_principals;
  bool any_principal = false;
};

struct PolicyDocument {
  std::vector<PolicyStatement> statements;
};

// Parses a policy document: JSON as written, or URL-encoded (RFC 3986) as IAM's
// GetPolicyVersion, GetRolePolicy and GetRole return it. Statement and its members may be
// one object/string or a list. Anything that is not a policy (bad JSON, a missing Effect,
// an Effect other than Allow/Deny, neither Action nor NotAction) is an error naming what
// was wrong; never an exception.
Result<PolicyDocument> parse_policy(std::string_view text);

// A policy with its name as findings show it: a managed policy's ARN, or
// "inline policy NAME" for a role's inline policy.
struct NamedPolicy {
  std::string name;
  PolicyDocument document;
};

// The policies that decide what a role may do.
struct PrincipalPolicies {
  std::vector<NamedPolicy> identity;    // attached managed policies and inline policies
  std::optional<NamedPolicy> boundary;  // the permissions boundary, if set
};

enum class Decision {
  Allowed,
  ImplicitDeny,  // no Allow (in the identity policies, or in the boundary)
  ExplicitDeny,  // a Deny statement matched
  CannotTell,    // the answer hangs on a Condition that cannot be judged offline
};

struct Evaluation {
  Decision decision = Decision::ImplicitDeny;
  // The policy that decided: the denying one (ExplicitDeny), the boundary (ImplicitDeny
  // by the boundary), the one whose conditional statement left the answer open
  // (CannotTell), or the allowing one (Allowed). Empty for "no policy allows it".
  std::string policy;
  std::string sid;           // that statement's Sid, when it has one
  bool by_boundary = false;  // the boundary, not the identity policies, decided

  bool operator==(const Evaluation&) const = default;
};

// Whether `action` ("ssmmessages:OpenDataChannel") on `resource` (an ARN, or "*") is
// allowed. Action matching is case-insensitive with * and ? wildcards; resource matching
// is case-sensitive with * and ? wildcards (a resource "*" stands for "any resource": a
// statement scoped to specific ARNs then cannot tell).
Evaluation evaluate(const PrincipalPolicies& policies, std::string_view action,
                    std::string_view resource);

// Whether a trust policy lets `service` ("ec2.amazonaws.com") call sts:AssumeRole. The
// answer's policy is empty (the caller knows which trust policy it passed); sid names the
// deciding statement.
Evaluation trust_allows(const PolicyDocument& trust, std::string_view service);

// Wildcard matching as IAM does it: * any run of characters, ? one character.
bool iam_wildcard_match(std::string_view pattern, std::string_view value, bool case_sensitive);

}  // namespace ssmlink::domain
