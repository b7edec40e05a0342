#include "domain/iam_match.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace ssmlink::domain {
namespace {

char lowered(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool same_char(char pattern, char value, bool case_sensitive) {
  if (pattern == '?') return true;
  return case_sensitive ? pattern == value : lowered(pattern) == lowered(value);
}

// "*", "**", ...: matches every value, the only pattern that surely covers "any resource".
bool matches_everything(std::string_view pattern) {
  return !pattern.empty() && pattern.find_first_not_of('*') == std::string_view::npos;
}

bool has_policy_variable(std::string_view pattern) {
  return pattern.find("${") != std::string_view::npos;
}

// Whether the listed resource patterns cover the asked resource (before NotResource
// turns the answer around).
StatementMatch listed_resource(const std::vector<std::string>& patterns,
                               std::string_view resource) {
  if (resource == "*") {
    if (std::ranges::any_of(patterns, matches_everything)) return StatementMatch::Yes;
    return patterns.empty() ? StatementMatch::No : StatementMatch::Maybe;
  }
  auto matches = [&](const std::string& pattern) {
    return iam_wildcard_match(pattern, resource, true);
  };
  if (std::ranges::any_of(patterns, matches)) return StatementMatch::Yes;
  if (std::ranges::any_of(patterns, has_policy_variable)) return StatementMatch::Maybe;
  return StatementMatch::No;
}

StatementMatch negated(StatementMatch match) {
  if (match == StatementMatch::Yes) return StatementMatch::No;
  if (match == StatementMatch::No) return StatementMatch::Yes;
  return StatementMatch::Maybe;
}

}  // namespace

// The classic greedy two-pointer match: on a mismatch, go back to just after the last
// '*' and let it swallow one more character. Linear-ish, never exponential.
bool iam_wildcard_match(std::string_view pattern, std::string_view value, bool case_sensitive) {
  size_t p = 0;
  size_t v = 0;
  size_t star = std::string_view::npos;  // the last '*' seen in the pattern
  size_t resume = 0;                     // where in value that '*' stops swallowing
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = v;
    } else if (p < pattern.size() && same_char(pattern[p], value[v], case_sensitive)) {
      ++p;
      ++v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

bool covers_action(const PolicyStatement& statement, std::string_view action) {
  bool listed = std::ranges::any_of(statement.actions, [&](const std::string& pattern) {
    return iam_wildcard_match(pattern, action, false);
  });
  return listed != statement.not_action;
}

StatementMatch covers_resource(const PolicyStatement& statement, std::string_view resource) {
  auto listed = listed_resource(statement.resources, resource);
  return statement.not_resource ? negated(listed) : listed;
}

bool names_principal(const PolicyStatement& statement, std::string_view service) {
  if (statement.any_principal) return true;
  return std::ranges::any_of(statement.service_principals, [&](const std::string& named) {
    return named.size() == service.size() && std::ranges::equal(named, service, [](char a, char b) {
             return lowered(a) == lowered(b);
           });
  });
}

}  // namespace ssmlink::domain
