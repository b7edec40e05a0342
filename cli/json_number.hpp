// Numbers as JSON output shows them.
#pragma once
#include <cmath>

namespace ssmlink::cli {

// Binary fractions (3 x 0.014 = 0.042000000000000003) would otherwise reach the JSON:
// six decimals are finer than any price or duration ssmlink reports.
inline double rounded_for_json(double value) {
  return std::round(value * 1e6) / 1e6;
}

}  // namespace ssmlink::cli
