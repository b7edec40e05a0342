#include "cli/render_doctor.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "util/json_text.hpp"

namespace ssmlink::cli {

namespace {

using domain::Finding;
using domain::Severity;

// The buffer goes to the stream once it holds this much.
constexpr size_t kFlushAt = 1 << 16;

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

void append_heading(std::string& out, const domain::Diagnosis& diagnosis) {
  const std::string& what =
      diagnosis.instance_id.empty() ? diagnosis.vpc_id : diagnosis.instance_id;
  out += "Session Manager path for ";
  out += what;
  out += " (";
  out += diagnosis.vpc_id;
  if (!diagnosis.availability_zone.empty()) {
    out += ", ";
    out += diagnosis.availability_zone;
  }
  out += ")\n";
}

void list_findings(std::string& out, const domain::Diagnosis& diagnosis, const DoctorStyle& style) {
  size_t width = 24;
  for (const Finding& finding : diagnosis.findings)
    width = std::max(width, finding.id.size() + 1);
  for (const Finding& finding : diagnosis.findings) {
    Mark m = mark(finding.severity);
    out += "  ";
    if (style.color) out += m.color;
    out += m.symbol;
    if (style.color) out += "\033[0m";
    out += ' ';
    out += finding.id;
    out.append(width - std::min(width, finding.id.size()), ' ');
    out += finding.title;
    out += '\n';
    if (style.verbose && !finding.detail.empty()) {
      out += "      ";
      out += finding.detail;
      out += '\n';
    }
  }
}

// A fix over several lines: the lines after the first line up under it.
void append_indented(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '\n') {
      out += "\n     ";
    } else {
      out += c;
    }
  }
}

// Errors first, those `up` fixes last (up is the final step); then other advice.
void list_fixes(std::string& out, const domain::Diagnosis& diagnosis) {
  std::vector<const Finding*> blocking;
  for (bool by_up : {false, true}) {
    for (const Finding& finding : diagnosis.findings) {
      if (finding.severity == Severity::Error && finding.fixed_by_up == by_up)
        blocking.push_back(&finding);
    }
  }
  if (blocking.empty()) {
    out += "\nNothing blocks a session";
    if (!diagnosis.instance_id.empty()) {
      out += " to ";
      out += diagnosis.instance_id;
    }
    out += ".\n";
  } else {
    out += '\n';
    out += std::to_string(blocking.size());
    out += blocking.size() == 1 ? " problem blocks" : " problems block";
    out += " a session. Fix ";
    out += blocking.size() == 1 ? "it:" : "them in this order:";
    out += '\n';
    int number = 1;
    for (const Finding* finding : blocking) {
      out += "  ";
      out += std::to_string(number++);
      out += ". ";
      append_indented(out, finding->fix.empty() ? finding->title : finding->fix);
      out += '\n';
    }
  }
  bool first = true;
  for (const Finding& finding : diagnosis.findings) {
    if (finding.severity != Severity::Warning || finding.fix.empty()) continue;
    if (first) out += "Also worth doing:\n";
    first = false;
    out += "  - ";
    append_indented(out, finding.fix);
    out += "  (";
    out += finding.id;
    out += ")\n";
  }
}

// Printable ASCII but the quote and the backslash: what a JSON string holds unescaped.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c)
    plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

// A JSON string as nlohmann's dump wrote it before. Almost every string here is plain
// and is copied as it is (the JSON report of a large region is hundreds of MB);
// append_json_string escapes the rest the same way, but text that is not all ASCII
// still goes through nlohmann, whose replacement of bytes that are not UTF-8 differs in
// the count of U+FFFD for a cut-off sequence.
void append_string(std::string& out, std::string_view text) {
  auto special =
      std::ranges::find_if(text, [](char c) { return !kPlain[static_cast<unsigned char>(c)]; });
  if (special == text.end()) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  bool ascii =
      std::all_of(special, text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    append_json_string(out, text);
  } else {
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void append_member(std::string& out, std::string_view name, std::string_view value) {
  out += ",\n  \"";
  out += name;
  out += "\": ";
  append_string(out, value);
}

// One finding as nlohmann::ordered_json dumped it with an indent of 2, written directly:
// building a JSON value per finding was most of the time of doctor --all --output json.
void append_finding_json(std::string& out, const Finding& finding,
                         const domain::Diagnosis& diagnosis) {
  out += "{\n  \"id\": ";
  append_string(out, finding.id);
  append_member(out, "severity", domain::severity_name(finding.severity));
  append_member(out, "title", finding.title);
  append_member(out, "detail", finding.detail);
  out += ",\n  \"resources\": ";
  if (finding.resources.empty()) {
    out += "[]";
  } else {
    const char* separator = "[\n    ";
    for (const std::string& resource : finding.resources) {
      out += separator;
      append_string(out, resource);
      separator = ",\n    ";
    }
    out += "\n  ]";
  }
  append_member(out, "fix", finding.fix);
  if (!diagnosis.instance_id.empty()) append_member(out, "instance", diagnosis.instance_id);
  append_member(out, "vpc", diagnosis.vpc_id);
  out += ",\n  \"fixed_by_up\": ";
  out += finding.fixed_by_up ? "true" : "false";
  out += "\n}";
}

}  // namespace

void DoctorPrinter::add(const domain::Diagnosis& diagnosis) {
  if (style_.json) {
    add_json(diagnosis);
  } else {
    add_text(diagnosis);
  }
  if (buffer_.size() >= kFlushAt) flush();
}

void DoctorPrinter::add_text(const domain::Diagnosis& diagnosis) {
  if (style_.only_problems && diagnosis.findings.empty()) return;
  if (printed_++ > 0) buffer_ += '\n';
  append_heading(buffer_, diagnosis);
  buffer_ += '\n';
  list_findings(buffer_, diagnosis, style_);
  list_fixes(buffer_, diagnosis);
}

// Findings are written one by one into a single array: a region's worth never sits in
// memory as one document.
void DoctorPrinter::add_json(const domain::Diagnosis& diagnosis) {
  for (const Finding& finding : diagnosis.findings) {
    buffer_ += findings_++ == 0 ? "[\n" : ",\n";
    append_finding_json(buffer_, finding, diagnosis);
  }
}

void DoctorPrinter::finish(const workflows::DoctorSummary& summary) {
  if (style_.json) {
    buffer_ += findings_ == 0 ? "[]\n" : "\n]\n";
  } else if (summary.checked > 1) {
    buffer_ += '\n';
    buffer_ += std::to_string(summary.blocked);
    buffer_ += " of ";
    buffer_ += std::to_string(summary.checked);
    buffer_ += " instances have a problem that blocks a session.\n";
  }
  flush();
}

void DoctorPrinter::flush() {
  if (buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace ssmlink::cli
