#include "cli/render_stackset.hpp"

#include <sstream>

#include "util/strings.hpp"

namespace ssmlink::cli {

namespace {

using workflows::TargetOutcome;

std::string where(const workflows::StackSetTarget& target) {
  std::string line = target.region + "  " + target.account_id;
  if (!target.vpc.vpc_id.empty()) line += "  " + target.vpc.vpc_id;
  return line;
}

nlohmann::ordered_json optional_time(const std::optional<Clock::TimePoint>& time) {
  return time ? nlohmann::ordered_json(format_iso8601(*time)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json result_json(const workflows::TargetResult& result) {
  nlohmann::ordered_json json{{"account", result.target.account_id},
                              {"region", result.target.region},
                              {"outcome", outcome_name(result.outcome)}};
  if (!result.target.vpc.vpc_id.empty()) {
    json["vpc"] = result.target.vpc.vpc_id;
    json["subnets"] = result.target.vpc.subnet_ids;
    json["instances"] = result.target.vpc.instance_ids;
    json["instance_group"] = result.target.vpc.instance_group.empty()
                                 ? nlohmann::ordered_json(nullptr)
                                 : nlohmann::ordered_json(result.target.vpc.instance_group);
  }
  json["reason"] = result.reason.empty() ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json(result.reason);
  json["fix"] =
      result.fix.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(result.fix);
  json["operation_id"] = result.operation_id.empty() ? nlohmann::ordered_json(nullptr)
                                                     : nlohmann::ordered_json(result.operation_id);
  return json;
}

}  // namespace

const char* outcome_name(TargetOutcome outcome) {
  switch (outcome) {
    case TargetOutcome::AlreadyDeployed:
      return "already-deployed";
    case TargetOutcome::Deployed:
      return "deployed";
    case TargetOutcome::Failed:
      return "failed";
    case TargetOutcome::Cancelled:
      return "cancelled";
    case TargetOutcome::Skipped:
      return "skipped";
  }
  return "failed";  // not reached
}

StackSetUpView::StackSetUpView(std::ostream& out, Clock& clock,
                               const workflows::StackSetUpRequest& request, bool text)
    : out_(out), clock_(clock), request_(request), text_(text) {}

void StackSetUpView::on_audit_progress(size_t done, size_t total) {
  std::lock_guard lock(mutex_);
  if (progress_) progress_(done, total);
}

void StackSetUpView::on_planned(const workflows::StackSetPlanned& planned) {
  if (!text_) return;
  out_ << "StackSet " << planned.stack_set_name
       << (planned.stack_set_exists ? " (exists)" : " (new: service-managed, managed execution)")
       << "\n";
  if (planned.stack_set_exists && request_.ttl) {
    // The expiry is a tag written when the StackSet is made; changing it would need
    // UpdateStackSet, which re-deploys every instance.
    out_ << "Note     --ttl is set when the StackSet is created; " << planned.stack_set_name
         << " exists, so its expiry stays as it is (ssmlink down --stackset, then up, to "
            "change it)\n";
  }
  if (planned.targets == 0) {
    out_ << "Nothing to deploy: no VPC needs the endpoints, or every one has them already.\n";
    return;
  }
  out_ << "Deploying to " << planned.targets << " VPC" << (planned.targets == 1 ? "" : "s")
       << " in " << planned.accounts << " account" << (planned.accounts == 1 ? "" : "s") << ", "
       << planned.regions << " region" << (planned.regions == 1 ? "" : "s") << " (regions "
       << (request_.parallel_regions ? "in parallel" : "one at a time") << ", "
       << request_.max_concurrent << " at a time, failure tolerance " << request_.failure_tolerance
       << ")\n";
  out_ << std::flush;
}

void StackSetUpView::on_started(const workflows::StackSetTarget& target,
                                const std::string& operation) {
  if (!text_) return;
  out_ << "  started    " << where(target) << "  (operation " << operation << ")\n" << std::flush;
}

void StackSetUpView::on_result(const workflows::TargetResult& result) {
  if (!text_) return;
  std::string label = outcome_name(result.outcome);
  if (result.outcome == TargetOutcome::Failed) label = "FAILED";
  label.resize(std::max<size_t>(label.size(), 10), ' ');
  out_ << "  " << label << ' ' << where(result.target);
  if (!result.reason.empty()) out_ << "\n             " << result.reason;
  if (!result.fix.empty()) out_ << "\n             Fix: " << result.fix;
  out_ << "\n" << std::flush;
}

void StackSetUpView::finish(const workflows::StackSetUpReport& report) {
  const auto& audit = report.audit;
  out_ << "Audit    " << audit.regions << " account-regions read in " << audit.accounts
       << " accounts";
  if (audit.unreadable_accounts + audit.unreadable_regions > 0) {
    out_ << ", unreadable: " << audit.unreadable_accounts << " account"
         << (audit.unreadable_accounts == 1 ? "" : "s") << " and " << audit.unreadable_regions
         << " region" << (audit.unreadable_regions == 1 ? "" : "s")
         << " (ssmlink doctor --org says why)";
  }
  out_ << "\n";
  out_ << "Summary  " << report.count(TargetOutcome::Deployed) << " deployed, "
       << report.count(TargetOutcome::AlreadyDeployed) << " already deployed, "
       << report.count(TargetOutcome::Failed) << " failed, "
       << report.count(TargetOutcome::Cancelled) << " cancelled, "
       << report.count(TargetOutcome::Skipped) << " skipped\n";
  if (report.expires_at) {
    out_ << "Expires  " << format_iso8601(*report.expires_at)
         << " (ssmlink down --stackset --expired deletes it then)\n";
  }
  if (report.interrupted) {
    out_ << "Stopped  Ctrl-C: started operations go on in CloudFormation; run the same command "
            "again to carry on, or ssmlink down --stackset to undo.\n";
  } else if (report.count(TargetOutcome::Failed) > 0) {
    out_ << "Fix      the causes above, then run the same command again: it deploys only what "
            "is missing or failed.\n";
  }
  out_ << std::flush;
}

nlohmann::ordered_json stackset_up_json(const workflows::StackSetUpReport& report) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& result : report.results)
    results.push_back(result_json(result));
  const auto& audit = report.audit;
  return {{"stack_set_name", report.stack_set_name},
          {"stack_set_id", report.stack_set_id},
          {"created_stack_set", report.created_stack_set},
          {"expires_at", optional_time(report.expires_at)},
          {"interrupted", report.interrupted},
          {"audit",
           {{"accounts", audit.accounts},
            {"regions", audit.regions},
            {"unreadable_accounts", audit.unreadable_accounts},
            {"unreadable_regions", audit.unreadable_regions}}},
          {"totals",
           {{"deployed", report.count(TargetOutcome::Deployed)},
            {"already_deployed", report.count(TargetOutcome::AlreadyDeployed)},
            {"failed", report.count(TargetOutcome::Failed)},
            {"cancelled", report.count(TargetOutcome::Cancelled)},
            {"skipped", report.count(TargetOutcome::Skipped)}}},
          {"results", results}};
}

void StackSetDownView::on_started(const workflows::StackSetTarget& target,
                                  const std::string& operation) {
  if (!text_) return;
  out_ << "  deleting  " << where(target) << "  (operation " << operation << ")\n" << std::flush;
}

void StackSetDownView::on_result(const workflows::TargetResult& result) {
  if (!text_) return;
  out_ << "  " << (result.outcome == TargetOutcome::Deployed ? "deleted   " : "FAILED    ")
       << where(result.target);
  if (!result.reason.empty()) out_ << "\n             " << result.reason;
  out_ << "\n" << std::flush;
}

void StackSetDownView::finish(const workflows::StackSetDownReport& report) {
  using workflows::StackSetDownOutcome;
  switch (report.outcome) {
    case StackSetDownOutcome::Deleted:
      out_ << "Deleted  StackSet " << report.stack_set_name << " and its "
           << report.instances_deleted << " stack instance"
           << (report.instances_deleted == 1 ? "" : "s") << "\n";
      break;
    case StackSetDownOutcome::NotFound:
      out_ << "Nothing to delete: there is no StackSet " << report.stack_set_name << "\n";
      break;
    case StackSetDownOutcome::NotExpired:
      out_ << "Not expired: StackSet " << report.stack_set_name
           << (report.expires_at ? " expires at " + format_iso8601(*report.expires_at)
                                 : std::string(" has no expiry (up --stackset --ttl sets one)"))
           << "; left alone\n";
      break;
    case StackSetDownOutcome::Failed:
      out_ << "Failed   " << report.failures.size()
           << " stack instance(s) could not be deleted; the StackSet " << report.stack_set_name
           << " stays. Fix the causes above and run ssmlink down --stackset again.\n";
      break;
    case StackSetDownOutcome::Interrupted:
      out_ << "Stopped  Ctrl-C: the deletions go on in CloudFormation; run ssmlink down "
              "--stackset again to finish.\n";
      break;
  }
  out_ << std::flush;
}

nlohmann::ordered_json stackset_down_json(const workflows::StackSetDownReport& report) {
  using workflows::StackSetDownOutcome;
  const char* outcome = "deleted";
  switch (report.outcome) {
    case StackSetDownOutcome::Deleted:
      break;
    case StackSetDownOutcome::NotFound:
      outcome = "not-found";
      break;
    case StackSetDownOutcome::NotExpired:
      outcome = "not-expired";
      break;
    case StackSetDownOutcome::Failed:
      outcome = "failed";
      break;
    case StackSetDownOutcome::Interrupted:
      outcome = "interrupted";
      break;
  }
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const auto& failure : report.failures)
    failures.push_back(result_json(failure));
  return {{"stack_set_name", report.stack_set_name},
          {"outcome", outcome},
          {"instances_deleted", report.instances_deleted},
          {"expires_at", optional_time(report.expires_at)},
          {"failures", failures}};
}

nlohmann::ordered_json stackset_status_json(const workflows::StackSetStatusReport& report) {
  nlohmann::ordered_json instances = nlohmann::ordered_json::array();
  for (const auto& row : report.instances) {
    instances.push_back({{"account", row.account_id},
                         {"region", row.region},
                         {"status", row.status},
                         {"detailed_status", row.detailed_status},
                         {"drift_status", row.drift_status},
                         {"status_reason", row.status_reason},
                         {"stack_id", row.stack_id}});
  }
  return {{"stack_set_name", report.stack_set_name},
          {"found", report.found},
          {"managed", report.managed},
          {"stack_set_id", report.stack_set_id},
          {"expires_at", optional_time(report.expires_at)},
          {"instances", instances}};
}

std::string stackset_status_text(const workflows::StackSetStatusReport& report) {
  std::ostringstream out;
  if (!report.found) {
    out << "No StackSet " << report.stack_set_name
        << " (ssmlink up --stackset creates it; --stackset-name picks another)\n";
    return out.str();
  }
  out << "StackSet " << report.stack_set_name << "  " << report.stack_set_id
      << (report.managed ? "" : "  (not ssmlink's)") << "\n";
  if (report.expires_at) out << "Expires  " << format_iso8601(*report.expires_at) << "\n";
  if (report.instances.empty()) {
    out << "No stack instances.\n";
    return out.str();
  }
  out << "ACCOUNT       REGION          STATUS      DETAIL      DRIFT\n";
  for (const auto& row : report.instances) {
    char line[160];
    std::snprintf(line, sizeof line, "%-13s %-15s %-11s %-11s %s", row.account_id.c_str(),
                  row.region.c_str(), row.status.c_str(), row.detailed_status.c_str(),
                  row.drift_status.c_str());
    out << line << "\n";
    if (!row.status_reason.empty()) out << "              " << row.status_reason << "\n";
  }
  return out.str();
}

}  // namespace ssmlink::cli
