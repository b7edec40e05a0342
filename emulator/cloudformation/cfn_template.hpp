// A CloudFormation template read and checked the way CloudFormation does at CreateStack:
// its sections, parameters, conditions, resources and outputs, the references between
// them, and the values given for its parameters. Failures carry CloudFormation's
// ValidationError message ("Template format error: ...", "Parameters: [X] must have values").
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ssmlink::emulator {

// A template that CloudFormation would reject; what() is AWS's message.
struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ParameterDeclaration {
  std::string name;
  std::string type;  // String, Number, CommaDelimitedList, AWS::EC2::VPC::Id, List<...>, ...
  std::optional<std::string> default_value;  // as text: a YAML number 3 is "3"
  std::string description;
  std::vector<std::string> allowed_values;
  std::optional<std::string> allowed_pattern;
  std::string constraint_description;
  std::optional<size_t> min_length, max_length;
  std::optional<double> min_value, max_value;
  bool no_echo = false;

  bool is_list() const;
  // The AWS resource type an AWS-specific parameter names ("AWS::EC2::Subnet::Id" for both
  // AWS::EC2::Subnet::Id and List<AWS::EC2::Subnet::Id>); empty for String, Number, ...
  std::string aws_type() const;
};

struct ResourceDeclaration {
  std::string logical_id;
  std::string type;
  nlohmann::json properties = nlohmann::json::object();
  std::vector<std::string> depends_on;
  std::optional<std::string> condition;
  std::string deletion_policy = "Delete";  // Delete | Retain | Snapshot
};

struct OutputDeclaration {
  std::string name;
  nlohmann::json value;
  std::string description;
  std::optional<std::string> condition;
  std::optional<nlohmann::json> export_name;
};

struct Template {
  std::string format_version;  // "2010-09-09" or empty
  std::string description;
  std::vector<ParameterDeclaration> parameters;  // in template order
  nlohmann::json mappings = nlohmann::json::object();
  nlohmann::json conditions = nlohmann::json::object();
  std::map<std::string, ResourceDeclaration> resources;
  std::vector<OutputDeclaration> outputs;

  const ParameterDeclaration* parameter(const std::string& name) const;
  const ResourceDeclaration* resource(const std::string& logical_id) const;
};

// The resource types the emulator provisions. CloudFormation knows hundreds; the emulator
// knows only these four (the ones ssmlink emits), and rejects every other type the way
// CloudFormation rejects a type it does not recognise.
bool is_supported_resource_type(const std::string& type);
// The Fn::GetAtt attributes each supported type returns.
const std::set<std::string>& resource_attributes(const std::string& type);

// Parses a TemplateBody (JSON when it starts with '{', YAML otherwise) and checks its
// structure, parameter declarations, resource types, references and dependency cycles.
// Throws TemplateError with CloudFormation's message.
Template parse_template(const std::string& body);

// The values a stack's parameters take: what the caller gave, else the default; checked
// against the declaration (missing values, unknown names, AllowedValues, AllowedPattern,
// lengths, numbers). Throws TemplateError with CloudFormation's message.
struct ParameterValue {
  std::string name;
  std::string text;      // as given (a list parameter keeps its commas)
  nlohmann::json value;  // what Ref returns: a string, or a list of strings
  bool no_echo = false;
};
std::vector<ParameterValue> bind_parameters(
    const Template& tmpl, const std::vector<std::pair<std::string, std::string>>& given);

// Splits a list parameter's text at commas, trimming each member as CloudFormation does.
std::vector<std::string> split_list_parameter(const std::string& text);

}  // namespace ssmlink::emulator
