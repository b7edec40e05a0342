#include "cloud/wire_values.hpp"

#include <charconv>
#include <cmath>

namespace ssmlink::cloud {

namespace {
// Nanosecond time points overflow outside about 1677-09-21 .. 2262-04-11.
constexpr double kFirstSecond = -9'214'560'000.0;  // 1678-01-01T00:00:00Z
constexpr double kLastSecond = 9'214'646'399.0;    // 2261-12-31T23:59:59Z
}  // namespace

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::optional<Clock::TimePoint> parse_timestamp(std::string_view text) {
  Clock::TimePoint time;  // parse_iso8601 refuses years a time point cannot hold
  if (!parse_iso8601(text, time)) return std::nullopt;
  return time;
}

std::optional<Clock::TimePoint> from_epoch_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < kFirstSecond || seconds > kLastSecond) {
    return std::nullopt;
  }
  // A double near 1.7e9 is exact to about 0.25 us: rounding to microseconds gives back the
  // milliseconds AWS wrote (1764315542.421 -> .421000), truncating would not.
  auto since_epoch =
      std::chrono::round<std::chrono::microseconds>(std::chrono::duration<double>(seconds));
  return Clock::TimePoint(since_epoch);
}

}  // namespace ssmlink::cloud
