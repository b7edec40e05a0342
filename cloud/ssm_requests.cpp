#include "cloud/ssm_requests.hpp"

namespace ssmlink::cloud {

namespace {
const char* document_format_name(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::Yaml:
      return "YAML";
    case DocumentFormat::Json:
      return "JSON";
    case DocumentFormat::Text:
      return "TEXT";
  }
  return "JSON";  // not reached: every enumerator is handled above
}
}  // namespace

nlohmann::json describe_instance_information_input(
    const DescribeInstanceInformationRequest& request,
    const std::optional<std::string>& next_token) {
  nlohmann::json input = nlohmann::json::object();
  if (!request.filters.empty()) {
    nlohmann::json filters = nlohmann::json::array();
    for (const InstanceInformationFilter& filter : request.filters) {
      filters.push_back({{"Key", filter.key}, {"Values", filter.values}});
    }
    input["Filters"] = std::move(filters);
  }
  if (request.max_results) input["MaxResults"] = *request.max_results;
  if (next_token) input["NextToken"] = *next_token;
  return input;
}

nlohmann::json get_document_input(const GetDocumentRequest& request) {
  nlohmann::json input = {{"Name", request.name}};
  if (request.version_name) input["VersionName"] = *request.version_name;
  if (request.document_version) input["DocumentVersion"] = *request.document_version;
  if (request.document_format) {
    input["DocumentFormat"] = document_format_name(*request.document_format);
  }
  return input;
}

nlohmann::json start_session_input(const StartSessionRequest& request) {
  nlohmann::json input = {{"Target", request.target}};
  if (request.document_name) input["DocumentName"] = *request.document_name;
  if (request.reason) input["Reason"] = *request.reason;
  if (!request.parameters.empty()) input["Parameters"] = request.parameters;
  return input;
}

}  // namespace ssmlink::cloud
