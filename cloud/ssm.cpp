#include "cloud/ssm.hpp"

#include <utility>

#include "cloud/paging.hpp"
#include "cloud/ssm_requests.hpp"
#include "cloud/ssm_responses.hpp"

namespace ssmlink::cloud {

Ssm::Ssm(JsonCall call) : call_(std::move(call)) {}

std::vector<InstanceInformation> Ssm::describe_instance_information(
    const DescribeInstanceInformationRequest& request) {
  return collect_pages<InstanceInformation>(
      "SSM DescribeInstanceInformation", [&](const std::optional<std::string>& token) {
        return parse_describe_instance_information(call_(
            "DescribeInstanceInformation", describe_instance_information_input(request, token)));
      });
}

Document Ssm::get_document(const GetDocumentRequest& request) {
  return parse_get_document(call_("GetDocument", get_document_input(request)));
}

SessionTicket Ssm::start_session(const StartSessionRequest& request) {
  return parse_session_ticket(call_("StartSession", start_session_input(request)), "StartSession");
}

SessionTicket Ssm::resume_session(const std::string& session_id) {
  return parse_session_ticket(call_("ResumeSession", {{"SessionId", session_id}}), "ResumeSession");
}

ServiceSetting Ssm::get_service_setting(const std::string& setting_id) {
  return parse_get_service_setting(call_("GetServiceSetting", {{"SettingId", setting_id}}));
}

void Ssm::terminate_session(const std::string& session_id) {
  call_("TerminateSession", {{"SessionId", session_id}});
}

}  // namespace ssmlink::cloud
