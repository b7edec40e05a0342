#include "cli/render_down.hpp"

#include "cli/render_up.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace ssmlink::cli {

using workflows::DownOutcome;

void DownView::on_deleting(const std::string& stack_name) {
  last_ = {};
  stack_.begin(stack_name, "deleting");
}

void DownView::on_event(const domain::StackEventRecord& event,
                        const domain::StackProgress& progress) {
  last_ = progress;
  stack_.on_event(event, progress);
}

void DownView::on_tick(const domain::StackProgress& progress) {
  stack_.on_tick(progress);
}

void DownView::on_retry_later(const workflows::RetryNotice& notice) {
  stack_.on_retry_later(notice);
}

void DownView::on_deleted(const workflows::StackDeletion& deletion) {
  stack_.end(last_);
  if (!text_) return;
  if (deletion.status == "DELETE_FAILED") {
    if (deletion.root_cause) {
      out_ << "Failed   " << deletion.root_cause->logical_id << " (" << deletion.root_cause->type
           << ")\n         " << domain::essential_reason(deletion.root_cause->reason) << "\n";
    } else {
      out_ << "Failed   " << deletion.stack_name << " DELETE_FAILED\n";
    }
    if (deletion.hint) {
      out_ << "Why      " << deletion.hint->explanation << "\n"
           << "Fix      " << deletion.hint->fix << "\n";
    } else {
      out_ << "         Fix that, then run the same ssmlink down again.\n";
    }
  }
  out_ << std::flush;
}

void DownView::finish(const workflows::DownReport& report) {
  switch (report.outcome) {
    case DownOutcome::NothingToDelete:
      out_ << "Nothing to delete: no " << report.looked_for << " in " << report.region << ".\n";
      break;
    case DownOutcome::Deleted:
      for (const auto& stack : report.stacks) {
        auto took =
            stack.finished
                ? std::chrono::duration_cast<std::chrono::seconds>(*stack.finished - stack.started)
                : std::chrono::seconds(0);
        out_ << "Deleted  " << stack.stack_name << " in " << clock_text(took) << "\n";
      }
      break;
    case DownOutcome::Interrupted:
      out_ << "Stopped  watching; CloudFormation carries on deleting.\n"
           << "Resume:  ssmlink status --watch " << report.stacks.back().stack_name << "\n";
      break;
    case DownOutcome::Failed:
      break;  // on_deleted said why
  }
  out_ << std::flush;
}

std::string down_json(const workflows::DownReport& report) {
  using Json = nlohmann::ordered_json;
  static const char* outcomes[] = {"deleted", "nothing-to-delete", "failed", "interrupted"};
  Json stacks = Json::array();
  for (const auto& stack : report.stacks) {
    stacks.push_back(
        {{"stack_name", stack.stack_name},
         {"stack_id", stack.stack_id},
         {"status", stack.status},
         {"resources", resources_json(stack.resources)},
         {"root_cause", stack.root_cause ? Json{{"logical_id", stack.root_cause->logical_id},
                                                {"type", stack.root_cause->type},
                                                {"reason", stack.root_cause->reason}}
                                         : Json(nullptr)},
         {"hint", stack.hint
                      ? Json{{"explanation", stack.hint->explanation}, {"fix", stack.hint->fix}}
                      : Json(nullptr)},
         {"started", format_iso8601(stack.started)},
         {"finished", stack.finished ? Json(format_iso8601(*stack.finished)) : Json(nullptr)},
         {"seconds",
          stack.finished
              ? Json(std::chrono::duration<double>(*stack.finished - stack.started).count())
              : Json(nullptr)},
         {"polls", stack.polls}});
  }
  Json json{{"outcome", outcomes[static_cast<int>(report.outcome)]},
            {"region", report.region},
            {"looked_for", report.looked_for},
            {"stacks", stacks}};
  return json.dump(2) + "\n";
}

}  // namespace ssmlink::cli
