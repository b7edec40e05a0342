// Injected failures, so that clients' retries can be tested: throttling, 5xx, latency and
// connections closed mid-response, each at a rate, from a seeded generator of its own
// (the World's IDs stay the same whatever the faults draw). Every request draws the same
// number of values, so one seed gives one sequence of faults whatever the rates.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string_view>

#include "emulator/envelopes.hpp"

namespace ssmlink::emulator {

struct FaultSettings {
  double throttle = 0;                   // probability 0..1 of the service's throttling error
  double server_error = 0;               // probability of a 500 or 503 (half each)
  std::chrono::milliseconds latency{0};  // added before every answer
  double reset = 0;                      // probability that the connection closes mid-response
};

enum class Fault { none, throttle, internal_error, unavailable, reset };

struct FaultDecision {
  Fault fault = Fault::none;
  std::chrono::milliseconds latency{0};
};

class Faults {
 public:
  explicit Faults(FaultSettings settings = {}, uint64_t seed = 1);

  // The next request's fault; thread-safe.
  FaultDecision next();

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

// "throttle", "5xx" (500 and 503 alike), "reset", or "" for none: the names the admin API
// and the request log use.
std::string_view fault_name(Fault fault);

// The error the service answers with for a throttle or a 5xx fault.
ErrorReply fault_error(const ServiceInfo& service, Fault fault);

}  // namespace ssmlink::emulator
