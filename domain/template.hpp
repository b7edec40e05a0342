// The CloudFormation template for a Plan, as a document (JSON's data model, keys in
// the order they are written) and rendered as YAML or JSON.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace ssmlink::domain {

using Document = nlohmann::ordered_json;

// The logical ID of the endpoints' security group (the seed's, kept in every form).
inline constexpr std::string_view kSecurityGroupLogicalId = "VpcEndpointSecurityGroup";

Document build_template(const Plan& plan, std::string_view version);

enum class TemplateFormat { Yaml, Json };
// The words --format accepts (yml too, as a synonym), for help and shell completion.
inline constexpr std::string_view kTemplateFormatNames[] = {"yaml", "json"};
Result<TemplateFormat> parse_template_format(std::string_view text);

// YAML uses CloudFormation's short-form tags (!Ref, !Sub, !GetAtt); JSON the long form.
std::string render_template(const Document& document, TemplateFormat format);

}  // namespace ssmlink::domain
