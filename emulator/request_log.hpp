// Every AWS call the emulator answered, for tests and for counting a client's API calls:
// one record per request, read back as JSON lines. The newest `capacity` are kept, so a
// throughput run cannot grow it without bound.
#pragma once
#include <cstddef>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/model.hpp"

namespace ssmlink::emulator {

struct RequestRecord {
  TimePoint time;  // when the request arrived
  std::string service;
  std::string action;
  std::string region;
  int status = 0;
  double latency_ms = 0;
  std::string error_code;  // empty on success
  std::string fault;       // the injected fault, if any (faults.hpp fault_name)
  std::string request_id;
};

// {"time": "2026-11-28T07:39:02.123Z", "service": ..., "action": ..., "region": ...,
//  "status": 200, "latency_ms": 1.2, "request_id": ..., "error": ..., "fault": ...}
// (error and fault only when there is one).
nlohmann::json to_json(const RequestRecord& record);

class RequestLog {
 public:
  explicit RequestLog(size_t capacity = 100000);

  void add(RequestRecord record);
  std::vector<RequestRecord> records() const;
  // One JSON object per line, oldest first.
  std::string json_lines() const;
  size_t size() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  size_t capacity_;
  std::deque<RequestRecord> records_;
};

}  // namespace ssmlink::emulator
