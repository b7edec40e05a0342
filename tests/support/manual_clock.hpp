// Test helper: a clock that stands still until the test moves it; sleeping moves it
// forward at once and is recorded, so retries and expiry are tested without waiting.
#pragma once
#include <mutex>
#include <vector>

#include "util/clock.hpp"

namespace ssmlink::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  // 2026-11-28T12:00:00Z, a fixed and readable start.
  static TimePoint default_start() { return TimePoint(std::chrono::seconds(1795867200)); }
  ManualClock() : ManualClock(default_start()) {}

  TimePoint now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void sleep_for(std::chrono::milliseconds duration) override {
    std::lock_guard lock(mutex_);
    now_ += duration;
    sleeps_.push_back(duration);
  }
  void advance(std::chrono::system_clock::duration duration) {
    std::lock_guard lock(mutex_);
    now_ += duration;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace ssmlink::testing
