#include "emulator/faults.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "util/strings.hpp"

namespace ssmlink::emulator {

Faults::Faults(FaultSettings settings, uint64_t seed)
    : settings_(std::move(settings)), seed_(seed), random_(seed) {}

double Faults::uniform() {
  return static_cast<double>(random_() >> 11) * 0x1.0p-53;
}

namespace {

// One request's draws, all taken whatever the settings.
struct Draws {
  double throttle, server_error, which_5xx, reset, html, which_html, truncate, operation;
};

// Every kind by its name, in the order --help lists them.
constexpr std::pair<FaultKind, std::string_view> kind_names[] = {
    {FaultKind::throttle, "throttle"}, {FaultKind::server_error, "5xx"},
    {FaultKind::reset, "reset"},       {FaultKind::html, "html"},
    {FaultKind::truncate, "truncate"}, {FaultKind::garbage, "garbage"},
    {FaultKind::denied, "denied"},     {FaultKind::unknown, "unknown"},
    {FaultKind::hang, "hang"},
};

// The kind each fault is one of.
constexpr std::pair<Fault, FaultKind> fault_kinds[] = {
    {Fault::throttle, FaultKind::throttle},
    {Fault::internal_error, FaultKind::server_error},
    {Fault::unavailable, FaultKind::server_error},
    {Fault::reset, FaultKind::reset},
    {Fault::bad_gateway_page, FaultKind::html},
    {Fault::server_error_page, FaultKind::html},
    {Fault::truncate, FaultKind::truncate},
    {Fault::garbage, FaultKind::garbage},
    {Fault::denied, FaultKind::denied},
    {Fault::unknown, FaultKind::unknown},
    {Fault::hang, FaultKind::hang},
};

// 5xx and html have two faults each, picked by their own draw.
Fault fault_of(FaultKind kind, const Draws& draws) {
  if (kind == FaultKind::server_error) {
    return draws.which_5xx < 0.5 ? Fault::internal_error : Fault::unavailable;
  }
  if (kind == FaultKind::html) {
    return draws.which_html < 0.5 ? Fault::bad_gateway_page : Fault::server_error_page;
  }
  for (auto [fault, of] : fault_kinds) {
    if (of == kind) return fault;
  }
  return Fault::none;
}

// The random faults in the order they are decided: the first whose draw falls under its
// rate strikes.
std::optional<FaultKind> random_fault(const FaultSettings& settings, const Draws& draws) {
  struct Chance {
    double draw;
    double rate;
    FaultKind kind;
  };
  const Chance chances[] = {
      {draws.throttle, settings.throttle, FaultKind::throttle},
      {draws.server_error, settings.server_error, FaultKind::server_error},
      {draws.html, settings.html, FaultKind::html},
      {draws.reset, settings.reset, FaultKind::reset},
      {draws.truncate, settings.truncate, FaultKind::truncate},
  };
  for (const Chance& chance : chances) {
    if (chance.draw < chance.rate) return chance.kind;
  }
  return std::nullopt;
}

}  // namespace

FaultDecision Faults::next(std::string_view service, std::string_view operation) {
  std::lock_guard lock(mutex_);
  Draws draws{};
  for (double* draw : {&draws.throttle, &draws.server_error, &draws.which_5xx, &draws.reset,
                       &draws.html, &draws.which_html, &draws.truncate, &draws.operation}) {
    *draw = uniform();
  }
  FaultDecision decision;
  decision.latency = settings_.latency;
  std::optional<FaultKind> kind;
  auto configured = settings_.operations.find(std::string(service) + ":" + std::string(operation));
  if (configured != settings_.operations.end() && draws.operation < configured->second.rate) {
    kind = configured->second.kind;
    if (*kind == FaultKind::hang) decision.latency += configured->second.hang;
  } else {
    kind = random_fault(settings_, draws);
  }
  if (kind) decision.fault = fault_of(*kind, draws);
  return decision;
}

FaultSettings Faults::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

uint64_t Faults::seed() const {
  std::lock_guard lock(mutex_);
  return seed_;
}

void Faults::configure(const FaultSettings& settings) {
  std::lock_guard lock(mutex_);
  settings_ = settings;
}

void Faults::reseed(uint64_t seed) {
  std::lock_guard lock(mutex_);
  seed_ = seed;
  random_.seed(seed);
}

std::string_view fault_kind_name(FaultKind kind) {
  for (auto [of, name] : kind_names) {
    if (of == kind) return name;
  }
  return "";
}

std::string_view fault_name(Fault fault) {
  for (auto [of, kind] : fault_kinds) {
    if (of == fault) return fault_kind_name(kind);
  }
  return "";
}

bool reaches_handler(Fault fault) {
  return fault == Fault::none || fault == Fault::reset || fault == Fault::truncate ||
         fault == Fault::hang;
}

namespace {

// Throttling as each service sends it:
// - EC2: RequestLimitExceeded, 503, "Request limit exceeded." (the pair botocore's
//   _retry.json entry request_limit_exceeded matches; the message as EC2 clients record it);
// - CloudFormation and STS: Throttling, 400, "Rate exceeded" (CloudFormation's
//   <ErrorResponse> as recorded by boto users; STS shares the query front end);
// - SSM: ThrottlingException, 400, "Rate exceeded", with the Coral availability namespace
//   other JSON 1.1 services send.
ErrorReply throttling(const ServiceInfo& service) {
  switch (service.protocol) {
    case Protocol::ec2:
      return make_error(503, "RequestLimitExceeded", "Request limit exceeded.");
    case Protocol::query:
      return make_error(400, "Throttling", "Rate exceeded");
    case Protocol::json:
      return make_error(400, "ThrottlingException", "Rate exceeded", true,
                        "com.amazon.coral.availability#");
  }
  return make_error(400, "Throttling", "Rate exceeded");
}

// Server-side failures with the codes of AWS's common-error lists. The messages are those
// lists' descriptions (EC2: InternalError "An internal error has occurred", Unavailable
// "The server is overloaded and can't handle the request."; query: InternalFailure,
// ServiceUnavailable); the exact wire wording of these was not confirmed. SSM's 500 is
// its modelled InternalServerError.
ErrorReply server_failure(const ServiceInfo& service, bool unavailable) {
  constexpr const char* temporary =
      "The request has failed due to a temporary failure of the server.";
  switch (service.protocol) {
    case Protocol::ec2:
      return unavailable
                 ? make_error(503, "Unavailable",
                              "The server is overloaded and can't handle the request.", false)
                 : make_error(500, "InternalError", "An internal error has occurred", false);
    case Protocol::query:
      return unavailable ? make_error(503, "ServiceUnavailable", temporary, false)
                         : make_error(500, "InternalFailure",
                                      "The request processing has failed because of an unknown "
                                      "error, exception or failure.",
                                      false);
    case Protocol::json:
      return unavailable
                 ? make_error(503, "ServiceUnavailableException", temporary, false,
                              "com.amazon.coral.availability#")
                 : make_error(500, "InternalServerError", "An internal error has occurred", false);
  }
  return make_error(500, "InternalFailure", "Internal failure", false);
}

// Access denied as each service sends it when IAM does not allow the call:
// - EC2: UnauthorizedOperation, 403, "You are not authorized to perform this operation."
//   (EC2 API Reference, query-api-troubleshooting);
// - CloudFormation and STS: AccessDenied, 403, Sender;
// - SSM: its modelled AccessDeniedException (ssm/2014-11-06 service-2.json), 400.
// The query and JSON messages follow IAM's implicit-deny wording, "User: ARN is not
// authorized to perform: service:Action because no identity-based policy allows the
// service:Action action" (the signing names are also the IAM prefixes of these four).
ErrorReply access_denied(const ServiceInfo& service, std::string_view action,
                         std::string_view caller_arn) {
  std::string permission = std::string(service.name) + ":" + std::string(action);
  std::string message = "User: " + std::string(caller_arn.empty() ? "anonymous" : caller_arn) +
                        " is not authorized to perform: " + permission +
                        " because no identity-based policy allows the " + permission + " action";
  switch (service.protocol) {
    case Protocol::ec2:
      return make_error(403, "UnauthorizedOperation",
                        "You are not authorized to perform this operation.");
    case Protocol::query:
      return make_error(403, "AccessDenied", message);
    case Protocol::json:
      return make_error(400, "AccessDeniedException", message);
  }
  return make_error(403, "AccessDenied", message);
}

// A load balancer's page when the service behind it fails (nginx's, as ELB sends it).
constexpr std::string_view bad_gateway_page =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

// A web framework's page when a non-AWS emulator meets a call it does not implement.
constexpr std::string_view server_error_page =
    "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
    "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was "
    "unable to complete your request. Either the server is overloaded or there is an error "
    "in the application.</p>\n";

}  // namespace

ErrorReply fault_error(const ServiceInfo& service, Fault fault, std::string_view action,
                       std::string_view caller_arn) {
  switch (fault) {
    case Fault::throttle:
      return throttling(service);
    case Fault::denied:
      return access_denied(service, action, caller_arn);
    case Fault::unknown:
      return make_error(400, "WeirdInternalThing",
                        "Something went wrong that has no documented error code.");
    default:
      return server_failure(service, fault == Fault::unavailable);
  }
}

std::optional<ApiResponse> foreign_answer(Fault fault) {
  switch (fault) {
    case Fault::bad_gateway_page:
      return ApiResponse{502, "text/html", std::string(bad_gateway_page)};
    case Fault::server_error_page:
      return ApiResponse{500, "text/html; charset=utf-8", std::string(server_error_page)};
    case Fault::garbage:
      return ApiResponse{200, "text/plain; charset=utf-8", "request accepted\n"};
    default:
      return std::nullopt;
  }
}

void truncate_body(std::string& body) {
  body.resize(body.size() / 2);
}

namespace {

std::string known_services() {
  std::vector<std::string> names;
  for (const auto& service : served_services())
    names.emplace_back(service.name);
  return join(names, ", ");
}

std::string known_kinds() {
  std::vector<std::string> names;
  for (auto [kind, name] : kind_names)
    names.emplace_back(name);
  return join(names, ", ");
}

// AWS operation names: an upper-case letter, then letters and digits.
bool is_operation_name(std::string_view name) {
  if (name.empty() || name[0] < 'A' || name[0] > 'Z') return false;
  for (char c : name) {
    bool alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alphanumeric) return false;
  }
  return true;
}

std::optional<std::chrono::milliseconds> parse_hang(std::string_view text) {
  long long ms = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || ms < 0 ||
      ms > max_hang.count()) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(ms);
}

}  // namespace

std::optional<double> parse_probability(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value) || value < 0 || value > 1) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> check_operation_key(std::string_view key) {
  size_t colon = key.find(':');
  if (colon == std::string_view::npos) {
    return in_quotes(key) + " is not SERVICE:Operation, e.g. ssm:DescribeInstanceInformation";
  }
  std::string_view service = key.substr(0, colon);
  std::string_view operation = key.substr(colon + 1);
  if (!find_service(service)) {
    return in_quotes(key) + ": unknown service " + in_quotes(service) +
           " (known: " + known_services() + ")";
  }
  if (!is_operation_name(operation)) {
    return in_quotes(key) + ": " + in_quotes(operation) +
           " is not an operation name such as DescribeInstanceInformation";
  }
  return std::nullopt;
}

std::expected<OperationFault, std::string> parse_operation_fault(std::string_view spec) {
  OperationFault fault;
  std::string_view kind = spec;
  if (size_t at = kind.find('@'); at != std::string_view::npos) {
    std::string_view rate = kind.substr(at + 1);
    auto probability = parse_probability(rate);
    if (!probability) {
      return std::unexpected("the rate " + in_quotes(rate) +
                             " after '@' is not a probability from 0 to 1");
    }
    fault.rate = *probability;
    kind = kind.substr(0, at);
  }
  std::optional<std::string_view> hang;
  if (size_t colon = kind.find(':'); colon != std::string_view::npos) {
    hang = kind.substr(colon + 1);
    kind = kind.substr(0, colon);
  }
  bool found = false;
  for (auto [candidate, name] : kind_names) {
    if (name == kind) {
      fault.kind = candidate;
      found = true;
    }
  }
  if (!found) {
    return std::unexpected("unknown fault " + in_quotes(kind) + " (known: " + known_kinds() +
                           "; e.g. html, throttle@0.5, hang:2000)");
  }
  if (hang && fault.kind != FaultKind::hang) {
    return std::unexpected("only hang takes a duration, got " + in_quotes(spec));
  }
  if (hang) {
    auto duration = parse_hang(*hang);
    if (!duration) {
      return std::unexpected("hang:" + printable(*hang, 40) +
                             " is not a number of milliseconds from 0 to " +
                             std::to_string(max_hang.count()));
    }
    fault.hang = *duration;
  }
  return fault;
}

std::expected<std::pair<std::string, OperationFault>, std::string> parse_operation_fault_entry(
    std::string_view entry) {
  size_t equals = entry.find('=');
  if (equals == std::string_view::npos) {
    return std::unexpected(in_quotes(entry) +
                           " is not SERVICE:Operation=KIND, e.g. "
                           "ssm:DescribeInstanceInformation=html");
  }
  std::string key(entry.substr(0, equals));
  if (auto problem = check_operation_key(key)) return std::unexpected(*problem);
  auto fault = parse_operation_fault(entry.substr(equals + 1));
  if (!fault) return std::unexpected(key + ": " + fault.error());
  return std::pair{key, *fault};
}

std::string operation_fault_spec(const OperationFault& fault) {
  std::string spec(fault_kind_name(fault.kind));
  if (fault.kind == FaultKind::hang) spec += ":" + std::to_string(fault.hang.count());
  if (fault.rate != 1) {
    char text[32];
    auto end = std::to_chars(text, text + sizeof text, fault.rate).ptr;
    spec += "@" + std::string(text, end);
  }
  return spec;
}

namespace {

std::string not_served(const std::string& key, const ApiTable& api) {
  size_t colon = key.find(':');
  std::string service = key.substr(0, colon);
  std::vector<std::string> served;
  if (auto handlers = api.find(service); handlers != api.end()) {
    for (const auto& [name, handler] : handlers->second)
      served.push_back(name);
  }
  return in_quotes(key) + ": this emulator does not serve " + service + " " +
         key.substr(colon + 1) + " (it serves " +
         (served.empty() ? "no " + service + " operation" : join(served, ", ")) + ")";
}

}  // namespace

std::optional<std::string> unserved_operation(const OperationFaults& faults, const ApiTable& api) {
  for (const auto& [key, fault] : faults) {
    size_t colon = key.find(':');
    auto handlers = api.find(key.substr(0, colon));
    if (handlers == api.end() || !handlers->second.contains(key.substr(colon + 1))) {
      return not_served(key, api);
    }
  }
  return std::nullopt;
}

}  // namespace ssmlink::emulator
