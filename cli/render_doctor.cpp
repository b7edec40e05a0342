#include "cli/render_doctor.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

namespace ssmlink::cli {

namespace {

using domain::Finding;
using domain::Severity;

struct Mark {
  const char* symbol;
  const char* color;
};

Mark mark(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return {"✗", "\033[31m"};
    case Severity::Warning:
      return {"!", "\033[33m"};
    case Severity::Info:
      return {"·", "\033[2m"};
    case Severity::Ok:
      return {"✓", "\033[32m"};
  }
  return {"?", ""};
}

std::string heading(const domain::Diagnosis& diagnosis) {
  std::string where = diagnosis.vpc_id;
  if (!diagnosis.availability_zone.empty()) where += ", " + diagnosis.availability_zone;
  std::string what = diagnosis.instance_id.empty() ? diagnosis.vpc_id : diagnosis.instance_id;
  return "Session Manager path for " + what + " (" + where + ")\n";
}

void list_findings(std::ostream& out, const domain::Diagnosis& diagnosis,
                   const DoctorStyle& style) {
  size_t width = 24;
  for (const Finding& finding : diagnosis.findings)
    width = std::max(width, finding.id.size() + 1);
  for (const Finding& finding : diagnosis.findings) {
    Mark m = mark(finding.severity);
    std::string id = finding.id;
    id.resize(width, ' ');
    out << "  " << (style.color ? m.color : "") << m.symbol << (style.color ? "\033[0m" : "") << " "
        << id << finding.title << "\n";
    if (style.verbose && !finding.detail.empty()) out << "      " << finding.detail << "\n";
  }
}

std::string indented(const std::string& text) {
  std::string out;
  for (char c : text)
    out += c == '\n' ? std::string("\n     ") : std::string(1, c);
  return out;
}

// Errors first, those `up` fixes last (up is the final step); then other advice.
void list_fixes(std::ostream& out, const domain::Diagnosis& diagnosis) {
  std::vector<const Finding*> blocking;
  for (bool by_up : {false, true}) {
    for (const Finding& finding : diagnosis.findings) {
      if (finding.severity == Severity::Error && finding.fixed_by_up == by_up)
        blocking.push_back(&finding);
    }
  }
  if (blocking.empty()) {
    out << "\nNothing blocks a session";
    if (!diagnosis.instance_id.empty()) out << " to " << diagnosis.instance_id;
    out << ".\n";
  } else {
    out << "\n"
        << blocking.size() << (blocking.size() == 1 ? " problem blocks" : " problems block")
        << " a session. Fix " << (blocking.size() == 1 ? "it:" : "them in this order:") << "\n";
    int number = 1;
    for (const Finding* finding : blocking) {
      out << "  " << number++ << ". "
          << indented(finding->fix.empty() ? finding->title : finding->fix) << "\n";
    }
  }
  bool first = true;
  for (const Finding& finding : diagnosis.findings) {
    if (finding.severity != Severity::Warning || finding.fix.empty()) continue;
    if (first) out << "Also worth doing:\n";
    first = false;
    out << "  - " << indented(finding.fix) << "  (" << finding.id << ")\n";
  }
}

}  // namespace

void DoctorPrinter::add(const domain::Diagnosis& diagnosis) {
  if (style_.json) {
    add_json(diagnosis);
  } else {
    add_text(diagnosis);
  }
}

void DoctorPrinter::add_text(const domain::Diagnosis& diagnosis) {
  if (style_.only_problems && diagnosis.findings.empty()) return;
  if (printed_++ > 0) out_ << "\n";
  out_ << heading(diagnosis) << "\n";
  list_findings(out_, diagnosis, style_);
  list_fixes(out_, diagnosis);
}

// Findings are written one by one into a single array: a region's worth never sits in
// memory as one document.
void DoctorPrinter::add_json(const domain::Diagnosis& diagnosis) {
  for (const Finding& finding : diagnosis.findings) {
    nlohmann::ordered_json item = {{"id", finding.id},
                                   {"severity", domain::severity_name(finding.severity)},
                                   {"title", finding.title},
                                   {"detail", finding.detail},
                                   {"resources", finding.resources},
                                   {"fix", finding.fix}};
    if (!diagnosis.instance_id.empty()) item["instance"] = diagnosis.instance_id;
    item["vpc"] = diagnosis.vpc_id;
    item["fixed_by_up"] = finding.fixed_by_up;
    out_ << (findings_++ == 0 ? "[\n" : ",\n")
         << item.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void DoctorPrinter::finish(const workflows::DoctorSummary& summary) {
  if (style_.json) {
    out_ << (findings_ == 0 ? "[]\n" : "\n]\n");
    return;
  }
  if (summary.checked > 1) {
    out_ << "\n"
         << summary.blocked << " of " << summary.checked
         << " instances have a problem that blocks a session.\n";
  }
}

}  // namespace ssmlink::cli
