#include "util/clock.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

namespace ssmlink {

void SystemClock::sleep_for(std::chrono::milliseconds duration) {
  std::this_thread::sleep_for(duration);
}

std::string format_iso8601(Clock::TimePoint time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

bool parse_iso8601(std::string_view text, Clock::TimePoint& time) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  std::string value(text);
  int year, month, day, hour, minute, second;
  int consumed = 0;
  if (std::sscanf(value.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6 ||
      consumed != 19) {
    return false;
  }
  size_t i = 19;
  if (i < value.size() && value[i] == '.') {
    ++i;
    while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])))
      ++i;
  }
  int offset_minutes = 0;
  if (i < value.size() && (value[i] == 'Z' || value[i] == 'z')) {
    ++i;
  } else if (i < value.size() && (value[i] == '+' || value[i] == '-')) {
    int oh, om;
    if (std::sscanf(value.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2) return false;
    offset_minutes = (oh * 60 + om) * (value[i] == '+' ? 1 : -1);
    i += 6;
  } else {
    return false;
  }
  // system_clock counts nanoseconds in 64 bits: years outside 1678-2261 would overflow.
  if (i != value.size() || year < 1678 || year > 2261 || month < 1 || month > 12 || day < 1 ||
      day > 31 || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  std::tm utc{};
  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  time =
      std::chrono::system_clock::from_time_t(timegm(&utc)) - std::chrono::minutes(offset_minutes);
  return true;
}

}  // namespace ssmlink
