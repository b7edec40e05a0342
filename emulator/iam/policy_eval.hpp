// The emulator's own IAM policy evaluation, written from the IAM User Guide's "Policy
// evaluation logic" (not shared with the client's evaluator in domain/, which it judges):
// - an explicit Deny in any policy (identity or permissions boundary) wins;
// - otherwise an identity policy must Allow, and, when the principal has a permissions
//   boundary, the boundary must Allow too; anything else is an implicit deny.
// Action/NotAction match case-insensitively with * and ? wildcards; Resource/NotResource
// match case-sensitively with the same wildcards; each may be a string or a list, and
// Statement an object or a list.
// Conditions: the emulator has no request context (source IP, VPC, tags, MFA...), so a
// statement with a Condition never applies, Allow or Deny. A policy that allows only under
// a condition therefore allows nothing here; one that denies only under a condition denies
// nothing.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::emulator {

enum class Decision { allowed, explicit_deny, implicit_deny };

// "allowed", "explicitDeny", "implicitDeny" (SimulatePrincipalPolicy's EvalDecision).
std::string_view decision_name(Decision decision);

// One policy taking part: its document and how SimulatePrincipalPolicy names it.
struct PolicySource {
  std::string id;  // SourcePolicyId: the managed or inline policy's name
  // SourcePolicyType: aws-managed, user-managed, role (inline), or permissions-boundary
  std::string type;
  std::string document;
};

struct MatchedStatement {
  std::string source_id;
  std::string source_type;
  size_t statement = 0;  // its index in the policy's Statement list
};

struct Evaluation {
  Decision decision = Decision::implicit_deny;
  // The statements that decided: the explicit Deny(s), or the Allow(s) when allowed.
  std::vector<MatchedStatement> matched;
  // Implicit deny because a permissions boundary allows nothing for the request.
  bool boundary_denied = false;
};

Evaluation evaluate_policies(const std::vector<PolicySource>& identity,
                             const std::optional<PolicySource>& boundary, std::string_view action,
                             std::string_view resource);

// * any run of characters, ? one character.
bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case);

// Why IAM would refuse the document as MalformedPolicyDocument, or nothing when it is
// well-formed (an object with Statement; each statement with Effect Allow|Deny, exactly
// one of Action/NotAction, and, for identity policies, one of Resource/NotResource).
std::optional<std::string> policy_document_problem(const std::string& text,
                                                   bool trust_policy = false);

// Whether a role's trust policy lets the service principal (ec2.amazonaws.com,
// ssm.amazonaws.com) assume it: an Allow for sts:AssumeRole naming the service (or "*")
// as Principal, and no Deny that matches. Statements with a Condition do not apply.
bool trust_allows_service(const std::string& trust_policy, std::string_view service);

// The same for an AWS principal: the caller's account (its ID or arn:...:iam::ID:root), the
// caller's ARN, or "*". Who may assume OrganizationAccountAccessRole.
bool trust_allows_caller(const std::string& trust_policy, std::string_view caller_arn,
                         std::string_view caller_account);

}  // namespace ssmlink::emulator
