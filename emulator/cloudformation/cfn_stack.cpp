#include "emulator/cloudformation/cfn_stack.hpp"

#include <cstdio>
#include <ctime>

namespace ssmlink::emulator {

EvaluationContext Stack::evaluation_context(const std::vector<std::string>& availability_zones,
                                            const std::string& account_id) const {
  EvaluationContext context;
  context.tmpl = tmpl.get();
  context.pseudo = {region, account_id, name, id, availability_zones};
  for (const auto& parameter : parameters)
    context.parameters[parameter.name] = parameter.value;
  context.conditions = conditions;
  // A snapshot of what is created; the context must not outlive this call's use.
  auto values = std::make_shared<std::map<std::string, ResourceValue>>();
  for (const auto& [logical_id, resource] : resources) {
    if (!resource.physical_id.empty()) {
      (*values)[logical_id] = ResourceValue{resource.physical_id, resource.attributes};
    }
  }
  context.resource = [values](const std::string& logical_id) -> const ResourceValue* {
    auto it = values->find(logical_id);
    return it == values->end() ? nullptr : &it->second;
  };
  return context;
}

bool is_terminal_stack_status(const std::string& status) {
  return status == "CREATE_COMPLETE" || status == "CREATE_FAILED" ||
         status == "ROLLBACK_COMPLETE" || status == "ROLLBACK_FAILED" ||
         status == "DELETE_COMPLETE" || status == "DELETE_FAILED";
}

bool is_in_progress(const std::string& status) {
  return status.ends_with("_IN_PROGRESS");
}

std::string format_timestamp(TimePoint time) {
  auto since_epoch = time.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  std::time_t whole = seconds.count();
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char buffer[40];
  size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(buffer + length, sizeof buffer - length, ".%03dZ",
                static_cast<int>(millis.count()));
  return buffer;
}

}  // namespace ssmlink::emulator
