// What `down` shows: each stack's deletion (stack_view.hpp), then what was deleted, what
// failed and why; or, for --output json, one object at the end.
#pragma once
#include <iosfwd>
#include <string>

#include "cli/stack_view.hpp"
#include "workflows/down.hpp"

namespace ssmlink::cli {

class DownView final : public workflows::DownObserver {
 public:
  // `text`: the outcome in words (off for --output json, which prints down_json instead).
  DownView(std::ostream& out, Clock& clock, ProgressMode mode, bool color, bool text)
      : out_(out), stack_(out, mode, clock, color), text_(text) {}

  void on_deleting(const std::string& stack_name) override;
  void on_deleted(const workflows::StackDeletion& deletion) override;
  void on_event(const domain::StackEventRecord& event,
                const domain::StackProgress& progress) override;
  void on_tick(const domain::StackProgress& progress) override;
  void on_retry_later(const workflows::RetryNotice& notice) override;
  void finish(const workflows::DownReport& report);

 private:
  std::ostream& out_;
  StackView stack_;
  domain::StackProgress last_;
  bool text_;
};

std::string down_json(const workflows::DownReport& report);

}  // namespace ssmlink::cli
