// doctor's report, written as each target is checked: a line per check with a mark, then
// the fixes in order (text), or one JSON array of findings.
#pragma once
#include <iosfwd>

#include "domain/diagnosis.hpp"
#include "workflows/doctor.hpp"

namespace ssmlink::cli {

struct DoctorStyle {
  bool color = false;
  bool verbose = false;        // details under each finding
  bool only_problems = false;  // --all: skip targets with nothing to report
  bool json = false;
};

class DoctorPrinter {
 public:
  DoctorPrinter(std::ostream& out, DoctorStyle style) : out_(out), style_(style) {}
  void add(const domain::Diagnosis& diagnosis);
  void finish(const workflows::DoctorSummary& summary);

 private:
  void add_text(const domain::Diagnosis& diagnosis);
  void add_json(const domain::Diagnosis& diagnosis);
  std::ostream& out_;
  DoctorStyle style_;
  size_t printed_ = 0;
  size_t findings_ = 0;
};

}  // namespace ssmlink::cli
