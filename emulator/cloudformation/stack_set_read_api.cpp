// StackSets' read-only actions: DescribeStackSet, ListStackSets, DescribeStackSetOperation,
// ListStackSetOperations, ListStackSetOperationResults, ListStackInstances and
// DescribeStackInstance.
#include <algorithm>

#include "emulator/cloudformation/cfn_stack.hpp"
#include "emulator/cloudformation/stack_set_wire.hpp"

namespace ssmlink::emulator {

namespace {

const char* kActionNames[] = {"CREATE", "UPDATE", "DELETE"};

void element_if_any(XmlWriter& xml, const char* name, const std::string& text) {
  if (!text.empty()) xml.element(name, text);
}

void write_parameters(XmlWriter& xml, const char* element, const ParameterList& parameters) {
  xml.open(element);
  for (const auto& [key, value] : parameters) {
    xml.open("member").element("ParameterKey", key).element("ParameterValue", value).close();
  }
  xml.close();
}

// The page of `items` the request asks for, and the NextToken after it ("" at the end).
template <typename Item>
std::pair<std::vector<Item>, std::string> page_of(const StackSetQuery& query,
                                                  const std::vector<Item>& items) {
  size_t start = std::min(query.position(), items.size());
  size_t end = std::min(start + query.page_size(), items.size());
  std::vector<Item> page(items.begin() + static_cast<std::ptrdiff_t>(start),
                         items.begin() + static_cast<std::ptrdiff_t>(end));
  return {page, end < items.size() ? std::to_string(end) : ""};
}

// <Summaries><member>...</member>...</Summaries><NextToken>, as every List action answers.
template <typename Item, typename Write>
void write_summaries(XmlWriter& xml, const std::vector<Item>& page, const std::string& next,
                     Write write_one) {
  xml.open("Summaries");
  for (const Item& item : page) {
    xml.open("member");
    write_one(*item);
    xml.close();
  }
  xml.close();
  element_if_any(xml, "NextToken", next);
}

void write_auto_deployment(XmlWriter& xml, const StackSet& stack_set) {
  if (!stack_set.service_managed) return;
  xml.open("AutoDeployment")
      .element("Enabled", stack_set.auto_deployment)
      .element("RetainStacksOnAccountRemoval", stack_set.retain_stacks_on_account_removal)
      .close();
}

const char* permission_model(const StackSet& stack_set) {
  return stack_set.service_managed ? "SERVICE_MANAGED" : "SELF_MANAGED";
}

ApiResponse describe_stack_set(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  const StackSet& set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  return stack_set_reply(request, "DescribeStackSet", [&](XmlWriter& xml) {
    xml.open("StackSet");
    xml.element("StackSetName", set.name);
    xml.element("StackSetId", set.id);
    element_if_any(xml, "Description", set.description);
    xml.element("Status", "ACTIVE");
    xml.element("TemplateBody", set.template_body);
    write_parameters(xml, "Parameters", set.parameters);
    xml.open("Capabilities");
    for (const auto& capability : set.capabilities)
      xml.element("member", capability);
    xml.close();
    xml.open("Tags");
    for (const auto& [key, value] : set.tags)
      xml.open("member").element("Key", key).element("Value", value).close();
    xml.close();
    xml.element("StackSetARN", set.arn);
    if (!set.service_managed) {
      xml.element("AdministrationRoleARN", "arn:aws:iam::" + stack_sets.home().account_id +
                                               ":role/AWSCloudFormationStackSetAdministrationRole");
      xml.element("ExecutionRoleName", "AWSCloudFormationStackSetExecutionRole");
    }
    xml.open("StackSetDriftDetectionDetails").element("DriftStatus", "NOT_CHECKED").close();
    write_auto_deployment(xml, set);
    xml.element("PermissionModel", permission_model(set));
    xml.open("OrganizationalUnitIds");
    std::vector<std::string> units;
    for (const auto& [key, instance] : set.instances) {
      const std::string& unit = instance.organizational_unit_id;
      if (!unit.empty() && std::find(units.begin(), units.end(), unit) == units.end()) {
        units.push_back(unit);
        xml.element("member", unit);
      }
    }
    xml.close();
    xml.open("ManagedExecution").element("Active", set.managed_execution).close();
    xml.close();
  });
}

ApiResponse list_stack_sets(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  std::string status = query.text("Status");
  std::vector<const StackSet*> sets;
  if (status.empty() || status == "ACTIVE") sets = stack_sets.all();  // deleted ones are gone
  auto [page, next] = page_of(query, sets);
  return stack_set_reply(request, "ListStackSets", [&](XmlWriter& xml) {
    write_summaries(xml, page, next, [&](const StackSet& set) {
      xml.element("StackSetName", set.name);
      xml.element("StackSetId", set.id);
      element_if_any(xml, "Description", set.description);
      xml.element("Status", "ACTIVE");
      write_auto_deployment(xml, set);
      xml.element("PermissionModel", permission_model(set));
      xml.element("DriftStatus", "NOT_CHECKED");
      xml.open("ManagedExecution").element("Active", set.managed_execution).close();
    });
  });
}

const StackSetOperation& operation_named(const StackSet& set, const StackSetQuery& query) {
  std::string id = query.required("OperationId", "operationId");
  const StackSetOperation* operation = set.find_operation(id);
  if (!operation)
    throw ApiError(404, "OperationNotFoundException", "Operation " + id + " not found");
  return *operation;
}

void write_preferences(XmlWriter& xml, const OperationPreferences& preferences) {
  xml.open("OperationPreferences");
  xml.element("RegionConcurrencyType", preferences.parallel ? "PARALLEL" : "SEQUENTIAL");
  xml.open("RegionOrder");
  for (const auto& region : preferences.region_order)
    xml.element("member", region);
  xml.close();
  auto number = [&](const char* name, const std::optional<int>& value) {
    if (value) xml.element(name, *value);
  };
  number("FailureToleranceCount", preferences.failure_tolerance_count);
  number("FailureTolerancePercentage", preferences.failure_tolerance_percentage);
  number("MaxConcurrentCount", preferences.max_concurrent_count);
  number("MaxConcurrentPercentage", preferences.max_concurrent_percentage);
  xml.element("ConcurrencyMode", preferences.soft_failure_tolerance ? "SOFT_FAILURE_TOLERANCE"
                                                                    : "STRICT_FAILURE_TOLERANCE");
  xml.close();
}

void write_operation_common(XmlWriter& xml, const StackSetOperation& operation) {
  xml.element("OperationId", operation.id);
  xml.element("Action", kActionNames[static_cast<int>(operation.action)]);
  xml.element("Status", operation.status);
  xml.element("CreationTimestamp", format_timestamp(operation.created));
  if (operation.ended) xml.element("EndTimestamp", format_timestamp(*operation.ended));
  long long failed = std::count_if(operation.results.begin(), operation.results.end(),
                                   [](const auto& result) { return result.status == "FAILED"; });
  xml.open("StatusDetails").element("FailedStackInstancesCount", failed).close();
  write_preferences(xml, operation.preferences);
}

ApiResponse describe_stack_set_operation(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  const StackSet& set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  const StackSetOperation& operation = operation_named(set, query);
  return stack_set_reply(request, "DescribeStackSetOperation", [&](XmlWriter& xml) {
    xml.open("StackSetOperation");
    write_operation_common(xml, operation);
    xml.element("StackSetId", set.id);
    if (operation.action == OperationAction::Delete)
      xml.element("RetainStacks", operation.retain_stacks);
    const DeploymentTargets& targets = operation.deployment_targets;
    xml.open("DeploymentTargets");
    xml.open("Accounts");
    for (const auto& account : targets.accounts)
      xml.element("member", account);
    xml.close();
    xml.open("OrganizationalUnitIds");
    for (const auto& unit : targets.organizational_unit_ids)
      xml.element("member", unit);
    xml.close();
    element_if_any(xml, "AccountFilterType", targets.account_filter_type);
    xml.close();
    xml.close();
  });
}

ApiResponse list_stack_set_operations(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  const StackSet& set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  std::vector<const StackSetOperation*> operations;
  for (auto it = set.operations.rbegin(); it != set.operations.rend(); ++it)
    operations.push_back(it->get());  // newest first
  auto [page, next] = page_of(query, operations);
  return stack_set_reply(request, "ListStackSetOperations", [&](XmlWriter& xml) {
    write_summaries(xml, page, next, [&](const StackSetOperation& operation) {
      write_operation_common(xml, operation);
    });
  });
}

ApiResponse list_stack_set_operation_results(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  const StackSet& set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  const StackSetOperation& operation = operation_named(set, query);
  std::vector<const OperationResult*> results;
  for (const auto& result : operation.results)
    results.push_back(&result);
  auto [page, next] = page_of(query, results);
  return stack_set_reply(request, "ListStackSetOperationResults", [&](XmlWriter& xml) {
    write_summaries(xml, page, next, [&](const OperationResult& result) {
      xml.element("Account", result.account);
      xml.element("Region", result.region);
      xml.element("Status", result.status);
      element_if_any(xml, "StatusReason", result.reason);
      if (result.status != "PENDING" && result.status != "CANCELLED") {
        // No account gate function in any account: AWS skips the gate.
        xml.open("AccountGateResult")
            .element("Status", "SKIPPED")
            .element("StatusReason", "AWSCloudFormationStackSetAccountGate function not found")
            .close();
      }
      element_if_any(xml, "OrganizationalUnitId", result.organizational_unit_id);
    });
  });
}

void write_instance(XmlWriter& xml, const StackSet& set, const StackInstance& instance) {
  xml.element("StackSetId", set.id);
  xml.element("Region", instance.region);
  xml.element("Account", instance.account);
  element_if_any(xml, "StackId", instance.stack_id);
  xml.element("Status", instance.status);
  element_if_any(xml, "StatusReason", instance.status_reason);
  xml.open("StackInstanceStatus").element("DetailedStatus", instance.detailed_status).close();
  element_if_any(xml, "OrganizationalUnitId", instance.organizational_unit_id);
  xml.element("DriftStatus", "NOT_CHECKED");
  element_if_any(xml, "LastOperationId", instance.last_operation_id);
}

bool instance_matches(const StackSetQuery& query, const StackInstance& instance) {
  if (query.has("StackInstanceAccount") && query.text("StackInstanceAccount") != instance.account)
    return false;
  if (query.has("StackInstanceRegion") && query.text("StackInstanceRegion") != instance.region)
    return false;
  for (int i = 1; query.has("Filters.member." + std::to_string(i) + ".Name"); ++i) {
    std::string prefix = "Filters.member." + std::to_string(i) + ".";
    std::string name = query.text(prefix + "Name");
    std::string value = query.text(prefix + "Values");
    if (name == "DETAILED_STATUS") {
      if (instance.detailed_status != value) return false;
    } else if (name == "LAST_OPERATION_ID") {
      if (instance.last_operation_id != value) return false;
    } else if (name == "DRIFT_STATUS") {
      if (value != "NOT_CHECKED") return false;
    } else {
      throw stack_set_enum_error(name, "filters.member." + std::to_string(i) + ".name",
                                 "DETAILED_STATUS, LAST_OPERATION_ID, DRIFT_STATUS");
    }
  }
  return true;
}

ApiResponse list_stack_instances(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  const StackSet& set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  std::vector<const StackInstance*> instances;
  for (const auto& [key, instance] : set.instances) {
    if (instance_matches(query, instance)) instances.push_back(&instance);
  }
  auto [page, next] = page_of(query, instances);
  return stack_set_reply(request, "ListStackInstances", [&](XmlWriter& xml) {
    write_summaries(xml, page, next,
                    [&](const StackInstance& instance) { write_instance(xml, set, instance); });
  });
}

ApiResponse describe_stack_instance(StackSets& stack_sets, const ApiRequest& request) {
  StackSetQuery query(request);
  const StackSet& set = stack_sets.named(query.required("StackSetName", "stackSetName"));
  std::string account = query.required("StackInstanceAccount", "stackInstanceAccount");
  std::string region = query.required("StackInstanceRegion", "stackInstanceRegion");
  auto found = set.instances.find({account, region});
  if (found == set.instances.end()) {
    throw ApiError(404, "StackInstanceNotFoundException",
                   "Stack instance in account " + account + " and region " + region +
                       " not found for StackSet " + set.name);
  }
  return stack_set_reply(request, "DescribeStackInstance", [&](XmlWriter& xml) {
    xml.open("StackInstance");
    write_instance(xml, set, found->second);
    write_parameters(xml, "ParameterOverrides", found->second.parameter_overrides);
    xml.close();
  });
}

}  // namespace

void add_stack_set_read_api(ApiTable& table, StackSets& stack_sets) {
  auto& actions = table["cloudformation"];
  auto bind = [&stack_sets](ApiResponse (*handler)(StackSets&, const ApiRequest&)) {
    return [&stack_sets, handler](World& world, const ApiRequest& request) {
      require_management_account(world);
      return handler(stack_sets, request);
    };
  };
  actions["DescribeStackSet"] = bind(describe_stack_set);
  actions["ListStackSets"] = bind(list_stack_sets);
  actions["DescribeStackSetOperation"] = bind(describe_stack_set_operation);
  actions["ListStackSetOperations"] = bind(list_stack_set_operations);
  actions["ListStackSetOperationResults"] = bind(list_stack_set_operation_results);
  actions["ListStackInstances"] = bind(list_stack_instances);
  actions["DescribeStackInstance"] = bind(describe_stack_instance);
}

}  // namespace ssmlink::emulator
