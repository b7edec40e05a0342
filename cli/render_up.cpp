#include "cli/render_up.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "util/strings.hpp"

namespace ssmlink::cli {

namespace {

using domain::Severity;
using workflows::UpOutcome;
using workflows::UpReport;

std::string profile_flag(const std::optional<std::string>& profile) {
  return profile ? " --profile " + *profile : "";
}

std::string usd(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

// Continuation lines line up under the first line's text.
void indented(std::ostream& out, const std::string& label, const std::string& text) {
  auto lines = split(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    out << (i == 0 ? label + std::string(9 - std::min<size_t>(label.size(), 8), ' ')
                   : std::string(9, ' '))
        << lines[i] << "\n";
  }
}

std::string agent_text(const domain::ManagedInstance& agent) {
  std::string text = agent.instance_id + " " + agent.ping_status;
  std::string platform = trim(agent.platform_name + " " + agent.platform_version);
  if (!agent.agent_version.empty()) {
    text += " (agent " + agent.agent_version + (platform.empty() ? "" : ", " + platform) + ")";
  }
  return text;
}

void print_blocked(std::ostream& out, const UpReport& report) {
  std::vector<const domain::Finding*> blocking;
  for (const auto& f : report.preflight.findings) {
    // Before a stack exists, what up would fix does not block it.
    if (f.severity == Severity::Error && (report.attached || !f.fixed_by_up))
      blocking.push_back(&f);
  }
  out << "Blocked  " << blocking.size() << (blocking.size() == 1 ? " problem" : " problems")
      << " would stop a session even with the endpoints:\n";
  for (const auto* f : blocking) {
    out << "  ✗ " << f->id << "  " << f->title << "\n";
    if (!f->fix.empty()) indented(out, "    fix", f->fix);
  }
  std::string target = report.preflight.instance_id.empty()
                           ? "--vpc " + report.preflight.vpc_id
                           : "--instance " + report.preflight.instance_id;
  out << (report.attached ? "The stack " + report.stack_name + " is up, but that is not enough. "
                          : std::string("Nothing was created. "))
      << "Fix the above, or run ssmlink up --force to try anyway;\n"
      << "ssmlink doctor " << target << " explains each check.\n";
}

void print_failure(std::ostream& out, const UpReport& report) {
  if (report.root_cause) {
    indented(out, "Failed",
             report.root_cause->logical_id + " (" + report.root_cause->type + ")\n" +
                 domain::essential_reason(report.root_cause->reason));
  } else {
    indented(out, "Failed", "stack " + report.stack_name + " ended " + report.stack_status);
  }
  if (report.hint) {
    indented(out, "Why", report.hint->explanation);
    indented(out, "Fix", report.hint->fix);
  }
  if (report.failed_stack_deleted) {
    out << "         then run the same ssmlink up again. The rolled-back stack was deleted.\n";
  } else {
    out << "         The stack " << report.stack_name << " is still there: ssmlink down --stack "
        << report.stack_name << "\n";
  }
}

}  // namespace

std::string connect_command(const std::string& instance_id, const std::string& region,
                            const std::optional<std::string>& profile) {
  return "ssmlink connect --instance " + instance_id + " --region " + region +
         profile_flag(profile);
}

UpView::UpView(std::ostream& out, Clock& clock, UpStyle style)
    : out_(out),
      style_(std::move(style)),
      stack_(out, style_.mode, clock, style_.color),
      quiet_(style_.mode == ProgressMode::Silent) {}

void UpView::on_preflight(const domain::Diagnosis& diagnosis) {
  if (quiet_) return;
  out_ << "Target   " << (diagnosis.instance_id.empty() ? "" : diagnosis.instance_id + "  ")
       << diagnosis.vpc_id;
  if (!diagnosis.subnet_id.empty()) {
    out_ << "  " << diagnosis.subnet_id << " (" << diagnosis.availability_zone << ")";
  }
  out_ << "\n";
  int ok = 0;
  std::vector<std::string> notes;
  for (const auto& f : diagnosis.findings) {
    if (f.severity == Severity::Ok) {
      ++ok;
    } else if (f.severity == Severity::Error) {
      notes.push_back((f.fixed_by_up ? "→ " : "✗ ") + f.id + "  " + f.title +
                      (f.fixed_by_up ? " (up fixes this)" : ""));
    } else if (f.severity == Severity::Warning) {
      notes.push_back("! " + f.id + "  " + f.title);
    }
  }
  out_ << "Checks   ✓ " << ok << " passed\n";
  for (const auto& note : notes)
    out_ << "         " << note << "\n";
  out_ << std::flush;
}

void UpView::on_phase(workflows::UpPhase phase, const std::string& stack_name) {
  using workflows::UpPhase;
  const char* action = phase == UpPhase::Creating              ? "creating"
                       : phase == UpPhase::Attaching           ? "already being created: watching"
                       : phase == UpPhase::RemovingFailedStack ? "deleting the earlier failed stack"
                                                               : "rolled back: deleting it";
  stack_.begin(stack_name, action);
}

void UpView::on_phase_end(const workflows::WatchResult& result) {
  stack_.end(result.progress);
}

void UpView::on_waiting_online(const std::string& instance_id) {
  if (quiet_) return;
  out_ << "Agent    waiting for " << instance_id << " to come Online…\n" << std::flush;
}

void UpView::on_event(const domain::StackEventRecord& event,
                      const domain::StackProgress& progress) {
  stack_.on_event(event, progress);
}

void UpView::on_tick(const domain::StackProgress& progress) {
  stack_.on_tick(progress);
}

void UpView::on_retry_later(const workflows::RetryNotice& notice) {
  stack_.on_retry_later(notice);
}

void UpView::finish(const UpReport& report) {
  const std::string undo =
      "ssmlink down --stack " + report.stack_name + profile_flag(style_.profile);
  switch (report.outcome) {
    case UpOutcome::Blocked:
      print_blocked(out_, report);
      break;
    case UpOutcome::Failed:
      print_failure(out_, report);
      break;
    case UpOutcome::Interrupted:
      out_ << "Stopped  watching; CloudFormation carries on with " << report.stack_name << ".\n"
           << "Resume:  ssmlink status --watch " << report.stack_name
           << profile_flag(style_.profile) << "   (or the same ssmlink up again)\n"
           << "Undo:    " << undo << "\n";
      break;
    case UpOutcome::NotOnline: {
      std::string seen =
          report.agent ? "SSM says " + report.agent->ping_status : "SSM does not know the instance";
      out_ << "Agent    " << report.preflight.instance_id << " did not come Online (" << seen
           << ")\n"
           << "Check    what doctor finds now, with the endpoints in place:\n";
      for (const auto& f : report.still_wrong) {
        out_ << "  " << (f.severity == Severity::Error ? "✗ " : "! ") << f.id << "  " << f.title
             << "\n";
        if (!f.fix.empty()) indented(out_, "    fix", f.fix);
      }
      if (report.still_wrong.empty()) {
        out_ << "         nothing: the agent may need longer (--online-timeout) or a restart\n";
      }
      out_ << "Details: ssmlink doctor --instance " << report.preflight.instance_id << "\n"
           << "Undo:    " << undo << "\n";
      break;
    }
    case UpOutcome::Created:
    case UpOutcome::AlreadyUp:
    case UpOutcome::NothingToDo: {
      if (report.outcome == UpOutcome::AlreadyUp) {
        out_ << "Stack    " << report.stack_name << "  already up (" << report.stack_status
             << ")\n";
      } else if (report.outcome == UpOutcome::NothingToDo) {
        out_ << "Stack    nothing to create: the VPC's endpoints already serve";
        for (const auto& reused : report.reused) {
          out_ << " " << domain::info(reused.service).key << " (" << reused.endpoint_id << ")";
        }
        out_ << "\n";
      }
      if (report.agent && report.online_at)
        out_ << "Agent    " << agent_text(*report.agent) << "\n";
      if (report.hourly_usd && report.outcome != UpOutcome::NothingToDo) {
        out_ << "Cost     " << usd(*report.hourly_usd) << " USD/hour while it exists";
        if (report.expires_at) {
          out_ << "; expires " << format_iso8601(*report.expires_at) << " (ssmlink down --expired)";
        }
        out_ << "\n";
      }
      if (style_.inside_session) break;  // the session follows; no Connect/Undo advice
      out_ << "\n";
      if (!report.preflight.instance_id.empty()) {
        out_ << "Connect: "
             << connect_command(report.preflight.instance_id, report.region, style_.profile)
             << "\n";
      }
      if (report.outcome != UpOutcome::NothingToDo) out_ << "Undo:    " << undo << "\n";
      break;
    }
  }
  out_ << std::flush;
}

nlohmann::ordered_json resources_json(const std::vector<domain::ResourceRow>& rows) {
  nlohmann::ordered_json resources = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    resources.push_back({{"logical_id", row.logical_id},
                         {"type", row.type},
                         {"status", row.status},
                         {"physical_id", row.physical_id}});
  }
  return resources;
}

std::string up_json(const UpReport& report, Clock::TimePoint finished,
                    const std::optional<std::string>& profile) {
  using Json = nlohmann::ordered_json;
  static const char* outcomes[] = {"created", "already-up", "nothing-to-do", "blocked",
                                   "failed",  "not-online", "interrupted"};
  auto time_or_null = [](const std::optional<Clock::TimePoint>& t) {
    return t ? Json(format_iso8601(*t)) : Json(nullptr);
  };
  auto seconds_between = [](const std::optional<Clock::TimePoint>& from,
                            const std::optional<Clock::TimePoint>& to) {
    if (!from || !to) return Json(nullptr);
    return Json(std::chrono::duration<double>(*to - *from).count());
  };
  Json json;
  json["outcome"] = outcomes[static_cast<int>(report.outcome)];
  json["region"] = report.region;
  json["stack_name"] = report.stack_name;
  json["stack_id"] = report.stack_id.empty() ? Json(nullptr) : Json(report.stack_id);
  json["status"] = report.stack_status.empty() ? Json(nullptr) : Json(report.stack_status);
  json["attached"] = report.attached;
  json["instance_id"] =
      report.preflight.instance_id.empty() ? Json(nullptr) : Json(report.preflight.instance_id);
  json["vpc_id"] = report.preflight.vpc_id;
  Json services = Json::array();
  for (auto service : report.services)
    services.push_back(domain::info(service).key);
  json["services"] = services;
  json["resources"] = resources_json(report.resources);
  Json reused = Json::array();
  for (const auto& r : report.reused) {
    reused.push_back({{"service", domain::info(r.service).key}, {"endpoint_id", r.endpoint_id}});
  }
  json["reused_endpoints"] = reused;
  Json preflight = Json::array();
  for (const auto& f : report.preflight.findings) {
    if (f.severity == Severity::Ok) continue;
    preflight.push_back({{"id", f.id},
                         {"severity", domain::severity_name(f.severity)},
                         {"title", f.title},
                         {"fixed_by_up", f.fixed_by_up},
                         {"fix", f.fix}});
  }
  json["preflight"] = preflight;
  json["root_cause"] = report.root_cause ? Json{{"logical_id", report.root_cause->logical_id},
                                                {"type", report.root_cause->type},
                                                {"status", report.root_cause->status},
                                                {"reason", report.root_cause->reason}}
                                         : Json(nullptr);
  json["hint"] = report.hint
                     ? Json{{"explanation", report.hint->explanation}, {"fix", report.hint->fix}}
                     : Json(nullptr);
  json["failed_stack_deleted"] = report.failed_stack_deleted;
  Json still_wrong = Json::array();
  for (const auto& f : report.still_wrong) {
    still_wrong.push_back({{"id", f.id},
                           {"severity", domain::severity_name(f.severity)},
                           {"title", f.title},
                           {"fix", f.fix}});
  }
  json["still_wrong"] = still_wrong;
  json["agent"] = report.agent ? Json{{"ping_status", report.agent->ping_status},
                                      {"agent_version", report.agent->agent_version},
                                      {"platform_name", report.agent->platform_name},
                                      {"platform_version", report.agent->platform_version}}
                               : Json(nullptr);
  bool usable = report.outcome == UpOutcome::Created || report.outcome == UpOutcome::AlreadyUp ||
                report.outcome == UpOutcome::NothingToDo;
  json["connect"] =
      usable && !report.preflight.instance_id.empty()
          ? Json(connect_command(report.preflight.instance_id, report.region, profile))
          : Json(nullptr);
  json["expires_at"] = time_or_null(report.expires_at);
  json["hourly_usd"] = report.hourly_usd ? Json(*report.hourly_usd) : Json(nullptr);
  json["timings"] = {
      {"started", format_iso8601(report.started)},
      {"stack_started", time_or_null(report.stack_started)},
      {"stack_finished", time_or_null(report.stack_finished)},
      {"online_at", time_or_null(report.online_at)},
      {"finished", format_iso8601(finished)},
      {"total_seconds", seconds_between(report.started, finished)},
      {"stack_seconds", seconds_between(report.stack_started, report.stack_finished)},
      {"online_seconds", seconds_between(report.stack_finished, report.online_at)},
      {"polls", report.polls}};
  return json.dump(2) + "\n";
}

}  // namespace ssmlink::cli
