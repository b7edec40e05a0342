#include "aws/client.hpp"

#include <chrono>

#include "aws/debug_log.hpp"
#include "aws/errors.hpp"
#include "aws/signer.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

struct ErrorDetails {
  std::string code;
  std::string message;
  std::string request_id;
};

std::string excerpt(const std::string& body) {
  return printable(trim(body), 120);
}

std::string child_text(pugi::xml_node node, const char* name) {
  return trim(node.child(name).text().as_string());
}

// EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
// Query: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
std::optional<ErrorDetails> xml_error(const std::string& body) {
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size())) return std::nullopt;
  pugi::xml_node root = document.document_element();
  pugi::xml_node error = root.child("Errors").child("Error");
  if (!error) error = root.child("Error");
  if (!error || child_text(error, "Code").empty()) return std::nullopt;
  std::string request_id = child_text(root, "RequestID");
  if (request_id.empty()) request_id = child_text(root, "RequestId");
  return ErrorDetails{child_text(error, "Code"), child_text(error, "Message"), request_id};
}

// JSON: {"__type": "com.amazon...#Code", "message": "..."}; the code is after the last
// '#' and before any ':' (botocore BaseJSONParser._do_error_parse).
std::optional<ErrorDetails> json_error(const HttpResponse& response) {
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  std::string type = body.value("__type", body.value("code", ""));
  if (type.empty()) return std::nullopt;
  type = type.substr(type.rfind('#') == std::string::npos ? 0 : type.rfind('#') + 1);
  type = type.substr(0, type.find(':'));
  std::string message = body.value("message", body.value("Message", ""));
  return ErrorDetails{type, message,
                      find_header(response.headers, "x-amzn-RequestId").value_or("")};
}

// What a non-AWS error body (a proxy's HTML page, an empty body) tells a user.
ErrorDetails http_error(const HttpResponse& response) {
  std::string body = trim(response.body);
  std::string what = "HTTP " + std::to_string(response.status);
  std::string lower = to_lower(body.substr(0, 200));
  if (body.empty()) return {what, "the response had no body", ""};
  if (lower.find("<html") != std::string::npos || lower.find("<!doctype") != std::string::npos) {
    return {what,
            "the response is an HTML page, not an AWS error (a proxy or firewall in the way?)", ""};
  }
  return {what, "the response is not an AWS error: " + excerpt(body), ""};
}

ErrorDetails error_details(Protocol protocol, const HttpResponse& response) {
  auto details = protocol == Protocol::Json ? json_error(response) : xml_error(response.body);
  if (!details) return http_error(response);
  if (details->request_id.empty()) {
    details->request_id = find_header(response.headers, "x-amzn-RequestId").value_or("");
  }
  return *details;
}

std::string form_body(const std::string& action, const std::string& version,
                      const QueryParams& params) {
  std::string body = "Action=" + percent_encode(action) + "&Version=" + percent_encode(version);
  for (const auto& [name, value] : params) {
    body += "&" + percent_encode(name) + "=" + percent_encode(value);
  }
  return body;
}

bool is_success(int status) {
  return status >= 200 && status < 300;
}

}  // namespace

AwsClient::AwsClient(ClientParts parts)
    : parts_(std::move(parts)),
      rate_limiter_(parts_.retry->rate_limiter(parts_.service.name, parts_.region,
                                               parts_.endpoint_url, parts_.clock->now())) {}

XmlResponse AwsClient::query(const std::string& action, const QueryParams& params) {
  HttpRequest request;
  request.method = "POST";
  request.url = parts_.endpoint_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = form_body(action, parts_.service.api_version, params);
  HttpResponse response = send(action, std::move(request));

  auto document = std::make_shared<pugi::xml_document>();
  auto parsed = document->load_buffer(response.body.data(), response.body.size());
  const std::string where = parts_.service.name + " " + action;
  if (!parsed) {
    throw ResponseError(where + " returned a response that is not XML (" +
                        std::string(parsed.description()) +
                        "; truncated?): " + excerpt(response.body));
  }
  pugi::xml_node root = document->document_element();
  if (std::string(root.name()) != action + "Response") {
    throw ResponseError(where + " returned <" + std::string(root.name()) + "> instead of <" +
                        action + "Response>: " + excerpt(response.body));
  }
  if (parts_.service.protocol == Protocol::Ec2Query) {
    return XmlResponse(document, root, child_text(root, "requestId"));
  }
  pugi::xml_node result = root.child((action + "Result").c_str());
  return XmlResponse(document, result ? result : root,
                     child_text(root.child("ResponseMetadata"), "RequestId"));
}

nlohmann::json AwsClient::json(const std::string& operation, const nlohmann::json& input) {
  HttpRequest request;
  request.method = "POST";
  request.url = parts_.endpoint_url;
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", parts_.service.target_prefix + "." + operation}};
  request.body = input.is_null() ? "{}" : input.dump();
  HttpResponse response = send(operation, std::move(request));
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw ResponseError(
        parts_.service.name + " " + operation +
        " returned a response that is not a JSON object (truncated?): " + excerpt(response.body));
  }
  return parsed;
}

// Sign, send, and retry what the standard retry mode retries; in adaptive mode, wait for
// the rate limiter before every attempt. Credentials are fetched for every attempt, so
// temporary ones are refreshed during long runs.
HttpResponse AwsClient::send(const std::string& operation, HttpRequest request) {
  RetryStrategy& retry = *parts_.retry;
  const std::string label = parts_.service.name + "." + operation;
  int retry_cost = 0;
  for (int attempt = 1;; ++attempt) {
    // Before signing (botocore waits after), so that the signature's time is the sending time.
    if (rate_limiter_) rate_limiter_->acquire(*parts_.clock, parts_.debug.get());
    if (parts_.credentials) {
      sign_request(request, parts_.credentials->get(), parts_.region,
                   parts_.service.endpoint_prefix, parts_.clock->now());
    }
    if (parts_.debug) parts_.debug->request(label, request, attempt, retry.max_attempts());
    auto started = steady_clock::now();
    std::optional<HttpResponse> failed_response;
    std::optional<TransportError> failed_transfer;
    std::string failure;
    try {
      HttpResponse response = parts_.http->send(request);
      auto elapsed = duration_cast<milliseconds>(steady_clock::now() - started);
      if (parts_.debug) parts_.debug->response(response, elapsed);
      if (is_success(response.status)) {
        record_outcome(false);
        retry.quota().release(retry_cost > 0 ? retry_cost : RetryQuota::kNoRetryIncrement);
        return response;
      }
      ErrorDetails details = error_details(parts_.service.protocol, response);
      FailureKind kind = classify(response.status, details.code);
      record_outcome(kind == FailureKind::Throttling);
      if (kind == FailureKind::Permanent || attempt >= retry.max_attempts()) {
        throw_service_error(operation, response);
      }
      failure = details.code + (details.message.empty() ? "" : ": " + details.message);
      failed_response = std::move(response);
    } catch (const TransportError& error) {
      auto elapsed = duration_cast<milliseconds>(steady_clock::now() - started);
      if (parts_.debug) parts_.debug->failure(error.what(), elapsed);
      record_outcome(false);
      if (attempt >= retry.max_attempts()) throw;
      failure = error.what();
      failed_transfer = error;
    }
    int cost = 0;
    if (!retry.quota().acquire(failed_transfer && failed_transfer->timed_out, cost)) {
      // The quota protects a service that keeps failing: give up with the last failure.
      if (parts_.debug) parts_.debug->note("retry quota exhausted; not retrying " + label);
      if (failed_response) throw_service_error(operation, *failed_response);
      throw *failed_transfer;
    }
    retry_cost += cost;
    auto delay = retry.backoff(attempt);
    if (parts_.debug) parts_.debug->retry(failure, delay);
    parts_.clock->sleep_for(delay);
  }
}

void AwsClient::record_outcome(bool throttled) {
  if (rate_limiter_) {
    rate_limiter_->record_response(throttled, parts_.clock->now(), parts_.debug.get());
  }
}

void AwsClient::throw_service_error(const std::string& operation, const HttpResponse& response) {
  ErrorDetails details = error_details(parts_.service.protocol, response);
  throw ServiceError(parts_.service.name, operation, response.status, details.code, details.message,
                     details.request_id);
}

}  // namespace ssmlink::aws
