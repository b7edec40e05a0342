// SSM responses parsed from JSON 1.1 output documents. Timestamps are seconds since 1970
// (possibly fractional). A missing InstanceId, a member of the wrong type or a body that
// is not an object is a ResponseError.
#pragma once
#include <nlohmann/json.hpp>

#include "cloud/paging.hpp"
#include "cloud/ssm.hpp"

namespace ssmlink::cloud {

Page<InstanceInformation> parse_describe_instance_information(const nlohmann::json& output);
Document parse_get_document(const nlohmann::json& output);
// StartSession and ResumeSession answer alike; `operation` names the call in errors.
SessionTicket parse_session_ticket(const nlohmann::json& output, const char* operation);
ServiceSetting parse_get_service_setting(const nlohmann::json& output);

}  // namespace ssmlink::cloud
