#include "emulator/cloudformation/stack_set_wire.hpp"

#include "emulator/world.hpp"

namespace ssmlink::emulator {

ApiError stack_set_validation_error(const std::string& message) {
  return ApiError(400, "ValidationError", message);
}

ApiError stack_set_enum_error(const std::string& value, const std::string& field,
                              const std::string& allowed) {
  return stack_set_validation_error("1 validation error detected: Value '" + value + "' at '" +
                                    field +
                                    "' failed to satisfy constraint: Member must satisfy enum "
                                    "value set: [" +
                                    allowed + "]");
}

std::string StackSetQuery::text(const std::string& key) const {
  auto found = request_.params.find(key);
  return found == request_.params.end() ? "" : found->second;
}

std::string StackSetQuery::required(const std::string& key, const std::string& field) const {
  if (!has(key)) {
    throw stack_set_validation_error("1 validation error detected: Value null at '" + field +
                                     "' failed to satisfy constraint: Member must not be null");
  }
  return text(key);
}

std::vector<std::string> StackSetQuery::list(const std::string& prefix) const {
  std::vector<std::string> values;
  for (int i = 1; has(prefix + ".member." + std::to_string(i)); ++i)
    values.push_back(text(prefix + ".member." + std::to_string(i)));
  return values;
}

std::optional<int> StackSetQuery::number(const std::string& key, int minimum) const {
  if (!has(key)) return std::nullopt;
  std::string value = text(key);
  int parsed = 0;
  try {
    size_t used = 0;
    parsed = std::stoi(value, &used);
    if (used != value.size()) throw std::invalid_argument(value);
  } catch (const std::exception&) {
    throw stack_set_validation_error("Invalid value for " + key + ": " + value);
  }
  if (parsed < minimum) {
    throw stack_set_validation_error("1 validation error detected: Value '" + value + "' at '" +
                                     key +
                                     "' failed to satisfy constraint: Member must have "
                                     "value greater than or equal to " +
                                     std::to_string(minimum));
  }
  return parsed;
}

ParameterList StackSetQuery::parameters(const std::string& prefix,
                                        std::vector<std::string>* kept) const {
  ParameterList out;
  for (int i = 1;; ++i) {
    std::string entry = prefix + ".member." + std::to_string(i) + ".";
    if (!has(entry + "ParameterKey")) break;
    std::string key = text(entry + "ParameterKey");
    if (flag(entry + "UsePreviousValue")) {
      if (!kept) throw stack_set_validation_error("UsePreviousValue is not allowed here");
      kept->push_back(key);
    } else {
      out.emplace_back(key, text(entry + "ParameterValue"));
    }
  }
  return out;
}

OperationPreferences StackSetQuery::preferences() const {
  const std::string prefix = "OperationPreferences.";
  OperationPreferences preferences;
  std::string type = text(prefix + "RegionConcurrencyType");
  if (!type.empty() && type != "SEQUENTIAL" && type != "PARALLEL") {
    throw stack_set_enum_error(type, "operationPreferences.regionConcurrencyType",
                               "SEQUENTIAL, PARALLEL");
  }
  preferences.parallel = type == "PARALLEL";
  preferences.region_order = list(prefix + "RegionOrder");
  preferences.failure_tolerance_count = number(prefix + "FailureToleranceCount", 0);
  preferences.failure_tolerance_percentage = number(prefix + "FailureTolerancePercentage", 0);
  preferences.max_concurrent_count = number(prefix + "MaxConcurrentCount", 1);
  preferences.max_concurrent_percentage = number(prefix + "MaxConcurrentPercentage", 1);
  if (preferences.failure_tolerance_count && preferences.failure_tolerance_percentage) {
    throw stack_set_validation_error(
        "FailureToleranceCount and FailureTolerancePercentage cannot both be specified");
  }
  if (preferences.max_concurrent_count && preferences.max_concurrent_percentage) {
    throw stack_set_validation_error(
        "MaxConcurrentCount and MaxConcurrentPercentage cannot both be specified");
  }
  std::string mode = text(prefix + "ConcurrencyMode");
  if (!mode.empty() && mode != "STRICT_FAILURE_TOLERANCE" && mode != "SOFT_FAILURE_TOLERANCE") {
    throw stack_set_enum_error(mode, "operationPreferences.concurrencyMode",
                               "STRICT_FAILURE_TOLERANCE, SOFT_FAILURE_TOLERANCE");
  }
  preferences.soft_failure_tolerance = mode == "SOFT_FAILURE_TOLERANCE";
  return preferences;
}

DeploymentTargets StackSetQuery::deployment_targets() const {
  DeploymentTargets targets;
  targets.accounts = list("DeploymentTargets.Accounts");
  targets.organizational_unit_ids = list("DeploymentTargets.OrganizationalUnitIds");
  targets.account_filter_type = text("DeploymentTargets.AccountFilterType");
  if (has("DeploymentTargets.AccountsUrl")) {
    throw stack_set_validation_error("AccountsUrl is not supported by the emulator (no S3)");
  }
  return targets;
}

size_t StackSetQuery::position() const {
  if (!has("NextToken")) return 0;
  std::string token = text("NextToken");
  try {
    size_t used = 0;
    unsigned long long position = std::stoull(token, &used);
    if (used == token.size()) return static_cast<size_t>(position);
  } catch (const std::exception&) {
  }
  throw stack_set_validation_error("Invalid NextToken");  // unverified wording
}

size_t StackSetQuery::page_size() const {
  std::optional<int> size = number("MaxResults", 1);
  if (size && *size > 100) {
    throw stack_set_validation_error(
        "1 validation error detected: Value '" + std::to_string(*size) +
        "' at 'maxResults' failed to satisfy constraint: Member must have value less than or "
        "equal to 100");
  }
  return static_cast<size_t>(size.value_or(100));
}

ApiResponse stack_set_reply(const ApiRequest& request, const std::string& action,
                            const std::function<void(XmlWriter&)>& fill) {
  XmlWriter xml(action + "Response", "http://cloudformation.amazonaws.com/doc/2010-05-15/");
  xml.open(action + "Result");
  fill(xml);
  xml.close();
  xml.open("ResponseMetadata").element("RequestId", request.request_id).close();
  return {200, "text/xml", xml.finish()};
}

void require_management_account(const World& world) {
  if (!world.home) return;
  throw stack_set_validation_error(
      "the emulator runs StackSets in the management account only; account " + world.account_id +
      " is a member account");
}

}  // namespace ssmlink::emulator
