// Injected failures, so that clients can be tested against every bad answer that real
// networks, proxies and other emulators give: throttling, 5xx, latency, connections closed
// mid-response, HTML error pages, bodies cut short, bodies that are not XML or JSON, access
// denied, error codes no client knows, and answers held back. Some come at a rate, from a
// seeded generator of its own (the World's IDs stay the same whatever the faults draw);
// any of them can be set for one operation. Every request draws the same number of values,
// so one seed gives one sequence of faults whatever the rates.
#pragma once
#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "emulator/envelopes.hpp"

namespace ssmlink::emulator {

// What can be asked for, by its name in --fault-op and the admin API.
enum class FaultKind {
  throttle,      // "throttle": the service's throttling error
  server_error,  // "5xx": 500 or 503 in the service's envelope (half each)
  reset,         // "reset": the connection closes mid-response (the handler runs)
  html,          // "html": a 502 or 500 HTML page, as a proxy or a non-AWS server sends
  truncate,      // "truncate": the real answer with its body cut in half
  garbage,       // "garbage": 200 with a plain-text body, neither XML nor JSON
  denied,        // "denied": the service's access-denied error
  unknown,       // "unknown": an AWS-shaped error with a code no client knows
  hang,          // "hang": the real answer, held back for a while
};

// Answers are held at most this long: a held answer keeps one of the server's workers.
inline constexpr std::chrono::milliseconds max_hang{600000};

// A fault for the calls of one operation: every call, or a share of them.
struct OperationFault {
  FaultKind kind = FaultKind::throttle;
  double rate = 1;
  std::chrono::milliseconds hang{30000};  // how long "hang" holds the answer

  bool operator==(const OperationFault&) const = default;
};

// "ssm:DescribeInstanceInformation" (signing name, ':', operation) -> its fault.
using OperationFaults = std::map<std::string, OperationFault>;

struct FaultSettings {
  double throttle = 0;                   // probability 0..1 of the service's throttling error
  double server_error = 0;               // probability of a 500 or 503 (half each)
  std::chrono::milliseconds latency{0};  // added before every answer
  double reset = 0;                      // probability that the connection closes mid-response
  double html = 0;                       // probability of an HTML page, 502 or 500 (half each)
  double truncate = 0;                   // probability that the body is cut in half
  // Win over the rates for their operation when they strike (with their own rate).
  OperationFaults operations;
};

// What happens to one request.
enum class Fault {
  none,
  throttle,
  internal_error,  // 500
  unavailable,     // 503
  reset,
  bad_gateway_page,   // html: a load balancer's 502 page
  server_error_page,  // html: a non-AWS server's 500 page
  truncate,
  garbage,
  denied,
  unknown,
  hang,
};

struct FaultDecision {
  Fault fault = Fault::none;
  std::chrono::milliseconds latency{0};  // before the answer; for a hang, the hold too
};

class Faults {
 public:
  explicit Faults(FaultSettings settings = {}, uint64_t seed = 1);

  // The next request's fault, for a call of `operation` of `service` (a signing name);
  // thread-safe.
  FaultDecision next(std::string_view service = {}, std::string_view operation = {});

  FaultSettings settings() const;
  uint64_t seed() const;
  void configure(const FaultSettings& settings);
  // Starts the sequence again from `seed`.
  void reseed(uint64_t seed);

 private:
  double uniform();  // [0, 1), from 53 bits: the same on every platform

  mutable std::mutex mutex_;
  FaultSettings settings_;
  uint64_t seed_;
  std::mt19937_64 random_;
};

// "throttle", "5xx" (500 and 503 alike), "reset", "html" (502 and 500 alike), "truncate",
// "garbage", "denied", "unknown", "hang", or "" for none: the names the admin API and the
// request log use.
std::string_view fault_name(Fault fault);
std::string_view fault_kind_name(FaultKind kind);

// Whether the operation still runs (its answer then comes late, cut short or not at all)
// or the fault answers in its place.
bool reaches_handler(Fault fault);

// The AWS error that answers for a throttle, 5xx, denied or unknown fault; denied names
// `action` and the caller (`caller_arn`) as AWS does.
ErrorReply fault_error(const ServiceInfo& service, Fault fault, std::string_view action = {},
                       std::string_view caller_arn = {});

// What a server in front of AWS, or instead of it, answers for an html or garbage fault
// (no AWS envelope, no request ID); nullopt for the other faults.
std::optional<ApiResponse> foreign_answer(Fault fault);

// The answer a truncate fault sends: the first half of the body, so that its
// Content-Length matches what is sent and the document is cut off.
void truncate_body(std::string& body);

// --fault-op and the admin API's "operations", each message naming the bad part and what
// is accepted (the caller says where it came from):
// "ssm:DescribeInstanceInformation": a service the emulator serves and an operation name.
std::optional<std::string> check_operation_key(std::string_view key);
// KIND[:MS][@RATE]: "html", "throttle@0.5", "hang", "hang:2000" (":MS" only for hang).
std::expected<OperationFault, std::string> parse_operation_fault(std::string_view spec);
// SERVICE:Operation=KIND[:MS][@RATE], as --fault-op takes it.
std::expected<std::pair<std::string, OperationFault>, std::string> parse_operation_fault_entry(
    std::string_view entry);
// The spec back, as parse_operation_fault reads it: "hang:30000", "throttle@0.5".
std::string operation_fault_spec(const OperationFault& fault);
// Nullopt when every operation is one of `api`'s; else which is not and what there is.
std::optional<std::string> unserved_operation(const OperationFaults& faults, const ApiTable& api);

// A probability from 0 to 1, written as a plain decimal ("0.25", "1"); nullopt otherwise.
std::optional<double> parse_probability(std::string_view text);

}  // namespace ssmlink::emulator
