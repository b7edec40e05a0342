// What the StackSets handlers share: reading the query protocol's fields (Prefix.member.N
// lists, structures as Prefix.Field) and writing CloudFormation's XML answer.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "emulator/api.hpp"
#include "emulator/cloudformation/stack_sets.hpp"
#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

class StackSetQuery {
 public:
  explicit StackSetQuery(const ApiRequest& request) : request_(request) {}

  bool has(const std::string& key) const { return request_.params.contains(key); }
  std::string text(const std::string& key) const;
  // A required field: ValidationError "... at 'field' ... Member must not be null" if absent.
  std::string required(const std::string& key, const std::string& field) const;
  std::vector<std::string> list(const std::string& prefix) const;  // Prefix.member.N
  std::optional<int> number(const std::string& key, int minimum) const;
  bool flag(const std::string& key) const { return text(key) == "true"; }
  // Prefix.member.N.ParameterKey / ParameterValue; UsePreviousValue keys go to `kept`.
  ParameterList parameters(const std::string& prefix, std::vector<std::string>* kept) const;
  OperationPreferences preferences() const;
  DeploymentTargets deployment_targets() const;
  // Paging: the position NextToken names (ValidationError if it names none) and
  // MaxResults (1-100, default 100).
  size_t position() const;
  size_t page_size() const;

 private:
  const ApiRequest& request_;
};

ApiError stack_set_validation_error(const std::string& message);
// "1 validation error detected: Value 'X' at 'field' failed to satisfy constraint: Member
// must satisfy enum value set: [A, B]", AWS's request validation for an unknown enum value.
ApiError stack_set_enum_error(const std::string& value, const std::string& field,
                              const std::string& allowed);

// <ActionResponse xmlns=...><ActionResult>...</ActionResult><ResponseMetadata>...
ApiResponse stack_set_reply(const ApiRequest& request, const std::string& action,
                            const std::function<void(XmlWriter&)>& fill);

// StackSets run in the management account only; a member's call is refused.
void require_management_account(const World& world);

// The read-only actions (stack_set_read_api.cpp).
void add_stack_set_read_api(ApiTable& table, StackSets& stack_sets);

}  // namespace ssmlink::emulator
