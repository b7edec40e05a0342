#include "emulator/faults.hpp"

namespace ssmlink::emulator {

Faults::Faults(FaultSettings settings, uint64_t seed)
    : settings_(settings), seed_(seed), random_(seed) {}

double Faults::uniform() {
  return static_cast<double>(random_() >> 11) * 0x1.0p-53;
}

FaultDecision Faults::next() {
  std::lock_guard lock(mutex_);
  double throttle = uniform();
  double server_error = uniform();
  double which_5xx = uniform();
  double reset = uniform();
  FaultDecision decision;
  decision.latency = settings_.latency;
  if (throttle < settings_.throttle) {
    decision.fault = Fault::throttle;
  } else if (server_error < settings_.server_error) {
    decision.fault = which_5xx < 0.5 ? Fault::internal_error : Fault::unavailable;
  } else if (reset < settings_.reset) {
    decision.fault = Fault::reset;
  }
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

std::string_view fault_name(Fault fault) {
  switch (fault) {
    case Fault::none:
      return "";
    case Fault::throttle:
      return "throttle";
    case Fault::internal_error:
    case Fault::unavailable:
      return "5xx";
    case Fault::reset:
      return "reset";
  }
  return "";
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

}  // namespace

ErrorReply fault_error(const ServiceInfo& service, Fault fault) {
  if (fault == Fault::throttle) return throttling(service);
  return server_failure(service, fault == Fault::unavailable);
}

}  // namespace ssmlink::emulator
