#include "aws/errors.hpp"

namespace ssmlink::aws {

namespace {
std::string describe(const std::string& service, const std::string& operation, int status,
                     const std::string& code, const std::string& message,
                     const std::string& request_id) {
  std::string text = service + " " + operation + " failed: " + code;
  if (!message.empty()) text += ": " + message;
  text += " (HTTP " + std::to_string(status);
  if (!request_id.empty()) text += ", request ID " + request_id;
  return text + ")";
}
}  // namespace

ServiceError::ServiceError(std::string service_name, std::string operation_name, int http_status,
                           std::string error_code, std::string error_message,
                           std::string error_request_id)
    : AwsError(describe(service_name, operation_name, http_status, error_code, error_message,
                        error_request_id)),
      service(std::move(service_name)),
      operation(std::move(operation_name)),
      status(http_status),
      code(std::move(error_code)),
      message(std::move(error_message)),
      request_id(std::move(error_request_id)) {}

TransportError::TransportError(std::string request_url, const std::string& what, bool is_timeout,
                               bool is_unreachable)
    : AwsError("cannot reach " + request_url + ": " + what),
      url(std::move(request_url)),
      timed_out(is_timeout),
      unreachable(is_unreachable) {}

}  // namespace ssmlink::aws
