#include "domain/iam_policy.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "domain/iam_match.hpp"
#include "util/json_text.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {
namespace {

using nlohmann::json;

// ---- Reading a document

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 percent-decoding, as IAM encodes documents. '+' stays a plus sign: IAM writes a
// space as %20. An escape that is not %XX means the text is not what IAM sent.
Result<std::string> percent_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      return fail("policy document has an invalid percent escape at byte " + std::to_string(i) +
                  ": " + in_quotes(text.substr(i, 3)));
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

Result<json> parsed_json(std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] ": the rest says where and what.
    std::string_view what = e.what();
    if (auto end = what.find("] "); what.starts_with("[json.") && end != what.npos) {
      what.remove_prefix(end + 2);
    }
    return fail("policy document is not JSON: " + printable(what, 200));
  }
}

// "Action is not a string or a list of strings (it is a number)".
std::unexpected<Error> wrong_type(std::string_view element, std::string_view expected,
                                  const json& value) {
  std::string type = value.type_name();
  const char* article = type == "array" || type == "object" ? "an " : "a ";
  return fail(std::string(element) + " is not " + std::string(expected) + " (it is " + article +
              type + ")");
}

// Action, Resource, a Principal's names...: one string or a list of strings.
Result<std::vector<std::string>> string_list(const json& value, std::string_view element) {
  if (value.is_string()) return std::vector<std::string>{value.get<std::string>()};
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == value.size()) return out;
  }
  return wrong_type(element, "a string or a list of strings", value);
}

// Each reader takes one element of a statement into `out`; the messages leave out which
// statement, which parse_policy adds.
using StatementReader = Result<void> (*)(const json& statement, PolicyStatement& out);

Result<void> read_sid(const json& statement, PolicyStatement& out) {
  auto sid = statement.find("Sid");
  if (sid == statement.end()) return {};
  if (!sid->is_string()) return wrong_type("Sid", "a string", *sid);
  out.sid = sid->get<std::string>();
  return {};
}

Result<void> read_effect(const json& statement, PolicyStatement& out) {
  auto effect = statement.find("Effect");
  if (effect == statement.end()) return fail("no Effect (Allow or Deny)");
  if (!effect->is_string()) return wrong_type("Effect", "Allow or Deny", *effect);
  const auto& text = effect->get_ref<const std::string&>();
  if (text != "Allow" && text != "Deny") {
    return fail("Effect " + json_quoted(text, 40) + " is not Allow or Deny");
  }
  out.allow = text == "Allow";
  return {};
}

// One of two elements that exclude each other (Action and NotAction): its list and whether
// it was the Not form; nothing when neither is there.
struct EitherList {
  std::vector<std::string> values;
  bool negated = false;
};

Result<std::optional<EitherList>> either_list(const json& statement, const std::string& name) {
  const std::string not_name = "Not" + name;
  auto plain = statement.find(name);
  auto negated = statement.find(not_name);
  if (plain != statement.end() && negated != statement.end()) {
    return fail("has both " + name + " and " + not_name);
  }
  bool is_not = negated != statement.end();
  if (!is_not && plain == statement.end()) return std::nullopt;
  auto values = string_list(is_not ? *negated : *plain, is_not ? not_name : name);
  if (!values) return std::unexpected(values.error());
  return EitherList{std::move(*values), is_not};
}

Result<void> read_actions(const json& statement, PolicyStatement& out) {
  auto actions = either_list(statement, "Action");
  if (!actions) return std::unexpected(actions.error());
  if (!*actions) return fail("has neither Action nor NotAction");
  out.actions = std::move((*actions)->values);
  out.not_action = (*actions)->negated;
  return {};
}

// Without Resource or NotResource (trust policies) a statement covers every resource.
Result<void> read_resources(const json& statement, PolicyStatement& out) {
  auto resources = either_list(statement, "Resource");
  if (!resources) return std::unexpected(resources.error());
  out.resources = *resources ? std::move((*resources)->values) : std::vector<std::string>{"*"};
  out.not_resource = *resources && (*resources)->negated;
  return {};
}

Result<void> read_condition(const json& statement, PolicyStatement& out) {
  auto condition = statement.find("Condition");
  if (condition == statement.end()) return {};
  if (!condition->is_object()) return wrong_type("Condition", "an object", *condition);
  out.has_condition = !condition->empty();
  return {};
}

// "*", or kinds ("AWS", "Service", "Federated", "CanonicalUser") mapped to names. Only
// "every principal" and the service names matter to trust_allows.
Result<void> read_principal_names(const json& principal, PolicyStatement& out) {
  if (principal == "*") {
    out.any_principal = true;
    return {};
  }
  if (!principal.is_object()) return wrong_type("Principal", "\"*\" or an object", principal);
  for (const auto& [kind, names] : principal.items()) {
    auto listed = string_list(names, "Principal " + kind);
    if (!listed) return std::unexpected(listed.error());
    if (kind == "AWS" && std::ranges::find(*listed, "*") != listed->end()) out.any_principal = true;
    if (kind == "Service")
      out.service_principals.insert(out.service_principals.end(), listed->begin(), listed->end());
  }
  return {};
}

// NotPrincipal ("everyone but these") mostly names roles and sessions, which cannot be
// judged offline: the statement may apply to any principal, so it is judged like one
// with a Condition ("cannot tell" when it matters).
Result<void> read_principals(const json& statement, PolicyStatement& out) {
  auto principal = statement.find("Principal");
  auto not_principal = statement.find("NotPrincipal");
  if (principal != statement.end() && not_principal != statement.end()) {
    return fail("has both Principal and NotPrincipal");
  }
  if (principal != statement.end()) return read_principal_names(*principal, out);
  if (not_principal == statement.end()) return {};
  PolicyStatement excluded;
  if (auto read = read_principal_names(*not_principal, excluded); !read) {
    return fail("Not" + read.error().message);
  }
  out.any_principal = true;
  out.has_condition = true;
  return {};
}

Result<PolicyStatement> read_statement(const json& statement) {
  if (!statement.is_object()) return wrong_type("the statement", "an object", statement);
  PolicyStatement out;
  for (StatementReader read :
       {read_sid, read_effect, read_actions, read_resources, read_condition, read_principals}) {
    if (auto ok = read(statement, out); !ok) return std::unexpected(ok.error());
  }
  return out;
}

Result<PolicyDocument> read_document(const json& document) {
  if (!document.is_object()) return wrong_type("the policy document", "a JSON object", document);
  if (auto version = document.find("Version"); version != document.end() && !version->is_string()) {
    return wrong_type("the policy's Version", "a string", *version);
  }
  auto statements = document.find("Statement");
  if (statements == document.end()) return fail("the policy document has no Statement");
  if (!statements->is_object() && !statements->is_array()) {
    return wrong_type("the policy's Statement", "an object or a list of them", *statements);
  }
  auto listed = statements->is_array()
                    ? std::span<const json>(statements->get_ref<const json::array_t&>())
                    : std::span<const json>(&*statements, 1);
  PolicyDocument out;
  for (size_t i = 0; i < listed.size(); ++i) {
    auto statement = read_statement(listed[i]);
    if (!statement) {
      return fail("statement " + std::to_string(i + 1) + ": " + statement.error().message);
    }
    out.statements.push_back(std::move(*statement));
  }
  return out;
}

// ---- Evaluating

// A statement that met the request, and the policy it is in.
struct Hit {
  std::string_view policy;
  std::string_view sid;
  bool by_boundary = false;
};

// What one kind of statement (the Denies, the identity policies' Allows, the boundary's
// Allows) said: the first that surely applies, and the first that might (a Condition, or
// a resource it cannot judge).
struct Side {
  std::optional<Hit> sure;
  std::optional<Hit> maybe;
  bool silent() const { return !sure && !maybe; }
};

template <typename Applies>
void scan(Side& side, bool allow, const PolicyDocument& document, std::string_view policy,
          bool by_boundary, const Applies& applies) {
  for (const auto& statement : document.statements) {
    if (statement.allow != allow || side.sure) continue;
    auto match = applies(statement);
    if (match != StatementMatch::No && statement.has_condition) match = StatementMatch::Maybe;
    Hit hit{policy, statement.sid, by_boundary};
    if (match == StatementMatch::Yes) side.sure = hit;
    if (match == StatementMatch::Maybe && !side.maybe) side.maybe = hit;
  }
}

Evaluation answer(Decision decision, const Hit& hit) {
  return Evaluation{decision, std::string(hit.policy), std::string(hit.sid), hit.by_boundary};
}

// IAM's order: an explicit Deny wins; then the identity policies must allow, then the
// boundary; only then does a statement that might apply leave the answer open.
Evaluation decide(const Side& deny, const Side& identity, const Side* boundary,
                  std::string_view boundary_name) {
  if (deny.sure) return answer(Decision::ExplicitDeny, *deny.sure);
  if (identity.silent()) return Evaluation{};
  if (boundary && boundary->silent()) {
    return Evaluation{Decision::ImplicitDeny, std::string(boundary_name), "", true};
  }
  if (deny.maybe) return answer(Decision::CannotTell, *deny.maybe);
  if (!identity.sure) return answer(Decision::CannotTell, *identity.maybe);
  if (boundary && !boundary->sure) return answer(Decision::CannotTell, *boundary->maybe);
  return answer(Decision::Allowed, *identity.sure);
}

}  // namespace

Result<PolicyDocument> parse_policy(std::string_view text) {
  auto trimmed = trim(text);
  auto json_text =
      trimmed.starts_with('{') ? Result<std::string>(trimmed) : percent_decoded(trimmed);
  if (!json_text) return std::unexpected(json_text.error());
  auto document = parsed_json(*json_text);
  if (!document) return std::unexpected(document.error());
  return read_document(*document);
}

Evaluation evaluate(const PrincipalPolicies& policies, std::string_view action,
                    std::string_view resource) {
  auto applies = [&](const PolicyStatement& statement) {
    return covers_action(statement, action) ? covers_resource(statement, resource)
                                            : StatementMatch::No;
  };
  Side deny, identity, boundary;
  for (const auto& policy : policies.identity) {
    scan(deny, false, policy.document, policy.name, false, applies);
    scan(identity, true, policy.document, policy.name, false, applies);
  }
  if (!policies.boundary) return decide(deny, identity, nullptr, "");
  const auto& bound = *policies.boundary;
  scan(deny, false, bound.document, bound.name, true, applies);
  scan(boundary, true, bound.document, bound.name, true, applies);
  return decide(deny, identity, &boundary, bound.name);
}

Evaluation trust_allows(const PolicyDocument& trust, std::string_view service) {
  auto applies = [&](const PolicyStatement& statement) {
    bool meets = covers_action(statement, "sts:AssumeRole") && names_principal(statement, service);
    return meets ? StatementMatch::Yes : StatementMatch::No;
  };
  Side deny, allow;
  scan(deny, false, trust, "", false, applies);
  scan(allow, true, trust, "", false, applies);
  return decide(deny, allow, nullptr, "");
}

}  // namespace ssmlink::domain
