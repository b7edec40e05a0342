// What up, down and status --stackset print: a line per target as it starts and ends,
// a summary, and the same as one JSON document with --output json.
#pragma once
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "util/clock.hpp"
#include "workflows/stackset.hpp"

namespace ssmlink::cli {

class StackSetUpView : public workflows::StackSetObserver {
 public:
  StackSetUpView(std::ostream& out, Clock& clock, const workflows::StackSetUpRequest& request,
                 bool text);
  void set_progress(std::function<void(size_t, size_t)> progress) {
    progress_ = std::move(progress);
  }

  void on_audit_progress(size_t done, size_t total) override;
  void on_planned(const workflows::StackSetPlanned& planned) override;
  void on_started(const workflows::StackSetTarget& target, const std::string& operation) override;
  void on_result(const workflows::TargetResult& result) override;
  void finish(const workflows::StackSetUpReport& report);

 private:
  std::ostream& out_;
  Clock& clock_;
  const workflows::StackSetUpRequest& request_;
  bool text_;
  std::function<void(size_t, size_t)> progress_;
  std::mutex mutex_;  // audit progress comes from the audit's workers
};

class StackSetDownView : public workflows::StackSetObserver {
 public:
  StackSetDownView(std::ostream& out, bool text) : out_(out), text_(text) {}
  void on_started(const workflows::StackSetTarget& target, const std::string& operation) override;
  void on_result(const workflows::TargetResult& result) override;
  void finish(const workflows::StackSetDownReport& report);

 private:
  std::ostream& out_;
  bool text_;
};

const char* outcome_name(workflows::TargetOutcome outcome);
nlohmann::ordered_json stackset_up_json(const workflows::StackSetUpReport& report);
nlohmann::ordered_json stackset_down_json(const workflows::StackSetDownReport& report);
nlohmann::ordered_json stackset_status_json(const workflows::StackSetStatusReport& report);
std::string stackset_status_text(const workflows::StackSetStatusReport& report);

}  // namespace ssmlink::cli
