#include "cloud/ssm_responses.hpp"

#include "cloud/json_reading.hpp"

namespace ssmlink::cloud {

namespace {

InstanceInformation read_instance_information(const JsonObject& object) {  // InstanceInformation
  InstanceInformation info;
  info.instance_id = object.required_string("InstanceId");
  info.ping_status = object.optional_string("PingStatus");
  info.last_ping_date_time = object.optional_time("LastPingDateTime");
  info.agent_version = object.optional_string("AgentVersion");
  info.is_latest_version = object.optional_bool("IsLatestVersion");
  info.platform_type = object.optional_string("PlatformType");
  info.platform_name = object.optional_string("PlatformName");
  info.platform_version = object.optional_string("PlatformVersion");
  info.iam_role = object.optional_string("IamRole");
  info.resource_type = object.optional_string("ResourceType");
  info.ip_address = object.optional_string("IPAddress");
  info.computer_name = object.optional_string("ComputerName");
  info.association_status = object.optional_string("AssociationStatus");
  info.source_id = object.optional_string("SourceId");
  info.source_type = object.optional_string("SourceType");
  return info;
}

}  // namespace

Page<InstanceInformation> parse_describe_instance_information(const nlohmann::json& output) {
  JsonObject result = JsonObject::response(output, "SSM", "DescribeInstanceInformation");
  Page<InstanceInformation> page;
  for (const JsonObject& object : result.object_list("InstanceInformationList")) {
    page.items.push_back(read_instance_information(object));
  }
  page.next_token = result.optional_string("NextToken");
  return page;
}

// GetDocument is not in reference/aws-models (the subset keeps only the operations first
// planned). Its shape is from the SSM API Reference, "GetDocument"
// (docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetDocument.html) and
// boto3's SSM.Client.get_document: request Name (required), VersionName, DocumentVersion,
// DocumentFormat (YAML|JSON|TEXT); response Name, CreatedDate (a timestamp), DisplayName,
// VersionName, DocumentVersion, Status, StatusInformation, Content, DocumentType,
// DocumentFormat, Requires, AttachmentsContent, ReviewStatus. The model marks no response
// member required; Name and Content are required here, as a document without them is of
// no use.
Document parse_get_document(const nlohmann::json& output) {
  JsonObject result = JsonObject::response(output, "SSM", "GetDocument");
  Document document;
  document.name = result.required_string("Name");
  std::optional<std::string> content = result.optional_string("Content");
  if (!content) result.fail("Content is missing");
  document.content = *content;
  document.document_format = result.optional_string("DocumentFormat");
  document.document_type = result.optional_string("DocumentType");
  document.document_version = result.optional_string("DocumentVersion");
  document.version_name = result.optional_string("VersionName");
  document.status = result.optional_string("Status");
  document.status_information = result.optional_string("StatusInformation");
  document.created_date = result.optional_time("CreatedDate");
  return document;
}

// The model marks no member required; without all three no data channel can be opened.
SessionTicket parse_session_ticket(const nlohmann::json& output, const char* operation) {
  JsonObject result = JsonObject::response(output, "SSM", operation);
  SessionTicket ticket;
  ticket.session_id = result.required_string("SessionId");
  ticket.token_value = result.required_string("TokenValue");
  ticket.stream_url = result.required_string("StreamUrl");
  return ticket;
}

// The model marks no member required; a setting without its ID or value says nothing.
ServiceSetting parse_get_service_setting(const nlohmann::json& output) {
  JsonObject setting =
      JsonObject::response(output, "SSM", "GetServiceSetting").required_object("ServiceSetting");
  return {setting.required_string("SettingId"), setting.required_string("SettingValue"),
          setting.optional_string("Status").value_or(""),
          setting.optional_string("ARN").value_or("")};
}

}  // namespace ssmlink::cloud
