#include "emulator/cloudformation/stack_set_api.hpp"

#include <regex>

#include "emulator/cloudformation/stack_set_targets.hpp"
#include "emulator/cloudformation/stack_set_wire.hpp"
#include "emulator/region_name.hpp"

namespace ssmlink::emulator {

namespace {

// StackSetName, as CreateStackSet's reference states it: a letter, then letters, digits
// and hyphens, at most 128 characters.
void check_stack_set_name(const std::string& name) {
  static const std::regex pattern("[a-zA-Z][-a-zA-Z0-9]*");
  if (!std::regex_match(name, pattern) || name.size() > 128) {
    throw stack_set_validation_error(
        "1 validation error detected: Value '" + name +
        "' at 'stackSetName' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
  }
}

void check_token(const std::string& token, const std::string& field) {
  static const std::regex pattern("[a-zA-Z0-9][-a-zA-Z0-9]*");
  if (!std::regex_match(token, pattern) || token.size() > 128) {
    throw stack_set_validation_error(
        "1 validation error detected: Value '" + token + "' at '" + field +
        "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
        "[a-zA-Z0-9][-a-zA-Z0-9]*");
  }
}

ApiResponse create_stack_set(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  StackSet stack_set;
  stack_set.name = query.required("StackSetName", "stackSetName");
  check_stack_set_name(stack_set.name);
  if (query.has("TemplateURL")) {
    throw stack_set_validation_error(
        "TemplateURL must reference a valid S3 object to which you have access.");
  }
  stack_set.template_body = query.text("TemplateBody");
  if (stack_set.template_body.empty()) {
    throw stack_set_validation_error("Either Template URL or Template Body must be specified.");
  }
  stack_set.region = request.region;
  stack_set.description = query.text("Description");
  stack_set.parameters = query.parameters("Parameters", nullptr);
  stack_set.capabilities = query.list("Capabilities");
  for (int i = 1; query.has("Tags.member." + std::to_string(i) + ".Key"); ++i) {
    std::string prefix = "Tags.member." + std::to_string(i) + ".";
    stack_set.tags.emplace_back(query.text(prefix + "Key"), query.text(prefix + "Value"));
  }
  if (stack_set.tags.size() > 50) {
    throw stack_set_validation_error(
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member "
        "must have length less than or equal to 50");
  }
  std::string model = query.text("PermissionModel");
  if (!model.empty() && model != "SERVICE_MANAGED" && model != "SELF_MANAGED") {
    throw stack_set_enum_error(model, "permissionModel", "SERVICE_MANAGED, SELF_MANAGED");
  }
  stack_set.service_managed = model == "SERVICE_MANAGED";
  stack_set.auto_deployment = query.flag("AutoDeployment.Enabled");
  stack_set.retain_stacks_on_account_removal =
      query.flag("AutoDeployment.RetainStacksOnAccountRemoval");
  stack_set.managed_execution = query.flag("ManagedExecution.Active");
  if (query.has("ClientRequestToken")) {
    stack_set.client_request_token = query.text("ClientRequestToken");
    check_token(stack_set.client_request_token, "clientRequestToken");
  }
  const StackSet& created = stack_sets.create(std::move(stack_set));
  return stack_set_reply(request, "CreateStackSet",
                         [&](XmlWriter& xml) { xml.element("StackSetId", created.id); });
}

ApiResponse delete_stack_set(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  stack_sets.remove(query.required("StackSetName", "stackSetName"));
  return stack_set_reply(request, "DeleteStackSet", [](XmlWriter&) {});
}

// CreateStackInstances, UpdateStackInstances and DeleteStackInstances: the same request
// shape, answered with the operation's ID.
ApiResponse instances_operation(StackSets& stack_sets, const ApiRequest& request,
                                OperationAction action) {
  StackSetQuery query(request);
  StackSet& stack_set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  OperationRequest operation;
  operation.action = action;
  operation.regions = query.list("Regions");
  if (operation.regions.empty()) {
    throw stack_set_validation_error(
        "1 validation error detected: Value null at 'regions' failed to satisfy constraint: "
        "Member must not be null");
  }
  for (const auto& region : operation.regions) {
    if (!is_region_name(region)) {
      throw stack_set_validation_error("Region " + region + " is not supported");
    }
  }
  operation.deployment_targets = query.deployment_targets();
  operation.accounts = resolve_target_accounts(
      stack_sets.home(), stack_set, operation.deployment_targets, query.list("Accounts"));
  operation.preferences = query.preferences();
  if (query.has("ParameterOverrides.member.1.ParameterKey") || query.has("ParameterOverrides")) {
    operation.parameter_overrides =
        query.parameters("ParameterOverrides", &operation.kept_overrides);
  }
  if (action == OperationAction::Delete) {
    operation.retain_stacks = query.flag("RetainStacks");
    if (!query.has("RetainStacks")) {
      throw stack_set_validation_error(
          "1 validation error detected: Value null at 'retainStacks' failed to satisfy "
          "constraint: Member must not be null");
    }
  }
  if (action == OperationAction::Update) {
    for (const auto& region : operation.regions) {
      for (const auto& target : operation.accounts) {
        if (!stack_set.instances.contains({target.account, region})) {
          throw ApiError(404, "StackInstanceNotFoundException",
                         "Stack instance in account " + target.account + " and region " + region +
                             " not found for StackSet " + stack_set.name);
        }
      }
    }
  }
  if (query.has("OperationId")) {
    operation.operation_id = query.text("OperationId");
    check_token(operation.operation_id, "operationId");
  }
  static const char* kActions[] = {"CreateStackInstances", "UpdateStackInstances",
                                   "DeleteStackInstances"};
  std::string id = stack_sets.start_operation(stack_set, std::move(operation), request.now);
  return stack_set_reply(request, kActions[static_cast<int>(action)],
                         [&](XmlWriter& xml) { xml.element("OperationId", id); });
}

}  // namespace

void add_stack_set_api(ApiTable& table, StackSets& stack_sets) {
  auto& actions = table["cloudformation"];
  auto bind = [&stack_sets](auto handler) {
    return [&stack_sets, handler](World& world, const ApiRequest& request) {
      require_management_account(world);
      return handler(stack_sets, request);
    };
  };
  actions["CreateStackSet"] = bind(create_stack_set);
  actions["DeleteStackSet"] = bind(delete_stack_set);
  actions["CreateStackInstances"] = bind([](StackSets& sets, const ApiRequest& request) {
    return instances_operation(sets, request, OperationAction::Create);
  });
  actions["UpdateStackInstances"] = bind([](StackSets& sets, const ApiRequest& request) {
    return instances_operation(sets, request, OperationAction::Update);
  });
  actions["DeleteStackInstances"] = bind([](StackSets& sets, const ApiRequest& request) {
    return instances_operation(sets, request, OperationAction::Delete);
  });
  add_stack_set_read_api(table, stack_sets);
}

}  // namespace ssmlink::emulator
