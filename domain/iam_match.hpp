// How one statement of a policy meets one request: its actions, resources and principals
// matched with IAM's wildcards, and "maybe" where offline matching cannot judge.
#pragma once
#include <string_view>

#include "domain/iam_policy.hpp"

namespace ssmlink::domain {

enum class StatementMatch { No, Maybe, Yes };

// Whether Action covers `action`, or NotAction leaves it out (case-insensitive).
bool covers_action(const PolicyStatement& statement, std::string_view action);

// Resource or NotResource against `resource`: an ARN (case-sensitive), or "*" for "any,
// not known", against which only a Resource of "*" surely matches and a NotResource
// surely does not (other patterns: Maybe). A pattern with a policy variable
// ("${aws:username}") needs the request's context: Maybe.
StatementMatch covers_resource(const PolicyStatement& statement, std::string_view resource);

// Whether the statement's Principal is every principal or names `service` (exact,
// case-insensitive).
bool names_principal(const PolicyStatement& statement, std::string_view service);

}  // namespace ssmlink::domain
