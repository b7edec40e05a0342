// Test helper: a UTC time point from its calendar fields, built without the parsers under
// test.
#pragma once
#include <chrono>

#include "util/clock.hpp"

namespace ssmlink::testing {

inline Clock::TimePoint utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                            int second = 0, int millisecond = 0) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} +
         hours{hour} + minutes{minute} + seconds{second} + milliseconds{millisecond};
}

}  // namespace ssmlink::testing
