#include "emulator/cloudformation/cfn_engine.hpp"

#include <algorithm>
#include <regex>

#include "emulator/api.hpp"
#include "emulator/cloudformation/cfn_properties.hpp"
#include "emulator/region_name.hpp"

namespace ssmlink::emulator {

namespace {

using Json = nlohmann::json;
using std::chrono::milliseconds;

const char* kStackType = "AWS::CloudFormation::Stack";

ApiError validation_error(const std::string& message) {
  return ApiError(400, "ValidationError", message);
}

std::string bracketed(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i)
    out += (i ? ", " : "") + names[i];
  return out + "]";
}

bool is_deleted_or_untouched(const std::string& status) {
  return status.empty() || status == "DELETE_COMPLETE" || status == "DELETE_SKIPPED";
}

// The HandlerErrorCode a resource handler reports for an EC2 error code. Seen in public
// stack events: DependencyViolation ("The subnet ... has dependencies and cannot be
// deleted") and InvalidParameter give InvalidRequest, a VPC endpoint quota gives
// ServiceLimitExceeded, an S3 name clash AlreadyExists; the rest follow the handler
// contract's codes (NotFound, AccessDenied, Throttling, ServiceInternalError,
// GeneralServiceException).
std::string handler_error_code(const Ec2Failure& failure) {
  const std::string& code = failure.code;
  if (failure.status >= 500) return "ServiceInternalError";
  if (code.ends_with("NotFound")) return "NotFound";
  if (code == "RequestLimitExceeded" || code == "Throttling") return "Throttling";
  if (code.ends_with("LimitExceeded")) return "ServiceLimitExceeded";
  if (code.ends_with(".Duplicate")) return "AlreadyExists";
  if (code == "UnauthorizedOperation") return "AccessDenied";
  if (code.starts_with("Invalid") || code.starts_with("Missing") || code == "DependencyViolation") {
    return "InvalidRequest";
  }
  return "GeneralServiceException";
}

// Stack names: "[a-zA-Z][-a-zA-Z0-9]*", at most 128 characters (CreateStack API reference).
// The message is AWS's validation format, e.g. "1 validation error detected: Value
// '0MyStack' at 'stackName' failed to satisfy constraint: Member must satisfy regular
// expression pattern: [a-zA-Z][-a-zA-Z0-9]*" (quoted in public test suites).
void check_stack_name(const std::string& name) {
  if (name.empty()) {
    throw validation_error(
        "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: "
        "Member must not be null");
  }
  static const std::regex pattern("[a-zA-Z][-a-zA-Z0-9]*");
  if (!std::regex_match(name, pattern)) {
    throw validation_error("1 validation error detected: Value '" + name +
                           "' at 'stackName' failed to satisfy constraint: Member must satisfy "
                           "regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
  }
  if (name.size() > 128) {
    throw validation_error("1 validation error detected: Value '" + name +
                           "' at 'stackName' failed to satisfy constraint: Member must have "
                           "length less than or equal to 128");
  }
}

}  // namespace

StackEngine::StackEngine(World& world, ResourceProvisioner& provisioner, EngineOptions options)
    : world_(world), guard_(world.guard()), provisioner_(provisioner), options_(options) {}

StackEngine::~StackEngine() {
  stop();
}

void StackEngine::start() {
  std::lock_guard lock(guard_);
  start_locked();
}

void StackEngine::start_locked() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void StackEngine::request_stop() {
  stopping_ = true;
  wake_.notify_all();
}

void StackEngine::stop() {
  {
    std::lock_guard lock(guard_);
    request_stop();
  }
  if (thread_.joinable()) thread_.join();
}

void StackEngine::run() {
  std::unique_lock lock(guard_);
  while (!stopping_) {
    if (tasks_.empty()) {
      wake_.wait(lock);
      continue;
    }
    auto due = tasks_.top().due;
    if (std::chrono::steady_clock::now() < due) {
      wake_.wait_until(lock, due);
      continue;
    }
    Task task = tasks_.top();
    tasks_.pop();
    task.run(std::chrono::system_clock::now());
  }
}

void StackEngine::schedule(milliseconds delay, std::function<void(TimePoint)> step) {
  tasks_.push({std::chrono::steady_clock::now() + delay, next_order_++, std::move(step)});
  if (start_on_first_task_ && !stopping_) start_locked();
  wake_.notify_all();
}

void StackEngine::schedule_for(const Stack& stack, milliseconds delay,
                               std::function<void(Stack&, TimePoint)> step) {
  schedule(delay, [this, id = stack.id, operation = stack.operation,
                   step = std::move(step)](TimePoint now) {
    Stack* current = by_id(id);
    if (current && current->operation == operation) step(*current, now);
  });
}

void StackEngine::reset() {
  stacks_.clear();
  tasks_ = {};
}

Stack* StackEngine::by_id(const std::string& id) {
  for (auto& stack : stacks_) {
    if (stack->id == id) return stack.get();
  }
  return nullptr;
}

Stack* StackEngine::find_mutable(const std::string& region, const std::string& name_or_id) {
  for (auto it = stacks_.rbegin(); it != stacks_.rend(); ++it) {
    Stack& stack = **it;
    if (stack.region != region) continue;
    if (name_or_id.starts_with("arn:")) {
      if (stack.id == name_or_id) return &stack;
    } else if (stack.name == name_or_id && !stack.is_deleted()) {
      return &stack;
    }
  }
  return nullptr;
}

const Stack* StackEngine::find(const std::string& region, const std::string& name_or_id) const {
  return const_cast<StackEngine*>(this)->find_mutable(region, name_or_id);
}

std::vector<const Stack*> StackEngine::stacks(const std::string& region) const {
  std::vector<const Stack*> out;
  for (auto it = stacks_.rbegin(); it != stacks_.rend(); ++it) {
    if ((*it)->region == region) out.push_back(it->get());
  }
  return out;
}

std::vector<std::string> StackEngine::availability_zones(const std::string& region) {
  return world_.region(region).availability_zones;
}

void StackEngine::emit(Stack& stack, StackResource* resource, const std::string& status,
                       const std::string& reason, TimePoint now,
                       const std::string& detailed_status) {
  // Event times never go backwards and never repeat within a stack, so resource event IDs
  // (which carry the time to the millisecond, as AWS's do) stay unique.
  TimePoint time = std::chrono::time_point_cast<milliseconds>(now);
  if (!stack.events.empty() && time <= stack.events.back().timestamp) {
    time = stack.events.back().timestamp + milliseconds(1);
  }
  StackEvent event;
  event.sequence = ++next_event_;
  event.timestamp = time;
  event.status = status;
  event.reason = reason;
  event.client_request_token = stack.operation_token;
  event.detailed_status = detailed_status;
  if (resource) {
    resource->status = status;
    resource->reason = reason;
    resource->updated = time;
    event.logical_id = resource->logical_id;
    event.physical_id = resource->physical_id;
    event.resource_type = resource->type;
    if (!resource->properties.is_null()) event.properties = resource->properties.dump();
    event.event_id = resource->logical_id + "-" + status + "-" + format_timestamp(time);
  } else {
    stack.status = status;
    stack.status_reason = reason;
    event.logical_id = stack.name;
    event.physical_id = stack.id;
    event.resource_type = kStackType;
    event.event_id = world_.new_request_id();
  }
  stack.events.push_back(std::move(event));
}

// ---------------------------------------------------------------------------------------
// CreateStack

std::string StackEngine::create_stack(const CreateStackInput& input, TimePoint now) {
  check_stack_name(input.stack_name);
  if (!input.client_request_token.empty()) {
    // A retried request: same token, same name -> the same stack.
    for (const auto& stack : stacks_) {
      if (stack->region == input.region && stack->name == input.stack_name &&
          !stack->is_deleted() && stack->create_token == input.client_request_token) {
        return stack->id;
      }
    }
  }
  std::shared_ptr<Template> tmpl;
  std::vector<ParameterValue> parameters;
  try {
    tmpl = std::make_shared<Template>(parse_template(input.template_body));
    parameters = bind_parameters(*tmpl, input.parameters);
  } catch (const TemplateError& error) {
    throw validation_error(error.what());
  }
  // Parameter Store parameters are resolved at CreateStack; the emulator has none.
  // Message from a live test against AWS (ValidationError at the CreateStack call).
  for (const auto& parameter : parameters) {
    if (tmpl->parameter(parameter.name)->type.starts_with("AWS::SSM::Parameter::Value<")) {
      throw validation_error("Unable to fetch parameters [" + parameter.text +
                             "] from parameter store for this account.");
    }
  }
  if (find_mutable(input.region, input.stack_name)) {
    // botocore model: AlreadyExistsException, HTTP 400, sender fault.
    throw ApiError(400, "AlreadyExistsException",
                   "Stack [" + input.stack_name + "] already exists");
  }

  auto stack = std::make_unique<Stack>();
  stack->region = input.region;
  stack->name = input.stack_name;
  stack->id = "arn:" + partition_of(input.region) + ":cloudformation:" + input.region + ":" +
              world_.account_id + ":stack/" + input.stack_name + "/" + world_.new_request_id();
  stack->template_body = input.template_body;
  stack->tmpl = tmpl;
  stack->parameters = std::move(parameters);
  stack->tags = input.tags;
  stack->created = now;
  stack->on_failure = input.on_failure;
  stack->timeout_minutes = input.timeout_minutes;
  stack->create_token = input.client_request_token;
  stack->operation_token = input.client_request_token;

  try {
    EvaluationContext context =
        stack->evaluation_context(availability_zones(input.region), world_.account_id);
    stack->conditions = evaluate_conditions(*tmpl, context);
    std::vector<std::string> unresolved;
    for (const auto& [logical_id, declaration] : tmpl->resources) {
      if (declaration.condition && !stack->conditions.at(*declaration.condition)) continue;
      StackResource resource;
      resource.logical_id = logical_id;
      resource.type = declaration.type;
      resource.deletion_policy = declaration.deletion_policy;
      References references;
      collect_references(declaration.properties, references, &stack->conditions);
      for (const auto& name : references.names) {
        if (tmpl->resource(name)) resource.depends_on.insert(name);
      }
      resource.depends_on.insert(declaration.depends_on.begin(), declaration.depends_on.end());
      stack->resources.emplace(logical_id, std::move(resource));
    }
    // A resource left out by its condition cannot be referenced by one that is created.
    for (const auto& [logical_id, resource] : stack->resources) {
      for (const auto& dependency : resource.depends_on) {
        if (!stack->resources.contains(dependency)) unresolved.push_back(dependency);
      }
    }
    if (!unresolved.empty()) {
      throw TemplateError("Template format error: Unresolved resource dependencies " +
                          bracketed(unresolved) + " in the Resources block of the template");
    }
  } catch (const TemplateError& error) {
    throw validation_error(error.what());
  }

  Stack& created = *stack;
  stacks_.push_back(std::move(stack));
  emit(created, nullptr, "CREATE_IN_PROGRESS", "User Initiated", now);
  schedule_for(created, milliseconds(0), [this](Stack& s, TimePoint at) { begin_create(s, at); });
  if (created.timeout_minutes) {
    schedule_for(created, options_.minute * *created.timeout_minutes,
                 [this](Stack& s, TimePoint at) {
                   // "Stack creation time exceeded the specified timeout. Rollback requested by
                   // user." (the stack event reason, matched verbatim by public tooling such as
                   // sceptre forks).
                   if (s.status == "CREATE_IN_PROGRESS") {
                     fail_creation(s, "Stack creation time exceeded the specified timeout. ", at);
                   }
                 });
  }
  return created.id;
}

// AWS-specific parameter types name things that must exist in the account and region.
// CloudFormation accepts the CreateStack call and then fails the stack before touching a
// resource: CREATE_IN_PROGRESS "User Initiated", then ROLLBACK_IN_PROGRESS "Parameter
// validation failed: parameter value X for parameter name P does not exist. Rollback
// requested by user." (live tests against AWS, and stack events quoted in public repos).
std::vector<std::string> StackEngine::missing_aws_parameters(const Stack& stack) {
  std::vector<std::string> missing;
  RegionState& region = world_.region(stack.region);
  for (const auto& parameter : stack.parameters) {
    const ParameterDeclaration* declaration = stack.tmpl->parameter(parameter.name);
    std::string type = declaration->aws_type();
    if (type.empty()) continue;
    std::vector<std::string> values = parameter.value.is_array()
                                          ? parameter.value.get<std::vector<std::string>>()
                                          : std::vector<std::string>{parameter.text};
    for (const auto& value : values) {
      bool exists = false;
      if (type == "AWS::EC2::VPC::Id") {
        exists = region.vpcs.contains(value);
      } else if (type == "AWS::EC2::Subnet::Id") {
        exists = region.subnets.contains(value);
      } else if (type == "AWS::EC2::SecurityGroup::Id") {
        exists = region.security_groups.contains(value);
      } else if (type == "AWS::EC2::SecurityGroup::GroupName") {
        exists = std::any_of(region.security_groups.begin(), region.security_groups.end(),
                             [&](const auto& group) { return group.second.name == value; });
      } else if (type == "AWS::EC2::AvailabilityZone::Name") {
        const auto& zones = region.availability_zones;
        exists = std::find(zones.begin(), zones.end(), value) != zones.end();
      } else if (type == "AWS::EC2::Instance::Id") {
        exists = region.instances.contains(value);
      }
      // Key pairs, images, volumes, hosted zones and SSM parameter names: the emulated
      // account has none, so any value does not exist.
      if (!exists) {
        // An empty value reads "parameter value for parameter name P does not exist" in AWS's
        // events (a single space), as captured in many public troubleshooting notes.
        missing.push_back("parameter value " + (value.empty() ? "" : value + " ") +
                          "for parameter name " + parameter.name + " does not exist");
      }
    }
  }
  return missing;
}

void StackEngine::begin_create(Stack& stack, TimePoint now) {
  if (stack.status != "CREATE_IN_PROGRESS") return;
  std::vector<std::string> missing = missing_aws_parameters(stack);
  if (!missing.empty()) {
    std::string list;
    for (const auto& item : missing)
      list += (list.empty() ? "" : ", ") + item;
    fail_creation(stack, "Parameter validation failed: " + list + ". ", now);
    return;
  }
  // The resource registry validates every resource's properties against its schema before
  // provisioning starts: the invalid ones go CREATE_FAILED (DetailedStatus
  // VALIDATION_FAILED) without a CREATE_IN_PROGRESS, and the stack says "Validation failed
  // for following resources: [X]. Rollback requested by user." (2024 stack events in a
  // public repo).
  std::vector<std::string> invalid;
  for (auto& [logical_id, resource] : stack.resources) {
    auto violations =
        property_violations(resource.type, stack.tmpl->resource(logical_id)->properties);
    if (violations.empty()) continue;
    emit(stack, &resource, "CREATE_FAILED", properties_validation_message(logical_id, violations),
         now, "VALIDATION_FAILED");
    resource.failed_at = stack.events.back().sequence;
    invalid.push_back(logical_id);
  }
  if (!invalid.empty()) {
    fail_creation(stack, "Validation failed for following resources: " + bracketed(invalid) + ". ",
                  now);
    return;
  }
  start_ready_resources(stack, now);
}

void StackEngine::start_ready_resources(Stack& stack, TimePoint now) {
  std::vector<StackResource*> ready;
  for (auto& [logical_id, resource] : stack.resources) {
    if (!resource.status.empty()) continue;
    bool dependencies_done = std::all_of(
        resource.depends_on.begin(), resource.depends_on.end(), [&](const std::string& name) {
          return stack.resources.at(name).status == "CREATE_COMPLETE";
        });
    if (dependencies_done) ready.push_back(&resource);
  }
  if (ready.empty()) {
    bool all_complete =
        std::all_of(stack.resources.begin(), stack.resources.end(),
                    [](const auto& r) { return r.second.status == "CREATE_COMPLETE"; });
    if (all_complete) complete_stack(stack, now);
    return;
  }
  // Resolve each resource's properties now that its dependencies exist; a resolution error
  // fails the resource like a handler error would.
  std::map<std::string, std::string> resolution_errors;
  EvaluationContext context =
      stack.evaluation_context(availability_zones(stack.region), world_.account_id);
  for (StackResource* resource : ready) {
    try {
      auto properties = evaluate(stack.tmpl->resource(resource->logical_id)->properties, context);
      resource->properties = properties ? *properties : Json::object();
    } catch (const TemplateError& error) {
      resource->properties = Json::object();
      resolution_errors[resource->logical_id] = error.what();
    }
  }
  // Independent resources start together, as CloudFormation starts them in parallel.
  for (StackResource* resource : ready)
    emit(stack, resource, "CREATE_IN_PROGRESS", "", now);
  bool failed = false;
  for (StackResource* resource : ready) {
    auto error = resolution_errors.find(resource->logical_id);
    if (error != resolution_errors.end()) {
      emit(stack, resource, "CREATE_FAILED", error->second, now);
      resource->failed_at = stack.events.back().sequence;
      failed = true;
    } else if (!provision(stack, *resource, now)) {
      failed = true;
    }
  }
  if (failed) fail_creation(stack, "", now);
}

Tags StackEngine::resource_tags_for(const Stack& stack, const StackResource& resource) {
  // The resource's own tags, then the stack's (CreateStack "propagates these tags to the
  // resources created in the stack"), then the three CloudFormation adds to every
  // taggable resource.
  Tags tags = resource_tags(resource.properties);
  auto has = [&](const std::string& key) {
    return std::any_of(tags.begin(), tags.end(), [&](const auto& tag) { return tag.first == key; });
  };
  for (const auto& tag : stack.tags) {
    if (!has(tag.first)) tags.push_back(tag);
  }
  tags.emplace_back("aws:cloudformation:stack-name", stack.name);
  tags.emplace_back("aws:cloudformation:stack-id", stack.id);
  tags.emplace_back("aws:cloudformation:logical-id", resource.logical_id);
  return tags;
}

std::string StackEngine::generated_name(const Stack& stack, const std::string& logical_id) {
  // CloudFormation names unnamed resources STACK-LOGICALID-SUFFIX, e.g.
  // "first-stack-InstanceSecurityGroup-1CV882EG9798D".
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string suffix;
  for (int i = 0; i < 13; ++i)
    suffix += alphabet[world_.random() % 36];
  return (stack.name + "-" + logical_id).substr(0, 255 - 14) + "-" + suffix;
}

std::string StackEngine::handler_message(const Ec2Failure& failure) {
  // The resource handler's reason, e.g. (public stack events):
  //   Resource handler returned message: "Network vpc-07239a94f8f2b60ff is not attached to
  //   any internet gateway (Service: Ec2, Status Code: 400, Request ID: 2443240d-...)
  //   (SDK Attempt Count: 1)" (RequestToken: cc1eb021-..., HandlerErrorCode:
  //   GeneralServiceException)
  return "Resource handler returned message: \"" + failure.message +
         " (Service: Ec2, Status Code: " + std::to_string(failure.status) +
         ", Request ID: " + world_.new_request_id() +
         ") (SDK Attempt Count: 1)\" (RequestToken: " + world_.new_request_id() +
         ", HandlerErrorCode: " + handler_error_code(failure) + ")";
}

// Calls EC2 for one resource: on success it shows "Resource creation Initiated" with its
// physical ID and completes after Timings::provision; on failure it goes CREATE_FAILED.
bool StackEngine::provision(Stack& stack, StackResource& resource, TimePoint now) {
  auto invalid_request = [&](const std::string& message) {
    emit(stack, &resource, "CREATE_FAILED",
         "Resource handler returned message: \"" + message +
             "\" (RequestToken: " + world_.new_request_id() + ", HandlerErrorCode: InvalidRequest)",
         now);
    resource.failed_at = stack.events.back().sequence;
    return false;
  };
  Ec2Result<CreatedResource> created = std::unexpected(Ec2Failure{});
  if (resource.type == "AWS::EC2::SecurityGroup") {
    auto spec = security_group_spec(resource.properties);
    if (!spec) return invalid_request(spec.error());
    if (spec->name.empty()) spec->name = generated_name(stack, resource.logical_id);
    spec->tags = resource_tags_for(stack, resource);
    created = provisioner_.create_security_group(stack.region, *spec, now);
  } else if (resource.type == "AWS::EC2::VPCEndpoint") {
    auto spec = vpc_endpoint_spec(resource.properties);
    if (!spec) return invalid_request(spec.error());
    spec->tags = resource_tags_for(stack, resource);
    created = provisioner_.create_vpc_endpoint(stack.region, *spec, now);
  } else {
    bool egress = resource.type == "AWS::EC2::SecurityGroupEgress";
    auto spec = security_group_rule_spec(resource.properties, egress);
    if (!spec) return invalid_request(spec.error());
    created = provisioner_.create_security_group_rule(stack.region, *spec, now);
  }
  if (!created) {
    emit(stack, &resource, "CREATE_FAILED", handler_message(created.error()), now);
    resource.failed_at = stack.events.back().sequence;
    return false;
  }
  resource.physical_id = created->physical_id;
  resource.attributes = created->attributes;
  if (!resource.attributes.contains("Id")) resource.attributes["Id"] = created->physical_id;
  emit(stack, &resource, "CREATE_IN_PROGRESS", "Resource creation Initiated", now);
  schedule_for(stack, world_.timings.provision,
               [this, logical_id = resource.logical_id](Stack& s, TimePoint at) {
                 complete_resource(s, logical_id, at);
               });
  return true;
}

void StackEngine::complete_resource(Stack& stack, const std::string& logical_id, TimePoint now) {
  StackResource& resource = stack.resources.at(logical_id);
  if (stack.status != "CREATE_IN_PROGRESS" || resource.status != "CREATE_IN_PROGRESS") return;
  if (resource.type == "AWS::EC2::VPCEndpoint") {
    provisioner_.vpc_endpoint_ready(stack.region, resource.physical_id, now);
  }
  emit(stack, &resource, "CREATE_COMPLETE", "", now);
  start_ready_resources(stack, now);
}

void StackEngine::complete_stack(Stack& stack, TimePoint now) {
  // Outputs are resolved once every resource exists.
  try {
    EvaluationContext context =
        stack.evaluation_context(availability_zones(stack.region), world_.account_id);
    stack.outputs.clear();
    for (const auto& output : stack.tmpl->outputs) {
      if (output.condition && !stack.conditions.at(*output.condition)) continue;
      auto value = evaluate(output.value, context);
      if (!value) continue;
      StackOutput out{output.name, to_text(*value), output.description, ""};
      if (output.export_name) {
        if (auto name = evaluate(*output.export_name, context)) out.export_name = to_text(*name);
      }
      stack.outputs.push_back(std::move(out));
    }
  } catch (const TemplateError& error) {
    fail_creation(stack, std::string(error.what()) + ". ", now);
    return;
  }
  emit(stack, nullptr, "CREATE_COMPLETE", "", now);
}

void StackEngine::cancel_in_progress(Stack& stack, TimePoint now) {
  for (auto& [logical_id, resource] : stack.resources) {
    if (resource.status == "CREATE_IN_PROGRESS") {
      emit(stack, &resource, "CREATE_FAILED", "Resource creation cancelled", now);
      resource.failed_at = stack.events.back().sequence;
    }
  }
}

// The stack reason reads "The following resource(s) failed to create: [A, B]. " (AWS keeps
// the trailing space), and the rollback adds "Rollback requested by user."; with
// OnFailure=DELETE AWS writes "... [A]. . Delete requested by user." (both verbatim from
// public stack events).
void StackEngine::fail_creation(Stack& stack, std::string reason, TimePoint now) {
  cancel_in_progress(stack, now);
  if (reason.empty()) {
    std::vector<const StackResource*> failed;
    for (const auto& [logical_id, resource] : stack.resources) {
      if (resource.status == "CREATE_FAILED") failed.push_back(&resource);
    }
    std::sort(failed.begin(), failed.end(),
              [](const auto* a, const auto* b) { return a->failed_at < b->failed_at; });
    std::vector<std::string> names;
    for (const auto* resource : failed)
      names.push_back(resource->logical_id);
    reason = "The following resource(s) failed to create: " + bracketed(names) + ". ";
  }
  stack.operation++;  // timers of the creation are void from here on
  switch (stack.on_failure) {
    case OnFailure::DoNothing:
      emit(stack, nullptr, "CREATE_FAILED", reason, now);
      return;
    case OnFailure::Rollback:
      stack.deleted = now;
      emit(stack, nullptr, "ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.", now);
      break;
    case OnFailure::Delete:
      stack.deleted = now;
      emit(stack, nullptr, "DELETE_IN_PROGRESS", reason + ". Delete requested by user.", now);
      break;
  }
  begin_deletion(stack, now);
}

// ---------------------------------------------------------------------------------------
// DeleteStack, rollback

void StackEngine::delete_stack(const std::string& region, const std::string& name_or_id,
                               const std::vector<std::string>& retain_resources,
                               const std::string& token, TimePoint now) {
  Stack* stack = find_mutable(region, name_or_id);
  // Deleting a stack that does not exist (or no longer does) succeeds, as on AWS.
  if (!stack || stack->is_deleted()) return;
  if (!retain_resources.empty() && stack->status != "DELETE_FAILED") {
    // Unverified wording; AWS documents that RetainResources applies only to stacks in
    // DELETE_FAILED.
    throw validation_error("Invalid operation on stack [" + stack->id +
                           "]. RetainResources can only be specified when the stack is in the "
                           "DELETE_FAILED state");
  }
  if (stack->status == "DELETE_IN_PROGRESS") return;
  if (stack->status == "ROLLBACK_IN_PROGRESS") {
    // The rollback finishes first; the deletion follows it.
    stack->delete_after_rollback = token;
    return;
  }
  stack->retain = {retain_resources.begin(), retain_resources.end()};
  if (stack->status == "CREATE_IN_PROGRESS") {
    // Deleting a stack that is still being created cancels what is in progress and deletes
    // what was made (unverified against AWS: no public capture of the event sequence).
    stack->operation++;
    cancel_in_progress(*stack, now);
  }
  start_delete(*stack, token, now);
}

void StackEngine::start_delete(Stack& stack, const std::string& token, TimePoint now) {
  stack.operation_token = token;
  stack.deleted = now;
  emit(stack, nullptr, "DELETE_IN_PROGRESS", "User Initiated", now);
  begin_deletion(stack, now);
}

void StackEngine::begin_deletion(Stack& stack, TimePoint now) {
  stack.operation++;
  stack.delete_attempted.clear();
  delete_ready_resources(stack, now);
}

// Deletes in reverse dependency order: a resource goes once every resource that depends
// on it is gone. Independent deletions run in parallel. A resource that failed before EC2
// made it (no physical ID) is just marked DELETE_COMPLETE, as AWS does in a rollback.
void StackEngine::delete_ready_resources(Stack& stack, TimePoint now) {
  bool rollback = stack.status == "ROLLBACK_IN_PROGRESS";
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto& [logical_id, resource] : stack.resources) {
      if (is_deleted_or_untouched(resource.status) || resource.status == "DELETE_IN_PROGRESS" ||
          stack.delete_attempted.contains(logical_id)) {
        continue;
      }
      bool dependents_gone =
          std::none_of(stack.resources.begin(), stack.resources.end(), [&](const auto& entry) {
            return entry.second.depends_on.contains(logical_id) &&
                   !is_deleted_or_untouched(entry.second.status);
          });
      if (!dependents_gone) continue;
      stack.delete_attempted.insert(logical_id);
      changed = true;
      if (resource.physical_id.empty()) {
        emit(stack, &resource, "DELETE_COMPLETE", "", now);
        continue;
      }
      bool retained = resource.deletion_policy == "Retain" ||
                      (resource.deletion_policy == "RetainExceptOnCreate" && !rollback) ||
                      stack.retain.contains(logical_id);
      if (retained) {
        emit(stack, &resource, "DELETE_SKIPPED", "", now);
        continue;
      }
      emit(stack, &resource, "DELETE_IN_PROGRESS", "", now);
      Ec2Result<void> deleted = delete_in_ec2(stack, resource, now);
      if (!deleted) {
        emit(stack, &resource, "DELETE_FAILED", handler_message(deleted.error()), now);
        continue;
      }
      schedule_for(stack, world_.timings.provision, [this, logical_id](Stack& s, TimePoint at) {
        complete_deletion(s, logical_id, at);
      });
    }
  }
  bool deleting = std::any_of(stack.resources.begin(), stack.resources.end(), [](const auto& r) {
    return r.second.status == "DELETE_IN_PROGRESS";
  });
  if (!deleting) finish_deletion(stack, now);
}

Ec2Result<void> StackEngine::delete_in_ec2(const Stack& stack, const StackResource& resource,
                                           TimePoint now) {
  if (resource.type == "AWS::EC2::SecurityGroup") {
    return provisioner_.delete_security_group(stack.region, resource.physical_id, now);
  }
  if (resource.type == "AWS::EC2::VPCEndpoint") {
    return provisioner_.delete_vpc_endpoint(stack.region, resource.physical_id, now);
  }
  // SecurityGroupIngress / SecurityGroupEgress: the rule lives in its group.
  std::string group_id =
      resource.properties.contains("GroupId") ? to_text(resource.properties["GroupId"]) : "";
  return provisioner_.delete_security_group_rule(stack.region, group_id, resource.physical_id, now);
}

void StackEngine::complete_deletion(Stack& stack, const std::string& logical_id, TimePoint now) {
  StackResource& resource = stack.resources.at(logical_id);
  if (resource.status != "DELETE_IN_PROGRESS") return;
  emit(stack, &resource, "DELETE_COMPLETE", "", now);
  delete_ready_resources(stack, now);
}

void StackEngine::finish_deletion(Stack& stack, TimePoint now) {
  std::vector<std::string> failed;
  for (const auto& [logical_id, resource] : stack.resources) {
    if (resource.status == "DELETE_FAILED") failed.push_back(logical_id);
  }
  std::string reason =
      failed.empty() ? ""
                     : "The following resource(s) failed to delete: " + bracketed(failed) + ". ";
  if (stack.status == "ROLLBACK_IN_PROGRESS") {
    emit(stack, nullptr, failed.empty() ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", reason, now);
    if (stack.delete_after_rollback) {
      std::string token = *stack.delete_after_rollback;
      stack.delete_after_rollback.reset();
      start_delete(stack, token, now);
    }
    return;
  }
  emit(stack, nullptr, failed.empty() ? "DELETE_COMPLETE" : "DELETE_FAILED", reason, now);
}

}  // namespace ssmlink::emulator
