#include "emulator/router.hpp"

#include <cstdio>
#include <expected>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "emulator/envelopes.hpp"
#include "emulator/organizations/member_calls.hpp"
#include "emulator/sigv4_verifier.hpp"
#include "emulator/world.hpp"
#include "util/splitmix.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

using Params = std::map<std::string, std::string>;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// application/x-www-form-urlencoded: '+' is a space, %XX a byte.
std::string form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The first value of a repeated name wins, as STS does with a repeated Action or Version.
void parse_form(std::string_view text, Params& params) {
  while (!text.empty()) {
    size_t end = std::min(text.find('&'), text.size());
    std::string_view pair = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (pair.empty()) continue;
    size_t equals = std::min(pair.find('='), pair.size());
    std::string_view value = pair.substr(std::min(equals + 1, pair.size()));
    params.emplace(form_decode(pair.substr(0, equals)), form_decode(value));
  }
}

struct Target {
  std::string_view path;
  std::string_view query;
};

Target split_target(std::string_view target) {
  size_t question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

// The query string, and for a form POST the body: a POST of another content type has no
// parameters (real STS then answers as if Action were missing).
Params request_params(const HttpRequest& request, std::string_view query) {
  Params params;
  parse_form(query, params);
  auto type = header_value(request.headers, "content-type");
  if (request.method == "POST" && type &&
      to_lower(*type).starts_with("application/x-www-form-urlencoded")) {
    parse_form(request.body, params);
  }
  return params;
}

std::optional<std::string> param(const Params& params, const std::string& name) {
  auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  return found->second;
}

// The service a request that names none in a credential scope is for: SSM by its target,
// a query service by its Version.
const ServiceInfo* guess_service(const std::optional<std::string_view>& amz_target,
                                 const Params& params) {
  if (amz_target && amz_target->starts_with("AmazonSSM.")) return find_service("ssm");
  auto version = param(params, "Version");
  for (const char* name : {"ec2", "cloudformation", "sts", "iam"}) {
    const ServiceInfo* service = find_service(name);
    if (version && *version == service->api_version) return service;
  }
  if (param(params, "Action") == "AssumeRoleWithWebIdentity") return find_service("sts");
  return nullptr;
}

const ApiHandler* find_handler(const ApiTable& api, std::string_view service,
                               const std::string& action) {
  auto handlers = api.find(std::string(service));
  if (handlers == api.end()) return nullptr;
  auto handler = handlers->second.find(action);
  return handler == handlers->second.end() ? nullptr : &handler->second;
}

ErrorReply front_end_error(int status, std::string code, std::optional<std::string> message,
                           bool aws_fault = false) {
  ErrorReply error = make_error(status, std::move(code), std::move(message));
  error.in_aws_fault_namespace = aws_fault;
  return error;
}

struct Operation {
  std::string action;
  const ApiHandler* handler = nullptr;
};

// What the router answers instead of calling a handler: an error or a redirect.
struct Refusal {
  std::optional<ErrorReply> error;
  std::string location;  // a redirect when there is no error
};

// X-Amz-Target: AmazonSSM.<Operation>. Anything else is AWS's UnknownOperationException,
// which has no message (dynalite's record of the Coral JSON front end).
std::expected<Operation, Refusal> json_operation(const ApiTable& api, const ServiceInfo& service,
                                                 const std::optional<std::string_view>& target) {
  std::string prefix = std::string(service.target_prefix) + ".";
  if (target && target->starts_with(prefix)) {
    std::string action(target->substr(prefix.size()));
    if (const ApiHandler* handler = find_handler(api, service.name, action)) {
      return Operation{action, handler};
    }
  }
  ErrorReply error = front_end_error(400, "UnknownOperationException", std::nullopt);
  error.type_prefix = "com.amazon.coral.service#";
  return std::unexpected(Refusal{error, ""});
}

// Action= and Version= of the query protocols.
// - STS (and CloudFormation, the same front end): no Action is a 302 to the service's
//   page ("https://aws.amazon.com/iam" for STS, as real STS answers; CloudFormation's page
//   is assumed); a Version other than the API's, or an unknown Action, is InvalidAction
//   "Could not find operation X for version V" in the AWSFault namespace, V being
//   NO_VERSION_SPECIFIED when there is none (a third-party probe of real STS).
// - EC2: an unknown action is InvalidAction "The action X is not valid for this web
//   service." (as EC2 answers it); the errors for a missing Action or Version and for
//   another Version are modelled on EC2's MissingParameter and NoSuchVersion (their exact
//   wording was not confirmed).
std::expected<Operation, Refusal> query_operation(const ApiTable& api, const ServiceInfo& service,
                                                  const Params& params, const HttpRequest& request,
                                                  std::string_view query) {
  auto action = param(params, "Action");
  auto version = param(params, "Version");
  bool ec2 = service.protocol == Protocol::ec2;
  if (!action) {
    if (ec2) {
      return std::unexpected(Refusal{
          front_end_error(400, "MissingAction", "The request must contain the parameter Action"),
          ""});
    }
    std::string page = service.name == "sts"
                           ? "https://aws.amazon.com/iam"
                           : "https://aws.amazon.com/" + std::string(service.name);
    if (request.method == "GET" && !query.empty()) page += "?" + std::string(query);
    return std::unexpected(Refusal{std::nullopt, page});
  }
  if (ec2) {
    if (!version) {
      return std::unexpected(
          Refusal{front_end_error(400, "MissingParameter",
                                  "The request must contain the parameter Version"),
                  ""});
    }
    if (*version != service.api_version) {
      return std::unexpected(Refusal{front_end_error(400, "NoSuchVersion",
                                                     "The requested version (" + *version +
                                                         ") of service AmazonEC2 does not exist"),
                                     ""});
    }
  }
  const ApiHandler* handler = find_handler(api, service.name, *action);
  if (!ec2 && (version != service.api_version || !handler)) {
    return std::unexpected(
        Refusal{front_end_error(400, "InvalidAction",
                                "Could not find operation " + *action + " for version " +
                                    version.value_or("NO_VERSION_SPECIFIED"),
                                true),
                ""});
  }
  if (!handler) {
    return std::unexpected(
        Refusal{front_end_error(400, "InvalidAction",
                                "The action " + *action + " is not valid for this web service."),
                ""});
  }
  return Operation{*action, handler};
}

// AWS serves exactly one action without a signature: STS AssumeRoleWithWebIdentity, whose
// caller has a token instead of keys.
bool is_unsigned_web_identity(const ServiceInfo& service, const Params& params,
                              const sigv4::Headers& headers) {
  return service.name == "sts" && !header_value(headers, "authorization") &&
         param(params, "Action") == "AssumeRoleWithWebIdentity";
}

// One request on its way through the router: what it carries, and the record the request
// log keeps of it, filled in step by step.
class Exchange {
 public:
  Exchange(const HttpRequest& request, RequestRecord& record)
      : request(request),
        record(record),
        target(split_target(request.target)),
        params(request_params(request, target.query)),
        amz_target(header_value(request.headers, "x-amz-target")),
        scope(claimed_scope(request.headers)) {}

  HttpReply reply(const ServiceInfo& service, ApiResponse response) const {
    HttpReply reply = foreign(std::move(response));
    if (reply.content_type.empty()) reply.content_type = content_type(service.protocol);
    reply.headers.emplace_back("x-amzn-RequestId", record.request_id);
    return reply;
  }

  // An answer from outside AWS: as it is, without a request ID.
  static HttpReply foreign(ApiResponse response) {
    HttpReply reply;
    reply.status = response.status;
    reply.content_type = std::move(response.content_type);
    reply.body = std::move(response.body);
    return reply;
  }

  HttpReply fail(const ServiceInfo& service, const ErrorReply& error) const {
    record.error_code = error.code;
    return reply(service, render_error(service, error, record.request_id));
  }

  HttpReply refuse(const ServiceInfo& service, const Refusal& refusal) const {
    if (refusal.error) return fail(service, *refusal.error);
    HttpReply redirect = reply(service, {302, "", ""});
    redirect.headers.emplace_back("Location", refusal.location);
    return redirect;
  }

  const HttpRequest& request;
  RequestRecord& record;
  Target target;
  Params params;
  std::optional<std::string_view> amz_target;
  std::optional<sigv4::Scope> scope;
};

// The signed service, else the one the request looks like (an unsigned request still gets
// its service's error).
std::expected<const ServiceInfo*, HttpReply> identify_service(const Exchange& exchange) {
  const ServiceInfo* guessed = guess_service(exchange.amz_target, exchange.params);
  const auto& scope = exchange.scope;
  if (scope) exchange.record.region = scope->region;
  const ServiceInfo* service = scope ? find_service(scope->service) : guessed;
  if (service) {
    exchange.record.service = service->name;
    return service;
  }
  if (scope && guessed) {
    exchange.record.service = guessed->name;
    return std::unexpected(exchange.fail(
        *guessed,
        auth_error(guessed->protocol, {AuthProblem::signature_invalid,
                                       "Credential should be scoped to correct service: '" +
                                           std::string(guessed->name) + "'. "})));
  }
  // No AWS endpoint serves every service, so AWS has no answer for this one.
  return std::unexpected(exchange.fail(
      unknown_service(),
      front_end_error(
          400, "InvalidAction",
          "This endpoint serves ec2, cloudformation, ssm, sts and iam; the request names " +
              (scope ? "service '" + scope->service + "'" : "none"),
          true)));
}

// Who signed, and for which region.
struct Signer {
  std::string access_key_id;  // empty for the one unsigned action
  std::string region;
  std::string arn;  // the caller's, as access-denied messages name it
};

std::expected<Signer, HttpReply> authenticate(const Exchange& exchange, const ServiceInfo& service,
                                              World& world, TimePoint now) {
  const HttpRequest& request = exchange.request;
  if (is_unsigned_web_identity(service, exchange.params, request.headers)) {
    return Signer{"", exchange.scope ? exchange.scope->region : "us-east-1", ""};  // STS's global
  }
  SignedRequest signed_request{request.method, exchange.target.path, exchange.target.query,
                               &request.headers, request.body};
  auto find_key = [&world](const std::string& id) -> std::optional<AccessKey> {
    std::lock_guard lock(world.mutex);
    const AccessKey* key = world.find_key(id);
    return key ? std::optional<AccessKey>(*key) : std::nullopt;
  };
  auto caller = verify_signature(signed_request, find_key, now);
  if (!caller)
    return std::unexpected(exchange.fail(service, auth_error(service.protocol, caller.error())));
  return Signer{caller->key.access_key_id, caller->scope.region, caller->key.arn};
}

// JSON 1.1 bodies are objects; AWS answers anything else with a SerializationException
// without a message.
std::expected<nlohmann::json, HttpReply> json_body(const Exchange& exchange,
                                                   const ServiceInfo& service) {
  if (service.protocol != Protocol::json) return nlohmann::json();
  nlohmann::json body = nlohmann::json::parse(exchange.request.body, nullptr, false);
  if (!body.is_discarded() && body.is_object()) return body;
  ErrorReply error = front_end_error(400, "SerializationException", std::nullopt);
  error.type_prefix = "com.amazon.coral.service#";
  return std::unexpected(exchange.fail(service, error));
}

HttpReply call_handler(const Exchange& exchange, const ServiceInfo& service,
                       const Operation& operation, World& world, const ApiRequest& api_request,
                       const std::string& caller_arn) {
  try {
    ApiResponse response;
    {
      std::lock_guard lock(world.mutex);
      World& account = caller_world(world, caller_arn, api_request.now);
      if (auto refusal = member_refusal(service, account, api_request, caller_arn))
        return exchange.fail(service, *refusal);
      response = (*operation.handler)(account, api_request);
    }
    return exchange.reply(service, std::move(response));
  } catch (const ApiError& error) {
    return exchange.fail(service, reply_for(error));
  } catch (const std::exception& error) {
    // A handler's bug: answered as AWS answers its own failures, with the cause for
    // whoever reads the message.
    ErrorReply failure = fault_error(service, Fault::internal_error);
    failure.message = "emulator handler for " + operation.action + " failed: " + error.what();
    return exchange.fail(service, failure);
  }
}

}  // namespace

Router::Router(World& world, const ApiTable& api, Faults& faults, uint64_t seed)
    : world_(world), api_(api), faults_(faults), id_salt_(seed * 0x9E3779B97F4A7C15ULL) {}

// A version 4 UUID from a counter mixed by splitmix64: unique without a lock, and without
// drawing from the World's generator, whose IDs must not depend on how many calls came.
std::string Router::next_request_id() {
  uint64_t count = id_counter_.fetch_add(1, std::memory_order_relaxed);
  uint64_t a = splitmix64(id_salt_ ^ (count * 2));
  uint64_t b = splitmix64(id_salt_ ^ (count * 2 + 1));
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xffff),
                static_cast<unsigned long long>(a & 0xfff),
                static_cast<unsigned long long>(((b >> 48) & 0x3fff) | 0x8000),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return text;
}

// The steps in AWS's order: service, then (JSON) operation, signature, (query) operation,
// throttling and other faults, body, handler.
HttpReply Router::route(const HttpRequest& request, RequestRecord& record) {
  const TimePoint now = std::chrono::system_clock::now();
  record.time = now;
  record.request_id = next_request_id();
  Exchange exchange(request, record);

  auto service = identify_service(exchange);
  if (!service) return service.error();
  const ServiceInfo& info = **service;

  // JSON services check the operation before the signature (dynalite's record).
  std::optional<Operation> operation;
  if (info.protocol == Protocol::json) {
    auto found = json_operation(api_, info, exchange.amz_target);
    if (!found) return exchange.refuse(info, found.error());
    operation = *found;
    record.action = operation->action;
  }

  auto signer = authenticate(exchange, info, world_, now);
  if (!signer) return signer.error();
  record.region = signer->region;

  if (!operation) {
    auto found = query_operation(api_, info, exchange.params, request, exchange.target.query);
    if (!found) return exchange.refuse(info, found.error());
    operation = *found;
    record.action = operation->action;
  }

  FaultDecision fault = faults_.next(info.name, operation->action);
  record.fault = std::string(fault_name(fault.fault));
  auto faulted = [&](HttpReply reply) {
    reply.delay = fault.latency;
    reply.reset_connection = fault.fault == Fault::reset;
    if (fault.fault == Fault::truncate) truncate_body(reply.body);
    return reply;
  };
  if (auto page = foreign_answer(fault.fault)) return faulted(Exchange::foreign(std::move(*page)));
  if (!reaches_handler(fault.fault)) {
    return faulted(
        exchange.fail(info, fault_error(info, fault.fault, operation->action, signer->arn)));
  }

  auto body = json_body(exchange, info);
  if (!body) return faulted(body.error());
  ApiRequest api_request;
  api_request.service = std::string(info.name);
  api_request.action = operation->action;
  api_request.region = signer->region;
  if (info.protocol != Protocol::json) api_request.params = std::move(exchange.params);
  api_request.body = std::move(*body);
  api_request.access_key_id = signer->access_key_id;
  api_request.request_id = record.request_id;
  api_request.host = std::string(header_value(request.headers, "host").value_or(""));
  api_request.now = now;
  return faulted(call_handler(exchange, info, *operation, world_, api_request, signer->arn));
}

}  // namespace ssmlink::emulator
