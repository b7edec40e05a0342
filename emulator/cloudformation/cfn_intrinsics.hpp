// CloudFormation's intrinsic functions (Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Select,
// Fn::If, Fn::Equals, Fn::FindInMap, Fn::Split, Fn::GetAZs, Fn::Base64, conditions) and the
// pseudo parameters, evaluated against one stack; and the references a value makes, from
// which the stack's dependency order follows.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/cloudformation/cfn_template.hpp"

namespace ssmlink::emulator {

struct PseudoParameters {
  std::string region;
  std::string account_id;
  std::string stack_name;
  std::string stack_id;
  std::vector<std::string> availability_zones;  // Fn::GetAZs of the stack's region
};

// amazonaws.com, or amazonaws.com.cn in China.
std::string url_suffix_of(const std::string& region);

// A created resource as intrinsic functions see it: Ref gives the physical ID, Fn::GetAtt
// the attributes.
struct ResourceValue {
  std::string physical_id;
  std::map<std::string, nlohmann::json> attributes;
};

struct EvaluationContext {
  const Template* tmpl = nullptr;
  PseudoParameters pseudo;
  std::map<std::string, nlohmann::json> parameters;  // name -> string or list of strings
  std::map<std::string, bool> conditions;            // evaluated (see evaluate_conditions)
  // The resource with that logical ID, or nullptr when it is not (yet) created.
  std::function<const ResourceValue*(const std::string&)> resource;
};

// Evaluates the value's intrinsic functions. std::nullopt means the value is AWS::NoValue
// (the property is dropped). Throws TemplateError ("Template error: ...").
std::optional<nlohmann::json> evaluate(const nlohmann::json& value,
                                       const EvaluationContext& context);

// Evaluates every condition of the template (conditions may use parameters, pseudo
// parameters, mappings and other conditions). Throws TemplateError.
std::map<std::string, bool> evaluate_conditions(const Template& tmpl,
                                                const EvaluationContext& context);

// A value as CloudFormation shows it as text (numbers without a trailing .0, booleans as
// true/false, lists joined by commas).
std::string to_text(const nlohmann::json& value);

// The names a value refers to: Ref targets, Fn::GetAtt resources, ${...} in Fn::Sub, and
// Fn::GetAtt pairs. With conditions given, the untaken branch of each Fn::If is skipped.
struct References {
  std::set<std::string> names;  // Ref and Fn::Sub targets, Fn::GetAtt resources
  std::set<std::pair<std::string, std::string>> attributes;  // (resource, attribute)
  std::set<std::string> conditions;                          // Fn::If and Condition names
};
void collect_references(const nlohmann::json& value, References& out,
                        const std::map<std::string, bool>* conditions = nullptr);

bool is_pseudo_parameter(const std::string& name);

}  // namespace ssmlink::emulator
