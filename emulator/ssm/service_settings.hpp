// SSM GetServiceSetting / UpdateServiceSetting / ResetServiceSetting for the one setting
// the emulator models: /ssm/managed-instance/default-ec2-instance-management-role, Default
// Host Management Configuration's role (per region). Its value is a role name with its
// path ("service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole"), or "$None"
// with Status "Default" when off. Other setting IDs are ServiceSettingNotFound (their
// message's wording was not found in a public source).
#pragma once
#include "emulator/api.hpp"

namespace ssmlink::emulator {

void add_service_settings_api(ApiTable& table);

}  // namespace ssmlink::emulator
