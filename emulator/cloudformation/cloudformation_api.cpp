#include "emulator/cloudformation/cloudformation_api.hpp"

#include <algorithm>
#include <functional>
#include <regex>

#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

namespace {

const char* kNamespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
// Page sizes (unverified: AWS does not document them; 100 matches what the CLI receives
// from DescribeStackEvents on long-lived stacks).
constexpr size_t kEventsPerPage = 100;
constexpr size_t kSummariesPerPage = 100;

ApiError validation_error(const std::string& message) {
  return ApiError(400, "ValidationError", message);
}

// "1 validation error detected: Value 'x' at 'field' failed to satisfy constraint: ..."
// is how AWS's request validation words a bad field (e.g. for stackName and templateBody).
ApiError constraint_error(const std::string& value, const std::string& field,
                          const std::string& constraint) {
  return validation_error("1 validation error detected: Value '" + value + "' at '" + field +
                          "' failed to satisfy constraint: " + constraint);
}

std::string param(const ApiRequest& request, const std::string& key) {
  auto it = request.params.find(key);
  return it == request.params.end() ? "" : it->second;
}

bool has(const ApiRequest& request, const std::string& key) {
  return request.params.contains(key);
}

// Prefix.member.1, Prefix.member.2, ... until one is missing.
std::vector<std::string> members(const ApiRequest& request, const std::string& prefix) {
  std::vector<std::string> values;
  for (int i = 1;; ++i) {
    auto it = request.params.find(prefix + ".member." + std::to_string(i));
    if (it == request.params.end()) break;
    values.push_back(it->second);
  }
  return values;
}

ApiResponse xml_response(std::string body) {
  return {200, "text/xml", std::move(body)};
}

// <OpResponse xmlns=...><OpResult>...</OpResult><ResponseMetadata>...</ResponseMetadata>
template <typename Fill>
ApiResponse result(const ApiRequest& request, const std::string& action, Fill fill) {
  XmlWriter xml(action + "Response", kNamespace);
  xml.open(action + "Result");
  fill(xml);
  xml.close();
  xml.open("ResponseMetadata").element("RequestId", request.request_id).close();
  return xml_response(xml.finish());
}

void optional_element(XmlWriter& xml, const char* name, const std::string& text) {
  if (!text.empty()) xml.element(name, text);
}

const Stack& stack_named(StackEngine& engine, const ApiRequest& request, const std::string& name) {
  if (name.empty()) {
    throw constraint_error("null", "stackName", "Member must not be null");
  }
  const Stack* stack = engine.find(request.region, name);
  // "Stack with id NAME does not exist" (DescribeStacks: "If the stack doesn't exist, a
  // ValidationError is returned"; deleted stacks are found by stack ID only).
  if (!stack) throw validation_error("Stack with id " + name + " does not exist");
  return *stack;
}

void write_drift(XmlWriter& xml, const char* element, const char* status_element) {
  xml.open(element).element(status_element, "NOT_CHECKED").close();
}

void write_stack(XmlWriter& xml, const Stack& stack) {
  xml.open("member");
  xml.element("StackId", stack.id);
  xml.element("StackName", stack.name);
  optional_element(xml, "Description", stack.description());
  xml.open("Parameters");
  for (const auto& parameter : stack.parameters) {
    xml.open("member");
    xml.element("ParameterKey", parameter.name);
    xml.element("ParameterValue", parameter.no_echo ? "****" : parameter.text);
    xml.close();
  }
  xml.close();
  xml.element("CreationTime", format_timestamp(stack.created));
  if (stack.deleted) xml.element("DeletionTime", format_timestamp(*stack.deleted));
  xml.empty("RollbackConfiguration");
  xml.element("StackStatus", stack.status);
  optional_element(xml, "StackStatusReason", stack.status_reason);
  xml.element("DisableRollback", stack.on_failure == OnFailure::DoNothing);
  xml.empty("NotificationARNs");
  if (stack.timeout_minutes) xml.element("TimeoutInMinutes", *stack.timeout_minutes);
  xml.open("Outputs");
  for (const auto& output : stack.outputs) {
    xml.open("member");
    xml.element("OutputKey", output.key);
    xml.element("OutputValue", output.value);
    optional_element(xml, "Description", output.description);
    optional_element(xml, "ExportName", output.export_name);
    xml.close();
  }
  xml.close();
  xml.open("Tags");
  for (const auto& [key, value] : stack.tags) {
    xml.open("member").element("Key", key).element("Value", value).close();
  }
  xml.close();
  xml.element("EnableTerminationProtection", false);
  write_drift(xml, "DriftInformation", "StackDriftStatus");
  xml.close();
}

void write_event(XmlWriter& xml, const Stack& stack, const StackEvent& event) {
  xml.open("member");
  xml.element("StackId", stack.id);
  xml.element("EventId", event.event_id);
  xml.element("StackName", stack.name);
  xml.element("LogicalResourceId", event.logical_id);
  xml.element("PhysicalResourceId", event.physical_id);
  xml.element("ResourceType", event.resource_type);
  xml.element("Timestamp", format_timestamp(event.timestamp));
  xml.element("ResourceStatus", event.status);
  optional_element(xml, "ResourceStatusReason", event.reason);
  optional_element(xml, "ResourceProperties", event.properties);
  optional_element(xml, "ClientRequestToken", event.client_request_token);
  optional_element(xml, "DetailedStatus", event.detailed_status);
  xml.close();
}

ApiResponse create_stack(StackEngine& engine, const ApiRequest& request) {
  CreateStackInput input;
  input.region = request.region;
  input.stack_name = param(request, "StackName");
  bool has_body = has(request, "TemplateBody");
  bool has_url = has(request, "TemplateURL");
  if (!has_body && !has_url) {
    throw validation_error("Either Template URL or Template Body must be specified.");
  }
  if (has_body && has_url) {
    // Unverified wording; the API reference says to specify one or the other.
    throw validation_error("Specify exactly one of TemplateBody and TemplateURL.");
  }
  if (has_url) {
    // The emulator has no S3 to fetch a template from (unverified wording).
    throw validation_error(
        "TemplateURL must reference a valid S3 object to which you have "
        "access.");
  }
  input.template_body = param(request, "TemplateBody");
  // "1 validation error detected: Value '...' at 'templateBody' failed to satisfy
  // constraint: Member must have length less than or equal to 51200" (quoted in many
  // public issues, e.g. widdix/aws-cf-templates#169).
  if (input.template_body.size() > 51200) {
    throw constraint_error(input.template_body, "templateBody",
                           "Member must have length less than or equal to 51200");
  }
  if (input.template_body.empty()) {
    throw constraint_error("", "templateBody",
                           "Member must have length greater than or equal to 1");
  }
  bool has_on_failure = has(request, "OnFailure");
  bool has_disable_rollback = has(request, "DisableRollback");
  if (has_on_failure && has_disable_rollback) {
    // CreateStack API reference: "You can specify either OnFailure or DisableRollback, but
    // not both."
    throw validation_error("You can specify either OnFailure or DisableRollback, but not both.");
  }
  if (has_on_failure) {
    std::string on_failure = param(request, "OnFailure");
    if (on_failure == "ROLLBACK") {
      input.on_failure = OnFailure::Rollback;
    } else if (on_failure == "DO_NOTHING") {
      input.on_failure = OnFailure::DoNothing;
    } else if (on_failure == "DELETE") {
      input.on_failure = OnFailure::Delete;
    } else {
      throw constraint_error(on_failure, "onFailure",
                             "Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]");
    }
  }
  if (has_disable_rollback && param(request, "DisableRollback") == "true") {
    input.on_failure = OnFailure::DoNothing;
  }
  for (int i = 1;; ++i) {
    std::string prefix = "Parameters.member." + std::to_string(i) + ".";
    if (!has(request, prefix + "ParameterKey")) break;
    std::string key = param(request, prefix + "ParameterKey");
    if (param(request, prefix + "UsePreviousValue") == "true") {
      // Unverified wording: a new stack has no previous value to use.
      throw validation_error("Invalid input for parameter key " + key +
                             ". Cannot specify usePreviousValue as true for non-existent stack");
    }
    input.parameters.emplace_back(key, param(request, prefix + "ParameterValue"));
  }
  for (int i = 1;; ++i) {
    std::string prefix = "Tags.member." + std::to_string(i) + ".";
    if (!has(request, prefix + "Key")) break;
    input.tags.emplace_back(param(request, prefix + "Key"), param(request, prefix + "Value"));
  }
  if (input.tags.size() > 50) {
    throw validation_error(
        "1 validation error detected: Value at 'tags' failed to satisfy "
        "constraint: Member must have length less than or equal to 50");
  }
  input.client_request_token = param(request, "ClientRequestToken");
  if (has(request, "ClientRequestToken")) {
    static const std::regex token("[a-zA-Z0-9][-a-zA-Z0-9]*");
    if (!std::regex_match(input.client_request_token, token) ||
        input.client_request_token.size() > 128) {
      throw constraint_error(input.client_request_token, "clientRequestToken",
                             "Member must satisfy regular expression pattern: "
                             "[a-zA-Z0-9][-a-zA-Z0-9]*");
    }
  }
  if (has(request, "TimeoutInMinutes")) {
    std::string text = param(request, "TimeoutInMinutes");
    int minutes = 0;
    try {
      minutes = std::stoi(text);
    } catch (const std::exception&) {
      throw validation_error("Invalid value for TimeoutInMinutes: " + text);
    }
    if (minutes < 1) {
      throw constraint_error(text, "timeoutInMinutes",
                             "Member must have value greater than or equal to 1");
    }
    input.timeout_minutes = minutes;
  }
  std::string stack_id = engine.create_stack(input, request.now);
  return result(request, "CreateStack", [&](XmlWriter& xml) { xml.element("StackId", stack_id); });
}

ApiResponse delete_stack(StackEngine& engine, const ApiRequest& request) {
  std::string name = param(request, "StackName");
  if (name.empty()) throw constraint_error("null", "stackName", "Member must not be null");
  engine.delete_stack(request.region, name, members(request, "RetainResources"),
                      param(request, "ClientRequestToken"), request.now);
  // DeleteStack has no output: only the response metadata.
  XmlWriter xml("DeleteStackResponse", kNamespace);
  xml.open("ResponseMetadata").element("RequestId", request.request_id).close();
  return xml_response(xml.finish());
}

ApiResponse describe_stacks(StackEngine& engine, const ApiRequest& request) {
  std::vector<const Stack*> stacks;
  if (has(request, "StackName")) {
    stacks.push_back(&stack_named(engine, request, param(request, "StackName")));
  } else {
    // Without a name: the live stacks ("Deleted stacks don't show up in the DescribeStacks
    // operation if the deletion has been completed successfully").
    for (const Stack* stack : engine.stacks(request.region)) {
      if (!stack->is_deleted()) stacks.push_back(stack);
    }
  }
  return result(request, "DescribeStacks", [&](XmlWriter& xml) {
    xml.open("Stacks");
    for (const Stack* stack : stacks)
      write_stack(xml, *stack);
    xml.close();
  });
}

// NextToken of a list: the position to continue from, as text.
size_t position_from(const ApiRequest& request) {
  if (!has(request, "NextToken")) return 0;
  std::string token = param(request, "NextToken");
  try {
    size_t used = 0;
    unsigned long long position = std::stoull(token, &used);
    if (used == token.size()) return static_cast<size_t>(position);
  } catch (const std::exception&) {
  }
  throw validation_error("Invalid NextToken");  // unverified wording
}

ApiResponse describe_stack_events(StackEngine& engine, const ApiRequest& request) {
  const Stack& stack = stack_named(engine, request, param(request, "StackName"));
  // Newest first ("in reverse chronological order"). The token is the sequence number of
  // the newest event not yet returned, so events added between pages do not shift them.
  uint64_t below = UINT64_MAX;
  if (has(request, "NextToken")) below = position_from(request);
  std::vector<const StackEvent*> page;
  for (auto it = stack.events.rbegin(); it != stack.events.rend(); ++it) {
    if (it->sequence > below) continue;
    page.push_back(&*it);
    if (page.size() == kEventsPerPage + 1) break;
  }
  std::string next;
  if (page.size() > kEventsPerPage) {
    next = std::to_string(page.back()->sequence);
    page.pop_back();
  }
  return result(request, "DescribeStackEvents", [&](XmlWriter& xml) {
    xml.open("StackEvents");
    for (const StackEvent* event : page)
      write_event(xml, stack, *event);
    xml.close();
    optional_element(xml, "NextToken", next);
  });
}

ApiResponse describe_stack_resources(StackEngine& engine, const ApiRequest& request) {
  std::string stack_name = param(request, "StackName");
  std::string physical_id = param(request, "PhysicalResourceId");
  std::string logical_id = param(request, "LogicalResourceId");
  const Stack* stack = nullptr;
  if (!stack_name.empty() && !physical_id.empty()) {
    // Unverified wording; the API reference says to give one or the other.
    throw validation_error("Specify either StackName or PhysicalResourceId, but not both.");
  }
  if (!stack_name.empty()) {
    stack = &stack_named(engine, request, stack_name);
  } else if (!physical_id.empty()) {
    for (const Stack* candidate : engine.stacks(request.region)) {
      for (const auto& [id, resource] : candidate->resources) {
        if (resource.physical_id == physical_id && !stack) stack = candidate;
      }
    }
    if (!stack) throw validation_error("Stack for " + physical_id + " does not exist");
  } else {
    throw validation_error("Either StackName or PhysicalResourceId must be specified.");
  }
  return result(request, "DescribeStackResources", [&](XmlWriter& xml) {
    xml.open("StackResources");
    for (const auto& [id, resource] : stack->resources) {
      if (resource.status.empty()) continue;  // never started: not a stack resource yet
      if (!logical_id.empty() && id != logical_id) continue;
      xml.open("member");
      xml.element("StackName", stack->name);
      xml.element("StackId", stack->id);
      xml.element("LogicalResourceId", id);
      optional_element(xml, "PhysicalResourceId", resource.physical_id);
      xml.element("ResourceType", resource.type);
      xml.element("Timestamp", format_timestamp(resource.updated));
      xml.element("ResourceStatus", resource.status);
      optional_element(xml, "ResourceStatusReason", resource.reason);
      write_drift(xml, "DriftInformation", "StackResourceDriftStatus");
      xml.close();
    }
    xml.close();
  });
}

ApiResponse list_stacks(StackEngine& engine, const ApiRequest& request) {
  std::vector<std::string> filter = members(request, "StackStatusFilter");
  std::vector<const Stack*> matching;
  for (const Stack* stack : engine.stacks(request.region)) {
    if (filter.empty() || std::find(filter.begin(), filter.end(), stack->status) != filter.end()) {
      matching.push_back(stack);
    }
  }
  size_t start = std::min(position_from(request), matching.size());
  size_t end = std::min(start + kSummariesPerPage, matching.size());
  return result(request, "ListStacks", [&](XmlWriter& xml) {
    xml.open("StackSummaries");
    for (size_t i = start; i < end; ++i) {
      const Stack& stack = *matching[i];
      xml.open("member");
      xml.element("StackId", stack.id);
      xml.element("StackName", stack.name);
      optional_element(xml, "TemplateDescription", stack.description());
      xml.element("CreationTime", format_timestamp(stack.created));
      if (stack.deleted) xml.element("DeletionTime", format_timestamp(*stack.deleted));
      xml.element("StackStatus", stack.status);
      optional_element(xml, "StackStatusReason", stack.status_reason);
      write_drift(xml, "DriftInformation", "StackDriftStatus");
      xml.close();
    }
    xml.close();
    if (end < matching.size()) xml.element("NextToken", std::to_string(end));
  });
}

ApiResponse get_template(StackEngine& engine, const ApiRequest& request) {
  const Stack& stack = stack_named(engine, request, param(request, "StackName"));
  return result(request, "GetTemplate", [&](XmlWriter& xml) {
    xml.element("TemplateBody", stack.template_body);
    xml.open("StagesAvailable").element("member", "Original").element("member", "Processed");
    xml.close();
  });
}

}  // namespace

namespace {

void add_handlers(ApiTable& table, const std::function<StackEngine&(World&)>& engine_of) {
  auto& actions = table["cloudformation"];
  auto bind = [&engine_of](ApiResponse (*handler)(StackEngine&, const ApiRequest&)) {
    return [engine_of, handler](World& world, const ApiRequest& request) {
      return handler(engine_of(world), request);
    };
  };
  actions["CreateStack"] = bind(create_stack);
  actions["DeleteStack"] = bind(delete_stack);
  actions["DescribeStacks"] = bind(describe_stacks);
  actions["DescribeStackEvents"] = bind(describe_stack_events);
  actions["DescribeStackResources"] = bind(describe_stack_resources);
  actions["ListStacks"] = bind(list_stacks);
  actions["GetTemplate"] = bind(get_template);
}

}  // namespace

void add_cloudformation_api(ApiTable& table, StackEngine& engine) {
  add_handlers(table, [&engine](World&) -> StackEngine& { return engine; });
}

void add_cloudformation_api(ApiTable& table, StackEngines& engines) {
  add_handlers(table, [&engines](World& world) -> StackEngine& { return engines.of(world); });
}

}  // namespace ssmlink::emulator
