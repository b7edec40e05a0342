// A stack's progress on screen. On a terminal: a table of its resources redrawn in place
// (mark, logical ID, type, status, elapsed) under a line with the stack's own status and
// total time. Elsewhere (CI logs, pipes): one plain line per event, nothing redrawn.
// Silent for --output json and --quiet, which print only the outcome.
#pragma once
#include <iosfwd>
#include <string>

#include "cli/context.hpp"
#include "domain/stack_progress.hpp"
#include "util/clock.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::cli {

enum class ProgressMode { Live, Lines, Silent };

class StackView {
 public:
  StackView(std::ostream& out, ProgressMode mode, Clock& clock, bool color)
      : out_(out), mode_(mode), clock_(clock), color_(color) {}

  // A new phase: "creating", "deleting", "attaching", ...
  void begin(const std::string& stack_name, const std::string& action);
  void on_event(const domain::StackEventRecord& event, const domain::StackProgress& progress);
  void on_tick(const domain::StackProgress& progress);
  // The phase's final table stays on screen.
  void end(const domain::StackProgress& progress);
  // A call failed for now and will be made again: a line of its own, or on a terminal
  // under the table until the next event.
  void on_retry_later(const workflows::RetryNotice& notice);

 private:
  void redraw(const domain::StackProgress& progress);
  std::string table(const domain::StackProgress& progress) const;

  std::ostream& out_;
  ProgressMode mode_;
  Clock& clock_;
  bool color_;
  std::string stack_name_;
  std::string action_;
  Clock::TimePoint began_{};
  int drawn_lines_ = 0;
  unsigned frame_ = 0;
  std::string note_;  // the latest retry notice, under the table
};

// "Retrying EC2 DescribeVpcs failed: ... ; again in 4 s (2:56 left, --api-timeout)"
std::string retry_line(const workflows::RetryNotice& notice);

// Live on a terminal, lines elsewhere, silent for --output json and --quiet.
ProgressMode progress_mode(const Context& context);

// "0:41", "1:22", "1:02:03".
std::string clock_text(std::chrono::seconds elapsed);

}  // namespace ssmlink::cli
