// How a request reaches a service's handler once the server has checked its signature,
// and how handlers answer or fail. Handlers run with the World locked.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "emulator/model.hpp"

namespace ssmlink::emulator {

struct World;

struct ApiRequest {
  std::string service;  // from the credential scope: ec2, cloudformation, ssm, sts
  std::string action;   // Action= (query protocols) or after the '.' of X-Amz-Target (JSON)
  std::string region;   // from the credential scope
  std::map<std::string, std::string> params;  // query protocols: the decoded form fields
  nlohmann::json body;                        // JSON protocol: the parsed body
  std::string access_key_id;
  std::string request_id;  // a fresh UUID; handlers echo it in their responses
  std::string host;        // the Host header: where the client reached the emulator
  TimePoint now;
};

struct ApiResponse {
  int status = 200;
  std::string content_type;  // text/xml or application/x-amz-json-1.1
  std::string body;
};

// An AWS error, as the service would return it; the server writes it in the service's
// error envelope (EC2 <Response><Errors>, query <ErrorResponse>, JSON __type).
struct ApiError : std::runtime_error {
  ApiError(int http_status, std::string error_code, const std::string& error_message,
           bool sender_fault = true)
      : std::runtime_error(error_message),
        status(http_status),
        code(std::move(error_code)),
        sender(sender_fault) {}
  int status;
  std::string code;
  bool sender;  // <Type>Sender</Type> or Receiver in the query envelope
};

using ApiHandler = std::function<ApiResponse(World& world, const ApiRequest& request)>;

// service -> action -> handler; each service module adds its own.
using ApiTable = std::map<std::string, std::map<std::string, ApiHandler>>;

}  // namespace ssmlink::emulator
