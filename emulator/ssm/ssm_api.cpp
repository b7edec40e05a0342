#include "emulator/ssm/ssm_api.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "emulator/ec2/ec2_xml.hpp"
#include "emulator/ec2/region_queries.hpp"
#include "emulator/ssm/agent_identity.hpp"
#include "emulator/ssm/agent_tracking.hpp"
#include "emulator/ssm/service_settings.hpp"
#include "emulator/ssm/versions.hpp"
#include "emulator/world.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr const char* kContentType = "application/x-amz-json-1.1";
constexpr const char* kPreferencesDocument = "SSM-SessionManagerRunShell";

[[noreturn]] void ssm_error(const std::string& code, const std::string& message) {
  throw ApiError(400, code, message);
}

// AWS's request validation wording ("1 validation error detected: Value '100' at
// 'maxResults' failed to satisfy constraint: Member must have value less than or equal to
// 50", flanksource/config-db#35).
[[noreturn]] void validation(const std::string& value, const std::string& member,
                             const std::string& constraint) {
  ssm_error("ValidationException", "1 validation error detected: Value " + value + " at '" +
                                       member + "' failed to satisfy constraint: " + constraint);
}

const json& body_of(const ApiRequest& request) {
  static const json empty = json::object();
  if (request.body.is_null()) return empty;
  if (!request.body.is_object()) {
    ssm_error("SerializationException", "Start of structure or map found where not expected.");
  }
  return request.body;
}

struct Managed {
  const Instance* instance;
  AgentStatus status;
  std::string iam_role;  // only when Default Host Management Configuration manages it
};

struct InfoFilter {
  std::string key;
  std::vector<std::string> values;
};

std::vector<std::string> string_list(const json& value, const std::string& member) {
  if (!value.is_array())
    ssm_error("SerializationException", member + " must be a list of strings.");
  std::vector<std::string> out;
  for (const auto& item : value) {
    if (!item.is_string())
      ssm_error("SerializationException", member + " must be a list of strings.");
    out.push_back(item.get<std::string>());
  }
  // InstanceInformationFilterValueSet: 1 to 100 values.
  if (out.empty()) validation("[]", member, "Member must have length greater than or equal to 1");
  if (out.size() > 100) {
    validation("[...]", member, "Member must have length less than or equal to 100");
  }
  return out;
}

std::vector<InfoFilter> read_filters(const json& body) {
  bool modern = body.contains("Filters") && !body["Filters"].is_null();
  bool legacy = body.contains("InstanceInformationFilterList") &&
                !body["InstanceInformationFilterList"].is_null();
  // "Attempting to use InstanceInformationFilterList and Filters leads to an exception
  // error." (ssm model); the exception's wording was not found.
  if (modern && legacy) {
    ssm_error("ValidationException",
              "Filters and InstanceInformationFilterList cannot be used in the same request.");
  }
  std::vector<InfoFilter> filters;
  const char* list = modern ? "Filters" : "InstanceInformationFilterList";
  const char* key_name = modern ? "Key" : "key";
  const char* values_name = modern ? "Values" : "valueSet";
  if (!modern && !legacy) return filters;
  if (!body[list].is_array())
    ssm_error("SerializationException", std::string(list) + " must be a list.");
  for (const auto& item : body[list]) {
    if (!item.is_object() || !item.contains(key_name) || !item[key_name].is_string()) {
      ssm_error("ValidationException",
                std::string("1 validation error detected: Value null at '") +
                    (modern ? "filters" : "instanceInformationFilterList") + ".member." + key_name +
                    "' failed to satisfy constraint: Member must not be null");
    }
    if (!item.contains(values_name)) {
      validation("null",
                 std::string(modern ? "filters" : "instanceInformationFilterList") + ".member." +
                     values_name,
                 "Member must not be null");
    }
    filters.push_back(
        {item[key_name].get<std::string>(), string_list(item[values_name], values_name)});
  }
  return filters;
}

void check_filters(const std::vector<InfoFilter>& filters) {
  static const std::set<std::string> keys = {"InstanceIds",   "AgentVersion", "PingStatus",
                                             "PlatformTypes", "PlatformType", "ActivationIds",
                                             "IamRole",       "ResourceType", "AssociationStatus",
                                             "SourceIds",     "SourceTypes",  "tag-key"};
  bool tags = false, others = false;
  for (const auto& filter : filters) {
    bool tag = filter.key.starts_with("tag:") || filter.key == "tag-key";
    (tag ? tags : others) = true;
    if (!tag && !keys.contains(filter.key)) {
      ssm_error("InvalidFilterKey", "The filter key " + filter.key + " is not valid.");
    }
    // "The number of tag values for tag:Name was 35. Max: 5." (seek-oss/aec#394)
    if (filter.key.starts_with("tag:") && filter.values.size() > 5) {
      ssm_error("ValidationException", "The number of tag values for " + filter.key + " was " +
                                           std::to_string(filter.values.size()) + ". Max: 5.");
    }
    auto allowed = [&](const std::vector<std::string>& valid) {
      for (const auto& value : filter.values) {
        if (std::find(valid.begin(), valid.end(), value) == valid.end()) {
          // "ResourceType filter is invalid, valid values are EC2Instance, ManagedInstance"
          // (aws/aws-sdk#130); the same form for the other enumerated keys.
          ssm_error("InvalidInstanceInformationFilterValue",
                    filter.key + " filter is invalid, valid values are " + join(valid, ", "));
        }
      }
    };
    if (filter.key == "PingStatus") allowed({"Online", "ConnectionLost", "Inactive"});
    if (filter.key == "PlatformTypes" || filter.key == "PlatformType") {
      allowed({"Windows", "Linux", "MacOS"});
    }
    if (filter.key == "ResourceType") {
      // "ResourceType filter may contain only one value." (boto/boto3#3027)
      if (filter.values.size() > 1) {
        ssm_error("InvalidInstanceInformationFilterValue",
                  "ResourceType filter may contain only one value.");
      }
      allowed({"EC2Instance", "ManagedInstance"});
    }
  }
  // "Cannot mix tag or inventory filter with any other filter." (danmx/sigil#61)
  if (tags && others) {
    ssm_error("ValidationException", "Cannot mix tag or inventory filter with any other filter.");
  }
}

bool matches(const Managed& managed, const InfoFilter& filter) {
  const Instance& instance = *managed.instance;
  std::vector<std::string> values;
  if (filter.key == "InstanceIds" || filter.key == "SourceIds") values = {instance.id};
  if (filter.key == "AgentVersion") values = {instance.agent.version};
  if (filter.key == "PingStatus") values = {managed.status.ping_status};
  if (filter.key == "PlatformTypes" || filter.key == "PlatformType") {
    values = {instance.platform_type};
  }
  if (filter.key == "ResourceType") values = {"EC2Instance"};
  if (filter.key == "SourceTypes") values = {"AWS::EC2::Instance"};
  if (filter.key == "IamRole" && !managed.iam_role.empty()) values = {managed.iam_role};
  for (const auto& [key, value] : instance.tags) {
    if (filter.key == "tag-key") values.push_back(key);
    if (filter.key == "tag:" + key) values.push_back(value);
  }
  return std::any_of(filter.values.begin(), filter.values.end(), [&](const std::string& wanted) {
    return std::find(values.begin(), values.end(), wanted) != values.end();
  });
}

int max_results(const json& body) {
  if (!body.contains("MaxResults") || body["MaxResults"].is_null()) return 10;
  const json& value = body["MaxResults"];
  if (!value.is_number_integer()) {
    ssm_error("SerializationException", "MaxResults must be an integer.");
  }
  long long n = value.get<long long>();
  std::string shown = "'" + std::to_string(n) + "'";
  if (n < 5) validation(shown, "maxResults", "Member must have value greater than or equal to 5");
  if (n > 50) validation(shown, "maxResults", "Member must have value less than or equal to 50");
  return static_cast<int>(n);
}

double epoch_seconds(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

// IamRole: the Default Host Management Configuration's role, as the setting names it.
std::string identity_role(const World& world, const RegionState& region, const Instance& instance) {
  AgentIdentity identity = agent_identity(world, region, instance);
  return identity.default_host_management ? region.default_host_management_role : "";
}

ApiResponse describe_instance_information(World& world, const ApiRequest& request) {
  settle_world(world, request.now);
  const json& body = body_of(request);
  int limit = max_results(body);
  auto filters = read_filters(body);
  check_filters(filters);
  RegionState& region = world.region(request.region);

  // "This operation does not return information for nodes that are either Stopped or
  // Terminated." Only agents that ever registered are known to SSM.
  std::vector<Managed> managed;
  for (const auto& [id, instance] : region.instances) {
    if (instance.state == "stopped" || instance.state == "terminated") continue;
    auto tracking = region.agents.find(id);
    if (tracking == region.agents.end()) continue;
    auto status = agent_status(tracking->second, world.timings, request.now);
    if (!status) continue;
    Managed item{&instance, *status, identity_role(world, region, instance)};
    bool selected = std::all_of(filters.begin(), filters.end(),
                                [&](const InfoFilter& f) { return matches(item, f); });
    if (selected) managed.push_back(item);
  }

  size_t first = 0;
  if (body.contains("NextToken") && !body["NextToken"].is_null()) {
    std::string token = body["NextToken"].is_string() ? body["NextToken"].get<std::string>() : "";
    auto at = std::find_if(managed.begin(), managed.end(), [&](const Managed& m) {
      return hex_encode("DescribeInstanceInformation|" + m.instance->id) == token;
    });
    // The exception's wording was not found in a public source.
    if (at == managed.end()) ssm_error("InvalidNextToken", "The specified token is not valid.");
    first = static_cast<size_t>(at - managed.begin()) + 1;
  }
  size_t count = std::min(static_cast<size_t>(limit), managed.size() - first);

  json list = json::array();
  for (size_t i = first; i < first + count; ++i) {
    const Managed& m = managed[i];
    const Instance& instance = *m.instance;
    json item = {
        {"InstanceId", instance.id},
        {"PingStatus", m.status.ping_status},
        {"LastPingDateTime", epoch_seconds(m.status.last_ping)},
        {"AgentVersion", instance.agent.version},
        {"IsLatestVersion", compare_versions(instance.agent.version, kLatestAgentVersion) >= 0},
        {"PlatformType", instance.platform_type},
        {"PlatformName", instance.platform_name},
        {"PlatformVersion", instance.platform_version},
        {"ResourceType", "EC2Instance"},
        {"IPAddress", instance.private_ip},
        {"ComputerName", private_dns_name(region, instance.private_ip)},
        {"SourceId", instance.id},
        {"SourceType", "AWS::EC2::Instance"}};
    // IamRole is "the role assigned to an Amazon EC2 instance configured with a Systems
    // Manager Quick Setup host management configuration" (ssm model): not an instance
    // profile's role.
    if (!m.iam_role.empty()) item["IamRole"] = m.iam_role;
    list.push_back(item);
  }
  json response = {{"InstanceInformationList", list}};
  if (first + count < managed.size()) {
    response["NextToken"] =
        hex_encode("DescribeInstanceInformation|" + managed[first + count - 1].instance->id);
  }
  return ApiResponse{200, kContentType, response.dump()};
}

// The preferences document as the Session Manager console saves it (awsdocs
// getting-started-create-preferences-cli.md, getting-started-default-session-document.md).
ordered_json preferences_document(const SessionPreferences& prefs) {
  ordered_json inputs;
  inputs["s3BucketName"] = prefs.s3_bucket;
  inputs["s3KeyPrefix"] = "";
  inputs["s3EncryptionEnabled"] = true;
  inputs["cloudWatchLogGroupName"] = prefs.cloudwatch_log_group;
  inputs["cloudWatchEncryptionEnabled"] = true;
  inputs["cloudWatchStreamingEnabled"] = false;
  inputs["kmsKeyId"] = prefs.kms_key_id;
  inputs["runAsEnabled"] = false;
  inputs["runAsDefaultUser"] = "";
  inputs["idleSessionTimeout"] = "20";
  inputs["maxSessionDuration"] = "";
  inputs["shellProfile"] = ordered_json{{"windows", ""}, {"linux", ""}};
  ordered_json document;
  document["schemaVersion"] = "1.0";
  document["description"] = "Document to hold regional settings for Session Manager";
  document["sessionType"] = "Standard_Stream";
  document["inputs"] = inputs;
  return document;
}

void emit_yaml(YAML::Emitter& out, const ordered_json& value) {
  if (value.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [key, item] : value.items()) {
      out << YAML::Key << key << YAML::Value;
      emit_yaml(out, item);
    }
    out << YAML::EndMap;
  } else if (value.is_boolean()) {
    out << value.get<bool>();
  } else if (value.is_string()) {
    out << YAML::DoubleQuoted << value.get<std::string>();
  } else {
    out << value.dump();
  }
}

ApiResponse get_document(World& world, const ApiRequest& request) {
  const json& body = body_of(request);
  if (!body.contains("Name") || !body["Name"].is_string()) {
    validation("null", "name", "Member must not be null");
  }
  std::string name = body["Name"].get<std::string>();
  const RegionState& region = world.region(request.region);
  // "Document with name SSM-SessionManagerRunShellAsUbuntu does not exist."
  // (awslabs/awsome-distributed-training#496). The preferences document exists only once
  // the account has saved preferences ("When you configure Session Manager ... the system
  // creates an SSM session document called SSM-SessionManagerRunShell").
  if (name != kPreferencesDocument || !region.session_preferences.configured) {
    ssm_error("InvalidDocument", "Document with name " + name + " does not exist.");
  }
  std::string version = body.value("DocumentVersion", std::string("1"));
  if (version != "1" && version != "$LATEST" && version != "$DEFAULT") {
    ssm_error("InvalidDocumentVersion", "The document version is not valid or does not exist.");
  }
  std::string format = body.value("DocumentFormat", std::string("JSON"));
  ordered_json document = preferences_document(region.session_preferences);
  std::string content;
  if (format == "JSON") {
    content = document.dump(2);
  } else if (format == "YAML") {
    YAML::Emitter out;
    emit_yaml(out, document);
    content = out.c_str();
  } else {
    validation("'" + format + "'", "documentFormat",
               "Member must satisfy enum value set: [YAML, JSON, TEXT]");
  }
  json response = {{"Name", name},
                   {"CreatedDate", 1704067200.0},  // 2024-01-01, when "the account" saved it
                   {"DocumentVersion", "1"},
                   {"Status", "Active"},
                   {"Content", content},
                   {"DocumentType", "Session"},
                   {"DocumentFormat", format}};
  return ApiResponse{200, kContentType, response.dump()};
}

}  // namespace

void add_ssm_api(ApiTable& table) {
  table["ssm"]["DescribeInstanceInformation"] = describe_instance_information;
  table["ssm"]["GetDocument"] = get_document;
  add_service_settings_api(table);
}

}  // namespace ssmlink::emulator
