#include "emulator/envelopes.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

namespace {

// From the metadata of reference/aws-models/<service>/<version>/service-2.subset.json.
constexpr std::array<ServiceInfo, 6> services = {{
    {"ec2", Protocol::ec2, "2016-11-15", "http://ec2.amazonaws.com/doc/2016-11-15/", ""},
    {"cloudformation", Protocol::query, "2010-05-15",
     "http://cloudformation.amazonaws.com/doc/2010-05-15/", ""},
    {"sts", Protocol::query, "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", ""},
    {"ssm", Protocol::json, "2014-11-06", "", "AmazonSSM"},
    {"iam", Protocol::query, "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", ""},
    // From botocore's model (awscli/botocore/data/organizations/2016-11-28/service-2.json).
    {"organizations", Protocol::json, "2016-11-28", "", "AWSOrganizationsV20161128"},
}};

constexpr ServiceInfo unknown = {"", Protocol::query, "", aws_fault_namespace, ""};

// EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>,
// no namespace, and RequestID spelt so (botocore EC2QueryParser._do_error_parse).
std::string ec2_error(const ErrorReply& error, std::string_view request_id) {
  XmlWriter xml("Response");
  xml.open("Errors").open("Error").element("Code", error.code);
  if (error.message) xml.element("Message", *error.message);
  xml.close().close().element("RequestID", request_id);
  return xml.finish();
}

// Query: <ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/>, as STS
// and CloudFormation send it (botocore QueryParser._do_error_parse).
std::string query_error(const ServiceInfo& service, const ErrorReply& error,
                        std::string_view request_id) {
  XmlWriter xml("ErrorResponse",
                error.in_aws_fault_namespace ? aws_fault_namespace : service.xml_namespace);
  xml.open("Error")
      .element("Type", error.sender ? "Sender" : "Receiver")
      .element("Code", error.code);
  if (error.message) xml.element("Message", *error.message);
  xml.close().element("RequestId", request_id);
  return xml.finish();
}

// JSON 1.1: {"__type": "...#Code", "message": "..."}; botocore takes the code from __type
// after the last '#', the message from "message" and the request ID from the
// x-amzn-RequestId header (BaseJSONParser._do_error_parse).
std::string json_error(const ErrorReply& error) {
  nlohmann::json body = {{"__type", error.type_prefix + error.code}};
  if (error.message) body["message"] = *error.message;
  return body.dump();
}

}  // namespace

const ServiceInfo* find_service(std::string_view signing_name) {
  for (const auto& service : services) {
    if (service.name == signing_name) return &service;
  }
  return nullptr;
}

std::span<const ServiceInfo> served_services() {
  return services;
}

const ServiceInfo& unknown_service() {
  return unknown;
}

ErrorReply make_error(int status, std::string code, std::optional<std::string> message, bool sender,
                      std::string type_prefix) {
  ErrorReply error;
  error.status = status;
  error.code = std::move(code);
  error.message = std::move(message);
  error.sender = sender;
  error.type_prefix = std::move(type_prefix);
  return error;
}

ErrorReply reply_for(const ApiError& error) {
  std::string message = error.what();
  std::optional<std::string> text;
  if (!message.empty()) text = std::move(message);
  return {error.status, error.code, std::move(text), error.sender, "", false};
}

std::string_view content_type(Protocol protocol) {
  switch (protocol) {
    case Protocol::ec2:
      return "text/xml;charset=UTF-8";
    case Protocol::query:
      return "text/xml";
    case Protocol::json:
      return "application/x-amz-json-1.1";
  }
  return "text/xml";
}

ApiResponse render_error(const ServiceInfo& service, const ErrorReply& error,
                         std::string_view request_id) {
  ApiResponse response;
  response.status = error.status;
  response.content_type = std::string(content_type(service.protocol));
  switch (service.protocol) {
    case Protocol::ec2:
      response.body = ec2_error(error, request_id);
      break;
    case Protocol::query:
      response.body = query_error(service, error, request_id);
      break;
    case Protocol::json:
      response.body = json_error(error);
      break;
  }
  return response;
}

}  // namespace ssmlink::emulator
