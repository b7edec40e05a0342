// One AWS service, called: requests are serialised for the service's protocol, signed,
// sent, retried when AWS says that is safe, logged with --debug, and answered with the
// parsed response or an exception (ServiceError, TransportError, ResponseError).
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

#include "aws/credentials.hpp"
#include "aws/errors.hpp"
#include "aws/http.hpp"
#include "aws/retry.hpp"
#include "aws/service.hpp"
#include "util/clock.hpp"

namespace ssmlink::aws {

class DebugLog;

// Query-protocol parameters in order, e.g. {"Filter.1.Name", "vpc-id"}.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// A successful query/EC2 response: result() is <OpResult> for the query protocol and the
// <OpResponse> element for EC2 (which has no result wrapper).
class XmlResponse {
 public:
  XmlResponse(std::shared_ptr<pugi::xml_document> document, pugi::xml_node result,
              std::string request_id)
      : document_(std::move(document)), result_(result), request_id_(std::move(request_id)) {}
  pugi::xml_node result() const { return result_; }
  const std::string& request_id() const { return request_id_; }

 private:
  std::shared_ptr<pugi::xml_document> document_;
  pugi::xml_node result_;
  std::string request_id_;
};

struct ClientParts {
  ServiceInfo service;
  std::string endpoint_url;  // https://ec2.eu-west-1.amazonaws.com or an override
  std::string region;        // for the signature scope
  std::shared_ptr<CredentialsProvider> credentials;  // null: requests are not signed
  std::shared_ptr<HttpClient> http;
  std::shared_ptr<RetryStrategy> retry;
  std::shared_ptr<DebugLog> debug;  // null: no logging
  std::shared_ptr<Clock> clock;
};

class AwsClient {
 public:
  explicit AwsClient(ClientParts parts);

  // EC2 and query protocols: POST Action=<action>&Version=<api>&<params>.
  XmlResponse query(const std::string& action, const QueryParams& params);

  // JSON 1.1: POST with X-Amz-Target: <prefix>.<operation>.
  nlohmann::json json(const std::string& operation, const nlohmann::json& input);

  const ServiceInfo& service() const { return parts_.service; }
  const std::string& region() const { return parts_.region; }
  const std::string& endpoint_url() const { return parts_.endpoint_url; }

 private:
  HttpResponse send(const std::string& operation, HttpRequest request);
  // Adaptive mode: tells the rate limiter how an attempt ended.
  void record_outcome(bool throttled);
  [[noreturn]] void throw_service_error(const std::string& operation, const HttpResponse& response);

  ClientParts parts_;
  std::shared_ptr<ClientRateLimiter> rate_limiter_;  // null in standard mode
};

// Calls page(token) with no token first, then with each NextToken it returns, until it
// returns none. A token seen twice would loop forever: ResponseError instead.
template <typename PageFunction>
void paginate(const std::string& what, PageFunction page) {
  std::optional<std::string> token;
  std::vector<std::string> seen;
  while (true) {
    token = page(token);
    if (!token || token->empty()) return;
    for (const auto& old : seen) {
      if (old == *token) throw ResponseError(what + " returned the same NextToken twice");
    }
    seen.push_back(*token);
  }
}

}  // namespace ssmlink::aws
