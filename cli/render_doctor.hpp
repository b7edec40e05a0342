// doctor's report, written as each target is checked: a line per check with a mark, then
// the fixes in order (text), or one JSON array of findings.
#pragma once
#include <iosfwd>
#include <string>

#include "domain/diagnosis.hpp"
#include "workflows/doctor.hpp"

namespace ssmlink::cli {

struct DoctorStyle {
  bool color = false;
  bool verbose = false;        // details under each finding
  bool only_problems = false;  // --all: skip targets with nothing to report
  bool json = false;
};

// The report is built in a string and written to the stream in large pieces: a region's
// worth of findings written piece by piece through std::cout (synchronised with stdio) cost
// more than making them.
class DoctorPrinter {
 public:
  DoctorPrinter(std::ostream& out, DoctorStyle style) : out_(out), style_(style) {}
  DoctorPrinter(const DoctorPrinter&) = delete;
  DoctorPrinter& operator=(const DoctorPrinter&) = delete;
  // Writes what is still buffered, so a run cut short by an error keeps its output.
  ~DoctorPrinter() { flush(); }
  void add(const domain::Diagnosis& diagnosis);
  void finish(const workflows::DoctorSummary& summary);

 private:
  void add_text(const domain::Diagnosis& diagnosis);
  void add_json(const domain::Diagnosis& diagnosis);
  void flush();
  std::ostream& out_;
  DoctorStyle style_;
  std::string buffer_;
  size_t printed_ = 0;
  size_t findings_ = 0;
};

}  // namespace ssmlink::cli
