#include "emulator/ssm/service_settings.hpp"

#include <nlohmann/json.hpp>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;

constexpr std::string_view kHostManagementSetting =
    "/ssm/managed-instance/default-ec2-instance-management-role";

std::string setting_arn(const World& world, const std::string& region) {
  return "arn:aws:ssm:" + region + ":" + world.account_id + ":servicesetting" +
         std::string(kHostManagementSetting);
}

// SettingId: the setting's path or its ARN.
void check_setting_id(const World& world, const ApiRequest& request) {
  const json& body = request.body;
  if (!body.is_object() || !body.contains("SettingId") || !body["SettingId"].is_string()) {
    throw ApiError(400, "ValidationException",
                   "1 validation error detected: Value null at 'settingId' failed to satisfy "
                   "constraint: Member must not be null");
  }
  std::string id = body["SettingId"].get<std::string>();
  if (id != kHostManagementSetting && id != setting_arn(world, request.region)) {
    throw ApiError(400, "ServiceSettingNotFound", "The service setting " + id + " was not found.");
  }
}

double setting_seconds(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

json setting_json(const World& world, const RegionState& region) {
  bool customized = region.default_host_management_modified.has_value();
  std::string value =
      region.default_host_management_role.empty() ? "$None" : region.default_host_management_role;
  return {{"SettingId", kHostManagementSetting},
          {"SettingValue", value},
          // The default's date: when "the account" was created, as GetDocument's is.
          {"LastModifiedDate",
           customized ? setting_seconds(*region.default_host_management_modified) : 1704067200.0},
          {"LastModifiedUser",
           customized ? region.default_host_management_modified_by : std::string("System")},
          {"ARN", setting_arn(world, region.name)},
          {"Status", customized ? "Customized" : "Default"}};
}

ApiResponse setting_reply(const json& body) {
  return {200, "application/x-amz-json-1.1", body.dump()};
}

std::string setting_caller_arn(const World& world, const ApiRequest& request) {
  const AccessKey* key = world.find_key(request.access_key_id);
  return key ? key->arn : "";
}

ApiResponse get_service_setting(World& world, const ApiRequest& request) {
  check_setting_id(world, request);
  return setting_reply({{"ServiceSetting", setting_json(world, world.region(request.region))}});
}

ApiResponse update_service_setting(World& world, const ApiRequest& request) {
  check_setting_id(world, request);
  if (!request.body.contains("SettingValue") || !request.body["SettingValue"].is_string()) {
    throw ApiError(400, "ValidationException",
                   "1 validation error detected: Value null at 'settingValue' failed to satisfy "
                   "constraint: Member must not be null");
  }
  std::string value = request.body["SettingValue"].get<std::string>();
  RegionState& region = world.region(request.region);
  region.default_host_management_role = value == "$None" ? "" : value;
  region.default_host_management_modified = request.now;
  region.default_host_management_modified_by = setting_caller_arn(world, request);
  world.network_changed(request.now);
  return setting_reply(json::object());
}

ApiResponse reset_service_setting(World& world, const ApiRequest& request) {
  check_setting_id(world, request);
  RegionState& region = world.region(request.region);
  region.default_host_management_role.clear();
  region.default_host_management_modified.reset();
  region.default_host_management_modified_by.clear();
  world.network_changed(request.now);
  return setting_reply({{"ServiceSetting", setting_json(world, region)}});
}

}  // namespace

void add_service_settings_api(ApiTable& table) {
  table["ssm"]["GetServiceSetting"] = get_service_setting;
  table["ssm"]["UpdateServiceSetting"] = update_service_setting;
  table["ssm"]["ResetServiceSetting"] = reset_service_setting;
}

}  // namespace ssmlink::emulator
