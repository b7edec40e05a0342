// What `up` shows: the target and its checks, the stack's progress (stack_view.hpp), and
// the outcome with what to do next; or, for --output json, one object at the end.
#pragma once
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/stack_view.hpp"
#include "workflows/up.hpp"

namespace ssmlink::cli {

struct UpStyle {
  ProgressMode mode = ProgressMode::Lines;
  bool color = false;
  std::optional<std::string> profile;  // repeated in the commands printed
  bool inside_session = false;         // connect/exec: the session is the next step
};

class UpView final : public workflows::UpObserver {
 public:
  UpView(std::ostream& out, Clock& clock, UpStyle style);

  void on_preflight(const domain::Diagnosis& diagnosis) override;
  void on_phase(workflows::UpPhase phase, const std::string& stack_name) override;
  void on_phase_end(const workflows::WatchResult& result) override;
  void on_waiting_online(const std::string& instance_id) override;
  void on_event(const domain::StackEventRecord& event,
                const domain::StackProgress& progress) override;
  void on_tick(const domain::StackProgress& progress) override;
  void on_retry_later(const workflows::RetryNotice& notice) override;

  // The outcome's lines: agent, cost, connect/undo, or the failure and its fix.
  void finish(const workflows::UpReport& report);

 private:
  std::ostream& out_;
  UpStyle style_;
  StackView stack_;
  bool quiet_;
};

// A stack's resources as up and down print them in JSON: logical_id, type, status,
// physical_id.
nlohmann::ordered_json resources_json(const std::vector<domain::ResourceRow>& rows);

// The JSON object --output json prints (README, "up --output json").
std::string up_json(const workflows::UpReport& report, Clock::TimePoint finished,
                    const std::optional<std::string>& profile);

// "ssmlink connect --instance i-... --region R [--profile P]"
std::string connect_command(const std::string& instance_id, const std::string& region,
                            const std::optional<std::string>& profile);

}  // namespace ssmlink::cli
