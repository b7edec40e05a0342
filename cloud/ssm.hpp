// Systems Manager, typed: which instances are managed (and online), and SSM documents
// (Session Manager's preferences live in one). Names follow the SSM API model
// (2014-11-06) in snake_case; statuses and types stay strings, as AWS writes them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "cloud/calls.hpp"
#include "util/clock.hpp"

namespace ssmlink::cloud {

// Keys: InstanceIds, AgentVersion, PingStatus, PlatformTypes, ResourceType, IamRole,
// AssociationStatus, tag-key, tag:<key>, ...
struct InstanceInformationFilter {
  std::string key;
  std::vector<std::string> values;  // 1-100
};

struct DescribeInstanceInformationRequest {
  std::vector<InstanceInformationFilter> filters;
  std::optional<int> max_results;  // per page, 5-50
};

// Stopped and terminated instances are not listed.
struct InstanceInformation {
  std::string instance_id;
  std::optional<std::string> ping_status;  // Online|ConnectionLost|Inactive
  std::optional<Clock::TimePoint> last_ping_date_time;
  std::optional<std::string> agent_version;
  std::optional<bool> is_latest_version;
  std::optional<std::string> platform_type;  // Windows|Linux|MacOS
  std::optional<std::string> platform_name;
  std::optional<std::string> platform_version;
  std::optional<std::string> iam_role;
  std::optional<std::string> resource_type;  // EC2Instance|ManagedInstance
  std::optional<std::string> ip_address;
  std::optional<std::string> computer_name;
  std::optional<std::string> association_status;
  std::optional<std::string> source_id;
  std::optional<std::string> source_type;
};

enum class DocumentFormat { Yaml, Json, Text };

struct GetDocumentRequest {
  std::string name;  // e.g. SSM-SessionManagerRunShell
  std::optional<std::string> version_name;
  std::optional<std::string> document_version;    // $LATEST, $DEFAULT or a number
  std::optional<DocumentFormat> document_format;  // AWS's default is JSON
};

struct Document {
  std::string name;
  std::string content;
  std::optional<std::string> document_format;  // YAML|JSON|TEXT
  std::optional<std::string> document_type;    // Command|Session|Automation|...
  std::optional<std::string> document_version;
  std::optional<std::string> version_name;
  std::optional<std::string> status;  // Creating|Active|Updating|Deleting|Failed
  std::optional<std::string> status_information;
  std::optional<Clock::TimePoint> created_date;
};

// Session Manager (reference/ssm-session-protocol.md section 2). A session's token is
// valid only long enough to open the data channel at StreamUrl; it is never logged.
struct StartSessionRequest {
  std::string target;                        // i-... or mi-...
  std::optional<std::string> document_name;  // none: the account's shell preferences
  std::optional<std::string> reason;         // 1-256 characters
  std::map<std::string, std::vector<std::string>> parameters;
};

struct SessionTicket {  // StartSession's and ResumeSession's answer
  std::string session_id;
  std::string token_value;
  std::string stream_url;
};

// An account-level setting (GetServiceSetting). Default Host Management's role is
// domain::kHostManagementSetting; AWS answers "$None" (status Default) when it was never set.
struct ServiceSetting {
  std::string id;      // SettingId
  std::string value;   // SettingValue
  std::string status;  // Default|Customized|PendingUpdate; empty when not given
  std::string arn;     // empty when not given
};

class Ssm {
 public:
  explicit Ssm(aws::AwsClient& client) : Ssm(json_call(client)) {}
  explicit Ssm(JsonCall call);

  std::vector<InstanceInformation> describe_instance_information(
      const DescribeInstanceInformationRequest& request);
  Document get_document(const GetDocumentRequest& request);
  SessionTicket start_session(const StartSessionRequest& request);
  SessionTicket resume_session(const std::string& session_id);
  void terminate_session(const std::string& session_id);
  ServiceSetting get_service_setting(const std::string& setting_id);

 private:
  JsonCall call_;
};

}  // namespace ssmlink::cloud
