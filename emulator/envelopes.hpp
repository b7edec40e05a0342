// The services behind the one endpoint and how each writes an error on the wire: EC2's
// <Response><Errors>, the query protocol's <ErrorResponse> (CloudFormation, STS) and JSON
// 1.1's {"__type"} (SSM). The shapes are the ones botocore's parsers read
// (reference/protocol-tests/output/{ec2,query,json}.json).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "emulator/api.hpp"

namespace ssmlink::emulator {

enum class Protocol { ec2, query, json };

// One service, as its botocore model's metadata describes it.
struct ServiceInfo {
  std::string_view name;  // the signing name in the credential scope: ec2, cloudformation, ...
  Protocol protocol;
  std::string_view api_version;    // Version= of the query protocols
  std::string_view xml_namespace;  // of success and error documents
  std::string_view target_prefix;  // JSON: X-Amz-Target is <prefix>.<Operation>
};

// Null for a service the emulator does not serve.
const ServiceInfo* find_service(std::string_view signing_name);
// Every service the emulator serves: ec2, cloudformation, sts, ssm.
std::span<const ServiceInfo> served_services();

// For requests that name no service the emulator knows: a query-protocol reply in the
// namespace of AWS's protocol layer.
const ServiceInfo& unknown_service();

// The namespace of errors that AWS's query front end raises before a service sees the
// request (InvalidAction, MalformedInput), as real STS answers them.
inline constexpr std::string_view aws_fault_namespace =
    "http://webservices.amazon.com/AWSFault/2005-15-09";

// An error before it is written in a service's envelope.
struct ErrorReply {
  int status = 400;
  std::string code;
  std::optional<std::string> message;  // AWS leaves it out of some protocol errors
  bool sender = true;                  // query <Type>Sender</Type>, else Receiver
  // JSON: what precedes the code in __type, e.g. "com.amazon.coral.service#" for errors of
  // AWS's front end (signature, unknown operation); empty for a service's modelled errors.
  std::string type_prefix;
  // Query: write the error in aws_fault_namespace instead of the service's namespace.
  bool in_aws_fault_namespace = false;
};

ErrorReply make_error(int status, std::string code, std::optional<std::string> message,
                      bool sender = true, std::string type_prefix = {});

// A handler's error; an empty message means none (MalformedInput and others have none).
ErrorReply reply_for(const ApiError& error);

// The Content-Type AWS sends with a protocol's documents.
std::string_view content_type(Protocol protocol);

// The error document, its status and content type; the request ID goes in the body where
// the protocol has a place for it (the server adds the x-amzn-RequestId header).
ApiResponse render_error(const ServiceInfo& service, const ErrorReply& error,
                         std::string_view request_id);

}  // namespace ssmlink::emulator
