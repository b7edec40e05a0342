// Time behind an interface, so that retries, expiry and polling can be tested without
// waiting. SystemClock is the real one.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace ssmlink {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
  void sleep_for(std::chrono::milliseconds duration) override;
};

// ISO 8601 / RFC 3339 UTC, e.g. 2026-11-28T07:39:02Z (fractions and offsets accepted
// when parsing). parse_iso8601 returns false for anything else.
std::string format_iso8601(Clock::TimePoint time);
bool parse_iso8601(std::string_view text, Clock::TimePoint& time);

}  // namespace ssmlink
