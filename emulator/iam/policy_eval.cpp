#include "emulator/iam/policy_eval.hpp"

#include <cctype>
#include <functional>
#include <nlohmann/json.hpp>

namespace ssmlink::emulator {

namespace {

using nlohmann::json;

char folded(char c, bool ignore_case) {
  return ignore_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
}

// Statement: an object or a list of objects; anything else has no statements.
std::vector<json> statements_of(const json& document) {
  std::vector<json> out;
  if (!document.is_object() || !document.contains("Statement")) return out;
  const json& statement = document["Statement"];
  if (statement.is_object()) out.push_back(statement);
  if (statement.is_array()) {
    for (const auto& item : statement)
      out.push_back(item);
  }
  return out;
}

// A string or a list of strings.
std::vector<std::string> string_list(const json& value) {
  std::vector<std::string> out;
  if (value.is_string()) out.push_back(value.get<std::string>());
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

bool any_matches(const json& patterns, std::string_view text, bool ignore_case) {
  for (const auto& pattern : string_list(patterns)) {
    if (wildcard_match(pattern, text, ignore_case)) return true;
  }
  return false;
}

// Action (or NotAction) and Resource (or NotResource) both cover the request.
bool statement_applies(const json& statement, std::string_view action, std::string_view resource) {
  if (statement.contains("Condition")) return false;  // no request context: see the header
  bool action_ok = statement.contains("Action") ? any_matches(statement["Action"], action, true)
                   : statement.contains("NotAction")
                       ? !any_matches(statement["NotAction"], action, true)
                       : false;
  if (!action_ok) return false;
  if (statement.contains("Resource")) return any_matches(statement["Resource"], resource, false);
  if (statement.contains("NotResource")) {
    return !any_matches(statement["NotResource"], resource, false);
  }
  return false;
}

struct PolicyMatches {
  std::vector<MatchedStatement> allows;
  std::vector<MatchedStatement> denies;
};

void match_policy(const PolicySource& source, std::string_view action, std::string_view resource,
                  PolicyMatches& matches) {
  json document = json::parse(source.document, nullptr, false);
  auto statements = statements_of(document);
  for (size_t i = 0; i < statements.size(); ++i) {
    const json& statement = statements[i];
    if (!statement.is_object() || !statement_applies(statement, action, resource)) continue;
    std::string effect = statement.value("Effect", "");
    MatchedStatement matched{source.id, source.type, i};
    if (effect == "Deny") matches.denies.push_back(matched);
    if (effect == "Allow") matches.allows.push_back(matched);
  }
}

bool principal_names_service(const json& statement, std::string_view service) {
  if (!statement.contains("Principal")) return false;
  const json& principal = statement["Principal"];
  if (principal.is_string()) return principal.get<std::string>() == "*";
  if (!principal.is_object() || !principal.contains("Service")) return false;
  for (const auto& name : string_list(principal["Service"])) {
    if (name == service || name == "*") return true;
  }
  return false;
}

// "AWS": "*", the account ("123456789012" or its ":root" ARN) or the caller's own ARN.
bool principal_names_caller(const json& statement, std::string_view caller_arn,
                            std::string_view caller_account) {
  if (!statement.contains("Principal")) return false;
  const json& principal = statement["Principal"];
  if (principal.is_string()) return principal.get<std::string>() == "*";
  if (!principal.is_object() || !principal.contains("AWS")) return false;
  for (const auto& name : string_list(principal["AWS"])) {
    if (name == "*" || name == caller_arn || name == caller_account ||
        (name.starts_with("arn:") &&
         name.ends_with(":iam::" + std::string(caller_account) + ":root")))
      return true;
  }
  return false;
}

}  // namespace

std::string_view decision_name(Decision decision) {
  switch (decision) {
    case Decision::allowed:
      return "allowed";
    case Decision::explicit_deny:
      return "explicitDeny";
    case Decision::implicit_deny:
      break;
  }
  return "implicitDeny";
}

bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  // Iterative glob matching with one backtrack point: linear in practice, no recursion.
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' || folded(pattern[p], ignore_case) == folded(text[t], ignore_case))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

Evaluation evaluate_policies(const std::vector<PolicySource>& identity,
                             const std::optional<PolicySource>& boundary, std::string_view action,
                             std::string_view resource) {
  PolicyMatches from_identity, from_boundary;
  for (const auto& source : identity)
    match_policy(source, action, resource, from_identity);
  if (boundary) match_policy(*boundary, action, resource, from_boundary);

  Evaluation result;
  auto& denies = result.matched;
  denies = from_identity.denies;
  denies.insert(denies.end(), from_boundary.denies.begin(), from_boundary.denies.end());
  if (!denies.empty()) {
    result.decision = Decision::explicit_deny;
    return result;
  }
  if (from_identity.allows.empty()) return result;  // implicit deny, nothing matched
  if (boundary && from_boundary.allows.empty()) {
    result.boundary_denied = true;
    return result;
  }
  result.decision = Decision::allowed;
  result.matched = from_identity.allows;
  return result;
}

std::optional<std::string> policy_document_problem(const std::string& text, bool trust_policy) {
  json document = json::parse(text, nullptr, false);
  if (document.is_discarded()) return "Syntax errors in policy.";
  if (!document.is_object()) return "Syntax errors in policy.";
  if (!document.contains("Statement")) return "Missing required field Statement";
  const json& raw = document["Statement"];
  if (!raw.is_object() && !(raw.is_array() && !raw.empty())) return "Syntax errors in policy.";
  if (document.contains("Version")) {
    const json& version = document["Version"];
    if (!version.is_string() || (version != "2012-10-17" && version != "2008-10-17")) {
      return "The policy failed legacy parsing";
    }
  }
  for (const auto& statement : statements_of(document)) {
    if (!statement.is_object()) return "Syntax errors in policy.";
    std::string effect = statement.contains("Effect") && statement["Effect"].is_string()
                             ? statement["Effect"].get<std::string>()
                             : "";
    if (effect != "Allow" && effect != "Deny") return "Invalid effect: " + effect;
    if (statement.contains("Action") == statement.contains("NotAction")) {
      return "Policy statement must contain actions.";
    }
    if (trust_policy) {
      if (!statement.contains("Principal") && !statement.contains("NotPrincipal")) {
        return "Missing required field Principal";
      }
    } else {
      if (statement.contains("Principal") || statement.contains("NotPrincipal")) {
        return "Policy document should not specify a principal.";
      }
      if (statement.contains("Resource") == statement.contains("NotResource")) {
        return "Policy statement must contain resources.";
      }
    }
  }
  return std::nullopt;
}

// An Allow for sts:AssumeRole whose Principal `names`, and no Deny that does.
bool trust_allows(const std::string& trust_policy,
                  const std::function<bool(const json& statement)>& names) {
  json document = json::parse(trust_policy, nullptr, false);
  bool allowed = false;
  for (const auto& statement : statements_of(document)) {
    if (!statement.is_object() || statement.contains("Condition")) continue;
    if (!names(statement)) continue;
    bool action = statement.contains("Action")
                      ? any_matches(statement["Action"], "sts:AssumeRole", true)
                      : statement.contains("NotAction") &&
                            !any_matches(statement["NotAction"], "sts:AssumeRole", true);
    if (!action) continue;
    std::string effect = statement.value("Effect", "");
    if (effect == "Deny") return false;
    if (effect == "Allow") allowed = true;
  }
  return allowed;
}

bool trust_allows_service(const std::string& trust_policy, std::string_view service) {
  return trust_allows(trust_policy, [service](const json& statement) {
    return principal_names_service(statement, service);
  });
}

bool trust_allows_caller(const std::string& trust_policy, std::string_view caller_arn,
                         std::string_view caller_account) {
  return trust_allows(trust_policy, [&](const json& statement) {
    return principal_names_caller(statement, caller_arn, caller_account);
  });
}

}  // namespace ssmlink::emulator
