#include "domain/findings.hpp"

#include <algorithm>

namespace ssmlink::domain {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
    case Severity::Ok:
      return "ok";
  }
  return "ok";
}

bool any_error(const std::vector<Finding>& findings) {
  return std::ranges::any_of(findings,
                             [](const Finding& f) { return f.severity == Severity::Error; });
}

bool any_blocking_after_up(const std::vector<Finding>& findings) {
  return std::ranges::any_of(
      findings, [](const Finding& f) { return f.severity == Severity::Error && !f.fixed_by_up; });
}

}  // namespace ssmlink::domain
