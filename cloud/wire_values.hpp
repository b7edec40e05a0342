// Scalar values as AWS writes them on the wire, checked. Each returns nullopt when the
// text is not such a value, so the caller can say where it was.
#pragma once
#include <optional>
#include <string_view>

#include "util/clock.hpp"

namespace ssmlink::cloud {

// Decimal, optionally negative (EC2 writes -1 for "all ports"), within int.
std::optional<int> parse_int(std::string_view text);
// Exactly "true" or "false", as AWS writes them.
std::optional<bool> parse_bool(std::string_view text);
// ISO 8601 (2026-11-28T07:39:02Z, fractions and offsets accepted), in the years a
// Clock::TimePoint can hold (nanoseconds since 1970: 1678 to 2261).
std::optional<Clock::TimePoint> parse_timestamp(std::string_view text);
// Seconds since 1970, possibly fractional (the JSON protocol's timestamps), in the same range.
std::optional<Clock::TimePoint> from_epoch_seconds(double seconds);

}  // namespace ssmlink::cloud
