#include "workflows/template.hpp"

#include "util/files.hpp"
#include "util/version.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {

std::string run_template(const TemplateRequest& request) {
  auto plan = domain::check_plan(request.plan);
  if (!plan) throw UsageError(plan.error().message);
  std::string text =
      domain::render_template(domain::build_template(*plan, kVersion), request.format);
  if (!request.output_file) return text;
  try {
    write_file_atomically(*request.output_file, text);
  } catch (const FileError& error) {
    throw UsageError(std::string(error.what()) + " (check the -o path)");
  }
  return "";
}

}  // namespace ssmlink::workflows
