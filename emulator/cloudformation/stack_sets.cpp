#include "emulator/cloudformation/stack_sets.hpp"

#include <algorithm>

#include "emulator/api.hpp"
#include "emulator/cloudformation/cfn_template.hpp"
#include "emulator/region_name.hpp"

namespace ssmlink::emulator {

namespace {

// The runner looks at its running targets this often; a resource takes Timings::provision.
constexpr std::chrono::milliseconds kStackSetTick{10};

bool conflicts(const StackSetOperation& a, const StackSetOperation& b) {
  return std::any_of(a.results.begin(), a.results.end(), [&](const OperationResult& result) {
    return b.touches(result.account, result.region);
  });
}

}  // namespace

bool StackSetOperation::touches(const std::string& account, const std::string& region) const {
  return std::any_of(results.begin(), results.end(), [&](const OperationResult& result) {
    return result.account == account && result.region == region;
  });
}

const StackSetOperation* StackSet::find_operation(const std::string& operation_id) const {
  for (const auto& operation : operations) {
    if (operation->id == operation_id) return operation.get();
  }
  return nullptr;
}

StackSets::StackSets(World& management, StackEngines& engines)
    : home_(management), engines_(engines) {}

StackSets::~StackSets() {
  stop();
}

void StackSets::start() {
  std::lock_guard lock(home_.mutex);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void StackSets::stop() {
  {
    std::lock_guard lock(home_.mutex);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StackSets::run() {
  std::unique_lock lock(home_.mutex);
  while (!stopping_) {
    advance(std::chrono::system_clock::now());
    bool busy = false;
    for (const auto& set : sets_) {
      for (const auto& operation : set->operations)
        busy = busy || !operation->finished();
    }
    if (busy) {
      wake_.wait_for(lock, kStackSetTick);
    } else {
      wake_.wait(lock);
    }
  }
}

void StackSets::reset() {
  sets_.clear();
}

StackSet& StackSets::create(StackSet stack_set) {
  for (const auto& existing : sets_) {
    if (existing->name != stack_set.name) continue;
    if (!stack_set.client_request_token.empty() &&
        existing->client_request_token == stack_set.client_request_token) {
      return *existing;
    }
    throw ApiError(409, "NameAlreadyExistsException",
                   "StackSet " + stack_set.name + " already exists");
  }
  try {
    Template tmpl = parse_template(stack_set.template_body);
    for (const auto& [key, value] : stack_set.parameters) {
      if (!tmpl.parameter(key)) {
        throw TemplateError("Parameters: [" + key + "] do not exist in the template");
      }
    }
  } catch (const TemplateError& error) {
    throw ApiError(400, "ValidationError", error.what());
  }
  std::string uuid = home_.new_request_id();
  stack_set.id = stack_set.name + ":" + uuid;
  stack_set.arn = "arn:" + partition_of(stack_set.region) + ":cloudformation:" + stack_set.region +
                  ":" + home_.account_id + ":stackset/" + stack_set.id;
  sets_.push_back(std::make_unique<StackSet>(std::move(stack_set)));
  return *sets_.back();
}

StackSet& StackSets::named(const std::string& name_or_id) {
  for (const auto& set : sets_) {
    if (set->name == name_or_id || set->id == name_or_id) return *set;
  }
  throw ApiError(404, "StackSetNotFoundException", "StackSet " + name_or_id + " not found");
}

std::vector<const StackSet*> StackSets::all() const {
  std::vector<const StackSet*> out;
  for (const auto& set : sets_)
    out.push_back(set.get());
  return out;
}

void StackSets::remove(const std::string& name_or_id) {
  StackSet& stack_set = named(name_or_id);
  for (const auto& operation : stack_set.operations) {
    if (!operation->finished()) {
      throw ApiError(409, "OperationInProgressException",
                     "Another Operation on StackSet " + stack_set.arn + " is in progress");
    }
  }
  if (!stack_set.instances.empty()) {
    throw ApiError(409, "StackSetNotEmptyException", "StackSet is not empty");
  }
  std::erase_if(sets_, [&](const auto& set) { return set.get() == &stack_set; });
}

std::string StackSets::start_operation(StackSet& stack_set, OperationRequest request,
                                       TimePoint now) {
  if (!request.operation_id.empty()) {
    // A retried request: the operation it started, whatever its state.
    if (stack_set.find_operation(request.operation_id)) return request.operation_id;
  }
  auto operation = std::make_unique<StackSetOperation>();
  operation->id = request.operation_id.empty() ? home_.new_request_id() : request.operation_id;
  operation->action = request.action;
  operation->preferences = request.preferences;
  operation->deployment_targets = request.deployment_targets;
  operation->retain_stacks = request.retain_stacks;
  operation->parameter_overrides = request.parameter_overrides;
  operation->kept_overrides = request.kept_overrides;
  operation->created = now;
  // Sequential: the regions of RegionOrder first, then the rest as given.
  for (const auto& region : request.preferences.region_order) {
    if (std::find(request.regions.begin(), request.regions.end(), region) != request.regions.end())
      operation->regions.push_back(region);
  }
  for (const auto& region : request.regions) {
    if (std::find(operation->regions.begin(), operation->regions.end(), region) ==
        operation->regions.end())
      operation->regions.push_back(region);
  }
  for (const auto& region : operation->regions) {
    for (const auto& target : request.accounts) {
      OperationResult result;
      result.account = target.account;
      result.region = region;
      result.organizational_unit_id = target.organizational_unit_id;
      operation->results.push_back(std::move(result));
    }
  }
  bool waits = false;
  for (const auto& earlier : stack_set.operations) {
    if (earlier->finished()) continue;
    if (!stack_set.managed_execution) {
      throw ApiError(409, "OperationInProgressException",
                     "Another Operation on StackSet " + stack_set.arn + " is in progress");
    }
    waits = waits || conflicts(*earlier, *operation);
  }
  if (request.action == OperationAction::Create) {
    // New instances are listed at once, PENDING, as AWS lists them.
    for (const auto& result : operation->results) {
      auto key = std::make_pair(result.account, result.region);
      if (stack_set.instances.contains(key)) continue;
      StackInstance instance;
      instance.account = result.account;
      instance.region = result.region;
      instance.organizational_unit_id = result.organizational_unit_id;
      instance.last_operation_id = operation->id;
      stack_set.instances.emplace(key, std::move(instance));
    }
  }
  operation->status = waits ? "QUEUED" : "RUNNING";
  if (!waits) activate(stack_set, *operation);
  std::string id = operation->id;
  stack_set.operations.push_back(std::move(operation));
  wake_.notify_all();
  return id;
}

void StackSets::activate(StackSet& stack_set, StackSetOperation& operation) {
  operation.status = "RUNNING";
  for (const auto& result : operation.results) {
    auto found = stack_set.instances.find({result.account, result.region});
    if (found == stack_set.instances.end()) continue;
    StackInstance& instance = found->second;
    instance.last_operation_id = operation.id;
    instance.status = "OUTDATED";
    instance.detailed_status = "PENDING";
    instance.status_reason.clear();
    if (operation.parameter_overrides) {
      ParameterList overrides = *operation.parameter_overrides;
      for (const auto& [key, value] : instance.parameter_overrides) {
        if (std::find(operation.kept_overrides.begin(), operation.kept_overrides.end(), key) !=
            operation.kept_overrides.end())
          overrides.emplace_back(key, value);
      }
      instance.parameter_overrides = std::move(overrides);
    }
  }
}

}  // namespace ssmlink::emulator
