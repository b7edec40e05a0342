#include "cli/stack_view.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace ssmlink::cli {

namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

constexpr const char* kSpinner[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

std::string mark(const std::string& status, unsigned frame, bool color) {
  auto paint = [&](const char* code, const char* text) {
    return color ? std::string(code) + text + "\033[0m" : std::string(text);
  };
  if (status.ends_with("_FAILED")) return paint("\033[31m", "✗");
  if (domain::is_in_progress(status)) return paint("\033[33m", kSpinner[frame % 10]);
  if (status.starts_with("ROLLBACK") || status.starts_with("UPDATE_ROLLBACK")) {
    return paint("\033[31m", "✗");
  }
  return paint("\033[32m", "✓");
}

std::string padded(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

seconds elapsed_between(Clock::TimePoint from, Clock::TimePoint to) {
  return std::max(seconds(0), duration_cast<seconds>(to - from));
}

}  // namespace

ProgressMode progress_mode(const Context& context) {
  if (context.global.format() == OutputFormat::Json || context.global.quiet) {
    return ProgressMode::Silent;
  }
  return context.out_is_terminal ? ProgressMode::Live : ProgressMode::Lines;
}

std::string clock_text(seconds elapsed) {
  long total = elapsed.count();
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

void StackView::begin(const std::string& stack_name, const std::string& action) {
  note_.clear();
  stack_name_ = stack_name;
  action_ = action;
  began_ = clock_.now();
  drawn_lines_ = 0;
  if (mode_ == ProgressMode::Lines) {
    out_ << "Stack    " << stack_name << "  " << action << "\n" << std::flush;
  } else if (mode_ == ProgressMode::Live) {
    redraw(domain::StackProgress{});
  }
}

std::string retry_line(const workflows::RetryNotice& notice) {
  auto wait_ms = notice.wait.count();
  std::string wait = wait_ms < 1000 ? std::to_string(wait_ms) + " ms"
                                    : std::to_string((wait_ms + 500) / 1000) + " s";
  return "Retrying " + notice.error + "; again in " + wait + " (" + clock_text(notice.left) +
         " left, --api-timeout)";
}

void StackView::on_retry_later(const workflows::RetryNotice& notice) {
  if (mode_ == ProgressMode::Silent) return;
  if (mode_ == ProgressMode::Live && drawn_lines_ > 0) {
    note_ = retry_line(notice);  // drawn at the next tick
    return;
  }
  out_ << retry_line(notice) << "\n" << std::flush;
}

void StackView::on_event(const domain::StackEventRecord& event,
                         const domain::StackProgress& progress) {
  note_.clear();
  if (mode_ == ProgressMode::Lines) {
    out_ << format_iso8601(event.timestamp) << " "
         << (event.is_stack() ? stack_name_ : event.logical_id) << " " << event.status;
    if (!event.reason.empty() && event.status.ends_with("_FAILED")) out_ << " " << event.reason;
    out_ << "\n" << std::flush;
  } else if (mode_ == ProgressMode::Live) {
    redraw(progress);
  }
}

void StackView::on_tick(const domain::StackProgress& progress) {
  if (mode_ != ProgressMode::Live) return;
  ++frame_;
  redraw(progress);
}

void StackView::end(const domain::StackProgress& progress) {
  if (mode_ == ProgressMode::Live) redraw(progress);
  drawn_lines_ = 0;  // what is drawn stays
}

void StackView::redraw(const domain::StackProgress& progress) {
  std::string text;
  // Back to the table's first line, and clear what was there.
  if (drawn_lines_ > 0) text += "\033[" + std::to_string(drawn_lines_) + "F\033[J";
  text += table(progress);
  drawn_lines_ = static_cast<int>(std::ranges::count(text, '\n'));
  out_ << text << std::flush;
}

std::string StackView::table(const domain::StackProgress& progress) const {
  const Clock::TimePoint now = clock_.now();
  std::string status = progress.stack_status().empty() ? action_ + "…" : progress.stack_status();
  seconds total = progress.finished() && progress.started() && progress.last_event()
                      ? elapsed_between(*progress.started(), *progress.last_event())
                      : elapsed_between(began_, now);
  std::string text =
      "Stack    " + padded(stack_name_, 36) + padded(status, 34) + clock_text(total) + "\n";
  for (const auto& row : progress.resources()) {
    seconds elapsed = domain::is_in_progress(row.status)
                          ? elapsed_between(row.started, now)
                          : elapsed_between(row.started, row.updated);
    text += "  " + mark(row.status, frame_, color_) + " " + padded(row.logical_id, 28) +
            padded(row.type, 28) + padded(row.status, 22) + clock_text(elapsed) + "\n";
  }
  if (!note_.empty()) text += "  " + note_ + "\n";
  return text;
}

}  // namespace ssmlink::cli
