#include "emulator/request_log.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace ssmlink::emulator {

namespace {

std::string iso8601_milliseconds(TimePoint time) {
  using namespace std::chrono;
  auto milliseconds = duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(milliseconds / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(milliseconds % 1000));
  return text;
}

}  // namespace

nlohmann::json to_json(const RequestRecord& record) {
  nlohmann::json line = {
      {"time", iso8601_milliseconds(record.time)},
      {"service", record.service},
      {"action", record.action},
      {"region", record.region},
      {"status", record.status},
      {"latency_ms", std::round(record.latency_ms * 1000) / 1000},
      {"request_id", record.request_id},
  };
  if (!record.error_code.empty()) line["error"] = record.error_code;
  if (!record.fault.empty()) line["fault"] = record.fault;
  return line;
}

RequestLog::RequestLog(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

void RequestLog::add(RequestRecord record) {
  std::lock_guard lock(mutex_);
  if (records_.size() == capacity_) records_.pop_front();
  records_.push_back(std::move(record));
}

std::vector<RequestRecord> RequestLog::records() const {
  std::lock_guard lock(mutex_);
  return {records_.begin(), records_.end()};
}

std::string RequestLog::json_lines() const {
  std::string out;
  for (const auto& record : records()) {
    out += to_json(record).dump();
    out += '\n';
  }
  return out;
}

size_t RequestLog::size() const {
  std::lock_guard lock(mutex_);
  return records_.size();
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  records_.clear();
}

}  // namespace ssmlink::emulator
