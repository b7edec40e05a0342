// `ssmlink template`: the CloudFormation template for a plan, printed or saved.
#pragma once
#include <optional>
#include <string>

#include "domain/plan.hpp"
#include "domain/template.hpp"

namespace ssmlink::workflows {

struct TemplateRequest {
  domain::Plan plan;
  domain::TemplateFormat format = domain::TemplateFormat::Yaml;
  std::optional<std::string> output_file;  // -o FILE; otherwise the text is returned
};

// The template text. With an output file, writes it there (atomically) and returns "".
// Throws UsageError for a contradictory plan; nothing is written then.
std::string run_template(const TemplateRequest& request);

}  // namespace ssmlink::workflows
